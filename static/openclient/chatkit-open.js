// <chatkit-open>: an open web component speaking the ChatKit protocol, with the same
// options object, methods and DOM events as OpenAI's <openai-chatkit>.
import { h } from "./dom.js";
import { icon } from "./icons.js";
import { ChatKitApi } from "./protocol.js";
import { ThreadState } from "./thread-state.js";
import { Transcript } from "./transcript.js";
import { Composer } from "./composer.js";
import { HistoryPanel } from "./history.js";
import { uploadFile } from "./attachments.js";
import { formValues } from "./render-widgets.js";
import { STYLES } from "./styles.js";
import { ConversationMixin } from "./conversation.js";

const DEFAULT_GREETING = "What can I help with today?";

export class ChatKitOpenElement extends HTMLElement {
  constructor() {
    super();
    this.options = null;
    this.state = new ThreadState();
    this.api = new ChatKitApi(() => this.options?.api, (name, data) => this.emit("chatkit.log", { name, data }));
    this.streaming = false;
    this.canCancel = false;
    this.feedbackGiven = new Map();
    this.workflowOpen = new Map();
    this.ready = false;
    this.attachShadow({ mode: "open" });
    this.build();
  }

  build() {
    this.transcript = new Transcript(this.state, () => this.itemContext());
    this.composer = new Composer({
      onSubmit: (m) => this.submitComposer(m),
      onCancel: () => this.cancel(),
      upload: (file) => uploadFile(file, this.api, this.options?.api?.uploadStrategy),
      removeAttachment: (a) => this.api.request("attachments.delete", { attachment_id: a.id }).catch(() => {}),
      searchTags: (query) => this.options?.entities?.onTagSearch?.(query) ?? [],
    });
    this.history = new HistoryPanel({
      options: () => this.options ?? {},
      list: (after) => this.api.request("threads.list", { limit: 20, order: "desc", ...(after ? { after } : {}) }),
      select: (id) => { this.hideHistory(); return this.setThreadId(id); },
      rename: (id, title) => this.renameThread(id, title),
      remove: (id) => this.deleteThread(id),
      close: () => this.hideHistory(),
    });
    this.titleEl = h("h1", { class: "cko-title" });
    this.header = h("header", { class: "cko-header" });
    this.shadowRoot.append(h("style", {}, STYLES), this.header,
      h("div", { class: "cko-main" }, this.transcript.el, this.history.el), this.transcript.progress, this.composer.el);
  }

  connectedCallback() {
    if (this.options) this.applyOptions(true);
  }

  // ---- public API (mirrors <openai-chatkit>) ----

  /** Replace all options (like ChatKit.js, options are not merged). */
  setOptions(options) {
    const first = !this.options;
    this.options = options ?? {};
    if (this.isConnected) this.applyOptions(first);
  }

  async focusComposer() {
    this.composer.focus();
  }

  async setThreadId(threadId) {
    if (this.streaming) this.cancel();
    if (!threadId) {
      this.state.reset();
      this.renderThread();
      this.emit("chatkit.thread.change", { threadId: null });
      return;
    }
    await this.loadThread(threadId, { announce: true });
  }

  async sendUserMessage({ text, content, reply, attachments = [], newThread = false, toolChoice, model } = {}) {
    const parts = content ?? (text ? [{ type: "input_text", text }] : []);
    const input = {
      content: parts,
      attachments: attachments.map((a) => (typeof a === "string" ? a : a.id)),
      inference_options: { ...(toolChoice ? { tool_choice: toolChoice } : {}), ...(model ? { model } : {}) },
      ...(reply ? { quoted_text: reply } : {}),
    };
    if (newThread || !this.state.threadId) {
      if (newThread && this.state.threadId) await this.setThreadId(null);
      return this.runStream("threads.create", { input });
    }
    return this.runStream("threads.add_user_message", { thread_id: this.state.threadId, input });
  }

