// One polite, dismissible notice above the chat; each message has a topic so it can be withdrawn.
const banner = document.querySelector("[data-banner]");
const text = banner.querySelector("[data-banner-text]");
let topic = null;

banner.querySelector("[data-banner-close]").addEventListener("click", () => hideBanner());

export function showBanner(message, { kind = "error" } = {}) {
  topic = kind;
  text.textContent = message;
  banner.dataset.kind = kind;
  banner.hidden = false;
}

/** Hides the banner; with `kind`, only if it still shows that kind of message. */
export function hideBanner(kind = null) {
  if (kind && topic !== kind) return;
  topic = null;
  banner.hidden = true;
}
