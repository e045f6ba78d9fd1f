// Widget tree (Card, ListView, Row, Text, Button, Form, ...) to DOM. Every component
// gets `cko-w-<Type>` and, when it has an id, `data-component-id` so streaming text
// deltas can patch it in place. Unknown components become a visible placeholder.
import { h } from "./dom.js";
import { icon } from "./icons.js";
import { safeUrl } from "./dom.js";
import { renderMarkdown } from "./markdown.js";
import { boxStyle, color, px, radius, sizeStyle, space, surfaceColor, textStyle, spacingBox } from "./widget-style.js";

/**
 * @param {object} root  the WidgetRoot JSON
 * @param {object} ctx   { scheme, onAction(config, {element, form}), allowImage(url) }
 */
export function renderWidget(root, ctx) {
  return renderComponent(root, ctx);
}

export function renderComponent(c, ctx) {
  if (!c || typeof c !== "object") return null;
  const render = RENDERERS[c.type];
  let el;
  try {
    el = render ? render(c, ctx) : unknownComponent(c);
  } catch (error) {
    console.warn("chatkit-open: widget component failed to render", c.type, error);
    el = unknownComponent(c, "could not be displayed");
  }
  el.classList.add(`cko-w-${c.type}`);
  el.dataset.widgetType = c.type;
  if (c.id) el.dataset.componentId = c.id;
  return el;
}

/** Redraw one streaming Text/Markdown node; false when it is not on screen. */
export function patchStreamingText(container, component) {
  const target = [...container.querySelectorAll("[data-component-id]")]
    .find((el) => el.dataset.componentId === component.id);
  if (!target) return false;
  if (component.type === "Markdown") renderMarkdown(target, component.value);
  else target.textContent = component.value ?? "";
  target.toggleAttribute("data-streaming", Boolean(component.streaming));
  return true;
}

const children = (c, ctx) => (c.children == null ? [] : [].concat(c.children).map((child) => renderComponent(child, ctx)));

function unknownComponent(c, why = "is not supported by this client") {
  return h("div", { class: "cko-unknown", role: "note" }, `Widget component “${c.type ?? "?"}” ${why}.`);
}

function statusHeader(status) {
  if (!status) return null;
  const favicon = safeUrl(status.favicon);
  return h("div", { class: "cko-w-status" },
    favicon ? h("img", { src: favicon, alt: "", class: "cko-favicon" }) : status.icon ? icon(status.icon) : null,
    h("span", {}, status.text));
}

function box(direction) {
  return (c, ctx) => h("div", {
    class: `cko-w-box cko-w-${direction}`,
    style: { ...boxStyle(c, ctx.scheme), flexDirection: direction === "row" ? "row" : "column" },
  }, children(c, ctx));
}

function themed(c, ctx) {
  return c.theme ? { ...ctx, scheme: c.theme } : ctx;
}

function card(c, ctx) {
  ctx = themed(c, ctx);
  const body = h("div", { class: "cko-w-card-body", style: { ...spacingBox(c.padding, "padding") } }, children(c, ctx));
  const footer = (c.confirm || c.cancel) ? h("div", { class: "cko-w-card-actions" },
    c.cancel ? actionButton(c.cancel.label, c.cancel.action, ctx, "secondary") : null,
    c.confirm ? actionButton(c.confirm.label, c.confirm.action, ctx, "primary") : null) : null;
  const parts = [statusHeader(c.status), c.collapsed ? null : body, footer];
  const attrs = {
    class: `cko-w-card cko-size-${c.size ?? "md"}`,
    style: { background: surfaceColor(c.background, ctx.scheme) },
    "data-color-scheme": c.theme,
  };
  if (c.asForm) return h("form", { ...attrs, novalidate: false, onsubmit: (e) => e.preventDefault() }, parts);
  return h("section", attrs, parts);
}

function actionButton(label, action, ctx, style) {
  const btn = h("button", { type: "button", class: `cko-w-button cko-btn-${style}` }, label);
  btn.addEventListener("click", () => ctx.onAction(action, { element: btn, form: btn.closest("form") }));
  return btn;
}

