// Thread items to DOM. Each rendered item carries `data-item-id` and `data-item-type`;
// item types this client does not know become a visible placeholder, never an exception.
import { h, safeUrl } from "./dom.js";
import { icon } from "./icons.js";
import { renderMarkdown } from "./markdown.js";
import { linkMarkers, markText, numberSources, sourceList } from "./citations.js";
import { renderWidget } from "./render-widgets.js";
import { renderTask, renderWorkflow } from "./render-workflow.js";

/**
 * @param {object} item thread item JSON
 * @param {object} ctx  callbacks and settings supplied by the element (see chatkit-open.js)
 * @returns {HTMLElement|null} null for items that are never shown (end_of_turn)
 */
export function renderItem(item, ctx) {
  const render = ITEM_RENDERERS[item.type];
  if (render === null) return null;
  let body;
  try {
    body = render ? render(item, ctx) : placeholder(`This client cannot display “${item.type}” items.`);
  } catch (error) {
    console.warn("chatkit-open: item failed to render", item, error);
    body = placeholder(`This ${item.type} item could not be displayed.`);
  }
  const el = h("article", { class: `cko-item cko-item--${item.type}`, "data-item-id": item.id, "data-item-type": item.type }, body);
  if (!render) el.classList.add("cko-item--unknown");
  return el;
}

function placeholder(text) {
  return h("div", { class: "cko-unknown", role: "note" }, text);
}

function userMessage(item, ctx) {
  const parts = (item.content ?? []).map((part) => {
    if (part.type === "input_text") return h("span", { class: "cko-user-text" }, part.text);
    if (part.type === "input_tag") return tagChip(part, ctx);
    return placeholder(`Unsupported content “${part.type}”.`);
  });
  return h("div", { class: "cko-user" },
    item.quoted_text ? h("blockquote", { class: "cko-quote" }, item.quoted_text) : null,
    (item.attachments ?? []).length ? h("ul", { class: "cko-attachments", "aria-label": "Attachments" },
      item.attachments.map((a) => h("li", {}, attachmentView(a, ctx)))) : null,
    h("div", { class: "cko-bubble" }, parts),
    h("div", { class: "cko-user-actions", role: "group", "aria-label": "Message actions" },
      copyButton("Copy message", () => (item.content ?? []).map((p) => (p.type === "input_tag" ? `@${p.text}` : p.text ?? "")).join(""))));
}

function copyButton(label, text) {
  const button = h("button", { type: "button", class: "cko-iconbtn cko-copy", "aria-label": label }, icon("copy"));
  button.addEventListener("click", async () => {
    await navigator.clipboard?.writeText(text());
    button.replaceChildren(icon("check"));
    setTimeout(() => button.replaceChildren(icon("copy")), 1500);
  });
  return button;
}

export function tagChip(tag, ctx) {
  const label = `@${tag.text}`;
  const el = tag.interactive && ctx.onEntityClick
    ? h("button", { type: "button", class: "cko-tag", onclick: () => ctx.onEntityClick(entityFromTag(tag)) }, label)
    : h("span", { class: "cko-tag", tabindex: ctx.onRequestPreview ? 0 : null }, label);
  if (ctx.onRequestPreview) previewOnHover(el, entityFromTag(tag), ctx);
  return el;
}

// entities.onRequestPreview: the widget it returns shows beside the tag while hovered or focused.
function previewOnHover(el, entity, ctx) {
  let popup = null;
  let pending = false;
  const hide = () => { popup?.remove(); popup = null; };
  const show = async () => {
    if (popup || pending) return;
    pending = true;
    let preview = null;
    try {
      preview = (await ctx.onRequestPreview(entity))?.preview ?? null;
    } catch (error) {
      console.warn("chatkit-open: entity preview failed", error);
    }
    pending = false;
    if (!preview || !el.isConnected || !(el.matches(":hover") || el.matches(":focus"))) return;
    popup = h("div", { class: "cko-preview", role: "tooltip" }, renderWidget(preview, { scheme: ctx.scheme, allowImage: ctx.allowImage, onAction: () => {} }));
    const box = el.getBoundingClientRect();
    popup.style.left = `${Math.max(8, Math.min(box.left, window.innerWidth - 368))}px`;
    popup.style.top = `${box.bottom + 6}px`;
    el.getRootNode().append?.(popup);
  };
  el.addEventListener("mouseenter", show);
  el.addEventListener("focus", show);
  el.addEventListener("mouseleave", hide);
  el.addEventListener("blur", hide);
}

