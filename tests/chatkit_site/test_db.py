"""`run_db`: the async chat path's ORM calls on shared database threads, on Django's own
connections, so what Django offers for its statements (the query log, `execute_wrapper`, its
exceptions) sees them. Runs on PostgreSQL too (tests/postgres)."""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from chatkit_site.db import run_db
from threads import selectors, services
from threads.models import Thread

pytestmark = pytest.mark.django_db(transaction=True)


def make_thread(id: str, owner: Any) -> Thread:
    return Thread.objects.create(id=id, owner=owner, title="", created_at=timezone.now(), data={})


async def test_it_runs_on_a_database_thread_and_returns_the_result(alice):
    await run_db(make_thread, "thr_a", alice)
    name = await run_db(lambda: threading.current_thread().name)
    assert name.startswith("chatkit-db")
    items, has_more = await run_db(selectors.thread_items_page, user=alice, thread_id="thr_a", after=None, limit=5, order="desc")
    assert (items, has_more) == ([], False)


async def test_its_errors_are_djangos_and_the_next_call_works(alice):
    await run_db(make_thread, "thr_a", alice)
    with pytest.raises(IntegrityError):
        await run_db(make_thread, "thr_a", alice)
    assert await run_db(Thread.objects.filter(owner=alice).count) == 1


async def test_the_chat_paths_statements_reach_execute_wrapper_and_the_query_log(alice, caplog, settings):
    settings.DEBUG = True  # Django logs its statements to django.db.backends only then
    await run_db(make_thread, "thr_a", alice)
    seen: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append(sql)
        return execute(sql, params, many, context)

    def wrapped(fn: Any, **kwargs: Any) -> Any:
        with connection.execute_wrapper(wrapper):  # Django's documented hook, on this thread's connection
            return fn(**kwargs)

    with caplog.at_level(logging.DEBUG, logger="django.db.backends"):
        await run_db(wrapped, services.thread_item_upsert, user=alice, thread_id="thr_a", item_id="msg_1",
                     item_type="user_message", created_at=timezone.now(), data={"id": "msg_1"})
        await run_db(wrapped, selectors.thread_items_page, user=alice, thread_id="thr_a", after=None, limit=5, order="desc")
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "msg_1" in logged and "thr_a" in logged
    assert any("INSERT" in sql.upper() for sql in seen) and any("SELECT" in sql.upper() for sql in seen), seen


async def test_a_cancelled_call_finishes_its_write_before_the_cancellation_is_passed_on(alice):
    """A hang-up cancels the stream while a write runs; the SDK's cancellation handler then saves
    the partial answer. That second write must not start while the first still runs."""
    started = threading.Event()

    def slow_create() -> None:
        started.set()
        time.sleep(0.3)
        make_thread("thr_slow", alice)

    task = asyncio.ensure_future(run_db(slow_create))
    await asyncio.to_thread(started.wait, 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # What the cancellation handler would read next already sees the finished write.
    assert await run_db(Thread.objects.filter(id="thr_slow").exists)
