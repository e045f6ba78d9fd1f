// ChatKit's ThemeOption onto the element's CSS custom properties. Every lever is a property
// or a data attribute on the host, so styles.js needs no per-theme rules beyond those.

/**
 * @typedef {import("@openai/chatkit").ThemeOption} ThemeOption
 * @typedef {import("@openai/chatkit").FontObject} FontObject
 */

// [card, control, composer, bubble] radii per ThemeOption.radius.
const RADII = {
  pill: ["20px", "999px", "28px", "22px"],
  round: ["14px", "10px", "22px", "18px"],
  soft: ["10px", "6px", "14px", "12px"],
  sharp: ["2px", "2px", "3px", "3px"],
};

// [transcript gap, horizontal padding, control padding] per ThemeOption.density.
const DENSITY = {
  compact: ["8px", "clamp(8px, 3vw, 14px)", "4px"],
  normal: ["14px", "clamp(10px, 4vw, 24px)", "6px"],
  spacious: ["22px", "clamp(14px, 5vw, 36px)", "10px"],
};

// How much of the accent goes into tinted surfaces, per AccentColor.level (0 to 3).
const ACCENT_TINT = ["0%", "12%", "20%", "30%"];

const SET_BY_THEME = [
  "--cko-accent", "--cko-on-accent", "--cko-accent-tint", "--cko-radius", "--cko-radius-control",
  "--cko-radius-composer", "--cko-radius-bubble", "--cko-gap", "--cko-pad-x", "--cko-pad-control",
  "--cko-font-size", "--cko-font", "--cko-font-mono", "--cko-bg", "--cko-surface", "--cko-surface-2",
  "--cko-surface-3", "--cko-surface-elevated", "--cko-text", "--cko-text-strong", "--cko-text-muted",
  "--cko-text-faint", "--cko-border", "--cko-border-subtle", "--cko-border-strong",
];

/**
 * @param {HTMLElement} host
 * @param {ThemeOption} theme
 */
export function applyTheme(host, theme) {
  for (const name of SET_BY_THEME) host.style.removeProperty(name);
  const dark = theme.colorScheme === "dark";
  host.setAttribute("data-color-scheme", dark ? "dark" : "light");
  const set = (name, value) => { if (value != null && value !== "") host.style.setProperty(name, String(value)); };

  const accent = theme.color?.accent;
  if (accent?.primary) {
    set("--cko-accent", accent.primary);
    set("--cko-on-accent", readableOn(accent.primary));
  }
  const level = accent?.level ?? 1;
  host.setAttribute("data-accent-level", String(level));
  set("--cko-accent-tint", ACCENT_TINT[level] ?? ACCENT_TINT[1]);

  const radius = RADII[theme.radius] ?? RADII.round;
  host.setAttribute("data-radius", theme.radius ?? "round");
  ["--cko-radius", "--cko-radius-control", "--cko-radius-composer", "--cko-radius-bubble"].forEach((name, i) => set(name, radius[i]));

  const density = DENSITY[theme.density] ?? DENSITY.normal;
  host.setAttribute("data-density", theme.density ?? "normal");
  ["--cko-gap", "--cko-pad-x", "--cko-pad-control"].forEach((name, i) => set(name, density[i]));

  const type = theme.typography ?? {};
  if (type.baseSize) set("--cko-font-size", `${type.baseSize}px`);
  set("--cko-font", type.fontFamily);
  set("--cko-font-mono", type.fontFamilyMono);
  loadFonts(type.fontSources ?? []);

  if (theme.color?.grayscale) grayscale(set, theme.color.grayscale, dark);
  if (theme.color?.surface) surface(set, theme.color.surface);
}

// Neutral palette from a hue: tint is the saturation step, shade shifts lightness.
function grayscale(set, { hue, tint, shade = 0 }, dark) {
  const s = `${tint * 2.5}%`;
  const l = (light, darkL) => `${Math.max(0, Math.min(100, (dark ? darkL : light) + shade * (dark ? 1.5 : -1.5)))}%`;
  const hsl = (light, darkL) => `hsl(${hue} ${s} ${l(light, darkL)})`;
  set("--cko-bg", hsl(100, 9));
  set("--cko-surface", hsl(100, 12));
  set("--cko-surface-2", hsl(96, 16));
  set("--cko-surface-3", hsl(92, 20));
  set("--cko-surface-elevated", hsl(100, 17));
  set("--cko-border", hsl(88, 25));
  set("--cko-border-subtle", hsl(93, 19));
  set("--cko-border-strong", hsl(74, 36));
  set("--cko-text", hsl(11, 92));
  set("--cko-text-strong", hsl(4, 99));
  set("--cko-text-muted", hsl(40, 70));
  set("--cko-text-faint", hsl(55, 52));
}

// Given background and foreground, the other surfaces and borders are mixes of the two.
function surface(set, { background, foreground }) {
  const mix = (pct) => `color-mix(in srgb, ${foreground} ${pct}%, ${background})`;
  set("--cko-bg", background);
  set("--cko-surface", background);
  set("--cko-surface-elevated", background);
  set("--cko-surface-2", mix(6));
  set("--cko-surface-3", mix(10));
  set("--cko-border", mix(16));
  set("--cko-border-subtle", mix(9));
  set("--cko-border-strong", mix(32));
  set("--cko-text", foreground);
  set("--cko-text-strong", foreground);
  set("--cko-text-muted", mix(68));
  set("--cko-text-faint", mix(50));
}

const loaded = new Set();

/** @param {FontObject[]} sources */
function loadFonts(sources) {
  for (const font of sources) {
    const key = JSON.stringify(font);
    if (loaded.has(key) || typeof FontFace === "undefined") continue;
    loaded.add(key);
    const face = new FontFace(font.family, `url(${JSON.stringify(font.src)})`, {
      weight: font.weight != null ? String(font.weight) : undefined,
      style: font.style, display: font.display, unicodeRange: font.unicodeRange,
    });
    document.fonts.add(face);
    face.load().catch((error) => console.warn("chatkit-open: font did not load", font.src, error));
  }
}

// Accent text colour: black or white, whichever reads better on the accent.
function readableOn(color) {
  const probe = document.createElement("span");
  probe.style.color = color;
  document.body.append(probe);
  const [r, g, b] = (getComputedStyle(probe).color.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).map(Number);
  probe.remove();
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? "#111" : "#fff";
}
