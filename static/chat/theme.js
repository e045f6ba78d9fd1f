// The user's colour scheme: their last explicit choice, else the system preference.
export const SCHEME_KEY = "chatkit-studio.color-scheme";
const systemDark = window.matchMedia("(prefers-color-scheme: dark)");

export function savedScheme() {
  const saved = localStorage.getItem(SCHEME_KEY);
  return saved === "light" || saved === "dark" ? saved : null;
}

export function preferredScheme() {
  return savedScheme() ?? (systemDark.matches ? "dark" : "light");
}

/** Paints the page chrome; `remember` makes it the user's choice (a reload keeps it). */
export function showScheme(scheme, { remember = false } = {}) {
  if (remember) localStorage.setItem(SCHEME_KEY, scheme);
  document.documentElement.dataset.colorScheme = scheme;
}

/** Follows the system setting for as long as the user has not chosen. */
export function onSystemSchemeChange(callback) {
  systemDark.addEventListener("change", () => {
    if (!savedScheme()) callback(preferredScheme());
  });
}
