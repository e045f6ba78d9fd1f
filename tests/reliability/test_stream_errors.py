"""A database outage in the middle of an answer ends the stream with an error event the client
may retry, never a broken connection or a 500."""
from __future__ import annotations

import json

import pytest
from chatkit.server import StreamingResult
from django.db import OperationalError

from tests.chatkit_client import user_input
from threads import server
from threads.api import sse_stream


async def test_an_outage_past_the_sdk_becomes_the_streams_last_event():
    async def events():
        yield b'data: {"type": "progress"}\n\n'
        raise OperationalError("connection to server was lost")

    chunks = [chunk async for chunk in sse_stream(StreamingResult(events()), "req1")]
    last = json.loads(b"".join(chunks).split(b"\n\n")[-2][6:])
    assert last == {"type": "error", "code": "custom", "allow_retry": True,
                    "message": "The database is unavailable, try again shortly."}


@pytest.mark.django_db(transaction=True)
async def test_an_outage_while_answering_ends_the_stream_retryably(alice_client, monkeypatch):
    async def outage(*args, **kwargs):
        raise OperationalError("connection to server was lost")
        yield  # an async generator, like the guide

    monkeypatch.setattr(server, "guide_response", outage)
    status, events = await alice_client.request("threads.create", input=user_input("hello"))
    assert status == 200 and events[0]["type"] == "thread.created"
    assert events[-1]["type"] == "error" and events[-1]["allow_retry"] is True
