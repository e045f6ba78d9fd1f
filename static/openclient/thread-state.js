// Client-side model of one thread: its metadata and its items keyed by id, updated
// by the server's stream events exactly as the Python SDK applies them. No DOM here.

export class ThreadState {
  constructor() {
    this.thread = null; // thread metadata (without items) or null for a new thread
    this.items = new Map(); // id -> item, in display order
  }

  get threadId() {
    return this.thread?.id ?? null;
  }

  reset(thread = null, items = []) {
    this.thread = thread ? withoutItems(thread) : null;
    this.items = new Map(items.map((item) => [item.id, item]));
  }

  lastItemOfType(type) {
    const all = [...this.items.values()];
    for (let i = all.length - 1; i >= 0; i--) if (all[i].type === type) return all[i];
    return null;
  }

  /**
   * Apply one stream event. Returns what changed so the view can redraw only that:
   * { thread: bool, items: Set<id>, removed: Set<id>, textDeltas: [{itemId, componentId}] }.
   */
  apply(event) {
    const change = { thread: false, items: new Set(), removed: new Set(), textDeltas: [] };
    switch (event.type) {
      case "thread.created":
      case "thread.updated":
        this.thread = withoutItems(event.thread);
        change.thread = true;
        break;
      case "thread.item.added":
      case "thread.item.done":
      case "thread.item.replaced":
        this.items.set(event.item.id, event.item);
        change.items.add(event.item.id);
        break;
      case "thread.item.removed":
        this.items.delete(event.item_id);
        change.removed.add(event.item_id);
        break;
      case "thread.item.updated": {
        const item = this.items.get(event.item_id);
        if (!item) break;
        const kind = applyItemUpdate(item, event.update);
        if (kind === "text-delta") {
          change.textDeltas.push({ itemId: item.id, componentId: event.update.component_id });
        } else {
          change.items.add(item.id);
        }
        break;
      }
      default:
        break;
    }
    return change;
  }
}

function withoutItems(thread) {
  const { items: _items, ...meta } = thread;
  return meta;
}

/** Mutates `item` with one ThreadItemUpdate. Returns "text-delta" for widget text streams. */
export function applyItemUpdate(item, update) {
  switch (update.type) {
    case "assistant_message.content_part.added":
    case "assistant_message.content_part.done":
      contentPart(item, update.content_index);
      item.content[update.content_index] = { annotations: [], ...update.content };
      return "item";
    case "assistant_message.content_part.text_delta":
      contentPart(item, update.content_index).text += update.delta;
      return "item";
    case "assistant_message.content_part.annotation_added": {
      const part = contentPart(item, update.content_index);
      part.annotations ??= [];
      part.annotations.splice(Math.min(update.annotation_index, part.annotations.length), 0, update.annotation);
      return "item";
    }
    case "widget.root.updated":
      item.widget = update.widget;
      return "item";
    case "widget.component.updated":
      replaceComponent(item.widget, update.component_id, update.component);
      return "item";
    case "widget.streaming_text.value_delta": {
      const node = findComponent(item.widget, update.component_id);
      if (!node) return "item";
      node.value = (node.value ?? "") + update.delta;
      node.streaming = !update.done;
      return "text-delta";
    }
    case "workflow.task.added": {
      const tasks = (item.workflow.tasks ??= []);
      tasks.splice(Math.min(update.task_index, tasks.length), 0, update.task);
      return "item";
    }
    case "workflow.task.updated":
      item.workflow.tasks[update.task_index] = update.task;
      return "item";
    case "generated_image.updated":
      item.image = update.image;
      item.progress = update.progress;
      return "item";
    default:
      return "item";
  }
}

// Streaming updates may address a content index that does not exist yet.
function contentPart(item, index) {
  item.content ??= [];
  while (item.content.length <= index) item.content.push({ type: "output_text", text: "", annotations: [] });
  return item.content[index];
}

function childList(node) {
  if (!node || node.children == null) return [];
  return Array.isArray(node.children) ? node.children : [node.children];
}

export function findComponent(node, id) {
  if (!node || typeof node !== "object") return null;
  if (node.id === id) return node;
  for (const child of childList(node)) {
    const found = findComponent(child, id);
    if (found) return found;
  }
  return null;
}

function replaceComponent(node, id, component) {
  if (!node || node.children == null) return false;
  if (!Array.isArray(node.children)) {
    if (node.children.id === id) { node.children = component; return true; }
    return replaceComponent(node.children, id, component);
  }
  const index = node.children.findIndex((child) => child?.id === id);
  if (index !== -1) { node.children[index] = component; return true; }
  return node.children.some((child) => replaceComponent(child, id, component));
}
