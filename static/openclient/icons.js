// Icons: Lucide's SVGs (vendored in static/vendor/lucide-1.62.0, ISC licence), built with
// createElementNS: no icon font, no emoji font, no HTML strings. ChatKit's icon names (the
// ChatKitIcon, HeaderIcon and widget icon sets) map onto Lucide drawings; `lucide:<name>`
// picks a vendored Lucide icon directly. A name with no drawing gets a small neutral circle.
import { LUCIDE } from "../vendor/lucide-1.62.0/icons.js";

/**
 * ChatKit icon name -> Lucide icon name. Typed so tsc fails if a ChatKitIcon or HeaderIcon of
 * @openai/chatkit has no entry.
 * @type {{ [K in Exclude<import("@openai/chatkit").ChatKitIcon, import("@openai/chatkit").LucideIcon> | import("@openai/chatkit").HeaderIcon | Exclude<import("@openai/chatkit").Widgets.WidgetIcon, import("@openai/chatkit").LucideIcon>]: string } & Record<string, string>}
 */
export const CHATKIT_TO_LUCIDE = {
  agent: "bot", analytics: "chart-line", atom: "atom", batch: "layers", bolt: "zap", "book-open": "book-open",
  "book-closed": "book", "book-clock": "book-open-check", bug: "bug", calendar: "calendar", chart: "chart-column",
  check: "check", "check-circle": "circle-check", "check-circle-filled": "circle-check-big", "chevron-left": "chevron-left",
  "chevron-right": "chevron-right", "circle-question": "circle-question-mark", clock: "clock", compass: "compass",
  confetti: "party-popper", cube: "box", desktop: "monitor", document: "file-text", "dots-horizontal": "ellipsis",
  "dots-vertical": "ellipsis-vertical", "empty-circle": "circle", "external-link": "external-link", globe: "globe",
  keys: "key-round", lab: "flask-conical", images: "images", info: "info", lifesaver: "life-buoy", lightbulb: "lightbulb",
  mail: "mail", "map-pin": "map-pin", maps: "map", mobile: "smartphone", name: "id-card", notebook: "notebook",
  "notebook-pencil": "notebook-pen", "page-blank": "file", phone: "phone", play: "play", plus: "plus", profile: "circle-user",
  "profile-card": "contact", reload: "refresh-cw", star: "star", "star-filled": "star", search: "search", sparkle: "sparkle",
  "sparkle-double": "sparkles", "square-code": "square-code", "square-image": "image", "square-text": "file-type",
  suitcase: "briefcase", "settings-slider": "sliders-horizontal", user: "user", wreath: "award", write: "pencil",
  "write-alt": "pen-line", "write-alt2": "square-pen",
  // HeaderIcon
  "sidebar-left": "panel-left", "sidebar-right": "panel-right", "sidebar-open-left": "panel-left-open",
  "sidebar-open-right": "panel-right-open", "sidebar-open-left-alt": "panel-left-open", "sidebar-open-right-alt": "panel-right-open",
  "sidebar-floating-left": "panel-left-dashed", "sidebar-floating-right": "panel-right-dashed",
  "sidebar-floating-open-left": "panel-left-open", "sidebar-floating-open-right": "panel-right-open",
  "sidebar-collapse-left": "panel-left-close", "sidebar-collapse-right": "panel-right-close", "collapse-left": "chevron-left",
  "collapse-right": "chevron-right", "open-left": "chevron-left", "open-right": "chevron-right",
  "double-chevron-left": "chevrons-left", "double-chevron-right": "chevrons-right", home: "house", "home-alt": "house",
  "back-small": "arrow-left", "back-large": "arrow-left", "expand-large": "maximize-2", "collapse-large": "minimize-2",
  "expand-small": "maximize", "collapse-small": "minimize", "chat-temporary": "message-circle-dashed",
  "settings-cog": "settings", grid: "layout-grid", "dots-horizontal-circle": "circle-ellipsis",
  "dots-vertical-circle": "circle-ellipsis", menu: "menu", "menu-inverted": "menu", hamburger: "menu", history: "history",
  compose: "square-pen", share: "share", "light-mode": "sun", "dark-mode": "moon", close: "x",
  // the client's own controls
  send: "arrow-up", stop: "square", attach: "paperclip", copy: "copy", "thumbs-up": "thumbs-up", "thumbs-down": "thumbs-down",
  trash: "trash-2", "at-sign": "at-sign", mic: "mic", "chevron-down": "chevron-down", "eye-off": "eye-off", lock: "lock",
  book: "book", dot: "circle-small",
};

const FILLED = new Set(["star-filled", "check-circle-filled", "stop"]);
const SVG_NS = "http://www.w3.org/2000/svg";

/** Lucide drawing for a ChatKit (or `lucide:`) name, or null. */
export function lucideName(name) {
  const key = String(name ?? "");
  if (key.startsWith("lucide:")) return LUCIDE[key.slice(7)] ? key.slice(7) : null;
  const mapped = CHATKIT_TO_LUCIDE[key] ?? key;
  return LUCIDE[mapped] ? mapped : null;
}

export function icon(name, extraClass = "") {
  const key = String(name ?? "");
  const drawing = lucideName(key) ?? "circle-small";
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `cko-icon ${FILLED.has(key) ? "cko-icon-filled" : ""} ${extraClass}`.trim());
  svg.dataset.icon = key.replace(/^lucide:/, "");
  for (const [tag, attrs] of LUCIDE[drawing]) {
    const child = document.createElementNS(SVG_NS, tag);
    for (const [attr, value] of Object.entries(attrs)) child.setAttribute(attr, value);
    svg.append(child);
  }
  return svg;
}
