// One polite, dismissible notice above the chat; each message has a topic so it can be withdrawn.
import { takeRefusal } from "./api-fetch.js";

const banner = document.querySelector("[data-banner]");
const text = banner.querySelector("[data-banner-text]");
const when = banner.querySelector("[data-banner-when]");
let topic = null;
let timer = null;

banner.querySelector("[data-banner-close]").addEventListener("click", () => hideBanner());

/** With `retryAt` (epoch ms) the banner counts down to when the user may try again. */
export function showBanner(message, { kind = "error", retryAt = null } = {}) {
  topic = kind;
  text.textContent = message;
  banner.dataset.kind = kind;
  banner.hidden = false;
  countDown(retryAt);
}

/** Hides the banner; with `kind`, only if it still shows that kind of message. */
export function hideBanner(kind = null) {
  if (kind && topic !== kind) return;
  topic = null;
  banner.hidden = true;
  countDown(null);
}

/**
 * An element error (chatkit.error). A refusal the server explained (429 over a limit, 503 while
 * the database is down) shows the server's words and when to retry, whichever client reported
 * it: the open client's error carries them, ChatKit.js's does not, so api-fetch kept them.
 */
export function showErrorBanner(error) {
  const refusal = takeRefusal();
  if (error?.status && error?.retryAfter != null) {
    showBanner(error.message, { kind: "refusal", retryAt: Date.now() + error.retryAfter * 1000 });
  } else if (refusal) {
    showBanner(refusal.message, { kind: "refusal", retryAt: refusal.retryAt });
  } else {
    showBanner(`Something went wrong: ${error?.message || "please try again"}.`);
  }
}

function countDown(retryAt) {
  clearInterval(timer);
  when.hidden = retryAt == null;
  if (retryAt == null) return;
  const tick = () => {
    const left = Math.ceil((retryAt - Date.now()) / 1000);
    when.textContent = left > 0 ? `You can try again in ${left} s.` : "You can try again now.";
    if (left <= 0) clearInterval(timer);
  };
  tick();
  timer = setInterval(tick, 1000);
}
