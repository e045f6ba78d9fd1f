// <chatkit-open>: an open web component speaking the ChatKit protocol, with the same
// options object, methods and DOM events as OpenAI's <openai-chatkit>. tsc --checkJs holds
// the class to ChatKit.js's published OpenAIChatKit interface and its events to ChatKitEvents.
import { h } from "./dom.js";
import { icon } from "./icons.js";
import { ChatKitApi } from "./protocol.js";
import { ThreadState } from "./thread-state.js";
import { Transcript } from "./transcript.js";
import { Composer } from "./composer.js";
import { HistoryPanel } from "./history.js";
import { uploadFile } from "./attachments.js";
import { formValues } from "./render-widgets.js";
import { renderMarkdown } from "./markdown.js";
import { STYLES } from "./styles.js";
import { Conversation } from "./conversation.js";
import { OPTIONS } from "./option-map.js";
import { applyTheme } from "./theme.js";

/**
 * @typedef {import("@openai/chatkit").OpenAIChatKit} OpenAIChatKit
 * @typedef {import("@openai/chatkit").ChatKitOptions} ChatKitOptions
 * @typedef {import("@openai/chatkit").ChatKitEvents} ChatKitEvents
 * @typedef {import("@openai/chatkit").UserMessageContent} UserMessageContent
 * @typedef {Parameters<OpenAIChatKit["sendUserMessage"]>[0]} SendUserMessageParams
 * @typedef {Parameters<OpenAIChatKit["setComposerValue"]>[0]} SetComposerValueParams
 */

const DEFAULT_GREETING = "What can I help with today?";

/** @implements {OpenAIChatKit} */
export class ChatKitOpenElement extends HTMLElement {
  constructor() {
    super();
    /** @type {ChatKitOptions | null} */
    this.options = null;
    this.state = new ThreadState();
    this.api = new ChatKitApi(() => /** @type {any} */ (this.options?.api), (name, data) => this.emit("chatkit.log", { name, data }));
    this.conversation = new Conversation(this);
    this.streaming = false;
    this.canCancel = false;
    this.streamsStarted = 0;
    /** @type {Map<string, "positive" | "negative">} feedback sent from this page, over the items' stored feedback */
    this.feedbackGiven = new Map();
    /** @type {Record<string, string> | null} stored feedback of the open thread (`feedback-url`) */
    this.loadedFeedback = null;
    this.workflowOpen = new Map();
    this.ready = false;
    this.attachShadow({ mode: "open" });
    this.build();
  }

  build() {
    this.transcript = new Transcript(this.state, () => this.itemContext());
    this.composer = new Composer({
      onSubmit: (m) => this.submitComposer(m),
      onCancel: () => this.conversation.cancel(),
      onToolChange: (toolId) => this.emit("chatkit.tool.change", { toolId }),
      upload: (file) => uploadFile(file, this.api, /** @type {any} */ (this.options?.api)?.uploadStrategy),
      removeAttachment: (a) => this.api.request("attachments.delete", { attachment_id: a.id }).catch(() => {}),
      searchTags: (query) => this.options?.entities?.onTagSearch?.(query) ?? Promise.resolve([]),
      searchCommands: (query) => this.options?.commands?.onSearch?.(query) ?? Promise.resolve([]),
      selectCommand: (command) => this.options?.commands?.onSelect?.(command) ?? Promise.resolve(),
      requestPreview: (entity) => this.options?.entities?.onRequestPreview?.(entity) ?? Promise.resolve({ preview: null }),
      transcribe: (audio) => this.api.request("input.transcribe", audio),
      onError: (error) => this.fail(error),
    });
    this.history = new HistoryPanel({
      options: () => this.options ?? {},
      list: (after) => this.api.request("threads.list", { limit: 20, order: "desc", ...(after ? { after } : {}) }),
      select: (id) => { this.hideHistory(); return this.setThreadId(id); },
      rename: (id, title) => this.conversation.renameThread(id, title),
      remove: (id) => this.conversation.deleteThread(id),
      close: () => this.hideHistory(),
    });
    this.titleEl = h("h1", { class: "cko-title" });
    this.header = h("header", { class: "cko-header" });
    this.closedNotice = h("p", { class: "cko-closed-notice", role: "status", hidden: true });
    this.disclaimer = h("div", { class: "cko-disclaimer cko-markdown", hidden: true });
    this.shadowRoot.append(h("style", {}, STYLES), this.header,
      h("div", { class: "cko-main" }, this.transcript.el, this.history.el), this.transcript.progress,
      this.closedNotice, this.composer.el, this.disclaimer);
  }

  connectedCallback() {
    // Attributes only once connected: createElement() forbids them in the constructor.
    if (!this.hasAttribute("role")) this.setAttribute("role", "region");
    if (!this.hasAttribute("aria-label")) this.setFrameTitle(this.options?.frameTitle);
    if (this.options) this.applyOptions(!this.ready);
  }

