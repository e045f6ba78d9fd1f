// Every ChatKit request carries the session cookie and Django's CSRF token. The token comes from
// the page (a meta tag the template renders), not from the csrftoken cookie: with
// CSRF_USE_SESSIONS or CSRF_COOKIE_HTTPONLY there is no cookie script can read, and Django's
// docs say to read the token from the DOM then.
function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";
}

/** @type {typeof fetch} */
export function csrfFetch(input, init = {}) {
  const headers = new Headers(init.headers || {});
  headers.set("X-CSRFToken", csrfToken());
  return fetch(input, { ...init, headers, credentials: "same-origin" });
}
