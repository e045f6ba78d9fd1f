// The message composer: textarea (Enter sends, Shift+Enter breaks the line), @-tag
// search, tool choice, attachments and the send/stop button.
import { h } from "./dom.js";
import { icon } from "./icons.js";
import { acceptAttribute, rejectReason } from "./attachments.js";

export class Composer {
  /**
   * @param {object} hooks { onSubmit({text, tags, attachments, toolChoice}), onCancel(),
   *   upload(file) -> Promise<attachment>, removeAttachment(attachment), searchTags(query) }
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.tags = [];
    this.files = []; // {key, name, status: "uploading"|"ready"|"error", attachment?}
    this.config = {};
    this.suggestions = [];
    this.activeSuggestion = 0;
    this.build();
  }

  build() {
    this.textarea = h("textarea", { class: "cko-input", rows: 1, "aria-label": "Message", enterkeyhint: "send" });
    this.textarea.addEventListener("keydown", (e) => this.onKeyDown(e));
    this.textarea.addEventListener("input", () => { this.autosize(); this.searchTags(); this.refreshButtons(); });
    this.chips = h("ul", { class: "cko-chips", "aria-label": "Attached to this message" });
    this.listbox = h("ul", { class: "cko-suggestions", role: "listbox", "aria-label": "Tag suggestions", hidden: true });
    this.error = h("p", { class: "cko-composer-error", role: "alert", hidden: true });
    this.fileInput = h("input", { type: "file", multiple: true, hidden: true, tabindex: -1, "aria-hidden": "true" });
    this.fileInput.addEventListener("change", () => { this.addFiles([...this.fileInput.files]); this.fileInput.value = ""; });
    this.attachButton = h("button", { type: "button", class: "cko-iconbtn cko-attach", "aria-label": "Attach files" }, icon("attach"));
    this.attachButton.addEventListener("click", () => this.fileInput.click());
    this.toolSelect = h("select", { class: "cko-tool-select", "aria-label": "Tool" });
    this.sendButton = h("button", { type: "submit", class: "cko-send", "aria-label": "Send message" }, icon("send"));
    this.stopButton = h("button", { type: "button", class: "cko-stop", "aria-label": "Stop response", hidden: true }, icon("stop"));
    this.stopButton.addEventListener("click", () => this.hooks.onCancel());
    this.notice = h("p", { class: "cko-composer-notice", role: "status", hidden: true });
    this.el = h("form", { class: "cko-composer", "aria-label": "Message composer" },
      this.notice, this.error, this.listbox, this.chips,
      h("div", { class: "cko-composer-row" }, this.attachButton, this.fileInput, this.textarea, this.toolSelect, this.stopButton, this.sendButton));
    this.el.addEventListener("submit", (e) => { e.preventDefault(); this.submit(); });
  }

  /** Apply options and state: { placeholder, attachments, tools, lockedReason, streaming, canCancel }. */
  update(state) {
    this.config = state;
    this.textarea.placeholder = state.lockedReason ?? state.placeholder ?? "Message the AI";
    this.textarea.disabled = Boolean(state.lockedReason);
    const attachments = state.attachments ?? {};
    this.attachButton.hidden = !attachments.enabled;
    this.attachButton.disabled = Boolean(state.lockedReason);
    const accept = acceptAttribute(attachments.accept);
    if (accept) this.fileInput.accept = accept; else this.fileInput.removeAttribute("accept");
    this.renderTools(state.tools ?? []);
    this.notice.hidden = !state.lockedReason;
    this.notice.textContent = state.lockedReason ?? "";
    this.stopButton.hidden = !(state.streaming && state.canCancel);
    this.sendButton.hidden = !this.stopButton.hidden;
    this.refreshButtons();
  }

  renderTools(tools) {
    const key = JSON.stringify(tools.map((t) => [t.id, t.label]));
    if (key === this.toolsKey) return;
    this.toolsKey = key;
    this.toolSelect.replaceChildren(h("option", { value: "" }, "No tool"),
      ...tools.map((t) => h("option", { value: t.id }, t.shortLabel ?? t.label)));
    this.toolSelect.hidden = tools.length === 0;
  }

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
      if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); this.pickTag(this.suggestions[this.activeSuggestion]); return; }
      if (e.key === "Escape") { this.closeSuggestions(); return; }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  submit() {
    if (this.sendButton.disabled) return;
    const message = {
      text: this.textarea.value.trim(),
      tags: this.tags,
      attachments: this.readyAttachments(),
      toolChoice: this.toolSelect.value ? { id: this.toolSelect.value } : null,
    };
    this.tags = [];
    this.files = [];
    this.setText("");
    this.renderChips();
    this.hooks.onSubmit(message);
  }

  readyAttachments() {
    return this.files.filter((f) => f.status === "ready").map((f) => f.attachment);
  }

  showError(message) {
    this.error.textContent = message ?? "";
    this.error.hidden = !message;
  }

  async addFiles(files) {
    this.showError(null);
    for (const file of files) {
      const reason = rejectReason(file, this.config.attachments, this.files.filter((f) => f.status !== "error").length);
      if (reason) { this.showError(reason); continue; }
      const entry = { key: crypto.randomUUID?.() ?? String(Math.random()), name: file.name, status: "uploading" };
      this.files.push(entry);
      this.renderChips();
      try {
        entry.attachment = await this.hooks.upload(file);
        entry.status = "ready";
      } catch (error) {
        this.files = this.files.filter((f) => f !== entry);
        this.showError(`Could not upload ${file.name}: ${error.message}`);
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

  // @-mention: the word before the caret starting with "@" is the query.
  async searchTags() {
    if (!this.hooks.searchTags) return;
    const before = this.textarea.value.slice(0, this.textarea.selectionStart);
    const match = /(?:^|\s)@([^\s@]*)$/.exec(before);
    if (!match) { this.closeSuggestions(); return; }
    const query = match[1];
    this.tagQuery = query;
    let results = [];
    try {
      results = (await this.hooks.searchTags(query)) ?? [];
    } catch (error) {
      results = [];
    }
    if (this.tagQuery !== query) return; // a newer keystroke won
    this.suggestions = results.slice(0, 8);
    this.activeSuggestion = 0;
    this.renderSuggestions();
  }

  renderSuggestions() {
    this.listbox.hidden = this.suggestions.length === 0;
    this.textarea.setAttribute("aria-expanded", String(!this.listbox.hidden));
    this.listbox.replaceChildren(...this.suggestions.map((entity, i) => {
      const option = h("li", { role: "option", class: "cko-suggestion", "aria-selected": String(i === this.activeSuggestion) },
        h("span", {}, entity.title), entity.group ? h("span", { class: "cko-muted" }, ` ${entity.group}`) : null);
      option.addEventListener("mousedown", (e) => { e.preventDefault(); this.pickTag(entity); });
      return option;
    }));
  }

  closeSuggestions() {
    this.suggestions = [];
    this.renderSuggestions();
  }

  pickTag(entity) {
    const caret = this.textarea.selectionStart;
    const before = this.textarea.value.slice(0, caret).replace(/@[^\s@]*$/, "");
    this.textarea.value = before + this.textarea.value.slice(caret);
    this.tags.push({ type: "input_tag", id: entity.id, text: entity.title, data: entity.data ?? {},
      group: entity.group ?? null, interactive: Boolean(entity.interactive) });
    this.closeSuggestions();
    this.renderChips();
    this.focus();
  }
}
