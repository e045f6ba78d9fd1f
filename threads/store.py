"""`DjangoStore`: the ChatKit `Store` over the ORM, scoped to `context.user`.

Each method runs one selector or service on a database thread (`chatkit_site.db.run_db`) and
converts rows to SDK models on the way out. It answers the same whoever calls it: the owner's
view, where an item a moderator hid reads as a placeholder (`threads.placeholders`); keeping
those out of a model's input is the converter's job (`threads.converter`). Foreign and missing
ids both raise `NotFoundError`.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from chatkit.store import NotFoundError, Store, StoreItemType
from chatkit.types import Attachment, Page, StructuredInputItem, ThreadItem, ThreadMetadata
from django.core.exceptions import ObjectDoesNotExist
from pydantic import TypeAdapter

from attachments import selectors as attachment_selectors
from attachments import services as attachment_services
from chatkit_site.db import run_db
from chatkit_site.protocol import RequestContext, new_id

from . import selectors, services
from .models import Thread as ThreadRow
from .placeholders import hidden_item_placeholder

_ITEM = TypeAdapter(ThreadItem)
_ITEMS = TypeAdapter(list[ThreadItem])  # one call for a list: less per-item overhead than a loop


def aware(moment: datetime) -> datetime:
    """The SDK stamps naive local times; store them as aware instants."""
    return moment if moment.tzinfo else moment.astimezone()


async def _run(fn: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return await run_db(fn, **kwargs)
    except (ObjectDoesNotExist, selectors.CursorNotFound) as exc:
        raise NotFoundError(str(exc) or "Not found") from exc


def thread_from_row(row: ThreadRow) -> ThreadMetadata:
    status: dict[str, Any] = {"type": row.status}
    if row.status != "active":
        status["reason"] = row.status_reason or None
    payload = {**row.data, "id": row.id, "title": row.title or None, "created_at": row.created_at, "status": status}
    return ThreadMetadata.model_validate(payload)


def items_from_page(datas: list[Any], *, thread_id: str) -> list[ThreadItem]:
    """SDK items from a page's stored JSON, with a notice (`threads.placeholders`) for each hidden one."""
    if not any(isinstance(d, selectors.HiddenItem) for d in datas):
        return _ITEMS.validate_python(datas)  # the usual page, in one call
    return [
        hidden_item_placeholder(item_id=d.item_id, thread_id=thread_id, created_at=d.created_at)
        if isinstance(d, selectors.HiddenItem) else _ITEM.validate_python(d)
        for d in datas
    ]


def page_of(data: list[Any], *, has_more: bool) -> Page[Any]:
    """A page whose `after` is the cursor of the next one: none after the last page, as the SDK does."""
    return Page(data=data, has_more=has_more, after=data[-1].id if data and has_more else None)


class DjangoStore(Store[RequestContext]):
    def generate_thread_id(self, context: RequestContext) -> str:
        return new_id("thread")

    def generate_item_id(self, item_type: StoreItemType, thread: ThreadMetadata, context: RequestContext) -> str:
        return new_id(item_type)

    async def load_thread(self, thread_id: str, context: RequestContext) -> ThreadMetadata:
        row = await _run(selectors.thread_for_user, user=context.user, thread_id=thread_id)
        return thread_from_row(row)

    async def save_thread(self, thread: ThreadMetadata, context: RequestContext) -> None:
        await _run(
            services.thread_save,
            user=context.user,
            thread_id=thread.id,
            created_at=aware(thread.created_at),
            title=thread.title,
            data=thread.model_dump(mode="json", exclude={"items"}),
        )
        # Moderation owns the status column, so the save above never touches it: a chat save
        # with a copy that predates a moderator's lock must not unlock the thread. A lock or
        # close the server itself set (in `respond`, the SDK's way) is written to an active
        # thread only, so a copy never overrides a moderator's own lock or reason.
        status, reason = thread.status.type, getattr(thread.status, "reason", None)
        if status != "active":
            await _run(
                services.thread_status_set_by_server,
                user=context.user, thread_id=thread.id, status=status, reason=reason or "",
            )

    async def load_threads(self, limit: int, after: str | None, order: str, context: RequestContext) -> Page[ThreadMetadata]:
        rows, has_more = await _run(selectors.threads_page, user=context.user, after=after, limit=limit, order=order)
        return page_of([thread_from_row(r) for r in rows], has_more=has_more)

    async def delete_thread(self, thread_id: str, context: RequestContext) -> None:
        await _run(services.thread_delete, user=context.user, thread_id=thread_id)

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: RequestContext
    ) -> Page[ThreadItem]:
        datas, has_more = await _run(
            selectors.thread_items_page, user=context.user, thread_id=thread_id, after=after, limit=limit, order=order,
        )
        return page_of(items_from_page(datas, thread_id=thread_id), has_more=has_more)

    async def add_thread_item(self, thread_id: str, item: ThreadItem, context: RequestContext) -> None:
        if isinstance(item, StructuredInputItem) and item.status == "pending" and await self._answered(thread_id, item.id, context):
            return
        await self.save_item(thread_id, item, context)

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
        await _run(
            services.thread_item_upsert,
            user=context.user,
            thread_id=thread_id,
            item_id=item.id,
            item_type=item.type,
            created_at=aware(item.created_at),
            data=item.model_dump(mode="json"),
        )

    async def load_item(self, thread_id: str, item_id: str, context: RequestContext) -> ThreadItem:
        data = await _run(selectors.thread_item_data, user=context.user, thread_id=thread_id, item_id=item_id)
        return items_from_page([data], thread_id=thread_id)[0]

    async def delete_thread_item(self, thread_id: str, item_id: str, context: RequestContext) -> None:
        await _run(services.thread_item_delete, user=context.user, thread_id=thread_id, item_id=item_id)

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