const entityFromTag = (tag) => ({ id: tag.id, title: tag.text, group: tag.group, interactive: tag.interactive, data: tag.data ?? {} });

export function attachmentView(a, ctx) {
  const preview = a.type === "image" ? safeUrl(a.preview_url, { allowDataImage: true }) : null;
  if (preview && ctx.allowImage(preview)) {
    return h("figure", { class: "cko-attachment cko-attachment--image" },
      h("img", { src: preview, alt: a.name ?? "image attachment", loading: "lazy" }),
      h("figcaption", {}, a.name));
  }
  return h("span", { class: "cko-attachment cko-attachment--file" }, icon("document"), h("span", {}, a.name ?? a.id));
}

function assistantMessage(item, ctx) {
  const parts = (item.content ?? []).map((part) => {
    const annotations = part.annotations ?? [];
    const { sources, numbers } = numberSources(annotations);
    const text = h("div", { class: "cko-markdown" });
    renderMarkdown(text, markText(part.text ?? "", annotations, numbers));
    wireDeeplinks(text, ctx);
    linkMarkers(text, sources, ctx.onEntityClick);
    return h("div", { class: "cko-part" }, text, sourceList(sources, ctx.onEntityClick));
  });
  return h("div", { class: "cko-assistant" }, parts, messageActions(item, ctx));
}

// chatkit-link://name?key=value links fire chatkit.deeplink instead of navigating.
function wireDeeplinks(root, ctx) {
  for (const a of root.querySelectorAll('a[href^="chatkit-link:"]')) {
    a.removeAttribute("target");
    a.addEventListener("click", (event) => {
      event.preventDefault();
      const url = new URL(a.getAttribute("href"));
      const name = decodeURIComponent((url.host || url.pathname).replace(/^\/+/, ""));
      ctx.onDeeplink(name, Object.fromEntries(url.searchParams));
    });
  }
}

// Stored feedback (the host's `feedback-url`, else thread metadata `feedback`; see the README)
// unless this page just sent some.
function feedbackFor(item, ctx) {
  return ctx.feedbackGiven.get(item.id) ?? ctx.storedFeedback?.[item.id] ?? null;
}

function messageActions(item, ctx) {
  const actions = ctx.options.threadItemActions ?? {};
  if (ctx.streaming && ctx.isLastAssistant(item.id)) return null;
  const buttons = [];
  if (actions.feedback) {
    const given = feedbackFor(item, ctx);
    buttons.push(
      h("button", { type: "button", class: "cko-iconbtn cko-feedback", "aria-label": "Good response", "aria-pressed": String(given === "positive"),
        onclick: () => ctx.onFeedback(item.id, "positive") }, icon("thumbs-up")),
      h("button", { type: "button", class: "cko-iconbtn cko-feedback", "aria-label": "Bad response", "aria-pressed": String(given === "negative"),
        onclick: () => ctx.onFeedback(item.id, "negative") }, icon("thumbs-down")));
  }
  if (actions.retry && ctx.isLastAssistant(item.id) && ctx.canRetry()) {
    buttons.push(h("button", { type: "button", class: "cko-iconbtn cko-retry", "aria-label": "Retry response", onclick: () => ctx.onRetry() }, icon("reload")));
  }
  buttons.push(copyButton("Copy response", () => (item.content ?? []).map((p) => p.text).join("\n\n")));
  return h("div", { class: "cko-actions", role: "group", "aria-label": "Response actions" }, buttons);
}

function widgetItem(item, ctx) {
  return h("div", { class: "cko-widget" }, renderWidget(item.widget, {
    scheme: ctx.scheme,
    allowImage: ctx.allowImage,
    onAction: (config, source) => ctx.onWidgetAction(item, config, source),
  }));
}

function clientToolCall(item) {
  const done = item.status === "completed";
  return h("div", { class: "cko-toolcall", role: "status" },
    icon(done ? "check" : "bolt"), done ? `Used ${item.name}` : `Running ${item.name}…`);
}

