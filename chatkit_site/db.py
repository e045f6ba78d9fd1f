"""Running ORM code from async code on a small, fixed set of database threads.

`sync_to_async`'s default sends each call to the request's own thread, which Django creates per
request under ASGI and keeps for as long as a stream lasts. On PostgreSQL that also meant
handing the pooled connection back after every call, or 500 open streams would hold 500
connections. Here every async caller shares `CHATKIT_DB_THREADS` threads; each keeps one
connection and reuses it, so a process never holds more connections than that for chat
traffic, and no call pays for opening one.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection

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
