// Tiny element builder. Text always goes in as text nodes, never as HTML, so
// untrusted strings from the server cannot inject markup.

/**
 * h("button", { class: "cko-x", onclick: fn, "aria-label": "Send" }, "Send")
 * Props: `class`, `style` (object), `on*` listeners, `dataset` (object), boolean and
 * string attributes; null/undefined/false props are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === "style" && typeof value === "object") setStyles(el, value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "value" || key === "checked") el[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function setStyles(el, styles) {
  for (const [prop, v] of Object.entries(styles)) if (v != null && v !== "") el.style[prop] = v;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Only http(s), relative and data:image URLs are allowed into src/href attributes. */
export function safeUrl(url, { allowDataImage = false } = {}) {
  if (typeof url !== "string" || !url) return null;
  try {
    const parsed = new URL(url, document.baseURI);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
    if (allowDataImage && parsed.protocol === "data:" && /^data:image\//i.test(url)) return url;
  } catch {
    return null;
  }
  return null;
}
