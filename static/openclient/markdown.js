// Markdown to sanitized DOM: marked renders, DOMPurify sanitizes, and only then is the
// result assigned to innerHTML. This is the one place the client writes HTML.
import { Marked } from "../vendor/marked-18.2.1/marked.esm.js";
import createDOMPurify from "../vendor/dompurify-3.4.18/purify.es.mjs";

const marked = new Marked({ gfm: true, breaks: false, async: false });

// A private DOMPurify instance so our hooks never leak into the host page's copy.
const purify = createDOMPurify(window);
purify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.hasAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

const PURIFY_CONFIG = {
  USE_PROFILE: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"],
  FORBID_ATTR: ["style"],
  // DOMPurify's default URI rule, plus chatkit-link: (ChatKit deeplinks, see render-items.js).
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel|chatkit-link):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

/** Replace the children of `target` with the rendered, sanitized markdown. */
export function renderMarkdown(target, text) {
  const html = marked.parse(String(text ?? ""));
  target.innerHTML = purify.sanitize(html, PURIFY_CONFIG);
  return target;
}
