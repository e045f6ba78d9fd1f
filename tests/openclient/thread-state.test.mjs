// Unit tests for the open client's thread model: stream events applied to items.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ThreadState } from "../../static/openclient/thread-state.js";

const updated = (item_id, update) => ({ type: "thread.item.updated", item_id, update });

test("assistant message parts, deltas and annotations", () => {
  const state = new ThreadState();
  state.apply({ type: "thread.created", thread: { id: "thr_1", items: { data: [] } } });
  state.apply({ type: "thread.item.added", item: { id: "m1", type: "assistant_message", content: [] } });
  state.apply(updated("m1", { type: "assistant_message.content_part.text_delta", content_index: 1, delta: "late" }));
  state.apply(updated("m1", { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "Hel" }));
  state.apply(updated("m1", { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "lo" }));
  const annotation = { type: "annotation", source: { type: "url", title: "t", url: "https://x" }, index: 5 };
  state.apply(updated("m1", { type: "assistant_message.content_part.annotation_added", content_index: 0, annotation_index: 0, annotation }));
  const item = state.items.get("m1");
  assert.equal(state.threadId, "thr_1");
  assert.equal(item.content[0].text, "Hello");
  assert.equal(item.content[1].text, "late");
  assert.deepEqual(item.content[0].annotations, [annotation]);
});

test("widget text deltas, component and root updates", () => {
  const state = new ThreadState();
  const widget = { type: "Card", children: [{ type: "Row", children: [{ type: "Text", id: "body", value: "", streaming: true }] }, { type: "Badge", id: "b", label: "x" }] };
  state.apply({ type: "thread.item.added", item: { id: "w1", type: "widget", widget } });
  const change = state.apply(updated("w1", { type: "widget.streaming_text.value_delta", component_id: "body", delta: "Hi", done: true }));
  assert.deepEqual(change.textDeltas, [{ itemId: "w1", componentId: "body" }]);
  assert.equal(widget.children[0].children[0].value, "Hi");
  assert.equal(widget.children[0].children[0].streaming, false);
  state.apply(updated("w1", { type: "widget.component.updated", component_id: "b", component: { type: "Badge", id: "b", label: "y" } }));
  assert.equal(state.items.get("w1").widget.children[1].label, "y");
  state.apply(updated("w1", { type: "widget.root.updated", widget: { type: "Card", children: [] } }));
  assert.deepEqual(state.items.get("w1").widget.children, []);
});

test("workflow tasks, replace and remove keep order", () => {
  const state = new ThreadState();
  for (const id of ["a", "b", "c"]) state.apply({ type: "thread.item.done", item: { id, type: "end_of_turn" } });
  state.apply({ type: "thread.item.replaced", item: { id: "b", type: "workflow", workflow: { type: "custom", tasks: [] } } });
  state.apply(updated("b", { type: "workflow.task.added", task_index: 0, task: { type: "custom", title: "one" } }));
  state.apply(updated("b", { type: "workflow.task.updated", task_index: 0, task: { type: "custom", title: "uno" } }));
  state.apply({ type: "thread.item.removed", item_id: "a" });
  assert.deepEqual([...state.items.keys()], ["b", "c"]);
  assert.equal(state.items.get("b").workflow.tasks[0].title, "uno");
});
