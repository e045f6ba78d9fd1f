"""Reads of threads and items, always scoped to one owner.

Another user's id behaves exactly like a missing one: every lookup filters on the owner, so
there is no code path that finds a row first and checks ownership after.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, NamedTuple

from django.db.models import Case, F, JSONField, Q, QuerySet, Value, When
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

from .models import Feedback, Thread, ThreadItem

Order = Literal["asc", "desc"]


_NEWEST = 2**63 - 1  # above every sequence: a first newest-first page starts here


class CursorNotFound(LookupError):
    """The `after` cursor names no row visible to this user."""


def thread_for_user(*, user: Any, thread_id: str) -> Thread:
    try:
        return Thread.objects.get(id=thread_id, owner=user)
    except Thread.DoesNotExist:  # the words every other miss uses, not Django's "matching query"
        raise Thread.DoesNotExist(f"No thread {thread_id!r}.") from None


def threads_page(*, user: Any, after: str | None, limit: int, order: Order) -> tuple[list[Thread], bool]:
    rows: QuerySet[Thread] = Thread.objects.filter(owner=user)
    if after:
        cursor = Thread.objects.filter(id=after, owner=user).values("created_at", "id").first()
        if cursor is None:
            raise CursorNotFound(f"No thread {after!r} to page after.")
        rows = rows.filter(_past(Tuple(F("created_at"), F("id")), (cursor["created_at"], cursor["id"]), order))
    sort = ("created_at", "id") if order == "asc" else ("-created_at", "-id")
    page = list(rows.order_by(*sort)[: limit + 1])
    return page[:limit], len(page) > limit


def _past(columns: Tuple, cursor: tuple[Any, ...], order: Order) -> Q:
    """Rows after `cursor` in `order`, as one row comparison: `(a, b) < (x, y)`.

    PostgreSQL reads a row comparison as a range on an index that starts with those columns,
    so a deep page starts where the cursor is. Spelled as `a < x OR (a = x AND b < y)` it walks
    the owner's index from the start instead, so a deep page cost more the deeper it was.
    """
    lookup = TupleGreaterThan if order == "asc" else TupleLessThan
    return Q(lookup(columns, cursor))


def visible_items(*, user: Any, thread_id: str) -> QuerySet[ThreadItem]:
    """Items of the user's thread that moderation has not hidden."""
    return ThreadItem.objects.filter(thread_id=thread_id, thread__owner=user, hidden=False)


class HiddenItem(NamedTuple):
    """Where a moderator hid an item: its place, none of its content or the reason."""

    item_id: str
    created_at: datetime


def thread_items_page(
    *, user: Any, thread_id: str, after: str | None, limit: int, order: Order
) -> tuple[list[dict[str, Any] | HiddenItem], bool]:
    """The stored JSON of a page of the user's items, a `HiddenItem` where moderation hid one,
    and whether more follow.

    Data, not rows: the caller turns them into SDK items, and a model instance per item costs
    more than the rest of the read (most of it Django's init signals).
    """
    rows = ThreadItem.objects.filter(thread_id=thread_id, thread__owner=user)
    if after:
        sequence = ThreadItem.objects.filter(thread_id=thread_id, item_id=after).values_list("sequence", flat=True).first()
        if sequence is None:
            raise CursorNotFound(f"No item {after!r} in this thread to page after.")
    else:
        sequence = 0 if order == "asc" else _NEWEST
    # The bound is spelled twice, as a comparison on (thread, sequence) and on sequence alone, so
    # that both indexes PostgreSQL weighs (thread_item_seq and the primary key) start at the
    # cursor: with statistics it may walk the primary key, and with only one spelling that walk
    # filtered every newer item of the database (docs/performance.md, store paging).
    bound = {"sequence__gt" if order == "asc" else "sequence__lt": sequence}
    rows = rows.filter(_past(Tuple(F("thread_id"), F("sequence")), (thread_id, sequence), order), **bound)
    rows = rows.order_by("sequence" if order == "asc" else "-sequence")
    # A hidden row's data is not even read: the database hands back NULL in its place.
    shown = Case(When(hidden=True, then=Value(None)), default=F("data"), output_field=JSONField())
    fetched = rows.values_list(shown, "hidden", "item_id", "created_at")[: limit + 1]
    page = [HiddenItem(item_id, created_at) if hidden else data for data, hidden, item_id, created_at in fetched]
    if not page:
        # Rows are filtered by owner, so only an empty page needs the ownership check (a foreign
        # thread is "not found", not empty); skipping it otherwise saves a query per load.
        thread_for_user(user=user, thread_id=thread_id)
    return page[:limit], len(page) > limit


def thread_item_data(*, user: Any, thread_id: str, item_id: str) -> dict[str, Any] | HiddenItem:
    """One item of the user's thread as its owner sees it: its stored JSON, or a `HiddenItem`."""
    row = (
        ThreadItem.objects.filter(thread_id=thread_id, thread__owner=user, item_id=item_id)
        .values_list("data", "hidden", "created_at").first()
    )
    if row is None:
        raise ThreadItem.DoesNotExist(f"No item {item_id!r} in thread {thread_id!r}.")
    data, hidden, created_at = row
    return HiddenItem(item_id, created_at) if hidden else data


def thread_feedback(*, user: Any, thread_id: str) -> dict[str, str]:
    """The user's ratings on items of their thread that are still there (item id -> kind).

    The SDK's responses carry no item or thread metadata, so the chat page asks for these
    beside the protocol to show the thumbs it pressed before a reload.
    """
    thread_for_user(user=user, thread_id=thread_id)
    rows = Feedback.objects.filter(thread_id=thread_id, user=user, item__isnull=False, item__hidden=False)
    return dict(rows.values_list("item_key", "kind"))