function listView(c, ctx) {
  ctx = themed(c, ctx);
  const items = children(c, ctx);
  const limit = c.limit === "auto" ? 5 : c.limit;
  const list = h("ul", { class: "cko-w-list", role: "list" }, items);
  const wrap = h("div", { "data-color-scheme": c.theme }, statusHeader(c.status), list);
  if (Number.isInteger(limit) && items.length > limit) {
    items.slice(limit).forEach((el) => { el.hidden = true; });
    const more = h("button", { type: "button", class: "cko-linklike cko-w-more" }, `Show ${items.length - limit} more`);
    more.addEventListener("click", () => { items.forEach((el) => { el.hidden = false; }); more.remove(); });
    wrap.append(more);
  }
  return wrap;
}

function listViewItem(c, ctx) {
  const li = h("li", { class: "cko-w-listitem", style: { gap: space(c.gap), alignItems: c.align } }, children(c, ctx));
  if (c.onClickAction) {
    li.setAttribute("role", "button");
    li.tabIndex = 0;
    const fire = () => ctx.onAction(c.onClickAction, { element: li, form: li.closest("form") });
    li.addEventListener("click", fire);
    li.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); fire(); } });
  }
  return li;
}

function textNode(tag, cls) {
  return (c, ctx) => h(tag, {
    class: `${cls} cko-size-${c.size ?? "md"} ${c.weight ? `cko-weight-${c.weight}` : ""} ${c.truncate ? "cko-truncate" : ""} ${c.maxLines ? "cko-clamp" : ""}`,
    style: textStyle(c, ctx.scheme),
    "data-streaming": c.streaming ? true : null,
  }, c.value ?? "");
}

function markdown(c) {
  const el = h("div", { class: "cko-markdown", "data-streaming": c.streaming ? true : null });
  return renderMarkdown(el, c.value);
}

function button(c, ctx) {
  const variant = c.variant ?? (c.style === "secondary" ? "outline" : "solid");
  const btn = h("button", {
    type: c.submit ? "submit" : "button",
    class: `cko-w-button cko-btn-${c.style ?? "primary"} cko-variant-${variant} cko-color-${c.color ?? "default"} ${c.block ? "cko-block" : ""} ${c.pill ? "cko-pill" : ""}`,
    disabled: c.disabled,
    "aria-label": c.label ? null : c.iconStart ?? c.iconEnd ?? "Button",
  }, c.iconStart ? icon(c.iconStart) : null, c.label ? h("span", {}, c.label) : null, c.iconEnd ? icon(c.iconEnd) : null);
  btn.addEventListener("click", (event) => {
    const form = btn.closest("form");
    if (c.submit && form) return; // the form's submit handler sends its own action
    if (!c.onClickAction) return;
    event.preventDefault();
    if (form && !form.reportValidity()) return;
    ctx.onAction(c.onClickAction, { element: btn, form });
  });
  return btn;
}

function form(c, ctx) {
  const el = h("form", {
    class: "cko-w-box cko-w-form",
    style: { ...boxStyle(c, ctx.scheme), flexDirection: c.direction === "row" ? "row" : "column" },
  }, children(c, ctx));
  el.addEventListener("submit", (event) => {
    event.preventDefault();
    if (c.onSubmitAction) ctx.onAction(c.onSubmitAction, { element: event.submitter ?? el, form: el });
  });
  return el;
}

function fieldLabel(c) {
  return c.ariaLabel ?? c.label ?? c.placeholder ?? c.name;
}

function input(c) {
  return h("input", {
    class: `cko-w-input cko-variant-${c.variant ?? "outline"} ${c.pill ? "cko-pill" : ""}`,
    type: c.inputType ?? "text", name: c.name, value: c.defaultValue ?? "", placeholder: c.placeholder,
    required: c.required, pattern: c.pattern, disabled: c.disabled, autofocus: c.autoFocus,
    "aria-label": fieldLabel(c),
  });
}

