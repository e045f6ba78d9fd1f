"""Hang-ups end cleanly: 50 streams cut at random points through the real ASGI application
leave no pending tasks, nothing but one INFO line per hang-up in the log (no tracebacks, no
"Task was destroyed but it is pending!", no context-variable errors), and every thread they
touched accepts a follow-up."""
from __future__ import annotations

import asyncio
import gc
import json
import logging
import random
import sys

import pytest

# At import: setting the app up configures logging, which would drop caplog's handler mid-test.
from chatkit_site.asgi import application
from tests.chatkit_client import user_input

pytestmark = pytest.mark.django_db(transaction=True)
STREAMS = 50


async def cut_stream(application, headers: list[tuple[bytes, bytes]], body: bytes, *, cut_after: int) -> int:
    """POSTs `body` and hangs up after `cut_after` body messages; returns how many arrived."""
    hang_up = asyncio.Event()
    sent = {"request": False}
    received = []

    async def receive() -> dict:
        if not sent["request"]:
            sent["request"] = True
            return {"type": "http.request", "body": body, "more_body": False}
        await hang_up.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.body" and message.get("body"):
            received.append(message["body"])
            if len(received) >= cut_after:
                hang_up.set()

    if cut_after == 0:
        hang_up.set()
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/api/chatkit", "raw_path": b"/api/chatkit", "query_string": b"", "root_path": "",
        "headers": headers, "client": ("127.0.0.1", 40000), "server": ("testserver", 80),
    }
    await asyncio.wait_for(application(scope, receive, send), timeout=30)
    return len(received)


async def test_fifty_cut_streams_end_cleanly(alice_client, settings, caplog, monkeypatch):
    settings.CHATKIT_OFFLINE_PACE = 0.003  # long enough answers to be cut in the middle
    caplog.set_level(logging.INFO)
    unraisable: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: unraisable.append(f"{info.exc_value!r} in {info.object!r}"))
    loop_errors: list[str] = []
    asyncio.get_running_loop().set_exception_handler(lambda loop, context: loop_errors.append(context["message"]))

    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in alice_client.http.cookies.items())
    headers = [(b"host", b"testserver"), (b"content-type", b"application/json"), (b"cookie", cookies.encode()),
               (b"x-csrftoken", alice_client.csrf.encode())]
    _, first = await alice_client.request("threads.create", input=user_input("a thread to continue"))
    thread_id = next(e["thread"]["id"] for e in first if e["type"] == "thread.created")
    await asyncio.sleep(0.05)
    baseline = len(asyncio.all_tasks())

    rng = random.Random(25)
    for n in range(STREAMS):
        if n % 2:
            params = {"thread_id": thread_id, "input": user_input(f"follow-up {n}: tell me about widgets")}
            payload = {"type": "threads.add_user_message", "params": params}
        else:
            payload = {"type": "threads.create", "params": {"input": user_input(f"new {n}: explain entity tags")}}
        await cut_stream(application, headers, json.dumps(payload).encode(), cut_after=rng.randint(0, 12))

    await asyncio.sleep(0.2)
    gc.collect()  # generators dropped unclosed would be finalized now, as tasks
    await asyncio.sleep(0.2)
    assert len(asyncio.all_tasks()) <= baseline, [t.get_coro() for t in asyncio.all_tasks()]
    assert unraisable == [] and loop_errors == []
    # (kombu warns once that the in-memory broker of eager Celery has no hostname: not ours.)
    noisy = [r for r in caplog.records if (r.levelno >= logging.WARNING or r.exc_info) and r.name != "kombu.connection"]
    assert noisy == [], [r.getMessage() for r in noisy][:5]
    hang_ups = [r for r in caplog.records if "client disconnected" in r.getMessage()]
    assert 1 <= len(hang_ups) <= STREAMS
    assert all(r.levelno == logging.INFO for r in hang_ups)

    status, page = await alice_client.request("threads.list", limit=100)
    assert status == 200 and len(page["data"]) >= 2
    for thread in page["data"]:
        status, events = await alice_client.request(
            "threads.add_user_message", thread_id=thread["id"], input=user_input("are you still there?")
        )
        assert status == 200 and any(e["type"] == "thread.item.done" for e in events), events[-1:]
