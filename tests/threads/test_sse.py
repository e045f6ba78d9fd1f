"""`coalesce`: the first event leaves at once (even on a server that writes only when the socket
polls writable), a fast producer's events share writes, the end is not held back, nothing is lost
or reordered, and a reader that leaves stops the producer."""
from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest

from threads import sse
from threads.sse import coalesce


async def events(count: int, *, first_gate: asyncio.Event | None = None) -> AsyncIterator[bytes]:
    for n in range(count):
        yield f"data: {n}\n\n".encode()
        if n == 0 and first_gate is not None:
            await first_gate.wait()  # the rest only once the reader has the first event
        await asyncio.sleep(0)


async def test_the_first_event_is_written_before_the_producer_goes_on():
    gate = asyncio.Event()
    stream = coalesce(events(3, first_gate=gate))
    first = await asyncio.wait_for(anext(stream), timeout=1)
    assert first == b"data: 0\n\n"
    gate.set()
    assert b"".join([chunk async for chunk in stream]) == b"data: 1\n\ndata: 2\n\n"


async def test_a_fast_producers_events_share_writes_in_order():
    writes = [chunk async for chunk in coalesce(events(200))]
    assert b"".join(writes) == b"".join(f"data: {n}\n\n".encode() for n in range(200))
    assert len(writes) < 20


async def test_a_failure_mid_stream_comes_after_everything_produced_before_it():
    async def failing() -> AsyncIterator[bytes]:
        yield b"data: kept\n\n"
        raise RuntimeError("model broke")

    received: list[bytes] = []
    with pytest.raises(RuntimeError, match="model broke"):
        async for chunk in coalesce(failing()):
            received.append(chunk)
    assert b"".join(received) == b"data: kept\n\n"


async def endless(seen: list[str]) -> AsyncIterator[bytes]:
    try:
        while True:
            yield b"data: more\n\n"
            await asyncio.sleep(0.001)
    except asyncio.CancelledError:
        seen.append("cancelled")  # where the SDK stores a partial answer
        raise
    finally:
        seen.append("closed")


async def test_a_reader_that_leaves_mid_stream_cancels_the_producer():
    seen: list[str] = []
    stream = coalesce(endless(seen))
    await anext(stream)
    await anext(stream)
    await stream.aclose()
    assert seen == ["cancelled", "closed"]


async def test_a_reader_that_leaves_after_the_first_event_closes_the_producer():
    seen: list[str] = []
    stream = coalesce(endless(seen))
    await anext(stream)
    await stream.aclose()
    assert seen[-1:] == ["closed"]


async def test_the_first_event_reaches_the_socket_before_the_producer_goes_on():
    """Daphne (Twisted) buffers a write and sends it when the loop next polls the socket writable."""
    loop = asyncio.get_running_loop()
    server_side, client_side = socket.socketpair()
    server_side.setblocking(False)
    written: list[bytes] = []
    state_when_producer_resumed: list[list[bytes]] = []

    def server_write(data: bytes) -> None:
        def flush() -> None:
            loop.remove_writer(server_side)
            written.append(data)

        loop.add_writer(server_side, flush)

    async def producer() -> AsyncIterator[bytes]:
        yield b"data: first\n\n"
        await asyncio.sleep(0)  # the SDK's own yield before it sets up the agent
        state_when_producer_resumed.append(list(written))  # then CPU work that blocks the loop
        yield b"data: second\n\n"

    try:
        async for chunk in coalesce(producer()):
            server_write(chunk)
        await asyncio.sleep(0.01)
    finally:
        server_side.close()
        client_side.close()
    assert state_when_producer_resumed == [[b"data: first\n\n"]]


async def test_the_end_of_a_stream_is_not_held_back_by_the_rest_between_writes(monkeypatch):
    monkeypatch.setattr(sse, "FLUSH_INTERVAL", 30.0)

    async def short() -> AsyncIterator[bytes]:
        yield b"data: 1\n\n"
        await asyncio.sleep(0.01)
        yield b"data: 2\n\n"

    async def read_all() -> bytes:
        return b"".join([chunk async for chunk in coalesce(short())])

    assert await asyncio.wait_for(read_all(), timeout=5) == b"data: 1\n\ndata: 2\n\n"
