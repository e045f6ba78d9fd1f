"""`DjangoStore`: the ChatKit `Store` over the ORM, scoped to `context.user`.

Each method runs one selector or service: on a database thread (`chatkit_site.db`), or, for the
statements every chat turn waits on, awaited on the event loop (`chatkit_site.loop_db`). Rows are
converted to SDK models on the way out. Foreign and missing ids both raise `NotFoundError`.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chatkit.store import NotFoundError, Store, StoreItemType
from chatkit.types import Attachment, Page, StructuredInputItem, ThreadItem, ThreadMetadata
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from pydantic import TypeAdapter

from attachments import selectors as attachment_selectors
from attachments import services as attachment_services
from chatkit_site.db import run_db
from chatkit_site.protocol import RequestContext, new_id

from . import selectors, services
from .models import Thread as ThreadRow
from .models import ThreadItem as ThreadItemRow
from .placeholders import hidden_item_placeholder


@dataclass
class _Newest:
    """A thread's newest items (newest first) as this request last read or wrote them."""

    items: list[ThreadItem]
    complete: bool  # nothing older exists


# In one turn the SDK reads a thread's newest items (to drop a pending client tool call), saves
# the user's message, and the guide reads the newest items again for the model: one query, kept
# up to date by this request's own writes, serves both (`context.turn.newest_items`). A message
# another tab saves in the same instant reaches the model on the next turn.
_ITEM = TypeAdapter(ThreadItem)
_ITEMS = TypeAdapter(list[ThreadItem])  # one call for a list: less per-item overhead than a loop


def aware(moment: datetime) -> datetime:
    """The SDK stamps naive local times; store them as aware instants."""
    return moment if moment.tzinfo else moment.astimezone()


async def _run(fn: Callable[..., Any], **kwargs: Any) -> Any:
    """Run a selector or service: sync ones on a database thread, async ones (the statements
    every chat turn waits on, see `chatkit_site.loop_db`) as they are."""
    try:
        return await (fn(**kwargs) if inspect.iscoroutinefunction(fn) else run_db(fn, **kwargs))
    except (ObjectDoesNotExist, selectors.CursorNotFound) as exc:
        raise NotFoundError(str(exc) or "Not found") from exc


def thread_from_row(row: ThreadRow) -> ThreadMetadata:
    status: dict[str, Any] = {"type": row.status}
    if row.status != "active":
        status["reason"] = row.status_reason or None
    payload = {**row.data, "id": row.id, "title": row.title or None, "created_at": row.created_at, "status": status}
    return ThreadMetadata.model_validate(payload)


def item_from_row(row: ThreadItemRow) -> ThreadItem:
    return _ITEM.validate_python(row.data)


def items_from_page(datas: list[Any], *, thread_id: str) -> list[ThreadItem]:
    """SDK items from a page's stored JSON, with a notice (`threads.placeholders`) for each hidden one."""
    if not any(isinstance(d, selectors.HiddenItem) for d in datas):
        return _ITEMS.validate_python(datas)  # the usual page, in one call
    return [
        hidden_item_placeholder(item_id=d.item_id, thread_id=thread_id, created_at=d.created_at)
        if isinstance(d, selectors.HiddenItem) else _ITEM.validate_python(d)
        for d in datas
    ]


def _newest_cache(context: RequestContext) -> dict[str, _Newest]:
    """This turn's cache, or a throwaway dict outside a turn (plain reads such as items.list)."""
    cache = context.turn.newest_items
    return cache if cache is not None else {}


def _newest_page(cached: _Newest, limit: int) -> Page[ThreadItem]:
    data = cached.items[:limit]
    return page_of(data, has_more=len(cached.items) > limit or not cached.complete)


def page_of(data: list[Any], *, has_more: bool) -> Page[Any]:
    """A page whose `after` is the cursor of the next one: none after the last page, as the SDK does."""
    return Page(data=data, has_more=has_more, after=data[-1].id if data and has_more else None)


