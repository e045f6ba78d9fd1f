// Styles for the shadow root. Colours are custom properties so the light/dark scheme
// and the accent colour from `theme` options are one attribute / one property away.
export const STYLES = `
:host {
  --cko-accent: #2f6fed; --cko-on-accent: #fff;
  --cko-bg: #ffffff; --cko-surface: #ffffff; --cko-surface-2: #f4f5f7; --cko-surface-3: #eceef1;
  --cko-surface-elevated: #ffffff; --cko-text: #1b1d21; --cko-text-strong: #000; --cko-text-muted: #5b6270;
  --cko-text-faint: #868d99; --cko-border: #dfe2e7; --cko-border-subtle: #eceef1; --cko-border-strong: #b9bfc9;
  --cko-success: #1a7f43; --cko-warning: #a15c00; --cko-danger: #c42b2b; --cko-info: #1f6feb; --cko-discovery: #7b3fe4;
  --cko-radius: 14px; --cko-radius-control: 10px; --cko-radius-composer: 22px; --cko-radius-bubble: 18px;
  --cko-gap: 14px; --cko-pad-x: clamp(10px, 4vw, 24px); --cko-pad-control: 6px; --cko-font-size: 15px;
  --cko-accent-tint: 12%; --cko-column: 768px;
  --cko-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --cko-font-mono: ui-monospace, SFMono-Regular, Menlo, monospace;
  color-scheme: light;
  display: flex; flex-direction: column; position: relative; min-width: 0; min-height: 320px; height: 100%;
  background: var(--cko-bg); color: var(--cko-text); font-size: var(--cko-font-size); line-height: 1.5; font-family: var(--cko-font); overflow: hidden;
  border-radius: inherit;
}
:host([data-color-scheme="dark"]) {
  --cko-bg: #17181b; --cko-surface: #1f2125; --cko-surface-2: #272a2f; --cko-surface-3: #30333a;
  --cko-surface-elevated: #2a2d33; --cko-text: #e8eaed; --cko-text-strong: #fff; --cko-text-muted: #a9afba;
  --cko-text-faint: #7d8490; --cko-border: #383c44; --cko-border-subtle: #2d3036; --cko-border-strong: #565c67;
  --cko-success: #4cc27f; --cko-warning: #f0a43a; --cko-danger: #ff6b6b; --cko-info: #6ea8ff; --cko-discovery: #b38cff;
  color-scheme: dark;
}
[data-color-scheme="dark"] { color-scheme: dark; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
button:disabled { cursor: not-allowed; opacity: .55; }
:focus-visible { outline: 2px solid var(--cko-accent); outline-offset: 2px; }
.cko-header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid var(--cko-border-subtle); min-height: 48px; }
.cko-title { flex: 1; margin: 0; font-size: 15px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.cko-iconbtn { display: inline-flex; align-items: center; justify-content: center; border: 0; background: transparent; border-radius: 8px; padding: 4px 8px; min-width: 32px; min-height: 32px; }
.cko-iconbtn:hover { background: var(--cko-surface-2); }
.cko-iconbtn[aria-pressed="true"] { background: var(--cko-surface-3); color: var(--cko-accent); }
.cko-main { position: relative; flex: 1; min-height: 0; display: flex; }
.cko-transcript { flex: 1; overflow-y: auto; padding: 16px var(--cko-pad-x); display: flex; flex-direction: column; gap: var(--cko-gap); }
/* One readable column on wide screens, as ChatKit.js keeps its thread: at 1280 px a reply spread
   over the whole width put the question at one edge and its answer at the other. */
.cko-transcript > :not(.cko-start) { width: 100%; max-width: var(--cko-column); margin-inline: auto; }
.cko-start { margin: auto; text-align: center; display: flex; flex-direction: column; gap: 16px; align-items: center; padding: 24px 8px; }
.cko-greeting { font-size: 22px; font-weight: 600; margin: 0; }
.cko-prompts { display: flex; flex-wrap: wrap; gap: 8px; justify-content: center; list-style: none; padding: 0; margin: 0; }
.cko-prompt { display: inline-flex; align-items: center; gap: 8px; border: 1px solid var(--cko-border); background: var(--cko-surface); border-radius: var(--cko-radius-control); padding: var(--cko-pad-control) 14px; text-align: left; }
:host([data-radius="pill"]) .cko-prompt { border-radius: 999px; }
.cko-prompt .cko-icon { color: var(--cko-text-muted); }
.cko-prompt:hover { border-color: var(--cko-accent); }
.cko-item { max-width: 100%; min-width: 0; }
.cko-user { display: flex; flex-direction: column; align-items: flex-end; gap: 6px; }
.cko-bubble { background: var(--cko-surface-2); border-radius: var(--cko-radius-bubble); padding: 8px 14px; max-width: min(85%, 640px); white-space: pre-wrap; overflow-wrap: anywhere; }
.cko-quote { margin: 0; padding-left: 10px; border-left: 3px solid var(--cko-border-strong); color: var(--cko-text-muted); max-width: 85%; }
.cko-tag { display: inline-block; color: var(--cko-accent); background: color-mix(in srgb, var(--cko-accent) 12%, transparent); border: 0; border-radius: 6px; padding: 0 4px; margin: 0 2px; font: inherit; }
.cko-attachments { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; padding: 0; margin: 0; justify-content: flex-end; }
.cko-attachment { display: inline-flex; align-items: center; gap: 6px; margin: 0; border: 1px solid var(--cko-border); border-radius: var(--cko-radius-control); padding: 4px 8px; font-size: 13px; }
.cko-attachment--image { flex-direction: column; padding: 4px; }
.cko-attachment--image img { max-width: 160px; max-height: 120px; border-radius: 6px; object-fit: cover; }
.cko-assistant { overflow-wrap: anywhere; }
.cko-markdown > :first-child { margin-top: 0; } .cko-markdown > :last-child { margin-bottom: 0; }
.cko-markdown pre { background: var(--cko-surface-2); padding: 10px; border-radius: 8px; overflow-x: auto; }
.cko-markdown code { font-family: var(--cko-font-mono); font-size: .9em; }
.cko-markdown table { border-collapse: collapse; display: block; overflow-x: auto; }
.cko-markdown th, .cko-markdown td { border: 1px solid var(--cko-border); padding: 4px 8px; }
.cko-markdown a, .cko-cite a, .cko-sources a { color: var(--cko-accent); }
.cko-markdown img { max-width: 100%; }
.cko-cite { font-size: .75em; margin-left: 1px; }
.cko-sources { font-size: 13px; color: var(--cko-text-muted); padding: 8px 0 0; margin: 8px 0 0; list-style: none; border-top: 1px dashed var(--cko-border); }
.cko-source-n { font-variant-numeric: tabular-nums; }
.cko-linklike { border: 0; background: none; padding: 0; color: var(--cko-accent); text-decoration: underline; }
.cko-actions { display: flex; gap: 2px; margin-top: 4px; color: var(--cko-text-muted); }
.cko-status-line { color: var(--cko-text-muted); font-size: 14px; display: flex; gap: 8px; align-items: center; }
.cko-toolcall { color: var(--cko-text-muted); font-size: 13px; display: flex; gap: 6px; align-items: center; }
.cko-unknown { border: 1px dashed var(--cko-border-strong); border-radius: 8px; padding: 6px 10px; color: var(--cko-text-muted); font-size: 13px; background: var(--cko-surface-2); }
.cko-notice, .cko-error { border-radius: var(--cko-radius-control); padding: 10px 12px; border: 1px solid; font-size: 14px; }
.cko-notice--info { border-color: var(--cko-info); } .cko-notice--warning { border-color: var(--cko-warning); }
.cko-notice--danger, .cko-error { border-color: var(--cko-danger); }
.cko-notice-title, .cko-error-title { font-weight: 600; margin: 0 0 2px; }
.cko-btn { border: 1px solid var(--cko-border); background: var(--cko-surface); border-radius: var(--cko-radius-control); padding: 4px 12px; }
.cko-btn-primary, .cko-w-button.cko-btn-primary { background: var(--cko-accent); color: var(--cko-on-accent); border-color: var(--cko-accent); }
.cko-workflow { border: 1px solid var(--cko-border-subtle); border-radius: var(--cko-radius-control); padding: 6px 12px; }
.cko-workflow-summary { cursor: pointer; color: var(--cko-text-muted); font-size: 14px; }
.cko-tasks { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.cko-task { display: grid; grid-template-columns: 18px 1fr; gap: 6px; font-size: 14px; }
.cko-task > :only-child { grid-column: 2; }
.cko-task-title { font-weight: 500; display: flex; gap: 6px; }
.cko-task-content { color: var(--cko-text-muted); }
.cko-queries, .cko-task-sources { margin: 2px 0 0; padding-left: 18px; color: var(--cko-text-muted); }
.cko-spinner { width: 12px; height: 12px; margin-top: 4px; border: 2px solid var(--cko-border); border-top-color: var(--cko-accent); border-radius: 50%; animation: cko-spin 0.9s linear infinite; display: inline-block; }
.cko-done { color: var(--cko-success); }
.cko-shimmer { animation: cko-pulse 1.4s ease-in-out infinite; }
@keyframes cko-spin { to { transform: rotate(360deg); } }
@keyframes cko-pulse { 50% { opacity: .45; } }
@media (prefers-reduced-motion: reduce) { .cko-spinner, .cko-shimmer { animation: none; } }
.cko-widget { max-width: 100%; }
.cko-w-card { border: 1px solid var(--cko-border); border-radius: var(--cko-radius); background: var(--cko-surface); max-width: 100%; overflow: hidden; }
.cko-w-card.cko-size-sm { max-width: 340px; } .cko-w-card.cko-size-md { max-width: 480px; } .cko-w-card.cko-size-lg { max-width: 640px; }
.cko-w-card-body { padding: 14px; display: flex; flex-direction: column; gap: 8px; }
.cko-w-card-actions { display: flex; gap: 8px; justify-content: flex-end; padding: 0 14px 14px; }
.cko-w-status { display: flex; gap: 6px; align-items: center; font-size: 13px; color: var(--cko-text-muted); padding: 8px 14px 0; }
.cko-favicon { width: 16px; height: 16px; }
.cko-w-box { display: flex; min-width: 0; }
.cko-w-list { list-style: none; margin: 0; padding: 4px; border: 1px solid var(--cko-border); border-radius: var(--cko-radius); background: var(--cko-surface); max-width: 480px; }
.cko-w-listitem { display: flex; align-items: center; gap: 8px; padding: 8px 10px; border-radius: 8px; }
.cko-w-listitem[role="button"] { cursor: pointer; } .cko-w-listitem[role="button"]:hover { background: var(--cko-surface-2); }
.cko-w-text, .cko-w-caption, .cko-w-title { margin: 0; overflow-wrap: anywhere; }
.cko-w-text.cko-size-xs { font-size: 12px; } .cko-w-text.cko-size-sm { font-size: 13px; } .cko-w-text.cko-size-lg { font-size: 17px; } .cko-w-text.cko-size-xl { font-size: 20px; }
.cko-w-title { font-size: 17px; font-weight: 600; } .cko-w-title.cko-size-sm { font-size: 15px; } .cko-w-title.cko-size-lg { font-size: 20px; } .cko-w-title.cko-size-xl, .cko-w-title.cko-size-2xl { font-size: 24px; }
.cko-w-caption { font-size: 13px; color: var(--cko-text-muted); } .cko-w-caption.cko-size-sm { font-size: 12px; }
.cko-weight-medium { font-weight: 500; } .cko-weight-semibold { font-weight: 600; } .cko-weight-bold { font-weight: 700; } .cko-weight-normal { font-weight: 400; }
.cko-truncate { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.cko-clamp { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
[data-streaming]::after { content: "▍"; animation: cko-pulse 1s infinite; color: var(--cko-accent); }
.cko-w-button { --cko-btn: var(--cko-accent); --cko-on-btn: var(--cko-on-accent); border: 1px solid var(--cko-btn); background: var(--cko-btn); color: var(--cko-on-btn); border-radius: var(--cko-radius-control); padding: var(--cko-pad-control) 14px; display: inline-flex; gap: 6px; align-items: center; justify-content: center; font-weight: 500; }
.cko-w-button.cko-btn-secondary { --cko-btn: var(--cko-surface-3); --cko-on-btn: var(--cko-text); }
.cko-w-button.cko-color-danger { --cko-btn: var(--cko-danger); --cko-on-btn: #fff; }
.cko-w-button.cko-color-success { --cko-btn: var(--cko-success); --cko-on-btn: #fff; }
.cko-w-button.cko-color-warning { --cko-btn: var(--cko-warning); --cko-on-btn: #fff; }
.cko-w-button.cko-color-info { --cko-btn: var(--cko-info); --cko-on-btn: #fff; }
.cko-w-button.cko-color-discovery { --cko-btn: var(--cko-discovery); --cko-on-btn: #fff; }
.cko-w-button.cko-color-secondary { --cko-btn: var(--cko-surface-3); --cko-on-btn: var(--cko-text); }
.cko-w-button.cko-variant-soft { background: color-mix(in srgb, var(--cko-btn) 14%, transparent); border-color: transparent; color: var(--cko-text); }
.cko-w-button.cko-variant-outline { background: transparent; border-color: var(--cko-border-strong); color: var(--cko-text); }
.cko-w-button.cko-variant-outline:not(.cko-color-default):not(.cko-color-secondary) { border-color: var(--cko-btn); color: var(--cko-btn); }
.cko-w-button.cko-variant-ghost { background: transparent; border-color: transparent; color: var(--cko-text); }
.cko-w-button.cko-variant-ghost:not(.cko-color-default):not(.cko-color-secondary) { color: var(--cko-btn); }
.cko-w-button.cko-variant-outline:hover, .cko-w-button.cko-variant-ghost:hover, .cko-w-button.cko-variant-soft:hover { background: var(--cko-surface-2); }
.cko-w-button:not(.cko-variant-outline):not(.cko-variant-ghost):not(.cko-variant-soft):hover { filter: brightness(1.08); }
.cko-w-button[aria-busy="true"] { opacity: .6; }
.cko-block { width: 100%; } .cko-pill { border-radius: 999px !important; }
.cko-badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 6px; background: var(--cko-surface-3); }
.cko-badge.cko-color-success { color: var(--cko-success); } .cko-badge.cko-color-danger { color: var(--cko-danger); }
.cko-badge.cko-color-warning { color: var(--cko-warning); } .cko-badge.cko-color-info { color: var(--cko-info); } .cko-badge.cko-color-discovery { color: var(--cko-discovery); }
.cko-icon { width: 1.15em; height: 1.15em; flex: none; vertical-align: -0.2em; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.cko-icon-filled { fill: currentColor; }
.cko-flip { transform: rotate(180deg); }
.cko-icon-lg, .cko-icon-xl { font-size: 1.3em; } .cko-icon-2xl, .cko-icon-3xl { font-size: 1.8em; }
.cko-w-img { max-width: 100%; display: block; border-radius: 8px; }
.cko-w-divider { border: 0; border-top: 1px solid var(--cko-border); margin: 8px 0; width: 100%; }
.cko-w-input, .cko-w-textarea, .cko-w-select { font: inherit; color: inherit; background: var(--cko-surface); border: 1px solid var(--cko-border); border-radius: var(--cko-radius-control); padding: 6px 10px; width: 100%; min-width: 0; }
.cko-w-checkbox-label, .cko-w-radios label, .cko-choice { display: inline-flex; gap: 6px; align-items: center; }
.cko-w-radios { display: flex; gap: 8px; } .cko-w-radios.cko-w-col { flex-direction: column; }
.cko-w-chart-table { border-collapse: collapse; font-size: 13px; } .cko-w-chart-table th, .cko-w-chart-table td { border: 1px solid var(--cko-border); padding: 2px 8px; }
.cko-generated-image { max-width: min(100%, 420px); border-radius: 10px; }
.cko-structured fieldset { border: 1px solid var(--cko-border); border-radius: 10px; margin: 0 0 8px; }
.cko-choices { display: flex; flex-direction: column; gap: 6px; margin: 4px 0 8px; }
.cko-other { font: inherit; color: inherit; background: var(--cko-surface); border: 1px solid var(--cko-border); border-radius: var(--cko-radius-control); padding: 6px 10px; width: 100%; max-width: 420px; box-sizing: border-box; }
.cko-row { display: flex; gap: 8px; }
.cko-muted { color: var(--cko-text-muted); }
.cko-history { position: absolute; inset: 0; z-index: 2; background: var(--cko-bg); overflow-y: auto; padding: 8px 12px; }
.cko-history-head { display: flex; justify-content: space-between; align-items: center; }
.cko-history-head h2 { font-size: 16px; margin: 0; }
.cko-history-list { list-style: none; padding: 0; margin: 8px 0; }
.cko-history-edit { flex: 1; display: flex; gap: 6px; align-items: center; padding: 4px; min-width: 0; }
.cko-history-edit input { flex: 1; min-width: 0; font: inherit; color: inherit; background: var(--cko-surface); border: 1px solid var(--cko-accent); border-radius: var(--cko-radius-control); padding: 4px 8px; }
.cko-history-confirm { flex: 1; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 8px; min-width: 0; }
.cko-history-confirm p { margin: 0; flex: 1 1 160px; min-width: 0; overflow-wrap: anywhere; }
.cko-btn-danger { background: var(--cko-danger); border-color: var(--cko-danger); color: #fff; }
.cko-history-row { display: flex; align-items: center; gap: 4px; border-radius: 8px; }
.cko-history-row[aria-current="true"] { background: var(--cko-surface-2); }
.cko-history-open { flex: 1; min-width: 0; text-align: left; border: 0; background: transparent; padding: 8px; display: flex; flex-direction: column; border-radius: 8px; }
.cko-history-open:hover { background: var(--cko-surface-2); }
.cko-history-title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.cko-history-open .cko-muted { font-size: 12px; }
.cko-composer { padding: 8px var(--cko-pad-x) 10px; position: relative; width: 100%; max-width: calc(var(--cko-column) + 2 * var(--cko-pad-x)); margin-inline: auto; }
.cko-composer-box { display: flex; flex-direction: column; gap: 2px; border: 1px solid var(--cko-border); border-radius: var(--cko-radius-composer); padding: 6px 8px; background: var(--cko-surface); }
.cko-composer-box:focus-within { border-color: var(--cko-accent); }
.cko-input { width: 100%; min-width: 0; resize: none; border: 0; outline: none; background: transparent; color: inherit; font: inherit; padding: 6px 6px 2px; max-height: 200px; }
.cko-input:disabled { cursor: not-allowed; }
.cko-composer-toolbar { display: flex; align-items: center; gap: 4px; flex-wrap: wrap; min-width: 0; }
.cko-toolbar-spacer { flex: 1 1 0; }
.cko-send, .cko-stop { display: inline-flex; align-items: center; justify-content: center; border: 0; border-radius: 50%; width: 34px; height: 34px; background: var(--cko-accent); color: var(--cko-on-accent); flex: none; }
:host([data-accent-level="0"]) .cko-send { background: var(--cko-text-strong); color: var(--cko-bg); }
.cko-pinned-tools { display: contents; }
.cko-pinned-tool, .cko-tool-chip, .cko-model-button { display: inline-flex; align-items: center; gap: 4px; font: inherit; font-size: 13px; border: 1px solid var(--cko-border); border-radius: 999px; background: transparent; color: inherit; padding: 3px 10px; min-height: 30px; max-width: 100%; white-space: nowrap; }
.cko-pinned-tool[aria-pressed="true"], .cko-tool-chip { border-color: transparent; background: color-mix(in srgb, var(--cko-accent) calc(var(--cko-accent-tint) + 6%), transparent); color: var(--cko-accent); }
.cko-tool-chip { padding-right: 2px; }
.cko-tool-chip .cko-chip-remove { color: inherit; }
.cko-model-button { border-color: transparent; color: var(--cko-text-muted); }
.cko-model-button:hover, .cko-pinned-tool:hover { background: var(--cko-surface-2); }
.cko-iconbtn[aria-pressed="true"].cko-dictation { color: var(--cko-danger); }
.cko-menu { position: absolute; bottom: calc(100% - 4px); left: 16px; z-index: 4; min-width: 220px; max-width: calc(100% - 16px); padding: 4px; display: flex; flex-direction: column; background: var(--cko-surface-elevated); border: 1px solid var(--cko-border); border-radius: var(--cko-radius-control); box-shadow: 0 8px 28px rgb(0 0 0 / .18); }
.cko-menu-item { display: flex; align-items: center; gap: 10px; text-align: left; border: 0; background: transparent; border-radius: calc(var(--cko-radius-control) - 2px); padding: 8px 10px; }
.cko-menu-item:hover, .cko-menu-item:focus-visible { background: var(--cko-surface-2); outline: none; }
.cko-menu-text { display: flex; flex-direction: column; flex: 1; min-width: 0; }
.cko-menu-description { font-size: 12px; color: var(--cko-text-muted); }
.cko-menu-check { color: var(--cko-accent); }
.cko-reply { display: flex; align-items: flex-start; gap: 6px; padding: 4px 6px 0; font-size: 13px; }
.cko-reply .cko-quote { flex: 1; }
.cko-closed-notice { margin: 8px var(--cko-pad-x) 12px; padding: 10px 12px; border-radius: var(--cko-radius-control); background: var(--cko-surface-2); color: var(--cko-text-muted); font-size: 14px; text-align: center; }
.cko-disclaimer { padding: 0 var(--cko-pad-x) 8px; margin-top: -4px; font-size: 12px; color: var(--cko-text-faint); text-align: center; }
.cko-disclaimer p { margin: 0; }
.cko-disclaimer--contrast { color: var(--cko-text); }
.cko-hidden-item { color: var(--cko-text-muted); font-style: italic; font-size: 14px; display: flex; gap: 8px; align-items: center; border: 1px dashed var(--cko-border-strong); border-radius: var(--cko-radius-control); padding: 8px 12px; }
.cko-hidden-reason { font-style: normal; display: block; font-size: 13px; }
.cko-preview { position: fixed; z-index: 10; max-width: min(360px, 90vw); box-shadow: 0 8px 28px rgb(0 0 0 / .18); border-radius: var(--cko-radius); background: var(--cko-surface-elevated); }
.cko-user-actions { display: flex; gap: 2px; color: var(--cko-text-muted); opacity: 0; transition: opacity .15s; }
.cko-item--user_message:hover .cko-user-actions, .cko-item--user_message:focus-within .cko-user-actions { opacity: 1; }
@media (hover: none) { .cko-user-actions { opacity: 1; } }
:host([data-accent-level="2"]) .cko-bubble { background: color-mix(in srgb, var(--cko-accent) var(--cko-accent-tint), var(--cko-surface)); }
:host([data-accent-level="3"]) .cko-bubble { background: var(--cko-accent); color: var(--cko-on-accent); }
:host([data-accent-level="3"]) .cko-header { background: color-mix(in srgb, var(--cko-accent) var(--cko-accent-tint), var(--cko-bg)); }
.cko-w-table-wrap { overflow-x: auto; max-width: 100%; }
.cko-w-table { border-collapse: collapse; font-size: 14px; width: 100%; }
.cko-w-table td, .cko-w-table th { padding: 6px 10px; border-bottom: 1px solid var(--cko-border-subtle); text-align: left; vertical-align: top; }
.cko-w-table tr:last-child > * { border-bottom: 0; }
.cko-chips { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; padding: 0; margin: 0 0 6px; }
.cko-chip { display: inline-flex; align-items: center; gap: 4px; border: 1px solid var(--cko-border); border-radius: 999px; padding: 2px 4px 2px 10px; font-size: 13px; }
.cko-chip-remove { border: 0; background: transparent; border-radius: 50%; width: 22px; height: 22px; }
.cko-file--uploading { opacity: .7; }
.cko-suggestions { position: absolute; bottom: 100%; left: 16px; right: 16px; list-style: none; margin: 0; padding: 4px; background: var(--cko-surface-elevated); border: 1px solid var(--cko-border); border-radius: 10px; box-shadow: 0 6px 24px rgb(0 0 0 / .15); max-height: 240px; overflow-y: auto; z-index: 3; }
.cko-suggestion { padding: 6px 10px; border-radius: 6px; cursor: pointer; }
.cko-suggestion[aria-selected="true"] { background: var(--cko-surface-2); }
.cko-composer-error { color: var(--cko-danger); font-size: 13px; margin: 0 0 6px; }
.cko-composer-notice { font-size: 13px; margin: 0 0 6px; padding: 6px 10px; border-radius: var(--cko-radius-control); background: var(--cko-surface-2); color: var(--cko-text-muted); }
.cko-progress { padding: 0 clamp(10px, 4vw, 24px) 4px; }
@media (max-width: 480px) {
  :host { font-size: 14px; }
  .cko-bubble { max-width: 92%; }
  .cko-greeting { font-size: 19px; }
  /* A row of four buttons (the email draft's) is wider than a phone's card: wrap it rather than
     push the first button out of sight. A widget's own \`wrap\` (inline style) still wins. */
  .cko-w-row { flex-wrap: wrap; }
}
`;
