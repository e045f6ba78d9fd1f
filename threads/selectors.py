"""Reads of threads and items, always scoped to one owner.

Another user's id behaves exactly like a missing one: every lookup filters on the owner, so
there is no code path that finds a row first and checks ownership after.
"""
from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q, QuerySet

from .models import Thread, ThreadItem

Order = Literal["asc", "desc"]


class CursorNotFound(LookupError):
    """The `after` cursor names no row visible to this user."""


def thread_for_user(*, user: Any, thread_id: str) -> Thread:
    return Thread.objects.get(id=thread_id, owner=user)


def threads_page(*, user: Any, after: str | None, limit: int, order: Order) -> tuple[list[Thread], bool]:
    rows: QuerySet[Thread] = Thread.objects.filter(owner=user)
    if after:
        cursor = Thread.objects.filter(id=after, owner=user).values("created_at", "id").first()
        if cursor is None:
            raise CursorNotFound(f"No thread {after!r} to page after.")
        rows = rows.filter(_after_thread(cursor, order))
    sort = ("created_at", "id") if order == "asc" else ("-created_at", "-id")
    page = list(rows.order_by(*sort)[: limit + 1])
    return page[:limit], len(page) > limit


def _after_thread(cursor: dict[str, Any], order: Order) -> Q:
    # Keyset on (created_at, id): ties on created_at are broken by id, so nothing is skipped.
    op = "gt" if order == "asc" else "lt"
    return Q(**{f"created_at__{op}": cursor["created_at"]}) | Q(
        created_at=cursor["created_at"], **{f"id__{op}": cursor["id"]}
    )


def visible_items(*, user: Any, thread_id: str) -> QuerySet[ThreadItem]:
    """Items of the user's thread that moderation has not hidden."""
    return ThreadItem.objects.filter(thread_id=thread_id, thread__owner=user, hidden=False)


def thread_items_page(
    *, user: Any, thread_id: str, after: str | None, limit: int, order: Order
) -> tuple[list[ThreadItem], bool]:
    rows = visible_items(user=user, thread_id=thread_id)
    if after:
        sequence = ThreadItem.objects.filter(thread_id=thread_id, item_id=after).values_list("sequence", flat=True).first()
        if sequence is None:
            raise CursorNotFound(f"No item {after!r} in this thread to page after.")
        rows = rows.filter(sequence__gt=sequence) if order == "asc" else rows.filter(sequence__lt=sequence)
    rows = rows.order_by("sequence" if order == "asc" else "-sequence")
    page = list(rows.only("item_id", "data")[: limit + 1])
    if not page:
        # Rows are filtered by owner, so only an empty page needs the ownership check (a foreign
        # thread is "not found", not empty); skipping it otherwise saves a query per load.
        thread_for_user(user=user, thread_id=thread_id)
    return page[:limit], len(page) > limit


def thread_with_newest_items(*, user: Any, thread_id: str, limit: int) -> tuple[Thread, list[ThreadItem], bool]:
    """A user's thread and its newest visible items (newest first), and whether older ones exist."""
    thread = thread_for_user(user=user, thread_id=thread_id)
    items, has_more = thread_items_page(user=user, thread_id=thread_id, after=None, limit=limit, order="desc")
    return thread, items, has_more


def thread_item_for_user(*, user: Any, thread_id: str, item_id: str) -> ThreadItem:
    return visible_items(user=user, thread_id=thread_id).get(item_id=item_id)
