"""Conversation memory: which stored items become the model's input for the next run.

Normally the newest items that fit the item and character budgets, oldest trimmed first
(moderation-hidden items never leave the store; hidden *context* items are kept). On OpenAI the
server keeps the conversation, so after a run we remember its response id and next time send only
the items added since.
"""
from __future__ import annotations

from dataclasses import dataclass

from agents import TResponseInputItem
from chatkit.agents import ThreadItemConverter
from chatkit.store import NotFoundError, Store
from chatkit.types import ThreadItem, ThreadMetadata
from django.conf import settings

from chatkit_site.protocol import RequestContext

from .providers import provider_kind

PREVIOUS_RESPONSE = "previous_response_id"
CURSOR = "previous_response_through_item"


@dataclass
class TurnInput:
    items: list[TResponseInputItem]
    previous_response_id: str | None = None
    trimmed: bool = False  # older stored items were left out to fit the budgets


async def recent_items(store: Store[RequestContext], thread: ThreadMetadata, context: RequestContext) -> list[ThreadItem]:
    """The newest items within both budgets, oldest first; the newest one is always kept."""
    return (await _recent_page(store, thread, context))[0]


async def _recent_page(
    store: Store[RequestContext], thread: ThreadMetadata, context: RequestContext
) -> tuple[list[ThreadItem], bool]:
    """`recent_items`, and whether anything older was left out."""
    page = await store.load_thread_items(thread.id, None, settings.CHATKIT_HISTORY_ITEM_BUDGET, "desc", context)
    kept: list[ThreadItem] = []
    chars = 0
    for item in page.data:  # newest first
        # The stored JSON is a close, cheap proxy for what the converter will produce.
        chars += len(item.model_dump_json())
        if kept and chars > settings.CHATKIT_HISTORY_CHAR_BUDGET:
            break
        kept.append(item)
    return list(reversed(kept)), page.has_more or len(kept) < len(page.data)


async def turn_input(
    store: Store[RequestContext], thread: ThreadMetadata, context: RequestContext, converter: ThreadItemConverter
) -> TurnInput:
    previous = thread.metadata.get(PREVIOUS_RESPONSE)
    cursor = thread.metadata.get(CURSOR)
    if provider_kind() == "openai" and previous and cursor:
        try:
            page = await store.load_thread_items(thread.id, cursor, settings.CHATKIT_HISTORY_ITEM_BUDGET, "asc", context)
        except NotFoundError:
            page = None  # the cursor item was deleted (a retry): start over from stored history
        if page is not None and page.data and not page.has_more:
            return TurnInput(await converter.to_agent_input(page.data), previous)
    items, trimmed = await _recent_page(store, thread, context)
    return TurnInput(await converter.to_agent_input(items), trimmed=trimmed)


async def remember_response(
    store: Store[RequestContext], thread: ThreadMetadata, context: RequestContext, *, response_id: str | None, resumable: bool
) -> None:
    """Record where the server-side conversation ends (OpenAI only). `thread` is saved by the SDK."""
    if provider_kind() != "openai":
        return
    newest = await store.load_thread_items(thread.id, None, 1, "desc", context)
    if response_id and resumable and newest.data:
        thread.metadata[PREVIOUS_RESPONSE] = response_id
        thread.metadata[CURSOR] = newest.data[0].id
    else:
        thread.metadata.pop(PREVIOUS_RESPONSE, None)
        thread.metadata.pop(CURSOR, None)
