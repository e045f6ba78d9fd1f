// The thread history panel: threads.list, switch, rename (threads.update), delete.
import { h } from "./dom.js";
import { icon } from "./icons.js";

export class HistoryPanel {
  /** @param {object} hooks { list(after) -> Page, select(id), rename(id, title), remove(id), close() } */
  constructor(hooks) {
    this.hooks = hooks;
    this.threads = [];
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
    const li = h("li", { class: "cko-history-row", "data-thread-id": thread.id, "aria-current": thread.id === this.currentId ? "true" : null },
      h("button", { type: "button", class: "cko-history-open", onclick: () => this.hooks.select(thread.id) },
        h("span", { class: "cko-history-title" }, title),
        h("span", { class: "cko-muted" }, formatDate(thread.created_at, options.locale)),
        thread.status?.type && thread.status.type !== "active" ? h("span", { class: "cko-badge cko-color-warning" }, thread.status.type) : null),
      options.history?.showRename === false ? null
        : h("button", { type: "button", class: "cko-iconbtn", "aria-label": `Rename ${title}`, onclick: () => this.rename(thread) }, icon("write")),
      options.history?.showDelete === false ? null
        : h("button", { type: "button", class: "cko-iconbtn", "aria-label": `Delete ${title}`, onclick: () => this.remove(thread) }, icon("trash")));
    return li;
  }

  async rename(thread) {
    const title = window.prompt("Rename conversation", thread.title ?? "");
    if (title == null || !title.trim()) return;
    try {
      const updated = await this.hooks.rename(thread.id, title.trim());
      Object.assign(thread, { title: updated?.title ?? title.trim() });
      this.render();
    } catch (error) {
      this.status.textContent = `Could not rename: ${error.message}`;
    }
  }

  async remove(thread) {
    if (!window.confirm(`Delete “${thread.title || "Untitled conversation"}”?`)) return;
    try {
      await this.hooks.remove(thread.id);
      this.threads = this.threads.filter((t) => t !== thread);
      this.render();
    } catch (error) {
      this.status.textContent = `Could not delete: ${error.message}`;
    }
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
