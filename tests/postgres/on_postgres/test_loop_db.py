"""`chatkit_site.loop_db`: the chat path's statements on async connections, on the event loop.

They must behave as Django's own cursor does (rows, time zones, counts, exceptions, debug
logging), survive a cancelled query, belong to no particular event loop, and really be what a chat
turn uses on PostgreSQL: no database-thread hop for the session read, the vet or the saves.
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
import threading
from datetime import UTC, datetime

import pytest
from asgiref.sync import sync_to_async
from django.db import IntegrityError, connection, connections

from chatkit_site import auth, loop_db
from tests.chatkit_client import assistant_text, created_thread_id, user_input
from threads import selectors, services
from threads.models import Thread, ThreadItem

pytestmark = pytest.mark.django_db(transaction=True)  # the loop's connections see committed rows only

THREAD_ROW = f"SELECT id, owner_id, created_at, data FROM {Thread._meta.db_table} WHERE id = %s"


def a_thread(owner, id: str = "thr_a") -> Thread:
    return Thread.objects.create(id=id, owner=owner, created_at=datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC), data={"k": [1]})


def cursor_row(sql: str, params: list) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


async def test_it_is_on_for_postgresql_and_can_be_turned_off(settings):
    assert loop_db.available()
    settings.CHATKIT_DB_ON_LOOP = False
    assert not loop_db.available()


async def test_rows_come_back_as_djangos_own_cursor_returns_them(alice):
    await sync_to_async(a_thread)(alice)
    row, count = await loop_db.fetch_one(THREAD_ROW, ["thr_a"], prepare=True)
    assert row == await sync_to_async(cursor_row)(THREAD_ROW, ["thr_a"])
    assert row[2] == datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC) and row[2].utcoffset().total_seconds() == 0
    assert count == 1
    assert await loop_db.fetch_one(THREAD_ROW, ["thr_missing"], prepare=True) == (None, 0)
    update = f"UPDATE {Thread._meta.db_table} SET title = %s WHERE owner_id = %s"
    assert await loop_db.fetch_one(update, ["t", alice.pk], prepare=False) == (None, 1)
    timezone_row, _ = await loop_db.fetch_one("SELECT current_setting('TimeZone')", [], prepare=False)
    assert timezone_row == (connection.timezone_name,)


async def test_its_errors_are_djangos_and_the_connection_serves_the_next_statement(alice):
    await sync_to_async(a_thread)(alice)
    insert = (
        f"INSERT INTO {Thread._meta.db_table} (id, owner_id, title, title_set_by_user, status, status_reason,"
        " created_at, updated_at, data) VALUES (%s, %s, '', false, 'active', '', now(), now(), '{}')"
    )
    pid, _ = await loop_db.fetch_one("SELECT pg_backend_pid()", [], prepare=False)
    with pytest.raises(IntegrityError):  # what callers catch, on the loop or on a database thread
        await loop_db.fetch_one(insert, ["thr_a", alice.pk], prepare=True)
    assert await loop_db.fetch_one("SELECT pg_backend_pid()", [], prepare=False) == (pid, 1)


async def test_a_statement_prepared_on_a_connection_is_prepared_once(alice, settings):
    await sync_to_async(a_thread)(alice)
    for _ in range(3):
        await loop_db.fetch_one(THREAD_ROW, ["thr_a"], prepare=True)
    plans = "SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE statement LIKE %s"
    like = f"SELECT id, owner_id, created_at, data FROM {Thread._meta.db_table} WHERE id = $1%"
    row, _ = await loop_db.fetch_one(plans, [like], prepare=False)
    assert row is not None and row[0] >= 3  # one preparation served every run
    settings.CHATKIT_DB_PREPARED = False
    other = f"SELECT id FROM {Thread._meta.db_table} WHERE owner_id = %s"
    await loop_db.fetch_one(other, [alice.pk], prepare=True)
    named, _ = await loop_db.fetch_one(
        "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"SELECT id FROM {Thread._meta.db_table} WHERE owner_id%"],
        prepare=False,
    )
    assert named == (0,)


async def test_with_debug_on_its_statements_are_logged_where_django_logs_its_own(settings, caplog):
    settings.DEBUG = True
    with caplog.at_level(logging.DEBUG, logger="django.db.backends"):
        await loop_db.fetch_one("SELECT 41 + %s", [1], prepare=False)
    assert [r.sql for r in caplog.records if r.name == "django.db.backends"] == ["SELECT 41 + %s"]


async def test_a_cancelled_query_leaves_no_connection_behind_that_would_answer_the_next_caller():
    slow = asyncio.create_task(loop_db.fetch_one("SELECT pg_sleep(5), 'slow'", [], prepare=False))
    await asyncio.sleep(0.3)
    slow.cancel()
    with pytest.raises(asyncio.CancelledError):
        await slow
    started = asyncio.get_running_loop().time()
    assert await loop_db.fetch_one("SELECT 'next'", [], prepare=False) == (("next",), 1)
    assert asyncio.get_running_loop().time() - started < 2  # not queued behind the sleep


def test_a_connection_serves_one_event_loop_after_another(alice):
    # Test runs (and async_to_sync) start loops of their own; connections must not be tied to one.
    pids = [asyncio.run(loop_db.fetch_one("SELECT pg_backend_pid()", [], prepare=False))[0] for _ in range(3)]
    assert len(set(pids)) == 1, pids


async def test_a_chat_turn_on_postgresql_makes_no_database_thread_hop_for_its_key_statements(alice_client, monkeypatch):
    events = await alice_client.stream("threads.create", input=user_input("What are threads?"))
    thread_id = created_thread_id(events)
    hops: list[str] = []

    def recording(real):
        async def run_db(fn, /, *args, **kwargs):
            hops.append(fn.__name__)
            return await real(fn, *args, **kwargs)
        return run_db

    for module in (auth, selectors, services):
        monkeypatch.setattr(module, "run_db", recording(module.run_db))
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("And items?"))
    assert "items" in assistant_text(events)  # answered from the docs on items (the answer no longer echoes the question)
    assert hops == []
    types = await sync_to_async(lambda: list(ThreadItem.objects.filter(thread_id=thread_id).values_list("type", flat=True)))()
    assert types.count("user_message") == 2 and types.count("assistant_message") == 2


async def test_a_chat_turn_builds_no_database_wrapper_on_the_event_loop(alice_client, monkeypatch):
    # On the loop `connections[alias]` is per asyncio context, so a wrapper built there belongs to
    # one request and is held for as long as its stream stays open (~3 KB each).
    events = await alice_client.stream("threads.create", input=user_input("What are threads?"))
    thread_id = created_thread_id(events)
    built_on_loop: list[str] = []
    real, loop_thread = connections.create_connection, threading.current_thread()

    def recording(alias):
        if threading.current_thread() is loop_thread:
            built_on_loop.append(alias)
        return real(alias)

    monkeypatch.setattr(connections, "create_connection", recording)
    follow_up = alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("And items?"))
    # A context of its own, as daphne gives each request, not the one the first turn ran in.
    events = await asyncio.get_running_loop().create_task(follow_up, context=contextvars.Context())
    assert "items" in assistant_text(events)  # answered from the docs on items (the answer no longer echoes the question)
    assert built_on_loop == []