function generatedImage(item, ctx) {
  const src = item.image ? safeUrl(item.image.url, { allowDataImage: true }) : null;
  if (!src || !ctx.allowImage(src)) return h("div", { class: "cko-status-line", role: "status" }, "Generating image…");
  return h("img", { class: "cko-generated-image", src, alt: "Generated image" });
}

function otherAnswer(q, pending) {
  const suggested = new Set((q.options ?? []).map((o) => o.value));
  const own = (q.answer?.values ?? []).filter((v) => !suggested.has(v)).join(", ");
  if (!pending && !own) return null; // answered from the suggestions: an empty box would only be noise
  return h("input", { type: "text", class: "cko-other", name: q.id, disabled: !pending, value: own,
    placeholder: "Other answer", "aria-label": `${q.question} (other answer)` });
}

/** One answer per single-choice question: typing your own clears the pick, and picking clears the text. */
function keepOneAnswer(form) {
  form.addEventListener("input", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    if (!target.classList.contains("cko-other") || !target.value) return;
    for (const radio of target.closest("fieldset")?.querySelectorAll('input[type="radio"]') ?? []) /** @type {HTMLInputElement} */ (radio).checked = false;
  });
  form.addEventListener("change", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    if (target.type !== "radio" || !target.checked) return;
    const other = /** @type {HTMLInputElement | null} */ (target.closest("fieldset")?.querySelector(".cko-other") ?? null);
    if (other) other.value = "";
  });
}

function structuredInput(item, ctx) {
  const pending = item.status === "pending" && !ctx.composerLocked();
  const form = h("form", { class: "cko-structured" }, (item.inputs ?? []).map((q) => h("fieldset", { "data-question-id": q.id },
    h("legend", {}, q.question),
    q.description ? h("p", { class: "cko-muted" }, q.description) : null,
    q.type === "multiple_choice"
      ? h("div", { class: "cko-choices" }, (q.options ?? []).map((o) => h("label", { class: "cko-choice" },
        h("input", { type: q.multiple ? "checkbox" : "radio", name: q.id, value: o.value, disabled: !pending,
          checked: q.answer?.values?.includes(o.value) }), h("span", {}, o.value))),
        // The protocol's options are suggestions "before the freeform custom answer": an answer of
        // the user's own, which replaces a single choice or adds to multiple ones.
        otherAnswer(q, pending))
      : h("textarea", { name: q.id, rows: 2, disabled: !pending, "aria-label": q.question, value: (q.answer?.values ?? []).join("\n") }),
    q.answer?.skipped ? h("p", { class: "cko-muted" }, "Skipped") : null)));
  if (pending) {
    keepOneAnswer(form);
    const submit = (status) => {
      const answers = {};
      for (const q of item.inputs ?? []) {
        const fields = [...form.querySelectorAll(`[name="${CSS.escape(q.id)}"]`)];
        const typed = (f) => f.tagName === "TEXTAREA" || /** @type {HTMLInputElement} */ (f).type === "text";
        const values = fields.filter((f) => typed(f) ? f.value.trim() : /** @type {HTMLInputElement} */ (f).checked)
          .map((f) => f.value.trim());
        answers[q.id] = { values, skipped: status === "skipped" || !values.length };
      }
      ctx.onStructuredInput(item.id, { status, answers });
    };
    form.append(h("div", { class: "cko-row" },
      h("button", { type: "submit", class: "cko-btn cko-btn-primary" }, "Submit"),
      h("button", { type: "button", class: "cko-btn", onclick: () => submit("skipped") }, "Skip")));
    form.addEventListener("submit", (e) => { e.preventDefault(); submit("answered"); });
  }
  return form;
}

const ITEM_RENDERERS = {
  user_message: userMessage,
  assistant_message: assistantMessage,
  widget: widgetItem,
  workflow: renderWorkflow,
  task: (item, ctx) => h("ul", { class: "cko-tasks" }, renderTask(item.task, ctx)),
  client_tool_call: clientToolCall,
  generated_image: generatedImage,
  structured_input: structuredInput,
  end_of_turn: null,
  hidden_context_item: null,
  sdk_hidden_context: null,
};
