"""The sample widget: an email draft whose body streams in, with Send and Discard actions."""
from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

from chatkit.widgets import DynamicWidgetRoot

BODY_ID = "email-body"
SEND = "email.send"
DISCARD = "email.discard"
ACTIONS = (SEND, DISCARD)
State = Literal["draft", "sent", "discarded"]


@dataclass(frozen=True)
class EmailDraft:
    to: str
    subject: str
    body: str

    @classmethod
    def from_payload(cls, payload: Any) -> EmailDraft | None:
        if not isinstance(payload, dict):
            return None
        fields = {name: payload.get(name) for name in ("to", "subject", "body")}
        if not all(isinstance(value, str) and len(value) <= 5000 for value in fields.values()):
            return None
        return cls(**fields)


def email_draft_widget(draft: EmailDraft, *, state: State = "draft", body: str | None = None, streaming: bool = False) -> DynamicWidgetRoot:
    # `streaming` is always present: the SDK's widget diff compares fields present on either side.
    text = {"type": "Text", "id": BODY_ID, "value": draft.body if body is None else body, "streaming": streaming}
    children: list[dict[str, Any]] = [
        {"type": "Caption", "value": f"To: {draft.to}", "color": "secondary"},
        {"type": "Title", "value": draft.subject, "size": "sm"},
        {"type": "Divider"},
        text,
    ]
    if state == "draft":
        children.append({"type": "Row", "gap": 2, "justify": "end", "children": [
            _button("Discard", DISCARD, draft, variant="outline"),
            _button("Send", SEND, draft, style="primary"),
        ]})
    status = {"draft": ("Draft", "write"), "sent": ("Sent", "check-circle"), "discarded": ("Discarded", "empty-circle")}[state]
    return DynamicWidgetRoot.model_validate(
        {"type": "Card", "key": "email-draft", "size": "md", "status": {"text": status[0], "icon": status[1]}, "children": children}
    )


def _button(label: str, action: str, draft: EmailDraft, **style: str) -> dict[str, Any]:
    return {"type": "Button", "label": label, **style,
            "onClickAction": {"type": action, "payload": asdict(draft), "handler": "server"}}


async def streamed_email_draft(draft: EmailDraft, *, pace: float) -> AsyncIterator[DynamicWidgetRoot]:
    """Successive states of the draft: the body grows word by word, then stops streaming."""
    body = ""
    yield email_draft_widget(draft, body=body, streaming=True)
    for word in re.findall(r"\S+\s*", draft.body):
        body += word
        if pace:
            await asyncio.sleep(pace)
        yield email_draft_widget(draft, body=body, streaming=True)
    yield email_draft_widget(draft)


def offered_action(widget: Any, action_type: str) -> EmailDraft | None:
    """The draft behind `action_type` if this stored widget really offers that button."""
    data = widget.model_dump() if hasattr(widget, "model_dump") else widget
    stack = [data]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        action = node.get("onClickAction")
        if isinstance(action, dict) and action.get("type") == action_type:
            return EmailDraft.from_payload(action.get("payload"))
        children = node.get("children") or []
        stack.extend(children if isinstance(children, list) else [children])
    return None
