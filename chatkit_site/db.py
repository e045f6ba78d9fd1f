"""Running ORM code from async code on a small, fixed set of database threads.

`sync_to_async`'s default sends each call to the request's own thread, which Django creates per
request under ASGI and keeps for as long as a stream lasts. On PostgreSQL that also meant
handing the pooled connection back after every call, or 500 open streams would hold 500
connections. Here every async caller shares `CHATKIT_DB_THREADS` threads; each keeps one
connection and reuses it, so a process never holds more connections than that for chat
traffic, and no call pays for opening one. `prepared_cursor` spares the hottest fixed
statements PostgreSQL's parsing and planning. On PostgreSQL the few statements every chat turn
waits on skip the threads altogether (`chatkit_site.loop_db`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from typing import Any, ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.utils import CursorWrapper

P = ParamSpec("P")
T = TypeVar("T")

_executor = ThreadPoolExecutor(max_workers=settings.CHATKIT_DB_THREADS, thread_name_prefix="chatkit-db")


def _keeping_connection_healthy(fn: Callable[P, T]) -> Callable[P, T]:
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(*args, **kwargs)
        finally:
            # Django checks connections only around requests; these threads outlive requests, so
            # drop a connection that broke (e.g. the server restarted) and the next call reconnects.
            if connection.errors_occurred and not connection.is_usable():
                connection.close()
            connection.errors_occurred = False

    return call


async def run_db(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `fn` (ORM code) on a database thread and await its result. Context vars carry over."""
    return await sync_to_async(_keeping_connection_healthy(fn), thread_sensitive=False, executor=_executor)(*args, **kwargs)


@contextmanager
def prepared_cursor(alias: str = DEFAULT_DB_ALIAS) -> Iterator[CursorWrapper]:
    """A cursor for fixed SQL that PostgreSQL should parse and plan once per connection.

    Django inlines the values into the query text, so PostgreSQL parses and plans every call.
    Here the server binds them, and each statement is prepared on its first use on a connection.
    For the session read that every request makes, planning was most of its time (warm: 0.82 ->
    0.56 ms). It is Django's cursor wrapper all the same: errors, debug logging and query
    counting work as for `connection.cursor()`.

    Only for statements that find their rows by a unique key: a prepared statement may run on a
    generic plan, made without its values, and one that scans by anything else can then pick a
    bad index for skewed data (see `threads.selectors` for the vet, which is not prepared).
    With `CHATKIT_DB_PREPARED` off (a pooler in transaction mode that cannot keep prepared
    statements) or on SQLite this is `connection.cursor()`.
    """
    db = connections[alias]
    if not (settings.CHATKIT_DB_PREPARED and db.vendor == "postgresql"):
        with db.cursor() as cursor:
            yield cursor
        return
    db.close_if_health_check_failed()
    db.ensure_connection()
    if db.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off (for poolers), and `prepare=True` obeys that too.
        # A threshold no query reaches keeps automatic preparing off and lets ours through.
        db.connection.prepare_threshold = 2**62
    with db.wrap_database_errors:
        cursor = db._prepare_cursor(_preparing_cursor_class()(db.connection))
    with cursor:
        yield cursor


@cache
def _preparing_cursor_class() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor  # needs psycopg

    class PreparingCursor(ServerBindingCursor):  # type: ignore[misc, valid-type]
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            return super().execute(query, params, prepare=True, **kwargs)

        def _send_query_prepared(self, name: bytes, pgq: Any, **kwargs: Any) -> None:
            self._query = pgq  # psycopg sets it for unprepared queries only; Django's query log reads it
            super()._send_query_prepared(name, pgq, **kwargs)

    return PreparingCursor
