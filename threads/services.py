"""Writes to threads, items and feedback. Callers pass the acting user; access is checked here."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from .models import Feedback, Thread, ThreadItem, ThreadStatus
from .selectors import thread_for_user, visible_items
from .transcript import item_text


def thread_save(*, user: Any, thread_id: str, created_at: datetime, title: str | None, data: dict[str, Any]) -> None:
    """Create or update the user's thread. Status is moderation's: user-side saves never change it.

    Title and status live in their own columns, which every read uses, so the JSON keeps neither.
    An existing thread (every save but a new thread's first) takes one UPDATE, scoped to the owner.
    """
    data = {key: value for key, value in data.items() if key not in ("status", "title")}
    changes: dict[str, Any] = {"data": data, "updated_at": timezone.now()}
    if title is not None:  # None means "not known here" (the SDK's copy predates a generated title)
        # Decided on the row the UPDATE locks, so a title a worker saved meanwhile is compared,
        # and an unchanged title does not count as the owner's choice.
        changes["title_set_by_user"] = Case(When(~Q(title=title), then=Value(True)), default=F("title_set_by_user"))
        changes["title"] = Value(title)
    if Thread.objects.filter(id=thread_id, owner=user).update(**changes):
        return
    try:
        Thread.objects.create(id=thread_id, owner=user, created_at=created_at, title=title or "", data=data)
    except IntegrityError:  # the id exists and belongs to someone else
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.") from None


def thread_delete(*, user: Any, thread_id: str) -> None:
    deleted, _ = Thread.objects.filter(id=thread_id, owner=user).delete()
    if not deleted:
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.")


def thread_item_upsert(*, user: Any, thread_id: str, item_id: str, item_type: str, created_at: datetime, data: dict[str, Any]) -> None:
    """Add an item, or replace it in place (same position) when its id already exists.

    The owner-scoped UPDATE of the thread is the access check and the "thread changed" stamp; the
    upsert keeps an existing row (so its sequence, i.e. its position, and its moderation flags)
    while replacing its data. No transaction: a thread deleted between the two statements fails
    the item's foreign key, which is the same "no thread" answer.
    """
    if not Thread.objects.filter(id=thread_id, owner=user).update(updated_at=timezone.now()):
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.")
    row = ThreadItem(thread_id=thread_id, item_id=item_id, type=item_type, created_at=created_at, data=data, text=item_text(data))
    try:
        ThreadItem.objects.bulk_create(
            [row], update_conflicts=True, unique_fields=["thread", "item_id"], update_fields=["type", "data", "text"]
        )
    except IntegrityError:
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.") from None


def thread_item_delete(*, user: Any, thread_id: str, item_id: str) -> None:
    """Delete one of the user's items. An item a moderator hid stays: it is the moderators' record,
    and its owner only ever sees a placeholder in its place (a retry past it deletes around it)."""
    thread_for_user(user=user, thread_id=thread_id)
    visible_items(user=user, thread_id=thread_id).filter(item_id=item_id).delete()


def feedback_record(*, user: Any, thread_id: str, item_ids: list[str], kind: str) -> int:
    """Record (or change) the user's feedback on items of their own thread. Returns how many."""
    thread_for_user(user=user, thread_id=thread_id)
    items = list(visible_items(user=user, thread_id=thread_id).filter(item_id__in=item_ids))
    if len(items) != len(set(item_ids)):
        raise ThreadItem.DoesNotExist("One or more items do not exist in this thread.")
    for item in items:
        Feedback.objects.update_or_create(
            item=item, user=user, defaults={"kind": kind, "thread_id": thread_id, "item_key": item.item_id}
        )
    return len(items)


def thread_title_source(*, thread_id: str) -> tuple[int, str] | None:
    """The thread's owner and the text of its first visible user message: what a title needs."""
    first = (
        ThreadItem.objects.filter(thread_id=thread_id, type="user_message", hidden=False)
        .order_by("sequence").values_list("thread__owner_id", "text").first()
    )
    return first if first and first[1] else None


def thread_title_generated(*, thread_id: str, title: str) -> bool:
    """Save a generated title unless the owner has named the thread; returns whether it was saved.

    One UPDATE: its WHERE is decided on the row it locks, so a rename that lands meanwhile wins.
    The title column is what every read uses (`threads/store.py` `thread_from_row`).
    """
    if not title:
        return False
    saved = Thread.objects.filter(id=thread_id, title_set_by_user=False).update(title=title, updated_at=timezone.now())
    return bool(saved)


def thread_status_set_by_server(*, user: Any, thread_id: str, status: str, reason: str) -> None:
    """Lock or close the user's active thread because the server said so (a `respond()` that set
    `thread.status`). `thread_save` never writes the status, so that a chat save cannot undo a
    moderator's lock; this is the one write of it outside moderation, and it leaves a thread that
    is already locked or closed (by a moderator, or earlier) as it is."""
    if status not in (ThreadStatus.LOCKED, ThreadStatus.CLOSED):
        raise ValueError(f"A server may lock or close a thread, not set it {status!r}.")
    owned = Thread.objects.filter(id=thread_id, owner=user)
    if not owned.filter(status=ThreadStatus.ACTIVE).update(status=status, status_reason=reason, updated_at=timezone.now()):
        if not owned.exists():
            raise Thread.DoesNotExist(f"No thread {thread_id!r}.")
