"""Running ORM code from async code on a small, fixed set of database threads.

`sync_to_async` sends ORM work to the request's own thread by default. Under ASGI Django makes
that thread per request, and a connection it takes stays with it until the request ends, which
for a chat stream is as long as the answer lasts: 500 open streams would hold 500 connections.
`run_db` sends each call to one of `CHATKIT_DB_THREADS` shared threads instead (asgiref's
documented `executor` argument) and, when the call is done, does what Django does at the end of a
request (`close_old_connections`): a pooled PostgreSQL connection goes back to the pool, one that
broke is dropped, and SQLite keeps its connection for as long as `CONN_MAX_AGE` says.

Before each call the connection is checked (`is_usable`, one round trip on PostgreSQL, none on
SQLite). One the server ended (a restart, a failover, `pg_terminate_backend`) is dropped and the
pool is told to check the rest of its idle connections, so the call itself, and whatever comes
next, runs on a working one. The pool's own check (`CONN_HEALTH_CHECKS`) is off for this: it
waits a second or more, growing, after each dead connection it meets, so a pool full of them
timed requests out instead of serving them.

Which connections are pooled, checked and how long they live is set in one place, the database
settings (`chatkit_site.env.database_from_url`).

A call that has started cannot be stopped: a thread runs to the end. So when the awaiting task is
cancelled (a hang-up), `run_db` waits for its call to finish before it passes the cancellation
on. Otherwise the SDK's cancellation handler would save the partial answer while the cut
request's last write still runs on another thread: two writers at once, in no set order (on the
test suite's shared in-memory SQLite the second one fails at once with "database table is
locked", seen once in CI among 50 cut streams).
"""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connection
from django.db.utils import OperationalError

P = ParamSpec("P")
T = TypeVar("T")

_executor = ThreadPoolExecutor(max_workers=settings.CHATKIT_DB_THREADS, thread_name_prefix="chatkit-db")


def _as_a_request(fn: Callable[[], T]) -> T:
    # Django checks connections around each request; these threads outlive requests, so each call
    # gets the same treatment at its start (drop a broken or expired connection) and its end.
    close_old_connections()
    _use_a_working_connection()
    try:
        return fn()
    finally:
        close_old_connections()


def _use_a_working_connection() -> None:
    pool = getattr(connection, "pool", None)  # Django's psycopg pool, when OPTIONS["pool"] is set
    attempts = (pool.max_size if pool is not None else 1) + 1
    for _ in range(attempts):
        connection.ensure_connection()
        if connection.is_usable():
            return
        connection.close()  # a broken connection handed back is discarded by the pool
        if pool is not None:
            pool.check()  # and the idle ones the same event left behind go with it
    raise OperationalError("No working database connection could be made.")


async def run_db(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `fn` (ORM code) on a database thread and await its result. Context vars carry over.

    Cancelled, it still waits for `fn` to finish, then raises `CancelledError`.
    """
    call = asyncio.ensure_future(
        sync_to_async(_as_a_request, thread_sensitive=False, executor=_executor)(partial(fn, *args, **kwargs))
    )
    try:
        return await asyncio.shield(call)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):  # its outcome is the cancelled caller's no more
            await asyncio.shield(call)
        raise


def uses_one_statement_sql() -> bool:
    """Whether the chat path's hottest reads and writes run as single PostgreSQL statements.

    The one place that decides between them and their ORM twins (threads.selectors/services):
    the statements use PostgreSQL's JSON aggregation and `INSERT ... ON CONFLICT ... RETURNING`
    forms; elsewhere the ORM spelling of the same thing runs.
    """
    return connection.vendor == "postgresql"
