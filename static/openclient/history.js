// The thread history panel: threads.list, switch, rename (threads.update), delete.
import { h } from "./dom.js";
import { icon } from "./icons.js";

export class HistoryPanel {
  /** @param {object} hooks { list(after) -> Page, select(id), rename(id, title), remove(id), close() } */
  constructor(hooks) {
    this.hooks = hooks;
    this.threads = [];
    /** @type {string | null} */
    this.editing = null;
    /** @type {string | null} */
    this.confirming = null;
    this.list = h("ul", { class: "cko-history-list", "aria-label": "Conversations" });
    this.status = h("p", { class: "cko-muted", role: "status" });
    this.more = h("button", { type: "button", class: "cko-linklike", hidden: true, onclick: () => this.load(true) }, "Load more");
    this.el = h("nav", { class: "cko-history", "aria-label": "Conversation history", hidden: true },
      h("div", { class: "cko-history-head" }, h("h2", {}, "History"),
        h("button", { type: "button", class: "cko-iconbtn", "aria-label": "Close history", onclick: () => hooks.close() }, icon("close"))),
      this.status, this.list, this.more);
  }

  get open() {
    return !this.el.hidden;
  }

  show(currentId) {
    this.currentId = currentId;
    this.el.hidden = false;
    return this.load(false);
  }

  hide() {
    this.el.hidden = true;
  }

  async load(append) {
    this.status.textContent = "Loading…";
    try {
      const page = await this.hooks.list(append ? this.after : null);
      this.threads = append ? [...this.threads, ...page.data] : page.data ?? [];
      this.after = page.after;
      this.more.hidden = !page.has_more;
      this.status.textContent = this.threads.length ? "" : "No conversations yet.";
    } catch (error) {
      this.status.textContent = `Could not load history: ${error.message}`;
    }
    this.render();
  }

  render() {
    this.list.replaceChildren(...this.threads.map((thread) => this.row(thread)));
  }

  row(thread) {
    const title = thread.title || "Untitled conversation";
    const options = this.hooks.options();
    const li = h("li", { class: "cko-history-row", "data-thread-id": thread.id, "aria-current": thread.id === this.currentId ? "true" : null });
    if (this.editing === thread.id) li.append(this.renameForm(thread));
    else if (this.confirming === thread.id) li.append(this.deleteConfirm(thread, title));
    else {
      li.append(h("button", { type: "button", class: "cko-history-open", onclick: () => this.hooks.select(thread.id) },
        h("span", { class: "cko-history-title" }, title),
        h("span", { class: "cko-muted" }, formatDate(thread.created_at, options.locale)),
        thread.status?.type && thread.status.type !== "active" ? h("span", { class: "cko-badge cko-color-warning" }, thread.status.type) : null),
      options.history?.showRename === false ? null
        : h("button", { type: "button", class: "cko-iconbtn cko-history-rename", "aria-label": `Rename ${title}`, onclick: () => this.startEdit(thread.id, "editing") }, icon("write")),
      options.history?.showDelete === false ? null
        : h("button", { type: "button", class: "cko-iconbtn cko-history-delete", "aria-label": `Delete ${title}`, onclick: () => this.startEdit(thread.id, "confirming") }, icon("trash")));
    }
    return li;
  }

  /** Put one row into rename or delete-confirm mode (inline, no browser dialogs). */
  startEdit(threadId, mode) {
    this.editing = mode === "editing" ? threadId : null;
    this.confirming = mode === "confirming" ? threadId : null;
    this.render();
    this.list.querySelector(mode === "editing" ? ".cko-history-edit input" : ".cko-history-confirm .cko-btn")?.focus();
  }

  stopEdit() {
    const id = this.editing ?? this.confirming;
    this.editing = this.confirming = null;
    this.render();
    /** @type {HTMLElement | null} */ ([...this.list.querySelectorAll(".cko-history-row")]
      .find((row) => /** @type {HTMLElement} */ (row).dataset.threadId === id)?.querySelector(".cko-history-open"))?.focus();
  }

  renameForm(thread) {
    const input = h("input", { type: "text", value: thread.title ?? "", "aria-label": "Conversation title", maxlength: 200 });
    const form = h("form", { class: "cko-history-edit" }, input,
      h("button", { type: "submit", class: "cko-btn cko-btn-primary" }, "Save"),
      h("button", { type: "button", class: "cko-btn", onclick: () => this.stopEdit() }, "Cancel"));
    input.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); this.stopEdit(); } });
    form.addEventListener("submit", (e) => { e.preventDefault(); this.rename(thread, input.value); });
    return form;
  }

  deleteConfirm(thread, title) {
    const box = h("div", { class: "cko-history-confirm", role: "group", "aria-label": `Delete ${title}?` },
      h("p", {}, `Delete “${title}”?`),
      h("button", { type: "button", class: "cko-btn cko-btn-danger", onclick: () => this.remove(thread) }, "Delete"),
      h("button", { type: "button", class: "cko-btn", onclick: () => this.stopEdit() }, "Cancel"));
    box.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); this.stopEdit(); } });
    return box;
  }

  async rename(thread, value) {
    const title = value.trim();
    if (!title) { this.stopEdit(); return; }
    try {
      const updated = await this.hooks.rename(thread.id, title);
      Object.assign(thread, { title: updated?.title ?? title });
      this.status.textContent = "";
    } catch (error) {
      this.status.textContent = `Could not rename: ${error.message}`;
    }
    this.stopEdit();
  }

  async remove(thread) {
    try {
      await this.hooks.remove(thread.id);
      this.threads = this.threads.filter((t) => t !== thread);
    } catch (error) {
      this.status.textContent = `Could not delete: ${error.message}`;
    }
    this.editing = this.confirming = null;
    this.render();
  }
}

function formatDate(value, locale) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  try {
    return date.toLocaleString(locale || undefined, { dateStyle: "medium", timeStyle: "short" });
  } catch {
    return date.toLocaleString();
  }
}
