"""The sample widget: an email draft whose body streams in, with Send and Discard actions.

Send and Discard run the guide again (`threads.custom_action`, streamed). Shorter and the
urgent toggle change the card in place: their actions say `streaming: false`, so the client
sends them as `threads.sync_custom_action` and swaps in the updated card, with no model run.
"""
from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from chatkit.widgets import DynamicWidgetRoot

BODY_ID = "email-body"
SEND = "email.send"
DISCARD = "email.discard"
SHORTER = "email.shorter"
URGENT = "email.toggle_urgent"
ACTIONS = (SEND, DISCARD)
IN_PLACE_ACTIONS = (SHORTER, URGENT)
_SHORT_ENOUGH = 12  # words: a body this short has nothing left to cut
State = Literal["draft", "sent", "discarded"]


@dataclass(frozen=True)
class EmailDraft:
    to: str
    subject: str
    body: str
    urgent: bool = False

    @classmethod
    def from_payload(cls, payload: Any) -> EmailDraft | None:
        if not isinstance(payload, dict):
            return None
        fields = {name: payload.get(name) for name in ("to", "subject", "body")}
        if not all(isinstance(value, str) and len(value) <= 5000 for value in fields.values()):
            return None
        return cls(**fields, urgent=payload.get("urgent") is True)

    def can_be_shorter(self) -> bool:
        return len(self.body.split()) > _SHORT_ENOUGH

    def shorter(self) -> EmailDraft:
        """The body cut to its first half, at a sentence end where there is one."""
        sentences = re.findall(r"[^.!?]+[.!?]*\s*", self.body)
        if len(sentences) > 1:
            body = "".join(sentences[: (len(sentences) + 1) // 2]).strip()
        else:
            words = self.body.split()
            body = " ".join(words[: max(len(words) // 2, _SHORT_ENOUGH)]) + "…"
        return replace(self, body=body)

    def toggled_urgent(self) -> EmailDraft:
        return replace(self, urgent=not self.urgent)


def email_draft_widget(draft: EmailDraft, *, state: State = "draft", body: str | None = None, streaming: bool = False) -> DynamicWidgetRoot:
    # `streaming` is always present: the SDK's widget diff compares fields present on either side.
    text = {"type": "Text", "id": BODY_ID, "value": draft.body if body is None else body, "streaming": streaming}
    heading: dict[str, Any] = {"type": "Caption", "value": f"To: {draft.to}", "color": "secondary"}
    if draft.urgent:
        heading = {"type": "Row", "gap": 2, "children": [heading, {"type": "Badge", "label": "Urgent", "color": "danger"}]}
    children: list[dict[str, Any]] = [heading, {"type": "Title", "value": draft.subject, "size": "sm"}, {"type": "Divider"}, text]
    if state == "draft":
        in_place = [_button("Not urgent" if draft.urgent else "Mark urgent", URGENT, draft, style="secondary", variant="ghost", streaming=False)]
        if draft.can_be_shorter():
            in_place.insert(0, _button("Shorter", SHORTER, draft, style="secondary", variant="ghost", streaming=False))
        children.append({"type": "Row", "gap": 2, "justify": "end", "children": [
            *in_place,
            _button("Discard", DISCARD, draft, variant="outline"),
            _button("Send", SEND, draft, style="primary"),
        ]})
    status = {"draft": ("Draft", "write"), "sent": ("Sent", "check-circle"), "discarded": ("Discarded", "empty-circle")}[state]
    return DynamicWidgetRoot.model_validate(
        {"type": "Card", "key": "email-draft", "size": "md", "status": {"text": status[0], "icon": status[1]}, "children": children}
    )


def _button(label: str, action: str, draft: EmailDraft, *, streaming: bool = True, **style: str) -> dict[str, Any]:
    on_click: dict[str, Any] = {"type": action, "payload": asdict(draft), "handler": "server"}
    if not streaming:
        on_click["streaming"] = False
    return {"type": "Button", "label": label, **style, "onClickAction": on_click}


def updated_in_place(widget: Any, action_type: str) -> DynamicWidgetRoot | None:
    """The card after an in-place action, or None if this stored card does not offer it."""
    draft = offered_action(widget, action_type) if action_type in IN_PLACE_ACTIONS else None
    if draft is None:
        return None
    return email_draft_widget(draft.shorter() if action_type == SHORTER else draft.toggled_urgent())


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