  // ---- public API (mirrors <openai-chatkit>) ----

  /**
   * Replace all options (like ChatKit.js, options are not merged).
   * @param {ChatKitOptions} options
   */
  setOptions(options) {
    const first = !this.options;
    this.options = options ?? /** @type {ChatKitOptions} */ ({});
    if (this.isConnected) this.applyOptions(first);
  }

  async focusComposer() {
    this.composer.focus();
  }

  /** @param {string | null} threadId */
  async setThreadId(threadId) {
    if (this.streaming) this.conversation.cancel();
    if (!threadId) {
      this.state.reset();
      this.loadedFeedback = null;
      this.renderThread();
      this.emit("chatkit.thread.change", { threadId: null });
      return;
    }
    await this.conversation.loadThread(threadId, { announce: true });
  }

  /** @param {SendUserMessageParams} params */
  async sendUserMessage(params) {
    await this.startUserMessage(params);
  }

  /**
   * sendUserMessage, resolving to false when the server refused the turn before it started.
   * @param {SendUserMessageParams} params
   */
  async startUserMessage({ text, content, reply, attachments = [], newThread = false, toolChoice, model } = {}) {
    const parts = content ?? (text ? [{ type: "input_text", text }] : []);
    const input = {
      content: parts,
      attachments: attachments.map((a) => (typeof a === "string" ? a : a.id)),
      inference_options: { ...(toolChoice ? { tool_choice: toolChoice } : {}), ...(model ? { model } : {}) },
      ...(reply ? { quoted_text: reply } : {}),
    };
    if (newThread || !this.state.threadId) {
      if (newThread && this.state.threadId) await this.setThreadId(null);
      return this.conversation.runStream("threads.create", { input });
    }
    return this.conversation.runStream("threads.add_user_message", { thread_id: this.state.threadId, input });
  }

  /** @param {SetComposerValueParams} params */
  async setComposerValue({ text, content, reply, attachments, files, selectedToolId, selectedModelId } = {}) {
    const tags = (content ?? []).filter((part) => part.type === "input_tag");
    const textParts = (content ?? []).filter((part) => part.type === "input_text").map((part) => part.text);
    if (text !== undefined || content !== undefined) this.composer.setValue({ text: text ?? textParts.join(" "), tags });
    if (reply !== undefined) this.composer.setReply(reply);
    if (attachments !== undefined) this.composer.setAttachments(attachments);
    if (files?.length) await this.composer.addFiles(files);
    if (selectedToolId !== undefined) this.composer.selectTool(selectedToolId);
    if (selectedModelId !== undefined) this.composer.selectModel(selectedModelId);
  }

  /**
   * @param {{ type: string, payload?: Record<string, unknown> }} action
   * @param {string} [itemId]
   */
  async sendCustomAction(action, itemId) {
    if (!this.state.threadId) throw this.fail(new Error("sendCustomAction needs an active thread"));
    await this.conversation.runStream("threads.custom_action", {
      thread_id: this.state.threadId,
      ...(itemId ? { item_id: itemId } : {}),
      action: { type: action.type, payload: action.payload ?? null },
    });
  }

  async fetchUpdates() {
    const tasks = [];
    if (this.state.threadId && !this.streaming) tasks.push(this.conversation.loadThread(this.state.threadId, { announce: false }));
    if (this.history.open) tasks.push(this.history.load(false));
    await Promise.all(tasks);
  }

  async showHistory() {
    const wasOpen = this.history.open;
    const loaded = this.history.show(this.state.threadId);
    if (!wasOpen) this.emit("chatkit.history.open", undefined);
    await loaded;
  }

  async hideHistory() {
    if (!this.history.open) return;
    this.history.hide();
    this.emit("chatkit.history.close", undefined);
  }

  // ---- options (each top-level key is applied through OPTIONS in option-map.js) ----

  /** @param {boolean} first */
  applyOptions(first) {
    const o = this.options;
    for (const [key, entry] of Object.entries(OPTIONS)) entry.apply?.(this, /** @type {never} */ (o[key]));
    this.updateComposer();
    if (first) {
      this.renderThread();
      const initial = o.initialThread ? this.conversation.loadThread(o.initialThread, { announce: true }) : Promise.resolve();
      initial.finally(() => { this.ready = true; this.emit("chatkit.ready", undefined); });
    } else {
      this.transcript.markDirty(this.state.items.keys()); // redraw with the new scheme/actions
      if (!this.state.thread && !this.state.items.size) this.renderThread();
    }
  }

  /** @param {string | undefined} locale */
  setLocale(locale) {
    if (locale) this.setAttribute("lang", locale); else this.removeAttribute("lang");
  }

  /** @param {ChatKitOptions["theme"]} theme */
  setTheme(theme) {
    applyTheme(this, typeof theme === "string" ? { colorScheme: theme } : theme ?? {});
  }

