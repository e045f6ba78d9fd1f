// Icons as small stroked SVG paths built with createElementNS: no icon font, no emoji
// font dependency, no HTML strings. Names follow ChatKit's icon names; names without a
// drawing get a neutral dot so unknown icons never break a widget.

const PATHS = {
  menu: "M4 6h16M4 12h16M4 18h16",
  close: "M6 6l12 12M18 6L6 18",
  plus: "M12 5v14M5 12h14",
  compose: "M4 20h4L19 9l-4-4L4 16z M13 7l4 4",
  write: "M4 20h4L19 9l-4-4L4 16z",
  send: "M12 19V5M5 12l7-7 7 7",
  stop: "M7 7h10v10H7z",
  attach: "M20 11l-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 6",
  copy: "M9 9h10v10H9z M5 15V5h10",
  reload: "M20 12a8 8 0 1 1-2.3-5.7 M20 4v4h-4",
  "thumbs-up": "M7 10v10H4V10z M7 10l4-7a2 2 0 0 1 2 2v4h5a2 2 0 0 1 2 2.3l-1.2 7a2 2 0 0 1-2 1.7H7",
  trash: "M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13",
  check: "M5 12l5 5 9-10",
  search: "M17 11a6 6 0 1 1-12 0 6 6 0 0 1 12 0z M20 20l-4.5-4.5",
  document: "M6 3h8l4 4v14H6z M14 3v4h4",
  "book-open": "M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3z M21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z",
  mail: "M3 6h18v12H3z M3 6l9 7 9-7",
  bolt: "M13 3L5 14h6l-1 7 8-11h-6z",
  sparkle: "M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2z",
  info: "M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18z M12 11v5 M12 8v.01",
  lab: "M9 3h6 M10 3v6l-5 9a2 2 0 0 0 2 3h10a2 2 0 0 0 2-3l-5-9V3",
  calendar: "M4 6h16v14H4z M4 10h16 M8 3v4 M16 3v4",
  star: "M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.2L12 17.4 6.5 20.3l1-6.2L3 9.7l6.2-.9z",
  globe: "M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18z M3 12h18 M12 3a14 14 0 0 1 0 18 M12 3a14 14 0 0 0 0 18",
  user: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21a8 8 0 0 1 16 0",
  chart: "M4 20V4 M4 20h16 M8 16v-5 M12 16V8 M16 16v-8",
  lightbulb: "M9 18h6 M10 21h4 M12 3a6 6 0 0 0-4 10.5V16h8v-2.5A6 6 0 0 0 12 3z",
  images: "M4 5h16v14H4z M4 15l4-4 5 5 3-3 4 4",
  "external-link": "M14 4h6v6 M20 4l-9 9 M18 14v6H4V6h6",
  "chevron-right": "M9 6l6 6-6 6",
  "chevron-left": "M15 6l-6 6 6 6",
  "dots-horizontal": "M6 12h.01 M12 12h.01 M18 12h.01",
  "light-mode": "M12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M12 2v2 M12 20v2 M2 12h2 M20 12h2 M5 5l1.5 1.5 M17.5 17.5L19 19 M5 19l1.5-1.5 M17.5 6.5L19 5",
  "dark-mode": "M20 14a8 8 0 1 1-10-10 7 7 0 0 0 10 10z",
  dot: "M12 12h.01",
};

const ALIASES = {
  "check-circle": "check", "check-circle-filled": "check", "book-closed": "book-open", book: "book-open",
  "book-clock": "book-open", notebook: "document", "notebook-pencil": "write", "page-blank": "document",
  "square-text": "document", "write-alt": "write", "write-alt2": "write", profile: "user", "profile-card": "user",
  "star-filled": "star", "sparkle-double": "sparkle", analytics: "chart", "square-image": "images",
  "circle-question": "info", "sidebar-left": "menu", "sidebar-right": "menu", "sidebar-open-left": "menu",
  "sidebar-open-right": "menu", "sidebar-collapse-left": "menu", "sidebar-collapse-right": "menu",
  "back-small": "chevron-left", "back-large": "chevron-left", "collapse-left": "chevron-left",
  "collapse-right": "chevron-right", "expand-left": "chevron-left", "expand-right": "chevron-right",
  "open-left": "chevron-left", "open-right": "chevron-right", "dots-vertical": "dots-horizontal",
  agent: "sparkle", atom: "sparkle", confetti: "sparkle", wreath: "star", keys: "lab",
};

const SVG_NS = "http://www.w3.org/2000/svg";

export function icon(name, extraClass = "") {
  const key = String(name ?? "").replace(/^lucide:/, "");
  const d = PATHS[key] ?? PATHS[ALIASES[key]] ?? PATHS.dot;
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `cko-icon ${extraClass}`.trim());
  svg.dataset.icon = key;
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", d);
  svg.append(path);
  return svg;
}
