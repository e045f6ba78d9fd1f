"""Writes to threads, items and feedback. Callers pass the acting user; access is checked here."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from chatkit_site.db import run_db, uses_one_statement_sql

from .models import Feedback, Thread, ThreadItem, ThreadStatus
from .selectors import thread_for_user, visible_items
from .transcript import item_text


def thread_save(*, user: Any, thread_id: str, created_at: datetime, title: str | None, data: dict[str, Any]) -> None:
    """Create or update the user's thread. Status is moderation's: user-side saves never change it.

    Title and status live in their own columns, which every read uses, so the JSON keeps neither.
    """
    data = {key: value for key, value in data.items() if key not in ("status", "title")}
    if uses_one_statement_sql():
        # A new thread's first message waits on this save: the ORM's read-then-write takes two
        # round trips. The update arm reads the row it locks, so "the title changed" is decided
        # on the current title, as the ORM path does.
        params = {
            "id": thread_id, "owner": user.pk, "title": title, "active": ThreadStatus.ACTIVE.value, "now": timezone.now(),
            "created_at": _THREAD_CREATED_AT.get_db_prep_save(created_at, connection),
            "data": _THREAD_DATA.get_db_prep_save(data, connection),
        }
        with connection.cursor() as cursor:
            cursor.execute(_SAVE_THREAD_IF_OWNED, params)
            _check_thread_saved(cursor.rowcount, thread_id)
        return
    thread = Thread.objects.filter(id=thread_id).first()
    if thread is None:
        Thread.objects.create(id=thread_id, owner=user, created_at=created_at, title=title or "", data=data)
        return
    if thread.owner_id != user.pk:
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.")
    # None means "not known here" (the SDK's copy predates a generated title), not "clear it".
    fields = ["data", "updated_at"]
    if title is not None and title != thread.title:
        thread.title = title
        thread.title_set_by_user = True
        fields += ["title", "title_set_by_user"]
    thread.data = data
    # Writing the title only when it changed keeps a title a worker saved meanwhile.
    thread.save(update_fields=fields)


async def athread_save(*, user: Any, thread_id: str, created_at: datetime, title: str | None, data: dict[str, Any]) -> None:
    await run_db(thread_save, user=user, thread_id=thread_id, created_at=created_at, title=title, data=data)


def _check_thread_saved(rowcount: int, thread_id: str) -> None:
    if rowcount != 1:  # the id exists and belongs to someone else
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.")


_THREAD_CREATED_AT, _THREAD_DATA = Thread._meta.get_field("created_at"), Thread._meta.get_field("data")
# The ORM path of thread_save as one statement. A conflicting id owned by someone else fails the
# update arm's WHERE, so nothing is written.
_SAVE_THREAD_IF_OWNED = f"""
INSERT INTO {Thread._meta.db_table} AS t (id, owner_id, title, title_set_by_user, status, status_reason, created_at, updated_at, data)
VALUES (%(id)s, %(owner)s, coalesce(%(title)s::text, ''), false, %(active)s, '', %(created_at)s, %(now)s, %(data)s)
ON CONFLICT (id) DO UPDATE SET
    data = EXCLUDED.data,
    updated_at = EXCLUDED.updated_at,
    title = coalesce(%(title)s::text, t.title),
    title_set_by_user = t.title_set_by_user OR coalesce(%(title)s::text <> t.title, false)
WHERE t.owner_id = EXCLUDED.owner_id
"""


def thread_delete(*, user: Any, thread_id: str) -> None:
    deleted, _ = Thread.objects.filter(id=thread_id, owner=user).delete()
    if not deleted:
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.")


def thread_item_upsert(*, user: Any, thread_id: str, item_id: str, item_type: str, created_at: datetime, data: dict[str, Any]) -> None:
    """Add an item, or replace it in place (same position) when its id already exists.

    The owner-scoped UPDATE of the thread is the access check and the "thread changed" stamp;
    INSERT ... ON CONFLICT keeps an existing row (so its sequence, i.e. its position) while
    replacing its data. Every streamed item is saved at least once, so this is the hottest write.
    """
    text = item_text(data)
    if uses_one_statement_sql():
        # One statement: one round trip and no transaction to open.
        params = [
            timezone.now(), thread_id, user.pk, item_id, item_type,
            _CREATED_AT.get_db_prep_save(created_at, connection), _DATA.get_db_prep_save(data, connection), text,
        ]
        with connection.cursor() as cursor:
            cursor.execute(_UPSERT_ITEM_IF_OWNED, params)
            _check_thread_saved(cursor.rowcount, thread_id)
        return
    row = ThreadItem(thread_id=thread_id, item_id=item_id, type=item_type, created_at=created_at, data=data, text=text)
    with transaction.atomic():
        if not Thread.objects.filter(id=thread_id, owner=user).update(updated_at=timezone.now()):
            raise Thread.DoesNotExist(f"No thread {thread_id!r}.")
        ThreadItem.objects.bulk_create(
            [row], update_conflicts=True, unique_fields=["thread", "item_id"], update_fields=["type", "data", "text"]
        )


async def athread_item_upsert(
    *, user: Any, thread_id: str, item_id: str, item_type: str, created_at: datetime, data: dict[str, Any]
) -> None:
    await run_db(thread_item_upsert, user=user, thread_id=thread_id, item_id=item_id, item_type=item_type,
                 created_at=created_at, data=data)


# The fields whose database form the ORM would work out (time zone, JSON adapter).
_CREATED_AT, _DATA = ThreadItem._meta.get_field("created_at"), ThreadItem._meta.get_field("data")
# The ORM path's two writes as one PostgreSQL statement: the insert reads the thread id from the
# UPDATE's RETURNING, so a foreign or deleted thread inserts nothing.
_UPSERT_ITEM_IF_OWNED = f"""
WITH owned AS (
    UPDATE {Thread._meta.db_table} SET updated_at = %s WHERE id = %s AND owner_id = %s RETURNING id
)
INSERT INTO {ThreadItem._meta.db_table} (thread_id, item_id, type, created_at, data, text, hidden, hidden_reason)
SELECT owned.id, %s, %s, %s, %s, %s, false, '' FROM owned
ON CONFLICT (thread_id, item_id) DO UPDATE SET type = EXCLUDED.type, data = EXCLUDED.data, text = EXCLUDED.text
"""


def thread_item_delete(*, user: Any, thread_id: str, item_id: str) -> None:
    thread_for_user(user=user, thread_id=thread_id)
    ThreadItem.objects.filter(thread_id=thread_id, item_id=item_id).delete()


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
    """Lock or close the user's thread because the server said so (a `respond()` that set
    `thread.status`). `thread_save` never writes the status, so that a chat save cannot undo a
    moderator's lock; this is the one write of it outside moderation."""
    if status not in (ThreadStatus.LOCKED, ThreadStatus.CLOSED):
        raise ValueError(f"A server may lock or close a thread, not set it {status!r}.")
    if not Thread.objects.filter(id=thread_id, owner=user).update(status=status, status_reason=reason, updated_at=timezone.now()):
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.")
