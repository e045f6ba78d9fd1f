// A small popup menu (tools, models): role="menu" with menuitemradio entries, arrow keys,
// Enter/Space to pick, Escape or a click elsewhere to close, focus back on the button.
import { h } from "./dom.js";
import { icon } from "./icons.js";

/**
 * @typedef {{ id: string, label: string, description?: string, icon?: string,
 *   checked?: boolean, disabled?: boolean }} MenuEntry
 */

export class Menu {
  /**
   * @param {{ label: string, className: string, onSelect: (id: string) => void }} config
   */
  constructor({ label, className, onSelect }) {
    this.onSelect = onSelect;
    this.el = h("div", { class: `cko-menu ${className}`, role: "menu", "aria-label": label, hidden: true, tabindex: -1 });
    this.el.addEventListener("keydown", (e) => this.onKeyDown(e));
    this.anchor = null;
    this.outside = (e) => { if (!e.composedPath().some((n) => n === this.el || n === this.anchor)) this.close(); };
  }

  get open() {
    return !this.el.hidden;
  }

  /**
   * @param {HTMLElement} anchor the button that opened it (gets aria-expanded)
   * @param {MenuEntry[]} entries
   */
  show(anchor, entries) {
    this.anchor = anchor;
    this.el.replaceChildren(...entries.map((entry) => h("button", {
      type: "button", role: "menuitemradio", class: "cko-menu-item", "data-id": entry.id,
      "aria-checked": String(Boolean(entry.checked)), disabled: entry.disabled, tabindex: -1,
      onclick: () => { this.close(); this.onSelect(entry.id); },
    }, entry.icon ? icon(entry.icon) : null,
    h("span", { class: "cko-menu-text" }, h("span", { class: "cko-menu-label" }, entry.label),
      entry.description ? h("span", { class: "cko-menu-description" }, entry.description) : null),
    entry.checked ? icon("check", "cko-menu-check") : null)));
    this.el.hidden = false;
    const host = this.el.offsetParent;
    if (host) {
      // Open above the button, kept inside the composer's width.
      const left = anchor.getBoundingClientRect().left - host.getBoundingClientRect().left;
      this.el.style.left = `${Math.max(8, Math.min(left, host.clientWidth - this.el.offsetWidth - 8))}px`;
    }
    anchor.setAttribute("aria-expanded", "true");
    document.addEventListener("pointerdown", this.outside, true);
    this.items()[entries.findIndex((e) => e.checked) === -1 ? 0 : entries.findIndex((e) => e.checked)]?.focus();
  }

  close({ refocus = false } = {}) {
    if (!this.open) return;
    this.el.hidden = true;
    this.anchor?.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", this.outside, true);
    if (refocus) this.anchor?.focus();
  }

  items() {
    return /** @type {HTMLButtonElement[]} */ ([...this.el.querySelectorAll(".cko-menu-item:not(:disabled)")]);
  }

  onKeyDown(e) {
    const items = this.items();
    const at = items.indexOf(/** @type {HTMLButtonElement} */ (this.el.getRootNode().activeElement));
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      items[(at + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length]?.focus();
    } else if (e.key === "Escape" || e.key === "Tab") {
      e.preventDefault();
      this.close({ refocus: true });
    }
  }
}