function textarea(c) {
  return h("textarea", {
    class: `cko-w-textarea cko-variant-${c.variant ?? "outline"}`, name: c.name, rows: c.rows ?? 3,
    placeholder: c.placeholder, required: c.required, disabled: c.disabled, "aria-label": fieldLabel(c),
    value: c.defaultValue ?? "",
  });
}

function changeAction(el, c, ctx) {
  if (!c.onChangeAction) return el;
  el.addEventListener("change", () => {
    const value = el.type === "checkbox" ? el.checked : el.value;
    const action = { ...c.onChangeAction, payload: { ...(c.onChangeAction.payload ?? {}), value } };
    ctx.onAction(action, { element: el, form: null });
  });
  return el;
}

function select(c, ctx) {
  const el = h("select", { class: "cko-w-select", name: c.name, disabled: c.disabled, "aria-label": fieldLabel(c) },
    c.placeholder ? h("option", { value: "", disabled: true, selected: !c.defaultValue }, c.placeholder) : null,
    (c.options ?? []).map((o) => h("option", { value: o.value, disabled: o.disabled, selected: o.value === c.defaultValue }, o.label)));
  return changeAction(el, c, ctx);
}

function checkbox(c, ctx) {
  const box = h("input", { type: "checkbox", name: c.name, checked: Boolean(c.defaultChecked), disabled: c.disabled, required: c.required });
  changeAction(box, c, ctx);
  return h("label", { class: "cko-w-checkbox-label" }, box, c.label ? h("span", {}, c.label) : null);
}

function radioGroup(c, ctx) {
  const group = h("div", { role: "radiogroup", "aria-label": fieldLabel(c), class: `cko-w-radios cko-w-${c.direction ?? "col"}` },
    (c.options ?? []).map((o) => h("label", {},
      h("input", { type: "radio", name: c.name, value: o.value, checked: o.value === c.defaultValue, disabled: c.disabled || o.disabled, required: c.required }),
      h("span", {}, o.label))));
  return changeAction(group, c, ctx);
}

function datePicker(c, ctx) {
  const day = (v) => (v ? String(v).slice(0, 10) : null);
  const el = h("input", { type: "date", class: "cko-w-input", name: c.name, value: day(c.defaultValue) ?? "",
    min: day(c.min), max: day(c.max), disabled: c.disabled, "aria-label": fieldLabel(c) });
  return changeAction(el, c, ctx);
}

function label(c, ctx) {
  return h("label", { class: "cko-w-label", for: null, style: textStyle(c, ctx.scheme), "data-field": c.fieldName }, c.value);
}

function badge(c) {
  return h("span", { class: `cko-badge cko-color-${c.color ?? "secondary"} cko-variant-${c.variant ?? "soft"} ${c.pill ? "cko-pill" : ""}` }, c.label);
}

function iconComponent(c, ctx) {
  const el = icon(c.name, `cko-icon-${c.size ?? "md"}`);
  const col = color(c.color, ctx.scheme);
  if (col) el.style.color = col;
  return el;
}

function image(c, ctx) {
  const src = safeUrl(c.src, { allowDataImage: true });
  if (!src || !ctx.allowImage(src)) return h("div", { class: "cko-unknown", role: "img", "aria-label": c.alt ?? "Image" }, `Image blocked: ${c.alt ?? c.src ?? ""}`);
  return h("img", {
    src, alt: c.alt ?? "", loading: "lazy", class: `cko-w-img ${c.frame ? "cko-frame" : ""}`,
    style: { objectFit: c.fit, objectPosition: c.position, borderRadius: radius(c.radius), ...sizeStyle(c),
      aspectRatio: c.aspectRatio != null ? String(c.aspectRatio) : undefined, flex: c.flex != null ? String(c.flex) : undefined,
      background: surfaceColor(c.background, ctx.scheme) },
  });
}

