// Workflow items (reasoning or custom task lists) as a collapsible <details>.
import { h, safeUrl } from "./dom.js";
import { icon } from "./icons.js";
import { renderMarkdown } from "./markdown.js";

export function renderWorkflow(item, ctx) {
  const workflow = item.workflow ?? {};
  const tasks = workflow.tasks ?? [];
  const running = tasks.some((t) => t.status_indicator === "loading") || !workflow.summary;
  const details = h("details", { class: "cko-workflow", "data-workflow-type": workflow.type },
    h("summary", { class: "cko-workflow-summary" }, summaryLabel(workflow, running)),
    h("ul", { class: "cko-tasks" }, tasks.map((task) => renderTask(task, ctx))));
  // Open while work is in progress or when the server asks, unless the user chose otherwise.
  const chosen = ctx.workflowOpen.get(item.id);
  details.open = chosen ?? (Boolean(workflow.expanded) || running);
  // Record only the user's clicks (keyboard activation also clicks); "toggle" fires for ours too.
  details.firstElementChild.addEventListener("click", () => ctx.workflowOpen.set(item.id, !details.open));
  return details;
}

function summaryLabel(workflow, running) {
  const summary = workflow.summary;
  if (summary?.title) return [summary.icon ? icon(summary.icon) : null, h("span", {}, summary.title)];
  if (summary && Number.isFinite(summary.duration)) return h("span", {}, `Worked for ${formatDuration(summary.duration)}`);
  const label = workflow.type === "reasoning" ? "Thinking…" : "Working…";
  return h("span", { class: running ? "cko-shimmer" : "" }, label);
}

function formatDuration(seconds) {
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

export function renderTask(task, ctx) {
  const state = task.status_indicator ?? "none";
  const marker = state === "loading"
    ? h("span", { class: "cko-spinner", role: "img", "aria-label": "In progress" })
    : state === "complete" ? h("span", { class: "cko-done", role: "img", "aria-label": "Done" }, icon("check")) : null;
  const body = TASK_RENDERERS[task.type]?.(task, ctx)
    ?? h("div", { class: "cko-unknown", role: "note" }, `Task type “${task.type}” is not supported by this client.`);
  return h("li", { class: `cko-task cko-task--${task.type}`, "data-task-type": task.type, "data-status": state }, marker, body);
}

function markdownBlock(text) {
  return text ? renderMarkdown(h("div", { class: "cko-markdown cko-task-content" }), text) : null;
}

function title(task, fallback) {
  return h("div", { class: "cko-task-title" }, task.icon ? icon(task.icon) : null, task.title ?? fallback);
}

const TASK_RENDERERS = {
  thought: (t) => h("div", {}, t.title ? title(t) : null, markdownBlock(t.content)),
  custom: (t) => h("div", {}, title(t, ""), markdownBlock(t.content)),
  web_search: (t) => h("div", {},
    title(t, t.title_query ? `Searched for “${t.title_query}”` : "Searched the web"),
    t.queries?.length ? h("ul", { class: "cko-queries" }, t.queries.map((q) => h("li", {}, q))) : null,
    t.sources?.length ? h("ul", { class: "cko-task-sources" }, t.sources.map((s) => {
      const url = safeUrl(s.url);
      return h("li", {}, url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, s.title || s.url) : s.title);
    })) : null),
  file: (t) => h("div", {}, title(t, "Read files"),
    t.sources?.length ? h("ul", { class: "cko-task-sources" }, t.sources.map((s) => h("li", {}, icon("document"), " ", s.title || s.filename))) : null),
  image: (t) => h("div", {}, title(t, "Generated an image")),
};
