"""OnLoopASGIHandler's request cycle: the request signals are sent on the loop unless the request
used its own thread, and then on that thread, so a sync view's connection is still closed."""
from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from django.contrib.auth.models import User
from django.core import signals
from django.db import connection
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.test import override_settings
from django.urls import path

from chatkit_site.middleware import OnLoopASGIHandler

seen: dict[str, Any] = {}


async def streaming_view(request: HttpRequest) -> StreamingHttpResponse:
    async def events() -> AsyncIterator[bytes]:
        try:
            yield b"data: first\n\n"
            if "hang" in request.GET:
                await asyncio.Event().wait()  # a slow responder; only a hang-up ends it
            yield b"data: last\n\n"
        finally:
            seen["stream_closed"] = True

    return StreamingHttpResponse(events(), content_type="text/event-stream")


def sync_view(request: HttpRequest) -> HttpResponse:
    seen["view_thread"] = threading.get_ident()
    seen["view_connection"] = connection
    return HttpResponse(str(User.objects.count()))


urlpatterns = [path("stream/", streaming_view), path("page/", sync_view)]


@pytest.fixture
def signal_threads() -> Iterator[dict[str, list[int]]]:
    sent: dict[str, list[int]] = {"started": [], "finished": []}

    def started(**kwargs: Any) -> None:
        sent["started"].append(threading.get_ident())

    def finished(**kwargs: Any) -> None:
        sent["finished"].append(threading.get_ident())

    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    seen.clear()
    with override_settings(ROOT_URLCONF=__name__):
        yield sent
    signals.request_started.disconnect(started)
    signals.request_finished.disconnect(finished)


async def get(path: str, query: bytes = b"", *, hang_up_after_first_chunk: bool = False) -> list[dict[str, Any]]:
    scope = {"type": "http", "method": "GET", "path": path, "query_string": query, "headers": [], "server": ("testserver", 80)}
    app = ApplicationCommunicator(OnLoopASGIHandler(), scope)
    await app.send_input({"type": "http.request", "body": b""})
    messages = []
    while True:
        message = await app.receive_output(timeout=5)
        messages.append(message)
        if hang_up_after_first_chunk and message.get("body"):
            await app.send_input({"type": "http.disconnect"})
            await app.wait(timeout=5)
            return messages
        if message["type"] == "http.response.body" and not message.get("more_body"):
            await app.wait(timeout=5)
            return messages


async def test_an_async_streaming_request_sends_both_signals_without_a_request_thread(signal_threads):
    messages = await get("/stream/")

    assert b"".join(m.get("body", b"") for m in messages) == b"data: first\n\ndata: last\n\n"
    loop_thread = threading.get_ident()
    assert signal_threads == {"started": [loop_thread], "finished": [loop_thread]}
    assert seen["stream_closed"]


@pytest.mark.django_db(transaction=True)
async def test_a_sync_view_closes_the_database_connection_it_opened_on_its_own_thread(signal_threads):
    messages = await get("/page/")

    assert messages[0]["status"] == 200 and messages[1]["body"] == b"0"
    assert signal_threads["finished"] == [seen["view_thread"]] != [threading.get_ident()]
    assert seen["view_connection"].connection is None  # closed; without this each page leaks one


async def test_a_client_that_hangs_up_mid_stream_ends_the_stream_and_still_finishes_the_request(signal_threads):
    messages = await get("/stream/", b"hang=1", hang_up_after_first_chunk=True)

    assert messages[-1]["body"] == b"data: first\n\n"
    assert seen["stream_closed"]
    assert len(signal_threads["finished"]) == 1