  async sendCustomAction(action, itemId) {
    if (!this.state.threadId) throw this.fail(new Error("sendCustomAction needs an active thread"));
    return this.runStream("threads.custom_action", {
      thread_id: this.state.threadId,
      ...(itemId ? { item_id: itemId } : {}),
      action: { type: action.type, payload: action.payload ?? null },
    });
  }

  async fetchUpdates() {
    const tasks = [];
    if (this.state.threadId && !this.streaming) tasks.push(this.loadThread(this.state.threadId, { announce: false }));
    if (this.history.open) tasks.push(this.history.load(false));
    await Promise.all(tasks);
  }

  async showHistory() {
    await this.history.show(this.state.threadId);
  }

  async hideHistory() {
    this.history.hide();
  }

  // ---- options, theme, header ----

  applyOptions(first) {
    const o = this.options;
    const theme = typeof o.theme === "string" ? { colorScheme: o.theme } : o.theme ?? {};
    this.setAttribute("data-color-scheme", theme.colorScheme === "dark" ? "dark" : "light");
    const accent = theme.color?.accent?.primary;
    if (accent) {
      this.style.setProperty("--cko-accent", accent);
      this.style.setProperty("--cko-on-accent", readableOn(accent));
    } else {
      this.style.removeProperty("--cko-accent");
      this.style.removeProperty("--cko-on-accent");
    }
    if (o.locale) this.setAttribute("lang", o.locale);
    this.renderHeader();
    this.updateComposer();
    if (first) {
      this.renderThread();
      const initial = o.initialThread ? this.loadThread(o.initialThread, { announce: true }) : Promise.resolve();
      initial.finally(() => { this.ready = true; this.emit("chatkit.ready", undefined); });
    } else {
      this.transcript.markDirty(this.state.items.keys()); // redraw with the new scheme/actions
      if (!this.state.thread && !this.state.items.size) this.renderThread();
    }
  }

  renderHeader() {
    const header = this.options.header ?? {};
    this.header.hidden = header.enabled === false;
    const custom = (action, side) => action && h("button", {
      type: "button", class: `cko-iconbtn cko-header-${side}`, "aria-label": action.label ?? action.icon ?? side,
      onclick: () => action.onClick?.(),
    }, icon(action.icon));
    this.titleEl.hidden = header.title?.enabled === false;
    this.updateTitle();
    this.header.replaceChildren(...[
      custom(header.leftAction, "left"),
      this.options.history?.enabled === false ? null : h("button", { type: "button", class: "cko-iconbtn cko-history-toggle",
        "aria-label": "Conversation history", onclick: () => (this.history.open ? this.hideHistory() : this.showHistory()) }, icon("menu")),
      this.titleEl,
      h("button", { type: "button", class: "cko-iconbtn cko-new-thread", "aria-label": "New conversation",
        onclick: () => { this.hideHistory(); this.setThreadId(null); } }, icon("compose")),
      custom(header.rightAction, "right"),
    ].filter(Boolean));
  }

  updateTitle() {
    this.titleEl.textContent = this.options?.header?.title?.text ?? this.state.thread?.title ?? "New conversation";
  }

  lockedReason() {
    const status = this.state.thread?.status;
    if (!status || status.type === "active") return null;
    const what = status.type === "closed" ? "This conversation is closed." : "This conversation is locked.";
    return status.reason ? `${what} ${status.reason}` : what;
  }

  updateComposer() {
    const composer = this.options?.composer ?? {};
    this.composer.update({
      placeholder: composer.placeholder, attachments: composer.attachments, tools: composer.tools,
      lockedReason: this.lockedReason(), streaming: this.streaming, canCancel: this.canCancel,
    });
  }

