"""The statements every chat turn waits on, awaited on the event loop (PostgreSQL).

A trip to a database thread (`chatkit_site.db`) wakes that thread and then the loop again. A
follow-up waits on three such trips before its first event (the session read, the vet, saving the
user's message), and on an idle server the hand-offs were ~0.4 ms of each ~1 ms trip; under load
they cost CPU on every item save. Those statements, and the thread save, are single fixed SQL
statements, so they run here on async psycopg connections instead. ORM code still runs on the
database threads.

The connections are Django's in all but the cursor: the same connection parameters and
adapters (time zone, JSON), autocommit (each statement is its own transaction), and Django's
exceptions. With DEBUG on, each statement is logged to `django.db.backends` as Django logs its
own; it is not in any connection's `queries` list, and `execute_wrapper` hooks do not see it.

Idle connections are shared by the process, at most `CHATKIT_DB_THREADS` of them, and each
event loop uses at most that many at once. A connection is handed to one caller at a time, so
none is tied to the loop that opened it (test runs create a loop per test). One that a failure or
a cancelled query left in any state but idle is closed, not reused.

`available()` is False on SQLite and with `CHATKIT_DB_ON_LOOP` off; callers then use `run_db`.
"""
from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger("django.db.backends")  # where Django logs its own queries

Row = tuple[Any, ...]

_idle: list[Any] = []  # psycopg.AsyncConnection, ready for the next statement
_in_use: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()
_PREPARE_ONLY_WHEN_ASKED = 2**62  # a threshold no statement reaches (see `chatkit_site.db`)


def available() -> bool:
    return bool(settings.CHATKIT_DB_ON_LOOP) and database().vendor == "postgresql"


@cache
def database() -> Any:
    """The default database's Django wrapper, for what needs no connection: vendor, errors, field adapters.

    On the event loop `connections[alias]` is per asyncio context (asgiref's `Local`), so each
    request task that looked it up built a wrapper of its own: ~3 KB held for as long as its
    stream stayed open, and a reference cycle for the collector. This one is built once and
    never connects; it shares its settings dict with `connections`, test database name included.
    """
    return connections.create_connection(DEFAULT_DB_ALIAS)


async def fetch_one(sql: str, params: Sequence[Any] | Mapping[str, Any], *, prepare: bool) -> tuple[Row | None, int]:
    """Run one statement; returns its first row (None if it returns none) and its row count.

    `prepare`: parse and plan it once per connection, for statements that find their rows by a
    unique key only (see `chatkit_site.db.prepared_cursor`); off with `CHATKIT_DB_PREPARED`.
    Otherwise the server still binds the values, and plans with them on every call.
    """
    db = database()
    loop = asyncio.get_running_loop()
    limit = _in_use.get(loop)
    if limit is None:
        limit = _in_use.setdefault(loop, asyncio.Semaphore(settings.CHATKIT_DB_THREADS))
    started = time.monotonic()
    async with limit:
        with db.wrap_database_errors:
            # A connection of its own is set up from this context's wrapper, whose time zone is current.
            conn = _idle.pop() if _idle else await _connect(connections[DEFAULT_DB_ALIAS])
            try:
                cursor = conn.cursor()
                await cursor.execute(sql, params, prepare=prepare and bool(settings.CHATKIT_DB_PREPARED))
                result = (await cursor.fetchone() if cursor.description else None), cursor.rowcount
            finally:
                await _put_back(conn)
    if settings.DEBUG:
        duration = time.monotonic() - started
        logger.debug("(%.3f) %s; args=%r; alias=%s", duration, sql, params, db.alias,
                     extra={"duration": duration, "sql": sql, "params": params, "alias": db.alias})
    return result


async def _connect(db: Any) -> Any:
    import psycopg
    from psycopg import sql as psql

    params = db.get_connection_params()  # with Django's adapters as `context`
    params.pop("cursor_factory", None)  # Django's sync cursor classes
    conn = await psycopg.AsyncConnection.connect(**params, autocommit=True)
    conn.prepare_threshold = _PREPARE_ONLY_WHEN_ASKED
    options = db.settings_dict["OPTIONS"]
    # What Django's `init_connection_state` sets up on its own connections.
    if conn.info.parameter_status("TimeZone") != db.timezone_name:
        await conn.execute("SELECT set_config('TimeZone', %s, false)", [db.timezone_name])
    if options.get("assume_role"):
        await conn.execute(psql.SQL("SET ROLE {}").format(psql.Identifier(options["assume_role"])))
    if options.get("isolation_level") is not None:
        await conn.set_isolation_level(psycopg.IsolationLevel(options["isolation_level"]))
    return conn


async def _put_back(conn: Any) -> None:
    from psycopg.pq import TransactionStatus

    idle = not conn.closed and conn.info.transaction_status == TransactionStatus.IDLE
    if idle and len(_idle) < settings.CHATKIT_DB_THREADS:
        _idle.append(conn)
    else:
        await conn.close()


async def close_idle() -> None:
    """Close the idle connections (before a test database is dropped, or at shutdown)."""
    while _idle:
        await _idle.pop().close()