def _status_of(thread: ThreadMetadata) -> tuple[str, str | None]:
    return thread.status.type, getattr(thread.status, "reason", None)


class DjangoStore(Store[RequestContext]):
    def generate_thread_id(self, context: RequestContext) -> str:
        return new_id("thread")

    def generate_item_id(self, item_type: StoreItemType, thread: ThreadMetadata, context: RequestContext) -> str:
        return new_id(item_type)

    async def load_thread(self, thread_id: str, context: RequestContext) -> ThreadMetadata:
        vetted = context.turn.vetted_thread
        if vetted is not None and vetted.id == thread_id:
            context.turn.vetted_thread = None
            return vetted
        row = await _run(selectors.thread_for_user, user=context.user, thread_id=thread_id)
        thread = thread_from_row(row)
        context.turn.loaded_status[thread_id] = _status_of(thread)
        return thread

    def begin_turn(self, context: RequestContext) -> None:
        """Called before a streaming request: its reads of newest items share one cache."""
        context.turn.newest_items = {}

    async def vet_thread(self, thread_id: str, context: RequestContext) -> ThreadMetadata:
        """Load a thread to vet a streaming request, and its newest items in the same hop.

        Both are read next in this request (the SDK loads the thread, then the items for its
        pending-tool cleanup and the guide's history), so they are kept for it: one trip to a
        database thread where the thread and the items took one each.
        """
        row, datas, has_more = await _run(
            selectors.athread_with_newest_items, user=context.user, thread_id=thread_id,
            limit=settings.CHATKIT_HISTORY_ITEM_BUDGET,
        )
        thread = thread_from_row(row)
        context.turn.vetted_thread = thread
        context.turn.loaded_status[thread_id] = _status_of(thread)
        if context.turn.newest_items is not None:
            context.turn.newest_items[thread_id] = _Newest(items=_ITEMS.validate_python(datas), complete=not has_more)
        return thread

    async def save_thread(self, thread: ThreadMetadata, context: RequestContext) -> None:
        await _run(
            services.athread_save,
            user=context.user,
            thread_id=thread.id,
            created_at=aware(thread.created_at),
            title=thread.title,
            data=thread.model_dump(mode="json", exclude={"items"}),
        )
        # Moderation owns the status column, so the save above never touches it: a chat save
        # with a copy that predates a moderator's lock must not unlock the thread. A lock or
        # close the server itself set (in `respond`, the SDK's way) is written here: only a
        # non-active status, and only when it differs from what this request loaded, so a
        # stale locked copy cannot re-lock a thread a moderator reopened meanwhile.
        status = _status_of(thread)
        if status[0] != "active" and status != context.turn.loaded_status.get(thread.id):
            await _run(
                services.thread_status_set_by_server,
                user=context.user, thread_id=thread.id, status=status[0], reason=status[1] or "",
            )
            context.turn.loaded_status[thread.id] = status

    async def load_threads(self, limit: int, after: str | None, order: str, context: RequestContext) -> Page[ThreadMetadata]:
        rows, has_more = await _run(selectors.threads_page, user=context.user, after=after, limit=limit, order=order)
        return page_of([thread_from_row(r) for r in rows], has_more=has_more)

    async def delete_thread(self, thread_id: str, context: RequestContext) -> None:
        await _run(services.thread_delete, user=context.user, thread_id=thread_id)
        _newest_cache(context).pop(thread_id, None)

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: RequestContext
    ) -> Page[ThreadItem]:
        newest = after is None and order == "desc" and context.turn.newest_items is not None
        if newest:
            cached = _newest_cache(context).get(thread_id)
            if cached is not None and (cached.complete or len(cached.items) >= limit):
                return _newest_page(cached, limit)
            # Enough for the guide's history too, which reads the same items later in this turn.
            limit_read = max(limit, settings.CHATKIT_HISTORY_ITEM_BUDGET)
        # Outside a streaming turn the reader is the owner (items.list, threads.get_by_id): they
        # see a notice where a moderator hid an item. A turn's reads feed the model and the
        # SDK's own bookkeeping, which must not see hidden items at all, not even as a notice.
        datas, has_more = await _run(
            selectors.thread_items_page, user=context.user, thread_id=thread_id, after=after,
            limit=limit_read if newest else limit, order=order, mark_hidden=context.turn.newest_items is None,
        )
        items = items_from_page(datas, thread_id=thread_id)
        if newest:
            _newest_cache(context)[thread_id] = cached = _Newest(items=items, complete=not has_more)
            return _newest_page(cached, limit)
        return page_of(items, has_more=has_more)

    async def add_thread_item(self, thread_id: str, item: ThreadItem, context: RequestContext) -> None:
        if isinstance(item, StructuredInputItem) and item.status == "pending" and await self._answered(thread_id, item.id, context):
            return
        await self._save_item(thread_id, item, context, new=True)

    async def _answered(self, thread_id: str, item_id: str, context: RequestContext) -> bool:
        """Whether the stored structured input `item_id` was already answered or skipped.

        An add replaces an item with the same id (a workflow continued in a later turn is
        added again), but an answer is final: a responder that streams its pending form once
        more after `threads.add_structured_input` must not put the answered one back to pending.
        """
        try:
            stored = await self.load_item(thread_id, item_id, context)
        except NotFoundError:
            return False
        return isinstance(stored, StructuredInputItem) and stored.status != "pending"

    async def save_item(self, thread_id: str, item: ThreadItem, context: RequestContext) -> None:
        await self._save_item(thread_id, item, context, new=False)

    async def _save_item(self, thread_id: str, item: ThreadItem, context: RequestContext, *, new: bool) -> None:
        await _run(
            services.athread_item_upsert,
            user=context.user,
            thread_id=thread_id,
            item_id=item.id,
            item_type=item.type,
            created_at=aware(item.created_at),
            data=item.model_dump(mode="json"),
        )
        cache = _newest_cache(context)
        cached = cache.get(thread_id)
        if cached is None:
            return
        for index, known in enumerate(cached.items):
            if known.id == item.id:
                cached.items[index] = item  # an upsert keeps its position
                return
        if new or cached.complete:
            cached.items.insert(0, item)  # not seen before, so the newest
        else:
            del cache[thread_id]  # an older item outside what we read: its place is unknown

    async def load_item(self, thread_id: str, item_id: str, context: RequestContext) -> ThreadItem:
        row = await _run(selectors.thread_item_for_user, user=context.user, thread_id=thread_id, item_id=item_id)
        return item_from_row(row)

    async def delete_thread_item(self, thread_id: str, item_id: str, context: RequestContext) -> None:
        await _run(services.thread_item_delete, user=context.user, thread_id=thread_id, item_id=item_id)
        cached = _newest_cache(context).get(thread_id)
        if cached is not None:
            cached.items = [known for known in cached.items if known.id != item_id]

    async def save_attachment(self, attachment: Attachment, context: RequestContext) -> None:
        await _run(
            attachment_services.attachment_metadata_save,
            user=context.user,
            attachment_id=attachment.id,
            data=attachment.model_dump(mode="json"),
        )

    async def load_attachment(self, attachment_id: str, context: RequestContext) -> Attachment:
        # The SDK loads attachments only to put them on a new message (owner or grantee), so the
        # payload is rebuilt with a preview link signed for whoever is attaching it.
        return await _run(
            attachment_selectors.attachment_payload_for_user,
            user=context.user, attachment_id=attachment_id, base_url=context.base_url,
        )

    async def delete_attachment(self, attachment_id: str, context: RequestContext) -> None:
        await _run(attachment_services.attachment_metadata_delete, user=context.user, attachment_id=attachment_id)
