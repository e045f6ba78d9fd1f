"""Widget actions: the email draft's buttons.

Send and Discard: the card is replaced with its outcome, a hidden `<WIDGET_ACTION>` note records
what happened for the model, and the guide runs again so the user gets an acknowledgement.
Shorter and Mark urgent change the card in place, with no model run (`widget_sync_action`).
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from chatkit.store import Store
from chatkit.types import (
    ErrorEvent,
    HiddenContextItem,
    ThreadItemDoneEvent,
    ThreadItemReplacedEvent,
    ThreadMetadata,
    ThreadStreamEvent,
    WidgetItem,
)

from chatkit_site.protocol import RequestContext

from .respond import guide_response
from .widgets.email_draft import (
    DISCARD,
    IN_PLACE_ACTIONS,
    SEND,
    email_draft_widget,
    offered_action,
    updated_in_place,
)

_OUTCOME = {SEND: ("sent", "clicked Send on"), DISCARD: ("discarded", "clicked Discard on")}


async def widget_action(
    store: Store[RequestContext], thread: ThreadMetadata, action: Any, sender: WidgetItem | None, context: RequestContext
) -> AsyncIterator[ThreadStreamEvent]:
    if action.type in IN_PLACE_ACTIONS:  # a client that streams every action gets the same card
        try:
            yield ThreadItemReplacedEvent(item=widget_sync_action(action, sender))
        except ActionUnavailable as exc:
            yield ErrorEvent(code="custom", message=str(exc), allow_retry=False)
        return
    if action.type not in _OUTCOME:
        yield ErrorEvent(code="custom", message=f"Unknown action {action.type!r}.", allow_retry=False)
        return
    # Trust the stored widget, not the request: the draft comes from the button the card offers.
    draft = offered_action(sender.widget, action.type) if sender is not None else None
    if sender is None or draft is None:
        yield ErrorEvent(code="custom", message="That button is no longer available on this card.", allow_retry=False)
        return
    state, verb = _OUTCOME[action.type]
    yield ThreadItemReplacedEvent(item=sender.model_copy(update={"widget": email_draft_widget(draft, state=state)}))
    note = (
        f'<WIDGET_ACTION type="{action.type}" widget_id="{sender.id}">\n'
        f'The user {verb} the email draft "{draft.subject}" to {draft.to}. The card now shows it as {state}. '
        "(Demo only: no email leaves this server.)\n</WIDGET_ACTION>"
    )
    yield ThreadItemDoneEvent(item=HiddenContextItem(
        id=store.generate_item_id("message", thread, context), thread_id=thread.id, created_at=datetime.now(), content=note,
    ))
    async for event in guide_response(store, thread, None, context):
        yield event


class ActionUnavailable(ValueError):
    """An in-place action this card does not offer (any more)."""


def widget_sync_action(action: Any, sender: WidgetItem | None) -> WidgetItem:
    """The sender with its card changed by an in-place action; the caller stores it.

    As for Send, the draft comes from the stored card, never from the request's payload.
    """
    widget = updated_in_place(sender.widget, action.type) if sender is not None else None
    if sender is None or widget is None:
        if action.type not in IN_PLACE_ACTIONS:
            raise ActionUnavailable(f"Unknown in-place action {action.type!r}.")
        raise ActionUnavailable("That button is no longer available on this card.")
    return sender.model_copy(update={"widget": widget})
