"""Against a real daphne process: SSE arrives incrementally, and a hang-up keeps partial output."""
from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from tests.chatkit_client import user_input
from tests.processes import DaphneServer, daphne_server, login

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def paced_server(live_app) -> Iterator[DaphneServer]:
    # Same database as live_app, but the offline model paces its words like a person would see.
    with daphne_server(live_app.app_env, CHATKIT_OFFLINE_PACE="0.03") as server:
        yield server


def _payloads(buffer: str) -> list[dict]:
    return [json.loads(line[6:]) for line in buffer.splitlines() if line.startswith("data: ")]


def test_it_streams_sse_chunks_over_time(live_app, paced_server):
    client = login(paced_server.url, "alice", live_app.password)
    body = {"type": "threads.create", "params": {"input": user_input("Tell me about streaming")}}
    arrivals: list[float] = []
    buffer = ""
    with client.stream("POST", "/api/chatkit", json=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-accel-buffering"] == "no"
        for chunk in response.iter_raw():
            arrivals.append(time.monotonic())
            buffer += chunk.decode()
    events = _payloads(buffer)
    assert events[0]["type"] == "thread.created"
    assert any(e["type"] == "thread.item.done" and e["item"]["type"] == "assistant_message" for e in events)
    assert len(arrivals) > 10, "the response arrived as a few buffered blobs"
    assert arrivals[-1] - arrivals[0] > 0.3, "chunks did not spread over time"


def test_it_keeps_the_partial_answer_when_the_client_hangs_up(live_app, paced_server):
    client = login(paced_server.url, "alice", live_app.password)
    body = {"type": "threads.create", "params": {"input": user_input("Explain threads and items please")}}
    buffer = ""
    with client.stream("POST", "/api/chatkit", json=body) as response:
        for chunk in response.iter_raw():
            buffer += chunk.decode()
            if buffer.count("text_delta") >= 4:
                break  # leaving the block closes the connection mid-answer
    events = _payloads(buffer)
    thread_id = next(e["thread"]["id"] for e in events if e["type"] == "thread.created")
    streamed = "".join(
        e["update"]["delta"] for e in events
        if e["type"] == "thread.item.updated" and e["update"]["type"].endswith("text_delta")
    )
    assert streamed

    reader = live_app.login("alice")
    deadline = time.monotonic() + 10
    saved = []
    while time.monotonic() < deadline and not saved:
        items = reader.post("/api/chatkit", json={"type": "items.list", "params": {"thread_id": thread_id, "order": "asc"}}).json()
        saved = [i for i in items["data"] if i["type"] == "assistant_message"]
        time.sleep(0.2)
    assert saved, "the partial assistant message was lost"
    text = saved[0]["content"][0]["text"]
    assert text.startswith(streamed)
    assert "offline model" not in text[len(streamed) + 200 :]  # not the whole answer: it was cut short
