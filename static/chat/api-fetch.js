// Every ChatKit request carries the session cookie and Django's CSRF token. The token comes from
// the page (a meta tag the template renders), not from the csrftoken cookie: with
// CSRF_USE_SESSIONS or CSRF_COOKIE_HTTPONLY there is no cookie script can read, and Django's
// docs say to read the token from the DOM then.
function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";
}

// A 429 (past a turn or upload limit) or 503 (database down) carries a message written for the
// user and a Retry-After. ChatKit.js reports such a failure to onError with a message of its
// own, so the last one is kept here for the page's error banner (`takeRefusal`).
const REFUSALS = new Set([429, 503]);
const REFUSAL_FRESH_MS = 15000;
let lastRefusal = null;

function retryAfterSeconds(header) {
  if (!header) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header);
  const when = Date.parse(header);
  return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

async function noteRefusal(response) {
  const body = await response.clone().json().catch(() => null);
  if (typeof body?.error !== "string") return;
  const seconds = retryAfterSeconds(response.headers.get("Retry-After"));
  lastRefusal = { message: body.error, status: response.status, retryAt: seconds == null ? null : Date.now() + seconds * 1000, at: Date.now() };
}

/**
 * The server's explanation of a refusal seen in the last few seconds, once: `{message, status,
 * retryAt}` (retryAt in epoch ms, or null), else null.
 */
export function takeRefusal() {
  const refusal = lastRefusal;
  lastRefusal = null;
  return refusal && Date.now() - refusal.at < REFUSAL_FRESH_MS ? refusal : null;
}

/** @type {typeof fetch} */
export async function csrfFetch(input, init = {}) {
  const headers = new Headers(init.headers || {});
  headers.set("X-CSRFToken", csrfToken());
  const response = await fetch(input, { ...init, headers, credentials: "same-origin" });
  if (REFUSALS.has(response.status)) await noteRefusal(response);
  return response;
}
