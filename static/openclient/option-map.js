// Every ChatKit.js option, and what <chatkit-open> does with it. The maps are typed against
// @openai/chatkit's own ChatKitOptions (tsc --checkJs, see tsconfig.json), so an option that
// ChatKit.js adds and this client does not list fails the type check. The element applies
// top-level options through `apply`; nested options are read where they are used (composer,
// history, ...), and their maps say how. README.md's option table is written from these notes.

/**
 * @typedef {import("@openai/chatkit").ChatKitOptions} ChatKitOptions
 * @typedef {"supported" | "partly" | "not"} Support
 * @typedef {{ support: Support, note: string }} OptionNote
 */

/**
 * @template T
 * @typedef {{ [K in keyof Required<T>]: OptionNote }} NoteMap
 */

/** @type {NoteMap<import("@openai/chatkit").CustomApiConfig & import("@openai/chatkit").HostedApiConfig>} */
export const API_OPTIONS = {
  url: { support: "supported", note: "every protocol request is a JSON POST here" },
  fetch: { support: "supported", note: "every request, uploads included, goes through it" },
  domainKey: { support: "supported", note: "accepted and ignored: there is no domain check" },
  uploadStrategy: { support: "supported", note: "`direct` (multipart POST) and `two_phase` (`attachments.create`, then the upload URL)" },
  getClientSecret: { support: "not", note: "hosted mode needs OpenAI's hosted backend" },
};

/** @type {NoteMap<import("@openai/chatkit").ThemeOption>} */
export const THEME_OPTIONS = {
  colorScheme: { support: "supported", note: "light/dark palettes; CSS `color-scheme`" },
  typography: { support: "supported", note: "see below" },
  radius: { support: "supported", note: "`pill`, `round`, `soft`, `sharp` set the corner radii of composer, controls, widget fields, notices and cards" },
  density: { support: "supported", note: "`compact`, `normal`, `spacious` set the spacing of transcript, items and composer" },
  color: { support: "supported", note: "see below" },
};

/** @type {NoteMap<import("@openai/chatkit").TypographyOption>} */
export const TYPOGRAPHY_OPTIONS = {
  baseSize: { support: "supported", note: "the base font size in px; headings and small text scale with it" },
  fontFamily: { support: "supported", note: "CSS font-family of all text" },
  fontFamilyMono: { support: "supported", note: "CSS font-family of code" },
  fontSources: { support: "supported", note: "loaded with the FontFace API into `document.fonts`" },
};

/** @type {NoteMap<import("@openai/chatkit").ColorOption>} */
export const COLOR_OPTIONS = {
  accent: { support: "supported", note: "`primary` is the accent; `level` 0–3 is how much of the UI it tints (0: send button and focus only; 3: user bubbles filled)" },
  grayscale: { support: "supported", note: "`hue` and `tint` (0–9) colour the neutrals, `shade` (−4…4) darkens or lightens them" },
  surface: { support: "supported", note: "`background` and `foreground` of the whole element; secondary surfaces and borders are mixed from them" },
};

/** @type {NoteMap<import("@openai/chatkit").HeaderOption>} */
export const HEADER_OPTIONS = {
  enabled: { support: "supported", note: "" },
  title: { support: "supported", note: "`enabled`, `text` (else the thread's title)" },
  leftAction: { support: "supported", note: "an icon button calling `onClick`" },
  rightAction: { support: "supported", note: "an icon button calling `onClick`" },
};

/** @type {NoteMap<import("@openai/chatkit").HistoryOption>} */
export const HISTORY_OPTIONS = {
  enabled: { support: "supported", note: "a history panel (`threads.list`, paged)" },
  showDelete: { support: "supported", note: "inline confirm in the row (`threads.delete`)" },
  showRename: { support: "supported", note: "inline edit in the row (`threads.update`)" },
};

/** @type {NoteMap<import("@openai/chatkit").StartScreenOption>} */
export const START_SCREEN_OPTIONS = {
  greeting: { support: "supported", note: "" },
  prompts: { support: "supported", note: "`label`, `prompt` (text or content parts), `icon`" },
};

/** @type {NoteMap<import("@openai/chatkit").ComposerOption>} */
export const COMPOSER_OPTIONS = {
  placeholder: { support: "supported", note: "" },
  attachments: { support: "supported", note: "`enabled`, `maxSize` (number or per-MIME record), `maxCount`, `accept`" },
  tools: { support: "supported", note: "a tools menu; `pinned` tools as toggle chips beside it; the choice shows as a chip (`shortLabel`), sets `placeholderOverride`, is sent as `inference_options.tool_choice` and is cleared after sending unless `persistent`" },
  models: { support: "supported", note: "a model menu (`label`, `description`, `disabled`, `default`); the choice is sent as `inference_options.model`" },
  dictation: { support: "supported", note: "a microphone button: MediaRecorder audio goes to `input.transcribe` and the text into the composer" },
};

/** @type {NoteMap<import("@openai/chatkit").ToolOption>} */
export const TOOL_OPTIONS = {
  id: { support: "supported", note: "" },
  label: { support: "supported", note: "shown in the tools menu" },
  icon: { support: "supported", note: "" },
  shortLabel: { support: "supported", note: "shown on the selected-tool chip" },
  placeholderOverride: { support: "supported", note: "the composer's placeholder while the tool is selected" },
  pinned: { support: "supported", note: "a toggle chip beside the tools menu instead of a menu entry" },
  persistent: { support: "supported", note: "stays selected after sending" },
};

