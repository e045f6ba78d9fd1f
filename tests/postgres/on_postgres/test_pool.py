"""Django's psycopg pool behind the chat path: connections go back after each call, and one the
server ended is replaced before a caller sees it."""
from __future__ import annotations

import asyncio
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from chatkit_site.db import run_db
from tests.processes import POSTGRES_ADMIN_URL
from threads import selectors
from threads.models import Thread

pytestmark = pytest.mark.django_db(transaction=True)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pids: set[int]) -> int:
    # On a connection of its own: one from the pool could be one of those it ends.
    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as admin:
        return admin.execute("SELECT count(pg_terminate_backend(pid)) FROM unnest(%s::int[]) AS pid", [sorted(pids)]).fetchone()[0]


def database_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_the_database_is_pooled_and_checked():
    assert settings.DATABASES["default"]["OPTIONS"]["pool"]["max_lifetime"] > 0
    assert connection.pool is not None


async def test_a_connection_the_server_ended_is_replaced_before_the_next_call(alice):
    await run_db(Thread.objects.create, id="thr_a", owner=alice, created_at=timezone.now(), data={})
    pids: set[int] = set()
    for _ in range(3):  # warm the pool
        pids.update(await asyncio.gather(*(run_db(backend_pid) for _ in range(4))))
    assert terminate(pids) == len(pids) >= 1  # every connection the database threads used
    thread = await run_db(selectors.thread_for_user, user=alice, thread_id="thr_a")
    assert thread.id == "thr_a"
    # and the dead connections are gone from the pool: every database thread's next call works
    assert len(await asyncio.gather(*(run_db(backend_pid) for _ in range(8)))) == 8


async def test_many_concurrent_calls_use_no_more_connections_than_database_threads(alice):
    before = await asyncio.to_thread(database_sessions)

    async def slow() -> Any:
        return await run_db(lambda: connection.cursor().execute("SELECT pg_sleep(0.05)"))

    await asyncio.gather(*(slow() for _ in range(40)))
    after = await asyncio.to_thread(database_sessions)
    assert after - before <= settings.CHATKIT_DB_THREADS