function divider(c, ctx) {
  return h("hr", { class: `cko-w-divider ${c.flush ? "cko-flush" : ""}`,
    style: { borderTopWidth: px(c.size), borderTopColor: color(c.color, ctx.scheme), marginBlock: space(c.spacing) } });
}

function spacer(c) {
  return h("div", { class: "cko-w-spacer", "aria-hidden": "true", style: { flex: "1 1 auto", minWidth: px(c.minSize), minHeight: px(c.minSize) } });
}

function transition(c, ctx) {
  return h("div", { class: "cko-w-transition" }, children(c, ctx));
}

// Charts are shown as an accessible data table rather than a drawing.
function chart(c) {
  const xKey = typeof c.xAxis === "string" ? c.xAxis : c.xAxis?.dataKey;
  const series = c.series ?? [];
  return h("table", { class: "cko-w-chart-table" },
    h("thead", {}, h("tr", {}, h("th", {}, xKey ?? ""), series.map((s) => h("th", {}, s.label ?? s.dataKey)))),
    h("tbody", {}, (c.data ?? []).map((row) => h("tr", {}, h("th", {}, String(row[xKey] ?? "")), series.map((s) => h("td", {}, String(row[s.dataKey] ?? "")))))));
}

// Table / Table.Row / Table.Cell: a real <table>; a header row's cells are <th scope="col">.
function table(c, ctx) {
  const rows = children(c, ctx);
  return h("div", { class: "cko-w-table-wrap" }, h("table", { class: "cko-w-table" }, h("tbody", {}, rows)));
}

function tableRow(c, ctx) {
  const cells = (c.children == null ? [] : [].concat(c.children)).map((cell) => renderComponent({ ...cell, header: Boolean(c.header) }, ctx));
  return h("tr", { class: c.header ? "cko-w-table-head" : null }, cells);
}

const CELL_ALIGN = { start: "left", center: "center", end: "right" };
const COL_SIZES = { xs: "48px", sm: "96px", md: "160px", lg: "240px", xl: "320px" };

function tableCell(c, ctx) {
  return h(c.header ? "th" : "td", {
    scope: c.header ? "col" : null, colspan: c.colSpan, rowspan: c.rowSpan,
    style: { textAlign: CELL_ALIGN[c.align], verticalAlign: { start: "top", center: "middle", end: "bottom" }[c.vAlign],
      width: px(c.width) ?? COL_SIZES[c.colSize], ...spacingBox(c.padding, "padding") },
  }, children(c, ctx));
}

const RENDERERS = {
  Table: table, "Table.Row": tableRow, "Table.Cell": tableCell,
  Card: card, ListView: listView, ListViewItem: listViewItem, Basic: box("col"),
  Box: (c, ctx) => box(c.direction === "row" ? "row" : "col")(c, ctx), Row: box("row"), Col: box("col"),
  Text: textNode("p", "cko-w-text"), Title: textNode("h3", "cko-w-title"), Caption: textNode("p", "cko-w-caption"),
  Markdown: markdown, Button: button, Badge: badge, Icon: iconComponent, Image: image, Divider: divider,
  Spacer: spacer, Form: form, Input: input, Textarea: textarea, Select: select, Checkbox: checkbox,
  RadioGroup: radioGroup, DatePicker: datePicker, Label: label, Transition: transition, Chart: chart,
};

/**
 * Collect a form's values for an action payload: checkboxes as booleans, dotted
 * names (`address.city`) as nested objects.
 */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    let value;
    if (el.type === "checkbox") value = el.checked;
    else if (el.type === "radio") { if (!el.checked) continue; value = el.value; }
    else if (el.tagName === "BUTTON") continue;
    else value = el.value;
    setPath(values, el.name, value);
  }
  return values;
}

function setPath(target, name, value) {
  const keys = name.split(".");
  let node = target;
  keys.slice(0, -1).forEach((k) => { node = node[k] = typeof node[k] === "object" && node[k] ? node[k] : {}; });
  node[keys.at(-1)] = value;
}
