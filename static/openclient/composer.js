// The message composer: the text box (Enter sends, Shift+Enter breaks the line) above a
// toolbar of attach, @-mention, tools menu and pinned tools, model menu, dictation and
// send/stop. "@" searches tags, "/" searches commands; both use the one suggestion list.
import { h } from "./dom.js";
import { icon } from "./icons.js";
import { acceptAttribute, rejectReason } from "./attachments.js";
import { Menu } from "./menu.js";

/**
 * @typedef {import("@openai/chatkit").ToolOption} ToolOption
 * @typedef {import("@openai/chatkit").ModelOption} ModelOption
 * @typedef {import("@openai/chatkit").Entity} Entity
 * @typedef {import("@openai/chatkit").Command} Command
 * @typedef {{ placeholder?: string, attachments?: any, tools: ToolOption[], models: ModelOption[],
 *   dictation: boolean, tagMenu: boolean, commands: boolean, lockedReason: string | null,
 *   streaming: boolean, canCancel: boolean }} ComposerState
 */

export class Composer {
  /**
   * @param {object} hooks { onSubmit({text, tags, attachments, toolChoice, model, reply}), onCancel(),
   *   onToolChange(toolId), upload(file) -> Promise<attachment>, removeAttachment(attachment),
   *   searchTags(query), searchCommands(query), selectCommand(command), requestPreview(entity),
   *   transcribe({audio_base64, mime_type}) -> Promise<{text}>, onError(error) }
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.tags = [];
    this.files = []; // {key, name, status: "uploading"|"ready"|"error", attachment?}
    this.reply = null;
    /** @type {ComposerState} */
    this.config = { tools: [], models: [], dictation: false, tagMenu: false, commands: false, lockedReason: null, streaming: false, canCancel: false };
    /** @type {string | null} */
    this.toolId = null;
    /** @type {string | null} */
    this.modelId = null;
    this.suggestions = [];
    this.suggestionMode = "tag"; // "tag" | "command"
    this.activeSuggestion = 0;
    this.recorder = null;
    this.build();
  }

  build() {
    this.textarea = h("textarea", { class: "cko-input", rows: 1, "aria-label": "Message", enterkeyhint: "send" });
    this.textarea.addEventListener("keydown", (e) => this.onKeyDown(e));
    this.textarea.addEventListener("input", () => { this.autosize(); this.searchSuggestions(); this.refreshButtons(); });
    this.replyEl = h("div", { class: "cko-reply", hidden: true });
    this.chips = h("ul", { class: "cko-chips", "aria-label": "Attached to this message" });
    this.listbox = h("ul", { class: "cko-suggestions", role: "listbox", "aria-label": "Suggestions", hidden: true });
    this.error = h("p", { class: "cko-composer-error", role: "alert", hidden: true });
    this.fileInput = h("input", { type: "file", multiple: true, hidden: true, tabindex: -1, "aria-hidden": "true" });
    this.fileInput.addEventListener("change", () => { this.addFiles([...this.fileInput.files]); this.fileInput.value = ""; });
    this.attachButton = h("button", { type: "button", class: "cko-iconbtn cko-attach", "aria-label": "Attach files" }, icon("attach"));
    this.attachButton.addEventListener("click", () => this.fileInput.click());
    this.tagButton = h("button", { type: "button", class: "cko-iconbtn cko-tag-menu", "aria-label": "Mention a tag" }, icon("at-sign"));
    this.tagButton.addEventListener("click", () => this.startTagSearch());
    this.toolsButton = h("button", { type: "button", class: "cko-iconbtn cko-tools-button", "aria-label": "Tools", "aria-haspopup": "menu", "aria-expanded": "false" }, icon("settings-slider"));
    this.toolsButton.addEventListener("click", () => this.toggleToolsMenu());
    this.pinned = h("span", { class: "cko-pinned-tools", role: "group", "aria-label": "Pinned tools" });
    this.toolChip = h("span", { class: "cko-tool-chip", hidden: true });
    this.modelButton = h("button", { type: "button", class: "cko-model-button", "aria-haspopup": "menu", "aria-expanded": "false" });
    this.modelButton.addEventListener("click", () => this.toggleModelMenu());
    this.micButton = h("button", { type: "button", class: "cko-iconbtn cko-dictation", "aria-label": "Dictate", "aria-pressed": "false" }, icon("mic"));
    this.micButton.addEventListener("click", () => this.toggleDictation());
    this.sendButton = h("button", { type: "submit", class: "cko-send", "aria-label": "Send message" }, icon("send"));
    this.stopButton = h("button", { type: "button", class: "cko-stop", "aria-label": "Stop response", hidden: true }, icon("stop"));
    this.stopButton.addEventListener("click", () => this.hooks.onCancel());
    this.notice = h("p", { class: "cko-composer-notice", role: "status", hidden: true });
    this.toolsMenu = new Menu({ label: "Tools", className: "cko-tools-menu", onSelect: (id) => this.selectTool(id === this.toolId ? null : id, { focus: true }) });
    this.modelMenu = new Menu({ label: "Model", className: "cko-model-menu", onSelect: (id) => this.selectModel(id, { focus: true }) });
    this.el = h("form", { class: "cko-composer", "aria-label": "Message composer" },
      this.notice, this.error, this.listbox, this.toolsMenu.el, this.modelMenu.el,
      h("div", { class: "cko-composer-box" }, this.replyEl, this.chips, this.textarea,
        h("div", { class: "cko-composer-toolbar" }, this.attachButton, this.fileInput, this.tagButton, this.toolsButton,
          this.pinned, this.toolChip, h("span", { class: "cko-toolbar-spacer" }), this.modelButton, this.micButton,
          this.stopButton, this.sendButton)));
    this.el.addEventListener("submit", (e) => { e.preventDefault(); this.submit(); });
  }

  /** @param {ComposerState} state */
  update(state) {
    this.config = state;
    const locked = Boolean(state.lockedReason);
    this.textarea.disabled = locked;
    const attachments = state.attachments ?? {};
    this.attachButton.hidden = !attachments.enabled;
    for (const button of [this.attachButton, this.tagButton, this.toolsButton, this.modelButton, this.micButton]) button.disabled = locked;
    const accept = acceptAttribute(attachments.accept);
    if (accept) this.fileInput.accept = accept; else this.fileInput.removeAttribute("accept");
    this.tagButton.hidden = !state.tagMenu;
    this.micButton.hidden = !state.dictation || typeof MediaRecorder === "undefined";
    if (this.toolId && !state.tools.some((t) => t.id === this.toolId)) this.selectTool(null);
    if (!this.modelId || !state.models.some((m) => m.id === this.modelId)) this.modelId = defaultModel(state.models)?.id ?? null;
    this.renderTools();
    this.renderModel();
    this.notice.hidden = !locked;
    this.notice.textContent = state.lockedReason ?? "";
    this.stopButton.hidden = !(state.streaming && state.canCancel);
    this.sendButton.hidden = !this.stopButton.hidden;
    this.refreshButtons();
  }

  // ---- tools ----

  get selectedTool() {
    return this.config.tools.find((t) => t.id === this.toolId) ?? null;
  }

  /**
   * Select a tool (null clears); fires onToolChange when the choice changes.
   * @param {string | null} toolId
   */
  selectTool(toolId, { focus = false } = {}) {
    const next = toolId && this.config.tools.some((t) => t.id === toolId) ? toolId : null;
    const changed = next !== this.toolId;
    this.toolId = next;
    this.renderTools();
    if (changed) this.hooks.onToolChange?.(next);
    if (focus) this.focus();
  }

  renderTools() {
    const tools = this.config.tools ?? [];
    const menuTools = tools.filter((t) => !t.pinned);
    this.toolsButton.hidden = menuTools.length === 0;
    this.pinned.replaceChildren(...tools.filter((t) => t.pinned).map((t) => h("button", {
      type: "button", class: "cko-pinned-tool", "data-tool-id": t.id, "aria-pressed": String(t.id === this.toolId),
      disabled: Boolean(this.config.lockedReason), onclick: () => this.selectTool(t.id === this.toolId ? null : t.id, { focus: true }),
    }, icon(t.icon), h("span", {}, t.shortLabel ?? t.label))));
    const tool = this.selectedTool;
    // A pinned tool shows its state on its own chip; a menu tool gets the removable chip.
    this.toolChip.hidden = !tool || Boolean(tool.pinned);
    this.toolChip.replaceChildren(...(tool && !tool.pinned ? [icon(tool.icon), h("span", { class: "cko-tool-chip-label" }, tool.shortLabel ?? tool.label),
      h("button", { type: "button", class: "cko-chip-remove", "aria-label": `Stop using ${tool.label}`, onclick: () => this.selectTool(null, { focus: true }) }, icon("close"))] : []));
    if (tool) this.toolChip.dataset.toolId = tool.id; else delete this.toolChip.dataset.toolId;
    this.textarea.placeholder = this.config.lockedReason ?? tool?.placeholderOverride ?? this.config.placeholder ?? "Message the AI";
  }

  toggleToolsMenu() {
    if (this.toolsMenu.open) { this.toolsMenu.close(); return; }
    this.modelMenu.close();
    this.toolsMenu.show(this.toolsButton, this.config.tools.filter((t) => !t.pinned)
      .map((t) => ({ id: t.id, label: t.label, icon: t.icon, checked: t.id === this.toolId })));
  }

  // ---- models ----

  /** @param {string} modelId */
  selectModel(modelId, { focus = false } = {}) {
    const model = this.config.models.find((m) => m.id === modelId && !m.disabled);
    if (model) this.modelId = model.id;
    this.renderModel();
    if (focus) this.focus();
  }

  renderModel() {
    const model = this.config.models.find((m) => m.id === this.modelId);
    this.modelButton.hidden = !model;
    this.modelButton.replaceChildren(h("span", {}, model?.label ?? ""), icon("chevron-down"));
    this.modelButton.setAttribute("aria-label", model ? `Model: ${model.label}` : "Model");
  }

  toggleModelMenu() {
    if (this.modelMenu.open) { this.modelMenu.close(); return; }
    this.toolsMenu.close();
    this.modelMenu.show(this.modelButton, this.config.models.map((m) => ({
      id: m.id, label: m.label, description: m.description, disabled: m.disabled, checked: m.id === this.modelId })));
  }

  // ---- value ----

  refreshButtons() {
    const uploading = this.files.some((f) => f.status === "uploading");
    const empty = !this.textarea.value.trim() && !this.tags.length && !this.readyAttachments().length;
    this.sendButton.disabled = Boolean(this.config.lockedReason || this.config.streaming || uploading || empty);
  }

  focus() {
    this.textarea.focus();
  }

  setText(text) {
    this.textarea.value = text;
    this.autosize();
    this.refreshButtons();
  }

  /** setComposerValue: the text and tags replace what is there. */
  setValue({ text = "", tags = [] }) {
    this.tags = tags.map((t) => ({ type: "input_tag", id: t.id, text: t.text, data: t.data ?? {}, group: t.group ?? null, interactive: Boolean(t.interactive) }));
    this.setText(text);
    this.renderChips();
  }

  /** @param {string | null | undefined} reply quoted text the next message answers */
  setReply(reply) {
    this.reply = reply || null;
    this.replyEl.hidden = !this.reply;
    this.replyEl.replaceChildren(...(this.reply ? [h("blockquote", { class: "cko-quote" }, this.reply),
      h("button", { type: "button", class: "cko-chip-remove", "aria-label": "Remove the quote", onclick: () => this.setReply(null) }, icon("close"))] : []));
  }

  /** Already-uploaded attachments (setComposerValue({attachments})). */
  setAttachments(attachments) {
    this.files = attachments.map((a) => ({ key: a.id, name: a.name, status: "ready", attachment: a }));
    this.renderChips();
  }

  autosize() {
    this.textarea.style.height = "auto";
    this.textarea.style.height = `${Math.min(this.textarea.scrollHeight, 200)}px`;
  }

  onKeyDown(e) {
    if (!this.listbox.hidden && this.suggestions.length) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        this.activeSuggestion = (this.activeSuggestion + (e.key === "ArrowDown" ? 1 : -1) + this.suggestions.length) % this.suggestions.length;
        this.renderSuggestions();
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); this.pickSuggestion(this.suggestions[this.activeSuggestion]); return; }
      if (e.key === "Escape") { this.closeSuggestions(); return; }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  submit() {
    if (this.sendButton.disabled) return;
    const tool = this.selectedTool;
    const message = {
      text: this.textarea.value.trim(),
      tags: this.tags,
      attachments: this.readyAttachments(),
      toolChoice: tool ? { id: tool.id } : null,
      model: this.modelId ?? undefined,
      reply: this.reply ?? undefined,
    };
    this.tags = [];
    this.files = [];
    this.setText("");
    this.setReply(null);
    this.renderChips();
    if (tool && !tool.persistent) this.selectTool(null);
    this.hooks.onSubmit(message);
  }

  readyAttachments() {
    return this.files.filter((f) => f.status === "ready").map((f) => f.attachment);
  }

  showError(message) {
    this.error.textContent = message ?? "";
    this.error.hidden = !message;
  }

  /** @param {File[]} files */
  async addFiles(files) {
    this.showError(null);
    for (const file of files) {
      const reason = rejectReason(file, this.config.attachments, this.files.filter((f) => f.status !== "error").length);
      if (reason) { this.showError(reason); continue; }
      const entry = { key: crypto.randomUUID?.() ?? String(Math.random()), name: file.name, status: "uploading", attachment: null };
      this.files.push(entry);
      this.renderChips();
      try {
        entry.attachment = await this.hooks.upload(file);
        entry.status = "ready";
      } catch (error) {
        this.files = this.files.filter((f) => f !== entry);
        const when = error?.retryAfter != null ? ` Try again in ${error.retryAfter} s.` : "";
        this.showError(`Could not upload ${file.name}: ${error.message}${when}`);
      }
      this.renderChips();
    }
  }

  renderChips() {
    const chip = (label, cls, onRemove, extra = {}) => h("li", { class: `cko-chip ${cls}`, ...extra }, h("span", {}, label),
      h("button", { type: "button", class: "cko-chip-remove", "aria-label": `Remove ${label}`, onclick: onRemove }, icon("close")));
    this.chips.replaceChildren(
      ...this.tags.map((tag) => chip(`@${tag.text}`, "cko-tag", () => { this.tags = this.tags.filter((t) => t !== tag); this.renderChips(); })),
      ...this.files.map((f) => chip(f.status === "uploading" ? `${f.name} (uploading…)` : f.name, `cko-file cko-file--${f.status}`, () => {
        this.files = this.files.filter((x) => x !== f);
        if (f.attachment) this.hooks.removeAttachment(f.attachment);
        this.renderChips();
      }, { "aria-busy": f.status === "uploading" ? "true" : null })));
    this.chips.hidden = !this.tags.length && !this.files.length;
    this.refreshButtons();
  }

  // ---- dictation ----

  async toggleDictation() {
    if (this.recorder) { this.recorder.stop(); return; }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      this.showError(`The microphone is not available: ${error.message}`);
      return;
    }
    const recorder = new MediaRecorder(stream);
    const chunks = [];
    recorder.addEventListener("dataavailable", (e) => { if (e.data.size) chunks.push(e.data); });
    recorder.addEventListener("stop", async () => {
      stream.getTracks().forEach((t) => t.stop());
      this.recorder = null;
      this.micButton.setAttribute("aria-pressed", "false");
      this.micButton.setAttribute("aria-label", "Dictate");
      const blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
      this.micButton.setAttribute("aria-busy", "true");
      try {
        const result = await this.hooks.transcribe({ audio_base64: await base64(blob), mime_type: blob.type });
        const text = result?.text?.trim();
        if (text) this.setText(this.textarea.value ? `${this.textarea.value.trimEnd()} ${text}` : text);
        this.focus();
      } catch (error) {
        this.showError(`Could not transcribe: ${error.message}`);
        this.hooks.onError?.(error);
      } finally {
        this.micButton.removeAttribute("aria-busy");
      }
    });
    this.recorder = recorder;
    recorder.start();
    this.micButton.setAttribute("aria-pressed", "true");
    this.micButton.setAttribute("aria-label", "Stop dictation");
  }

  // ---- @-tags and /-commands ----

  startTagSearch() {
    const at = this.textarea.selectionStart ?? this.textarea.value.length;
    const before = this.textarea.value.slice(0, at);
    const insert = before && !/\s$/.test(before) ? " @" : "@";
    this.textarea.value = before + insert + this.textarea.value.slice(at);
    this.textarea.focus();
    this.textarea.setSelectionRange(at + insert.length, at + insert.length);
    this.searchSuggestions();
  }

  // The word before the caret: "@query" searches tags, "/query" commands.
  async searchSuggestions() {
    const before = this.textarea.value.slice(0, this.textarea.selectionStart);
    const tag = /(?:^|\s)@([^\s@]*)$/.exec(before);
    const command = this.config.commands ? /(?:^|\s)\/([^\s/]*)$/.exec(before) : null;
    if (!tag && !command) { this.closeSuggestions(); return; }
    const mode = tag ? "tag" : "command";
    const query = (tag ?? command)[1];
    const key = `${mode}:${query}`;
    this.suggestionQuery = key;
    let results = [];
    try {
      results = (await (mode === "tag" ? this.hooks.searchTags(query) : this.hooks.searchCommands(query))) ?? [];
    } catch {
      results = [];
    }
    if (this.suggestionQuery !== key) return; // a newer keystroke won
    this.showSuggestions(mode, results);
  }

  showSuggestions(mode, results) {
    this.suggestionMode = mode;
    this.suggestions = results.slice(0, 8);
    this.activeSuggestion = 0;
    this.renderSuggestions();
  }

  renderSuggestions() {
    this.listbox.hidden = this.suggestions.length === 0;
    this.listbox.setAttribute("aria-label", this.suggestionMode === "command" ? "Commands" : "Tag suggestions");
    this.textarea.setAttribute("aria-expanded", String(!this.listbox.hidden));
    this.listbox.replaceChildren(...this.suggestions.map((entry, i) => {
      const command = this.suggestionMode === "command";
      const option = h("li", { role: "option", class: `cko-suggestion ${command ? "cko-command" : ""}`, "aria-selected": String(i === this.activeSuggestion) },
        command && entry.icon ? icon(entry.icon) : null,
        h("span", {}, command ? entry.label : entry.title),
        command && entry.description ? h("span", { class: "cko-muted" }, ` ${entry.description}`) : null,
        entry.group ? h("span", { class: "cko-muted cko-suggestion-group" }, ` ${entry.group}`) : null);
      option.addEventListener("mousedown", (e) => { e.preventDefault(); this.pickSuggestion(entry); });
      return option;
    }));
  }

  closeSuggestions() {
    this.suggestions = [];
    this.renderSuggestions();
  }

  pickSuggestion(entry) {
    if (this.suggestionMode === "command") this.runCommand(entry);
    else this.pickTag(entry);
  }

  // Drop the "@query" or "/query" word before the caret.
  removeTrigger(pattern) {
    const caret = this.textarea.selectionStart;
    const before = this.textarea.value.slice(0, caret).replace(pattern, "");
    this.textarea.value = before + this.textarea.value.slice(caret);
    this.textarea.setSelectionRange(before.length, before.length);
  }

  /** @param {Command} command */
  async runCommand(command) {
    this.removeTrigger(/\/[^\s/]*$/);
    this.closeSuggestions();
    this.refreshButtons();
    let selection;
    try {
      selection = await this.hooks.selectCommand(command);
    } catch (error) {
      this.hooks.onError?.(error);
      return;
    }
    if (selection?.type === "entity") this.pickTag(selection.entity, { removeQuery: false });
    else if (selection?.type === "menu") this.showSuggestions("command", selection.commands ?? []);
    this.focus();
  }

  /** @param {Entity} entity */
  pickTag(entity, { removeQuery = true } = {}) {
    if (removeQuery) this.removeTrigger(/@[^\s@]*$/);
    this.tags.push({ type: "input_tag", id: entity.id, text: entity.title, data: entity.data ?? {},
      group: entity.group ?? null, interactive: Boolean(entity.interactive) });
    this.closeSuggestions();
    this.renderChips();
    this.focus();
  }
}

/** @param {ModelOption[]} models */
function defaultModel(models) {
  return models.find((m) => m.default && !m.disabled) ?? models.find((m) => !m.disabled) ?? null;
}

/** @param {Blob} blob */
function base64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1] ?? "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
