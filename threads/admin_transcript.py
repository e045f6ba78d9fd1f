"""A thread's transcript as a person reads it, for the admin: messages, tool calls, widgets,
workflows and attachments, with hidden items marked. Built in three queries whatever its length."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.admin.utils import quote
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.urls import NoReverseMatch, reverse

from attachments.models import Attachment

from .models import Feedback, FeedbackKind, Thread, ThreadItem

ROLES = {
    "user_message": "User",
    "assistant_message": "Assistant",
    "client_tool_call": "Client tool call",
    "widget": "Widget",
    "workflow": "Workflow",
    "task": "Task",
    "structured_input": "Structured input",
    "generated_image": "Generated image",
    "hidden_context_item": "Hidden context (model only)",
    "sdk_hidden_context": "SDK context (model only)",
    "end_of_turn": "End of turn",
}
SUMMARY_CHARS = 300


@dataclass
class AttachmentLink:
    id: str
    name: str
    mime_type: str
    status: str
    admin_url: str | None
    preview_url: str | None


@dataclass
class Entry:
    item: ThreadItem
    role: str
    text: str
    details: list[str] = field(default_factory=list)
    attachments: list[AttachmentLink] = field(default_factory=list)


def count_of(rows: QuerySet[Any]) -> Subquery:
    """A correlated `SELECT COUNT(*)` usable as an annotation: one SQL query for a whole page."""
    return Subquery(rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"), output_field=IntegerField())


def feedback_count(kind: str, item_ref: str = "pk") -> Subquery:
    return count_of(Feedback.objects.filter(item_id=OuterRef(item_ref), kind=kind))


def transcript(*, thread: Thread, viewer: Any) -> list[Entry]:
    items = list(
        ThreadItem.objects.filter(thread=thread)
        .annotate(positive=feedback_count(FeedbackKind.POSITIVE), negative=feedback_count(FeedbackKind.NEGATIVE))
        .order_by("sequence")
    )
    links = _attachment_links(_attachment_ids(items), viewer)
    return [_entry(item, links) for item in items]


def _entry(item: ThreadItem, links: dict[str, AttachmentLink]) -> Entry:
    data = item.data
    entry = Entry(item=item, role=ROLES.get(item.type, item.type), text=item.text)
    if item.type == "user_message":
        entry.attachments = [links[a["id"]] for a in data.get("attachments", []) if a.get("id") in links]
        if data.get("quoted_text"):
            entry.details.append(f"Quoting: {data['quoted_text']}")
    elif item.type == "assistant_message":
        entry.details = [_source(a) for part in data.get("content", []) for a in part.get("annotations", [])]
    elif item.type == "client_tool_call":
        entry.text = f"{data.get('name')}({_short(data.get('arguments'))})"
        entry.details = [f"Status: {data.get('status')}", f"Output: {_short(data.get('output'))}"]
    elif item.type == "widget":
        entry.text = item.text or _short(" · ".join(_widget_strings(data.get("widget") or {})))
        entry.details = [f"{(data.get('widget') or {}).get('type', 'Widget')} widget"]
    elif item.type == "workflow":
        workflow = data.get("workflow") or {}
        entry.text = _summary(workflow.get("summary")) or f"{workflow.get('type', 'custom')} workflow"
        entry.details = [_task(task) for task in workflow.get("tasks", [])]
    elif item.type == "task":
        entry.text = _task(data.get("task") or {})
    elif not entry.text and item.type != "end_of_turn":
        entry.text = _short(data.get("content") or data.get("inputs") or data.get("image"))
    return entry


def _attachment_ids(items: Iterable[ThreadItem]) -> set[str]:
    return {a["id"] for item in items if item.type == "user_message" for a in item.data.get("attachments", []) if "id" in a}


def _attachment_links(ids: set[str], viewer: Any) -> dict[str, AttachmentLink]:
    if not ids:
        return {}
    may_view = viewer.has_perm("attachments.view_attachment")
    return {
        row.id: AttachmentLink(
            id=row.id, name=row.name, mime_type=row.mime_type, status=row.status,
            admin_url=reverse("admin:attachments_attachment_change", args=[quote(row.id)]) if may_view else None,
            preview_url=admin_preview_url(row) if may_view else None,
        )
        for row in Attachment.objects.filter(id__in=ids).only("id", "name", "mime_type", "status", "preview", "file")
    }


def admin_preview_url(attachment: Attachment) -> str | None:
    """A short-lived signed link for staff, when the attachments app offers one."""
    try:
        return reverse("admin:attachments_attachment_preview", args=[quote(attachment.pk)])
    except NoReverseMatch:
        return None


def _widget_strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key in ("title", "value", "text", "label", "placeholder"):
            if isinstance(node.get(key), str):
                yield node[key]
        for child in node.get("children", []) or []:
            yield from _widget_strings(child)


def _task(task: dict[str, Any]) -> str:
    title = task.get("title") or task.get("type", "task")
    content = task.get("content") or ", ".join(task.get("queries", []))
    status = task.get("status_indicator", "none")
    return f"{title}{': ' + content if content else ''}{'' if status == 'none' else f' ({status})'}"


def _summary(summary: Any) -> str:
    if not isinstance(summary, dict):
        return ""
    return summary.get("title") or (f"Worked for {summary['duration']}s" if "duration" in summary else "")


def _source(annotation: dict[str, Any]) -> str:
    source = annotation.get("source") or {}
    return f"Source: {source.get('title') or source.get('url') or source.get('filename') or '?'}"


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"