  startScreen() {
    const start = this.options?.startScreen ?? {};
    return h("div", { class: "cko-start" },
      h("p", { class: "cko-greeting" }, start.greeting ?? DEFAULT_GREETING),
      (start.prompts ?? []).length ? h("ul", { class: "cko-prompts", "aria-label": "Suggested prompts" },
        start.prompts.map((p) => h("li", {}, h("button", { type: "button", class: "cko-prompt",
          onclick: () => this.sendUserMessage(typeof p.prompt === "string" ? { text: p.prompt } : { content: p.prompt }) },
        p.icon ? icon(p.icon) : null, p.label)))) : null);
  }

  renderThread() {
    this.transcript.renderAll(this.startScreen());
    this.updateTitle();
    this.updateComposer();
  }

  // ---- what rendered items may call back into ----

  itemContext() {
    return {
      options: this.options ?? {},
      scheme: this.getAttribute("data-color-scheme") ?? "light",
      streaming: this.streaming,
      feedbackGiven: this.feedbackGiven,
      workflowOpen: this.workflowOpen,
      isLastAssistant: (id) => this.state.lastItemOfType("assistant_message")?.id === id,
      canRetry: () => !this.streaming && !this.lockedReason() && Boolean(this.state.lastItemOfType("user_message")),
      composerLocked: () => Boolean(this.lockedReason()) || this.streaming,
      allowImage: (url) => this.allowImage(url),
      onEntityClick: this.options?.entities?.onClick ? (entity) => this.options.entities.onClick(entity) : null,
      onFeedback: (id, kind) => this.sendFeedback(id, kind),
      onRetry: () => this.retry(),
      onWidgetAction: (item, config, source) => this.widgetAction(item, config, source),
      onStructuredInput: (itemId, input) => this.runStream("threads.add_structured_input",
        { thread_id: this.state.threadId, item_id: itemId, input }),
    };
  }

  allowImage(url) {
    const domains = this.state.thread?.allowed_image_domains;
    if (!Array.isArray(domains) || url.startsWith("data:")) return true;
    const host = new URL(url, document.baseURI).hostname;
    return host === location.hostname || domains.some((d) => host === d || host.endsWith(`.${d}`));
  }

  async widgetAction(item, config, { element, form }) {
    const payload = form ? { ...(config.payload ?? {}), ...formValues(form) } : config.payload ?? null;
    const action = { type: config.type, payload };
    const busy = config.loadingBehavior === "none" ? null
      : config.loadingBehavior === "container" ? this.transcript.itemEls.get(item.id) : element;
    busy?.setAttribute("aria-busy", "true");
    if (busy && "disabled" in busy) busy.disabled = true;
    try {
      if (config.handler === "client") {
        await this.options?.widgets?.onAction?.(action, { id: item.id, widget: item.widget });
      } else {
        await this.sendCustomAction(action, item.id);
      }
    } catch (error) {
      this.fail(error);
    } finally {
      busy?.removeAttribute("aria-busy");
      if (busy && "disabled" in busy) busy.disabled = false;
    }
  }

  submitComposer({ text, tags, attachments, toolChoice }) {
    const content = [...(text ? [{ type: "input_text", text }] : []), ...tags];
    return this.sendUserMessage({ content, attachments, toolChoice });
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** Report an error to listeners (chatkit.error) and return it for throwing. */
  fail(error) {
    const err = error instanceof Error ? error : new Error(String(error));
    this.emit("chatkit.error", { error: err });
    return err;
  }
}

Object.assign(ChatKitOpenElement.prototype, ConversationMixin);

// Accent text colour: black or white, whichever reads better on the accent.
function readableOn(color) {
  const probe = document.createElement("span");
  probe.style.color = color;
  document.body.append(probe);
  const [r, g, b] = (getComputedStyle(probe).color.match(/\d+(\.\d+)?/g) ?? [0, 0, 0]).map(Number);
  probe.remove();
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? "#111" : "#fff";
}

if (!customElements.get("chatkit-open")) customElements.define("chatkit-open", ChatKitOpenElement);