  /** @param {string | undefined} title */
  setFrameTitle(title) {
    this.setAttribute("aria-label", title || "Chat");
  }

  /** @param {boolean} on */
  setAutoScroll(on) {
    this.transcript.autoScroll = on;
  }

  renderDisclaimer() {
    const disclaimer = this.options?.disclaimer;
    this.disclaimer.hidden = !disclaimer?.text;
    this.disclaimer.classList.toggle("cko-disclaimer--contrast", Boolean(disclaimer?.highContrast));
    renderMarkdown(this.disclaimer, disclaimer?.text ?? "");
  }

  renderHeader() {
    const header = this.options?.header ?? {};
    this.header.hidden = header.enabled === false;
    const custom = (action, side) => action && h("button", {
      type: "button", class: `cko-iconbtn cko-header-${side}`, "aria-label": action.label ?? action.icon ?? side,
      onclick: () => action.onClick?.(),
    }, icon(action.icon));
    this.titleEl.hidden = header.title?.enabled === false;
    this.updateTitle();
    this.header.replaceChildren(...[
      custom(header.leftAction, "left"),
      this.options?.history?.enabled === false ? null : h("button", { type: "button", class: "cko-iconbtn cko-history-toggle",
        "aria-label": "Conversation history", onclick: () => (this.history.open ? this.hideHistory() : this.showHistory()) }, icon("history")),
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
    const closed = this.state.thread?.status?.type === "closed";
    // ChatKit.js hides the composer of a closed thread and shows why in its place.
    this.composer.el.hidden = closed;
    this.closedNotice.hidden = !closed;
    this.closedNotice.textContent = closed ? this.lockedReason() : "";
    this.composer.update({
      placeholder: composer.placeholder, attachments: composer.attachments, tools: composer.tools ?? [],
      models: composer.models ?? [], dictation: Boolean(composer.dictation?.enabled),
      tagMenu: Boolean(this.options?.entities?.showComposerMenu && this.options?.entities?.onTagSearch),
      commands: Boolean(this.options?.commands?.enabled),
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
        icon(p.icon ?? "sparkle"), h("span", {}, p.label))))) : null);
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
      storedFeedback: this.loadedFeedback ?? this.state.thread?.metadata?.feedback ?? null,
      workflowOpen: this.workflowOpen,
      isLastAssistant: (id) => this.state.lastItemOfType("assistant_message")?.id === id,
      canRetry: () => !this.streaming && !this.lockedReason() && Boolean(this.state.lastItemOfType("user_message")),
      composerLocked: () => Boolean(this.lockedReason()) || this.streaming,
      allowImage: (url) => this.allowImage(url),
      onEntityClick: this.options?.entities?.onClick ? (entity) => this.options.entities.onClick(entity) : null,
      onRequestPreview: this.options?.entities?.onRequestPreview ? (entity) => this.options.entities.onRequestPreview(entity) : null,
      onDeeplink: (name, data) => this.emit("chatkit.deeplink", { name, data }),
      onFeedback: (id, kind) => this.conversation.sendFeedback(id, kind),
      onRetry: () => this.conversation.retry(),
      onWidgetAction: (item, config, source) => this.widgetAction(item, config, source),
      onStructuredInput: (itemId, input) => this.conversation.runStream("threads.add_structured_input",
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
    // loadingBehavior: "container" marks the whole widget busy, "none" nothing, and "self" or
    // "auto" (the default) the control that fired the action.
    const behavior = config.loadingBehavior ?? "auto";
    const container = this.transcript.itemEls.get(item.id)?.querySelector(".cko-widget") ?? null;
    const busy = behavior === "none" ? null : behavior === "container" ? container : element;
    busy?.setAttribute("aria-busy", "true");
    if (busy && "disabled" in busy) busy.disabled = true;
    try {
      if (config.handler === "client") {
        await this.options?.widgets?.onAction?.(action, { id: item.id, widget: item.widget });
      } else if (config.streaming === false) {
        await this.conversation.syncCustomAction(action, item.id);
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

  async submitComposer({ text, tags, attachments, toolChoice, model, reply }) {
    const content = [...(text ? [{ type: "input_text", text }] : []), ...tags];
    const sent = await this.startUserMessage({ content, attachments, toolChoice, model, reply });
    // Refused before it started (over the turn limit, database down): nothing was stored, so
    // the text goes back into an empty composer for sending again later.
    if (sent === false && !this.composer.textarea.value) this.composer.setValue({ text, tags });
    return sent;
  }

  /**
   * Dispatch one of ChatKit.js's events (bubbling and composed, like <openai-chatkit>'s).
   * @template {keyof ChatKitEvents} K
   * @param {K} name
   * @param {ChatKitEvents[K]["detail"]} detail
   */
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

if (!customElements.get("chatkit-open")) customElements.define("chatkit-open", ChatKitOpenElement);
