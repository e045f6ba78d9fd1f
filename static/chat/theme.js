// The user's colour scheme: their last explicit choice, else the system preference.
const KEY = "chatkit-studio.color-scheme";

export function preferredScheme() {
  const saved = localStorage.getItem(KEY);
  if (saved === "light" || saved === "dark") return saved;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function rememberScheme(scheme) {
  localStorage.setItem(KEY, scheme);
  document.documentElement.dataset.colorScheme = scheme;
}