/** @type {NoteMap<import("@openai/chatkit").DisclaimerOption>} */
export const DISCLAIMER_OPTIONS = {
  text: { support: "supported", note: "Markdown below the composer" },
  highContrast: { support: "supported", note: "full text colour instead of muted" },
};

/** @type {NoteMap<import("@openai/chatkit").EntitiesOption>} */
export const ENTITIES_OPTIONS = {
  onTagSearch: { support: "supported", note: "type `@` in the composer" },
  showComposerMenu: { support: "supported", note: "an `@` button that starts a tag search" },
  onClick: { support: "supported", note: "interactive tags and entity sources" },
  onRequestPreview: { support: "supported", note: "the returned widget shows in a popover on hover or focus of a tag" },
};

/** @type {NoteMap<import("@openai/chatkit").CommandsOption>} */
export const COMMANDS_OPTIONS = {
  enabled: { support: "supported", note: "type `/` at the start of a word" },
  onSearch: { support: "supported", note: "the menu's entries (`label`, `description`, `icon`, `group`)" },
  onSelect: { support: "supported", note: "an `entity` answer becomes a tag, a `menu` answer the next menu, nothing just closes it" },
};

/** @type {NoteMap<import("@openai/chatkit").ThreadItemActionsOption>} */
export const THREAD_ITEM_ACTIONS_OPTIONS = {
  feedback: { support: "supported", note: "thumbs (`items.feedback`); pressed from the element's `feedback-url` (or `thread.metadata.feedback`) after a reload" },
  retry: { support: "supported", note: "`threads.retry_after_item` on the last answer" },
};

/** @type {NoteMap<import("@openai/chatkit").WidgetsOption>} */
export const WIDGETS_OPTIONS = {
  onAction: { support: "supported", note: "actions with `handler: \"client\"`; others go to the server (`streaming: false` as `threads.sync_custom_action`)" },
};

/** @type {NoteMap<import("@openai/chatkit").ThreadOption>} */
export const THREAD_OPTIONS = {
  autoScroll: { support: "supported", note: "follows a streaming answer while the reader is near the bottom" },
};

/**
 * @typedef {{ setLocale(locale: string | undefined): void, setTheme(theme: ChatKitOptions["theme"]): void,
 *   setFrameTitle(title: string | undefined): void, renderHeader(): void, renderDisclaimer(): void,
 *   setAutoScroll(on: boolean): void }} OptionTarget
 */

/**
 * @type {{ [K in keyof Required<ChatKitOptions>]: OptionNote & {
 *   options?: Record<string, OptionNote>,
 *   apply?: (el: OptionTarget, value: ChatKitOptions[K]) => void } }}
 */
export const OPTIONS = {
  api: { support: "partly", note: "custom backends only", options: API_OPTIONS },
  locale: { support: "partly", note: "sets `lang` and formats dates; UI strings stay English", apply: (el, v) => el.setLocale(v) },
  theme: { support: "supported", note: "`\"light\"`/`\"dark\"` or a ThemeOption", options: { ...THEME_OPTIONS, ...prefixed("typography.", TYPOGRAPHY_OPTIONS), ...prefixed("color.", COLOR_OPTIONS) }, apply: (el, v) => el.setTheme(v) },
  frameTitle: { support: "supported", note: "the element's accessible name (`aria-label`), default \"Chat\"", apply: (el, v) => el.setFrameTitle(v) },
  initialThread: { support: "supported", note: "loaded once, when the first options arrive" },
  onClientTool: { support: "supported", note: "its result goes back as `threads.add_client_tool_output`" },
  header: { support: "supported", note: "", options: HEADER_OPTIONS, apply: (el) => el.renderHeader() },
  history: { support: "supported", note: "", options: HISTORY_OPTIONS, apply: (el) => el.renderHeader() },
  startScreen: { support: "supported", note: "", options: START_SCREEN_OPTIONS },
  threadItemActions: { support: "supported", note: "", options: THREAD_ITEM_ACTIONS_OPTIONS },
  composer: { support: "supported", note: "", options: { ...COMPOSER_OPTIONS, ...prefixed("tools[].", TOOL_OPTIONS) } },
  disclaimer: { support: "supported", note: "", options: DISCLAIMER_OPTIONS, apply: (el) => el.renderDisclaimer() },
  entities: { support: "supported", note: "", options: ENTITIES_OPTIONS },
  commands: { support: "supported", note: "", options: COMMANDS_OPTIONS },
  widgets: { support: "supported", note: "", options: WIDGETS_OPTIONS },
  thread: { support: "supported", note: "", options: THREAD_OPTIONS, apply: (el, v) => el.setAutoScroll(Boolean(v?.autoScroll)) },
};

/**
 * @param {string} prefix
 * @param {Record<string, OptionNote>} notes
 * @returns {Record<string, OptionNote>}
 */
function prefixed(prefix, notes) {
  return Object.fromEntries(Object.entries(notes).map(([key, note]) => [`${prefix}${key}`, note]));
}

/** The README's option table (Markdown), one row per option and nested option. */
export function optionTable() {
  const label = { supported: "supported", partly: "partly", not: "not supported" };
  const rows = ["| option | support | how |", "| --- | --- | --- |"];
  for (const [key, entry] of Object.entries(OPTIONS)) {
    rows.push(`| \`${key}\` | ${label[entry.support]} | ${entry.note} |`);
    for (const [sub, note] of Object.entries(entry.options ?? {})) {
      rows.push(`| \`${key}.${sub}\` | ${label[note.support]} | ${note.note} |`);
    }
  }
  return rows.join("\n");
}
