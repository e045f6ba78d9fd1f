"""Running ORM code from async code on a small, fixed set of database threads.

`sync_to_async` sends ORM work to the request's own thread by default. Under ASGI Django makes
that thread per request, and a connection it takes stays with it until the request ends, which
for a chat stream is as long as the answer lasts: 500 open streams would hold 500 connections.
`run_db` sends each call to one of `CHATKIT_DB_THREADS` shared threads instead (asgiref's
documented `executor` argument) and, when the call is done, does what Django does at the end of a
request (`close_old_connections`): a pooled PostgreSQL connection goes back to the pool, one that
broke is dropped, and SQLite keeps its connection for as long as `CONN_MAX_AGE` says.

Nothing is checked before a call: a check is a round trip on every statement. Instead a call that
fails because its connection was dead (the server restarted, failed over, or ran
`pg_terminate_backend`) runs once more on a fresh one, after the pool is told to check its idle
connections (`pool.check()`), which the same event usually ended too. A dead connection fails on
its first statement, before anything ran; and the store's calls are reads, upserts and deletes,
which a second run leaves as the first would have. The pool's own check on checkout
(`pool_check=1` in `DATABASE_URL`) stays off by default: it costs the round trip this avoids
(`python -m tests.bench.connection_check` measures both).

A call that has started cannot be stopped: a thread runs to the end. So when the awaiting task is
cancelled (a hang-up), `run_db` waits for its call to finish before it passes the cancellation
on. Otherwise the SDK's cancellation handler would save the partial answer while the cut
request's last write still runs on another thread: two writers at once, in no set order.
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
from django.db.utils import InterfaceError, OperationalError

P = ParamSpec("P")
T = TypeVar("T")

_executor = ThreadPoolExecutor(max_workers=settings.CHATKIT_DB_THREADS, thread_name_prefix="chatkit-db")


def _as_a_request(fn: Callable[[], T]) -> T:
    # Django checks connections around each request; these threads outlive requests, so each call
    # gets the same treatment at its start (drop a broken or expired connection) and its end.
    close_old_connections()
    try:
        return fn()
    except (OperationalError, InterfaceError):
        if not _connection_was_dead():
            raise
        return fn()
    finally:
        close_old_connections()


def _connection_was_dead() -> bool:
    """After a failed call: whether its connection had died; if so it is dropped for a fresh one.

    Only on the error path, so the usual call pays nothing for it.
    """
    if connection.in_atomic_block or connection.connection is None or connection.is_usable():
        return False
    connection.close()  # the pool discards a broken connection handed back
    pool = getattr(connection, "pool", None)  # Django's psycopg pool, when OPTIONS["pool"] is set
    if pool is not None:
        pool.check()  # the idle connections the same event ended go with it
    return True


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
