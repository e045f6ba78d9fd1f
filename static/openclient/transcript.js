// The scrolling conversation view (role="log"): start screen, items in order, inline
// errors and notices, and the transient progress line. Redraws are batched per frame.
import { h } from "./dom.js";
import { icon } from "./icons.js";
import { renderMarkdown } from "./markdown.js";
import { renderItem } from "./render-items.js";
import { countDown, refusalTitle } from "./retry-after.js";
import { patchStreamingText } from "./render-widgets.js";
import { findComponent } from "./thread-state.js";

export class Transcript {
  /**
   * @param {import("./thread-state.js").ThreadState} state        the thread model this view draws
   * @param {() => object} itemContext returns the ctx passed to renderItem
   */
  constructor(state, itemContext) {
    this.state = state;
    this.itemContext = itemContext;
    this.itemEls = new Map();
    this.dirty = new Set();
    this.frame = null;
    this.el = h("div", { class: "cko-transcript", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: 0 });
    this.autoScroll = false; // thread.autoScroll: follow a streaming answer
    this.progress = h("div", { class: "cko-progress cko-status-line", role: "status", hidden: true });
  }

  /** Draw everything from scratch (thread switch, reload). */
  renderAll(startScreen) {
    const state = this.state;
    this.cancelFrame();
    this.dirty.clear();
    this.itemEls.clear();
    this.el.replaceChildren();
    if (!state.items.size && !state.thread) {
      this.el.append(startScreen);
      return;
    }
    for (const item of state.items.values()) this.placeItem(item, null);
    this.scrollToEnd(true);
  }

  markDirty(ids) {
    for (const id of ids) this.dirty.add(id);
    if (this.frame == null) {
      // rAF is paused in hidden tabs; a timer keeps background streams flowing.
      this.frameIsTimer = document.hidden;
      this.frame = document.hidden ? setTimeout(() => this.flush(), 50) : requestAnimationFrame(() => this.flush());
    }
  }

  cancelFrame() {
    if (this.frame == null) return;
    // Only the kind that was asked for: frame and timer handles are both small integers, and
    // clearTimeout on a frame's number would cancel someone else's timer (a retry countdown).
    if (this.frameIsTimer) clearTimeout(this.frame);
    else cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  flush() {
    const state = this.state;
    this.cancelFrame();
    // The reader's own new message always comes into view; a streaming answer is followed only
    // with thread.autoScroll, and only while the reader is near the bottom (as ChatKit.js does).
    const sent = [...this.dirty].find((id) => !this.itemEls.has(id) && state.items.get(id)?.type === "user_message");
    const stick = this.autoScroll && (Boolean(sent) || this.nearBottom());
    this.el.querySelector(".cko-start")?.remove();
    for (const id of this.dirty) {
      const item = state.items.get(id);
      const old = this.itemEls.get(id) ?? null;
      if (!item) { old?.remove(); this.itemEls.delete(id); continue; }
      this.placeItem(item, old);
    }
    this.dirty.clear();
    if (stick) this.scrollToEnd(true);
    else if (sent) this.scrollToItem(sent);
  }

  placeItem(item, old) {
    const el = renderItem(item, this.itemContext());
    if (!el) { old?.remove(); this.itemEls.delete(item.id); return; }
    if (old) old.replaceWith(el); else this.el.append(el);
    this.itemEls.set(item.id, el);
  }

  /** Widget text deltas patch the one node instead of redrawing the widget (keeps form input). */
  patchText(itemId, componentId) {
    const item = this.state.items.get(itemId);
    const el = this.itemEls.get(itemId);
    const component = item && findComponent(item.widget, componentId);
    if (this.dirty.has(itemId) || !el || !component || !patchStreamingText(el, component)) this.markDirty([itemId]);
  }

  removeItem(id) {
    this.itemEls.get(id)?.remove();
    this.itemEls.delete(id);
    this.dirty.delete(id);
  }

  /**
   * @param {string} message
   * @param {{ onRetry?: (() => void) | null, status?: number, retryAfter?: number | null }} [options]
   */
  showError(message, { onRetry, status = 0, retryAfter = null } = {}) {
    const el = h("div", { class: "cko-error", role: "alert", dataset: status ? { status: String(status) } : {} },
      h("p", { class: "cko-error-title" }, refusalTitle(status)), h("p", { style: { margin: 0 } }, message),
      retryAfter != null ? countDown(h("p", { class: "cko-retry-after" }), retryAfter) : null,
      onRetry ? h("button", { type: "button", class: "cko-btn", style: { marginTop: "6px" }, onclick: () => { el.remove(); onRetry(); } }, "Try again") : null);
    this.appendInline(el);
  }

  showNotice({ level = "info", title, message }) {
    const body = h("div", { class: "cko-markdown" });
    renderMarkdown(body, message);
    this.appendInline(h("div", { class: `cko-notice cko-notice--${level}`, role: level === "danger" ? "alert" : "status" },
      title ? h("p", { class: "cko-notice-title" }, title) : null, body));
  }

  appendInline(el) {
    if (this.dirty.size) this.flush(); // items of this frame first, so a notice lands after them
    this.el.querySelector(".cko-start")?.remove();
    this.el.append(el);
    this.scrollToEnd(true);
  }

  /** Progress text, a bare spinner (text === ""), or hidden (null). */
  setProgress(text, iconName) {
    this.progress.hidden = text == null;
    if (text == null) { this.progress.replaceChildren(); return; }
    this.progress.replaceChildren(
      iconName ? icon(iconName) : h("span", { class: "cko-spinner", "aria-hidden": "true" }),
      h("span", { class: "cko-progress-text" }, text || "Assistant is responding…"));
  }

  /** Bring an item to the top of the view (the reader's own new message, with its answer below). */
  scrollToItem(id) {
    const el = this.itemEls.get(id);
    if (el) this.el.scrollTop = Math.max(0, el.offsetTop - this.el.offsetTop - 16);
  }

  nearBottom() {
    return this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < 80;
  }

  scrollToEnd(force = false) {
    if (force || this.nearBottom()) this.el.scrollTop = this.el.scrollHeight;
  }
}
