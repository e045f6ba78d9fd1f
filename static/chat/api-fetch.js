// Every ChatKit request carries the session cookie and Django's CSRF token.
function cookie(name) {
  const match = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : "";
}

export function csrfFetch(input, init = {}) {
  const headers = new Headers(init.headers || {});
  headers.set("X-CSRFToken", cookie("csrftoken"));
  return fetch(input, { ...init, headers, credentials: "same-origin" });
}
