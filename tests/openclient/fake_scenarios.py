"""Canned ChatKit event streams for the fake server (see fake_server.py).

Each scenario is a list of events shaped like the Python SDK's serialized models
(``by_alias=True, exclude_none=True``). An optional ``_delay`` key (seconds) is
stripped by the server and paces the stream.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

Event = dict[str, Any]

PIXEL = (
    "data:image/svg+xml;base64,"
    "PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnIHdpZHRoPScxMjAnIGhlaWdodD0nNjAnPjxyZWN0IHdpZHRoPScx"
    "MjAnIGhlaWdodD0nNjAnIGZpbGw9JyM0YTkwZTInLz48L3N2Zz4="
)


def now() -> str:
    return datetime.now(UTC).isoformat()


def base(store: Any, thread_id: str, kind: str, prefix: str) -> dict[str, Any]:
    return {"type": kind, "id": store.next_id(prefix), "thread_id": thread_id, "created_at": now()}


def user_text(item: dict[str, Any]) -> str:
    return " ".join(part.get("text", "") for part in item.get("content", [])).lower()


def respond_events(store: Any, thread_id: str, user_item: dict[str, Any]) -> list[Event]:
    text = user_text(user_item)
    events: list[Event] = [{"type": "stream_options", "stream_options": {"allow_cancel": True}}]
    for keyword, scenario in SCENARIOS:
        if keyword in text:
            events += scenario(store, thread_id)
            break
    else:
        events += cited_answer(store, thread_id)
    if store.threads[thread_id].get("title") is None:
        store.threads[thread_id]["title"] = text[:40] or "Untitled"
        events.append({"type": "thread.updated", "thread": store.thread_json(thread_id)})
    return events


def assistant_message_events(store: Any, thread_id: str, text: str, annotations: list | None = None) -> list[Event]:
    item = base(store, thread_id, "assistant_message", "msg") | {"content": []}
    events: list[Event] = [
        {"type": "thread.item.added", "item": dict(item)},
        {"type": "thread.item.updated", "item_id": item["id"], "update": {
            "type": "assistant_message.content_part.added", "content_index": 0,
            "content": {"type": "output_text", "text": "", "annotations": []}}},
    ]
    for start in range(0, len(text), 12):
        events.append({"type": "thread.item.updated", "item_id": item["id"], "_delay": 0.02, "update": {
            "type": "assistant_message.content_part.text_delta", "content_index": 0, "delta": text[start : start + 12]}})
    for index, annotation in enumerate(annotations or []):
        events.append({"type": "thread.item.updated", "item_id": item["id"], "update": {
            "type": "assistant_message.content_part.annotation_added", "content_index": 0,
            "annotation_index": index, "annotation": annotation}})
    content = {"type": "output_text", "text": text, "annotations": annotations or []}
    events.append({"type": "thread.item.updated", "item_id": item["id"], "update": {
        "type": "assistant_message.content_part.done", "content_index": 0, "content": content}})
    events.append({"type": "thread.item.done", "item": item | {"content": [content]}})
    return events


def cited_answer(store: Any, thread_id: str) -> list[Event]:
    text = (
        "## Threads and items\n\nA **thread** holds *items*: messages, widgets and workflows. "
        "Items stream in as events.\n\n- `thread.item.added`\n- `thread.item.done`\n\n"
        "<script>window.__xss = 1</script><a href=\"javascript:window.__xss=1\">A bad link</a> is defused."
    )
    annotations = [
        {"type": "annotation", "index": text.index("workflows.") + len("workflows."),
         "source": {"type": "url", "title": "Threads guide", "url": "https://example.com/docs/threads"}},
        {"type": "annotation", "index": text.index("as events.") + len("as events."),
         "source": {"type": "file", "title": "events.md", "filename": "events.md"}},
    ]
    progress = [
        {"type": "progress_update", "icon": "search", "text": "Searching the docs…", "_delay": 0.05},
        {"type": "progress_update", "text": "Reading 2 pages…", "_delay": 0.3},
    ]
    return progress + assistant_message_events(store, thread_id, text, annotations)


def widget_root() -> dict[str, Any]:
    send = {"type": "email.send", "payload": {"draft_id": "draft_1"}}
    return {
        "type": "Card", "size": "md", "status": {"text": "Draft", "icon": "mail"},
        "children": [
            {"type": "Row", "gap": 2, "align": "center", "children": [
                {"type": "Icon", "name": "mail", "size": "lg"},
                {"type": "Title", "value": "Email draft", "size": "md"},
                {"type": "Spacer"},
                {"type": "Badge", "id": "state", "label": "Writing", "color": "info"},
            ]},
            {"type": "Caption", "value": "To: team@example.com"},
            {"type": "Divider"},
            {"type": "Text", "id": "body", "value": "", "streaming": True},
            {"type": "Markdown", "value": "Sent with **ChatKit** widgets."},
            {"type": "Col", "gap": 1, "children": [
                {"type": "Box", "direction": "row", "gap": 2, "padding": 2, "radius": "md",
                 "background": "surface-secondary", "children": [
                     {"type": "Image", "src": PIXEL, "alt": "Blue banner", "width": 60, "height": 30},
                     {"type": "Text", "value": "Attached banner", "size": "sm", "color": "secondary"}]},
            ]},
            {"type": "Form", "direction": "col", "gap": 2, "onSubmitAction": {"type": "form.save", "payload": {"draft_id": "draft_1"}},
             "children": [
                 {"type": "Input", "name": "subject", "placeholder": "Subject", "defaultValue": "Weekly update", "required": True},
                 {"type": "Textarea", "name": "notes", "placeholder": "Notes"},
                 {"type": "Select", "name": "priority", "defaultValue": "normal", "options": [
                     {"value": "low", "label": "Low"}, {"value": "normal", "label": "Normal"}, {"value": "high", "label": "High"}]},
                 {"type": "Checkbox", "name": "urgent", "label": "Urgent"},
                 {"type": "Button", "label": "Save draft", "submit": True, "style": "secondary"},
             ]},
            {"type": "Row", "gap": 2, "justify": "end", "children": [
                {"type": "Button", "label": "Discard", "style": "secondary",
                 "onClickAction": {"type": "email.discard", "handler": "client", "payload": {"draft_id": "draft_1"}}},
                {"type": "Button", "label": "Send", "onClickAction": send},
            ]},
        ],
    }


def list_root() -> dict[str, Any]:
    return {"type": "ListView", "children": [
        {"type": "ListViewItem", "onClickAction": {"type": "doc.open", "payload": {"slug": slug}}, "children": [
            {"type": "Icon", "name": "book-open"}, {"type": "Text", "value": title}]}
        for slug, title in [("threads", "Threads"), ("widgets", "Widgets"), ("actions", "Actions")]
    ]}


def widget_scenario(store: Any, thread_id: str) -> list[Event]:
    item = base(store, thread_id, "widget", "wdg") | {"widget": widget_root()}
    events: list[Event] = [{"type": "thread.item.added", "item": item}]
    body = "Hi team, the open client now streams widget text."
    for start in range(0, len(body), 8):
        events.append({"type": "thread.item.updated", "item_id": item["id"], "_delay": 0.03, "update": {
            "type": "widget.streaming_text.value_delta", "component_id": "body",
            "delta": body[start : start + 8], "done": start + 8 >= len(body)}})
    badge = {"type": "Badge", "id": "state", "label": "Ready", "color": "success"}
    events.append({"type": "thread.item.updated", "item_id": item["id"], "update": {
        "type": "widget.component.updated", "component_id": "state", "component": badge}})
    final = widget_root()
    final["children"][3] = {"type": "Text", "id": "body", "value": body}
    final["children"][0]["children"][3] = badge
    events.append({"type": "thread.item.done", "item": item | {"widget": final}})
    listing = base(store, thread_id, "widget", "wdg") | {"widget": list_root()}
    events.append({"type": "thread.item.done", "item": listing})
    return events


def workflow_scenario(store: Any, thread_id: str) -> list[Event]:
    item = base(store, thread_id, "workflow", "wf") | {"workflow": {"type": "reasoning", "tasks": [], "expanded": False}}
    tasks = [
        {"type": "thought", "title": "Understanding the question", "content": "The user asks about **workflows**.", "status_indicator": "complete"},
        {"type": "web_search", "title_query": "chatkit workflows", "queries": ["chatkit workflow items"],
         "sources": [{"type": "url", "title": "Workflow docs", "url": "https://example.com/workflows"}], "status_indicator": "complete"},
        {"type": "file", "title": "Read the guide", "sources": [{"type": "file", "title": "guide.md", "filename": "guide.md"}], "status_indicator": "complete"},
        {"type": "image", "title": "Sketched a diagram", "status_indicator": "complete"},
        {"type": "custom", "title": "Checking examples", "icon": "lab", "content": "Looking at 3 examples", "status_indicator": "loading"},
    ]
    events: list[Event] = [{"type": "thread.item.added", "item": item}]
    for index, task in enumerate(tasks):
        events.append({"type": "thread.item.updated", "item_id": item["id"], "_delay": 0.08,
                       "update": {"type": "workflow.task.added", "task_index": index, "task": task}})
    done_task = tasks[-1] | {"status_indicator": "complete", "content": "Checked 3 examples"}
    events.append({"type": "thread.item.updated", "item_id": item["id"], "update": {
        "type": "workflow.task.updated", "task_index": len(tasks) - 1, "task": done_task}})
    final = {"type": "reasoning", "tasks": tasks[:-1] + [done_task], "summary": {"duration": 4}, "expanded": False}
    events.append({"type": "thread.item.done", "item": item | {"workflow": final}})
    return events + assistant_message_events(store, thread_id, "Workflows group the steps behind an answer.")


def tool_scenario(store: Any, thread_id: str) -> list[Event]:
    item = base(store, thread_id, "client_tool_call", "tc") | {
        "status": "pending", "call_id": "call_1", "name": "switch_theme", "arguments": {"theme": "dark"}}
    return [{"type": "thread.item.done", "item": item}]


def lock_scenario(store: Any, thread_id: str) -> list[Event]:
    events = assistant_message_events(store, thread_id, "A moderator has locked this conversation.")
    store.threads[thread_id]["status"] = {"type": "locked", "reason": "Under review by a moderator."}
    return events + [{"type": "thread.updated", "thread": store.thread_json(thread_id)}]


def error_scenario(store: Any, thread_id: str) -> list[Event]:
    return [{"type": "error", "code": "custom", "message": "The model is unavailable right now.", "allow_retry": True}]


def notice_scenario(store: Any, thread_id: str) -> list[Event]:
    return [{"type": "notice", "level": "warning", "title": "Heads up",
             "message": "You have **3 messages** left today. [Read more](https://example.com/limits)"}]


def unknown_scenario(store: Any, thread_id: str) -> list[Event]:
    mystery = base(store, thread_id, "mystery_item", "mys") | {"payload": "???"}
    widget = base(store, thread_id, "widget", "wdg") | {"widget": {"type": "Card", "children": [
        {"type": "Text", "value": "Before the unknown component"},
        {"type": "Sparkline", "values": [1, 2, 3]},
    ]}}
    return [{"type": "thread.item.done", "item": mystery}, {"type": "thread.item.done", "item": widget},
            {"type": "mystery.event", "x": 1}]


def image_scenario(store: Any, thread_id: str) -> list[Event]:
    item = base(store, thread_id, "generated_image", "img")
    return [{"type": "thread.item.added", "item": item},
            {"type": "thread.item.updated", "item_id": item["id"], "_delay": 0.1, "update": {
                "type": "generated_image.updated", "image": {"id": "gi_1", "url": PIXEL}, "progress": 1.0}},
            {"type": "thread.item.done", "item": item | {"image": {"id": "gi_1", "url": PIXEL}}}]


def slow_scenario(store: Any, thread_id: str) -> list[Event]:
    events = assistant_message_events(store, thread_id, "This answer takes its time. " * 40)
    for event in events:
        event["_delay"] = 0.1
    return events


def close_scenario(store: Any, thread_id: str) -> list[Event]:
    events = assistant_message_events(store, thread_id, "This conversation is now closed.")
    store.threads[thread_id]["status"] = {"type": "closed", "reason": "Resolved by support."}
    return events + [{"type": "thread.updated", "thread": store.thread_json(thread_id)}]


def deeplink_scenario(store: Any, thread_id: str) -> list[Event]:
    return assistant_message_events(store, thread_id, "Open [your settings](chatkit-link://open_settings?tab=profile) to change it.")


def counter_root(count: int) -> dict[str, Any]:
    """A Table of Table.Rows and buttons in every variant; "Add one" is a non-streaming action."""
    return {"type": "Card", "children": [
        {"type": "Table", "children": [
            {"type": "Table.Row", "header": True, "children": [
                {"type": "Table.Cell", "children": [{"type": "Text", "value": "Item"}]},
                {"type": "Table.Cell", "align": "end", "children": [{"type": "Text", "value": "Count"}]}]},
            {"type": "Table.Row", "children": [
                {"type": "Table.Cell", "children": [{"type": "Text", "value": "Apples"}]},
                {"type": "Table.Cell", "align": "end", "children": [{"type": "Text", "id": "count", "value": str(count)}]}]},
        ]},
        {"type": "Row", "gap": 2, "wrap": "wrap", "children": [
            {"type": "Button", "label": "Add one", "variant": "outline",
             "onClickAction": {"type": "counter.add", "streaming": False, "loadingBehavior": "container", "payload": {"count": count}}},
            {"type": "Button", "label": "Details", "variant": "ghost", "onClickAction": {"type": "counter.details", "handler": "client"}},
            {"type": "Button", "label": "Save", "variant": "solid", "onClickAction": {"type": "counter.save", "handler": "client"}},
        ]},
    ]}


def table_scenario(store: Any, thread_id: str) -> list[Event]:
    item = base(store, thread_id, "widget", "wdg") | {"widget": counter_root(1)}
    return [{"type": "thread.item.done", "item": item}]


SCENARIOS = [
    ("close", close_scenario), ("deeplink", deeplink_scenario), ("table", table_scenario),
    ("widget", widget_scenario), ("workflow", workflow_scenario), ("tool", tool_scenario),
    ("lock", lock_scenario), ("error", error_scenario), ("notice", notice_scenario),
    ("unknown", unknown_scenario), ("image", image_scenario), ("slow", slow_scenario),
]


def action_events(store: Any, params: dict[str, Any]) -> list[Event]:
    """threads.custom_action: echo the action, and mark a sent email as sent."""
    thread_id, action = params["thread_id"], params["action"]
    events: list[Event] = [{"type": "stream_options", "stream_options": {"allow_cancel": False}}]
    item_id = params.get("item_id")
    if action["type"] == "email.send" and item_id:
        sent = {"type": "Card", "children": [
            {"type": "Title", "value": "Email sent"}, {"type": "Badge", "label": "Sent", "color": "success"}]}
        events.append({"type": "thread.item.updated", "item_id": item_id,
                       "update": {"type": "widget.root.updated", "widget": sent}})
        widget = next(i for i in store.items[thread_id] if i["id"] == item_id)
        events.append({"type": "thread.item.replaced", "item": widget | {"widget": sent}})
    payload = ", ".join(f"{k}={v}" for k, v in sorted((action.get("payload") or {}).items()))
    return events + assistant_message_events(store, thread_id, f"Action {action['type']} received ({payload}).")
