// Inline citation markers for assistant text. Annotations carry a character index into
// the text; we splice a private marker in before rendering markdown, then swap each
// marker for a numbered link once the sanitized DOM exists.
import { h, safeUrl } from "./dom.js";

const MARK = (n) => `\u2063cko${n}\u2063`; // invisible separators: never typed by people
const MARK_RE = /\u2063cko(\d+)\u2063/; // no g flag: test() and split() stay stateless

/** Number sources in first-seen order; the same source cited twice shares a number. */
export function numberSources(annotations = []) {
  const keys = new Map();
  const sources = [];
  const numbers = annotations.map((annotation) => {
    const source = annotation.source ?? {};
    const key = source.url ?? source.filename ?? source.id ?? source.title;
    if (!keys.has(key)) {
      keys.set(key, sources.length + 1);
      sources.push(source);
    }
    return keys.get(key);
  });
  return { sources, numbers };
}

/** Insert markers into `text` at annotation indexes (annotations without one are listed only). */
export function markText(text, annotations, numbers) {
  // Spliced from the end backwards; markers sharing an index go last-first, so they read [1][2].
  const placed = annotations
    .map((a, i) => ({ index: a.index, n: numbers[i], order: i }))
    .filter((p) => Number.isInteger(p.index) && p.index >= 0 && p.index <= text.length)
    .sort((a, b) => b.index - a.index || b.order - a.order);
  let out = text;
  for (const { index, n } of placed) out = out.slice(0, index) + MARK(n) + out.slice(index);
  return out;
}

/** Replace markers inside rendered markdown with superscript links. */
export function linkMarkers(root, sources, onEntityClick) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  /** @type {Text[]} */
  const hits = [];
  while (walker.nextNode()) if (MARK_RE.test(/** @type {Text} */ (walker.currentNode).data)) hits.push(/** @type {Text} */ (walker.currentNode));
  for (const node of hits) {
    const parts = node.data.split(MARK_RE); // [text, n, text, n, ...]
    const frag = document.createDocumentFragment();
    parts.forEach((part, i) => {
      if (i % 2 === 0) { if (part) frag.append(part); return; }
      frag.append(citationLink(Number(part), sources[Number(part) - 1], onEntityClick));
    });
    node.replaceWith(frag);
  }
}

export function citationLink(n, source, onEntityClick) {
  const label = `Source ${n}: ${source?.title ?? ""}`.trim();
  const url = source?.type === "url" ? safeUrl(source.url) : null;
  if (url) {
    return h("sup", { class: "cko-cite" },
      h("a", { href: url, target: "_blank", rel: "noopener noreferrer", "aria-label": label, title: source.title }, `[${n}]`));
  }
  if (source?.type === "entity" && source.interactive && onEntityClick) {
    return h("sup", { class: "cko-cite" },
      h("button", { type: "button", class: "cko-linklike", "aria-label": label, onclick: () => onEntityClick(source) }, `[${n}]`));
  }
  return h("sup", { class: "cko-cite", title: source?.title ?? "" }, `[${n}]`);
}

/** The numbered source list shown under an answer. */
export function sourceList(sources, onEntityClick) {
  if (!sources.length) return null;
  return h("ol", { class: "cko-sources", "aria-label": "Sources" },
    sources.map((source, i) => {
      const url = source.type === "url" ? safeUrl(source.url) : null;
      const title = source.title || source.filename || source.url || "Source";
      let body;
      if (url) body = h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, title);
      else if (source.type === "entity" && source.interactive && onEntityClick)
        body = h("button", { type: "button", class: "cko-linklike", onclick: () => onEntityClick(source) }, title);
      else body = h("span", {}, title);
      return h("li", { class: "cko-source", value: i + 1 },
        h("span", { class: "cko-source-n" }, `[${i + 1}]`), " ", body,
        source.description ? h("span", { class: "cko-source-desc" }, ` — ${source.description}`) : null);
    }));
}
