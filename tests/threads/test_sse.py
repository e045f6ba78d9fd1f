"""`coalesce`: the first event leaves at once, a fast producer's events share writes, nothing is
lost or reordered, and a reader that leaves stops the producer."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

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


async def test_a_reader_that_leaves_cancels_the_producer():
    stopped = asyncio.Event()

    async def endless() -> AsyncIterator[bytes]:
        try:
            while True:
                yield b"data: more\n\n"
                await asyncio.sleep(0.001)
        finally:
            stopped.set()  # where the SDK stores a partial answer

    stream = coalesce(endless())
    await anext(stream)
    await stream.aclose()
    assert stopped.is_set()
