// Translate widget style props (spacing units, colour tokens, radii) into CSS.
// ChatKit's design tokens are approximated with our own CSS custom properties.

const SPACING_UNIT_PX = 4;

/** Numbers are spacing units; strings pass through as CSS lengths. */
export function space(value) {
  if (value == null) return undefined;
  return typeof value === "number" ? `${value * SPACING_UNIT_PX}px` : String(value);
}

/** Numbers are pixels; strings pass through. */
export function px(value) {
  if (value == null) return undefined;
  return typeof value === "number" ? `${value}px` : String(value);
}

const TEXT_TOKENS = {
  prose: "var(--cko-text)", primary: "var(--cko-text)", emphasis: "var(--cko-text-strong)",
  secondary: "var(--cko-text-muted)", tertiary: "var(--cko-text-faint)", success: "var(--cko-success)",
  warning: "var(--cko-warning)", danger: "var(--cko-danger)", info: "var(--cko-info)",
  discovery: "var(--cko-discovery)", caution: "var(--cko-warning)",
};
const SURFACE_TOKENS = {
  surface: "var(--cko-surface)", "surface-secondary": "var(--cko-surface-2)",
  "surface-tertiary": "var(--cko-surface-3)", "surface-elevated": "var(--cko-surface-elevated)",
  "surface-elevated-secondary": "var(--cko-surface-2)",
};
const BORDER_TOKENS = { default: "var(--cko-border)", subtle: "var(--cko-border-subtle)", strong: "var(--cko-border-strong)" };
const HUES = { red: 0, orange: 25, amber: 40, yellow: 50, lime: 80, green: 140, emerald: 155, teal: 175,
  cyan: 190, sky: 200, blue: 220, indigo: 240, violet: 260, purple: 275, fuchsia: 295, pink: 330, rose: 350 };

/**
 * Resolve a colour prop: token, primitive like `blue-500`, `{light, dark}`, or CSS colour.
 * @param {Record<string, string>} [tokens]
 */
export function color(value, scheme, tokens = TEXT_TOKENS) {
  if (value == null) return undefined;
  if (typeof value === "object") return color(value[scheme] ?? value.light, scheme, tokens);
  if (tokens[value]) return tokens[value];
  const primitive = /^([a-z]+)-(\d{2,3})$/.exec(value);
  if (primitive) {
    const shade = Number(primitive[2]);
    const lightness = Math.max(8, Math.min(96, 100 - shade / 10.5));
    if (primitive[1] === "gray" || primitive[1] === "slate" || primitive[1] === "zinc") return `hsl(220 8% ${lightness}%)`;
    if (primitive[1] in HUES) return `hsl(${HUES[primitive[1]]} 75% ${lightness}%)`;
  }
  return typeof CSS !== "undefined" && CSS.supports("color", value) ? value : undefined;
}

export const surfaceColor = (v, scheme) => color(v, scheme, SURFACE_TOKENS);
export const borderColor = (v, scheme) => color(v, scheme, BORDER_TOKENS);

const RADII = { "2xs": "2px", xs: "4px", sm: "6px", md: "8px", lg: "12px", xl: "16px", "2xl": "20px",
  "3xl": "24px", "4xl": "32px", full: "9999px", "100%": "100%", none: "0" };
export const radius = (v) => (v == null ? undefined : RADII[v] ?? String(v));

const JUSTIFY = { start: "flex-start", end: "flex-end", center: "center", between: "space-between",
  around: "space-around", evenly: "space-evenly", stretch: "stretch" };
const ALIGN = { start: "flex-start", end: "flex-end", center: "center", baseline: "baseline", stretch: "stretch" };

function spacingBox(value, prefix) {
  if (value == null) return {};
  if (typeof value !== "object") return { [prefix]: space(value) };
  const out = {};
  const sides = { top: value.top ?? value.y, bottom: value.bottom ?? value.y, left: value.left ?? value.x, right: value.right ?? value.x };
  for (const [side, v] of Object.entries(sides)) if (v != null) out[`${prefix}${side[0].toUpperCase()}${side.slice(1)}`] = space(v);
  return out;
}

function borderCss(value, scheme) {
  if (value == null) return {};
  const one = (b) => (typeof b === "number" ? `${b}px solid var(--cko-border)`
    : `${b.size ?? 1}px ${b.style ?? "solid"} ${borderColor(b.color, scheme) ?? "var(--cko-border)"}`);
  if (typeof value === "number" || "size" in value) return { border: one(value) };
  const out = {};
  const sides = { Top: value.top ?? value.y, Bottom: value.bottom ?? value.y, Left: value.left ?? value.x, Right: value.right ?? value.x };
  for (const [side, v] of Object.entries(sides)) if (v != null) out[`border${side}`] = one(v);
  return out;
}

/** Shared layout props of Box/Row/Col/Form (BoxBase in the Python SDK). */
export function boxStyle(c, scheme) {
  return {
    alignItems: ALIGN[c.align], justifyContent: JUSTIFY[c.justify], flexWrap: c.wrap,
    flex: c.flex != null ? String(c.flex) : undefined, gap: space(c.gap),
    ...sizeStyle(c), ...spacingBox(c.padding, "padding"), ...spacingBox(c.margin, "margin"),
    ...borderCss(c.border, scheme), borderRadius: radius(c.radius),
    background: surfaceColor(c.background, scheme),
    aspectRatio: c.aspectRatio != null ? String(c.aspectRatio) : undefined,
  };
}

export function sizeStyle(c) {
  return {
    width: px(c.width ?? c.size), height: px(c.height ?? c.size),
    minWidth: px(c.minWidth ?? c.minSize), minHeight: px(c.minHeight ?? c.minSize),
    maxWidth: px(c.maxWidth ?? c.maxSize), maxHeight: px(c.maxHeight ?? c.maxSize),
  };
}

export function textStyle(c, scheme) {
  return {
    color: color(c.color, scheme), textAlign: c.textAlign, width: px(c.width),
    fontStyle: c.italic ? "italic" : undefined, textDecoration: c.lineThrough ? "line-through" : undefined,
    WebkitLineClamp: c.maxLines ? String(c.maxLines) : undefined,
    minHeight: c.minLines ? `${c.minLines * 1.5}em` : undefined,
  };
}

export { spacingBox };
