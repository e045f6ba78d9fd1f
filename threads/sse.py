"""Writing the SDK's SSE byte stream to the client.

The SDK yields one already-framed event at a time. Sent as-is, every text delta becomes its own
ASGI message and socket write, which costs more than producing it. `coalesce` runs the producer
as a task and writes everything queued in one go. The first event goes out at once; after each
write it rests `FLUSH_INTERVAL` so a fast producer's events gather into a few writes (a 200-delta
answer's 208 events take 5 writes alone, about 30 when 20 streams share the server) while a paced
stream is delayed by at most that interval. The end of the stream cuts a rest short, so the last
events and the close are not held back.

The first event is also the one a reader waits for: after the writer hands it to the server, the
producer waits until the loop has polled for I/O once before going on. Daphne (Twisted) buffers a
write until the socket polls writable, and the SDK goes straight from the user's message into
setting up the agent, so without the wait the first event left only after that setup (uvicorn
writes at once and never needed it).

A hang-up must end every task the stream started. The SDK merges the agent's events with its
own queue by running each side's `__anext__` as a task of its own (`chatkit.agents`), and a
cancelled consumer leaves those pending: "Task was destroyed but it is pending!" later, and the
agent's generator finalized from another task's context (context-variable `ValueError`s). So the
producer marks its context (`_OWNED`), a loop task factory (asyncio's public hook, wrapping any
factory already set) files each task created under that mark with its stream, and when the
reader leaves, whatever is still pending is cancelled and awaited before the stream lets go.
"""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextvars import ContextVar
from typing import Any

_END = object()
# The tasks a stream's producer created (directly or through tasks of its own), while pending.
_OWNED: ContextVar[set[asyncio.Task[Any]] | None] = ContextVar("chatkit_stream_tasks", default=None)
# Under one screen frame (16.7 ms at 60 Hz), so no reader can see it; far above the gap between
# a fast model's deltas; shorter rests cost measurably more CPU per event (docs/performance.md).
FLUSH_INTERVAL = 0.015


class _Mailbox:
    """What the producer has handed over since the writer last looked.

    One producer, one reader: a list and a single waiter do what an `asyncio.Queue` would, for
    less work per event and less memory per open stream: a Queue carries two deques of waiters
    and a finished-event.
    """

    def __init__(self) -> None:
        self.parts: list[object] = []
        self.ended = False  # the last part (the end, or the failure) is in
        self._waiter: asyncio.Future[None] | None = None
        self._resting = False  # the waiter only wakes for the last part

    def put(self, part: object, *, last: bool = False) -> None:
        self.parts.append(part)
        self.ended = self.ended or last
        if self._waiter is not None and not self._waiter.done() and (last or not self._resting):
            self._waiter.set_result(None)

    async def rest(self, interval: float) -> None:
        """Let parts gather for `interval`, unless the last one is already here or arrives."""
        if self.ended:
            return
        loop = asyncio.get_running_loop()
        self._waiter, self._resting = loop.create_future(), True
        timer = loop.call_later(interval, _wake, self._waiter)
        try:
            await self._waiter
        finally:
            timer.cancel()
            self._waiter, self._resting = None, False

    async def take(self) -> list[object]:
        while not self.parts:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        parts, self.parts = self.parts, []
        return parts


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


def _tracking_factory(previous: Callable[..., Any] | None) -> Callable[..., Any]:
    def factory(loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> asyncio.Task[Any]:
        task = previous(loop, coro, **kwargs) if previous else asyncio.Task(coro, loop=loop, **kwargs)
        owned = _OWNED.get()
        if owned is not None:
            owned.add(task)
            task.add_done_callback(owned.discard)
        return task

    factory.tracks_streams = True  # type: ignore[attr-defined]
    return factory


def _track_stream_tasks(loop: asyncio.AbstractEventLoop) -> None:
    current = loop.get_task_factory()
    if not getattr(current, "tracks_streams", False):
        loop.set_task_factory(_tracking_factory(current))


async def _end_owned(owned: set[asyncio.Task[Any]]) -> None:
    """Cancel what the stream left running and wait for it, quietly: it is cleanup, not news."""
    while owned:
        left = list(owned)
        for task in left:
            task.cancel()
        await asyncio.gather(*left, return_exceptions=True)
        owned.difference_update(left)


async def coalesce(source: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    mailbox = _Mailbox()
    loop = asyncio.get_running_loop()
    first_sent: asyncio.Future[None] = loop.create_future()
    owned: set[asyncio.Task[Any]] = set()
    _track_stream_tasks(loop)

    async def pump() -> None:
        _OWNED.set(owned)  # this task's own context: what it creates is filed with this stream
        try:
            async for chunk in source:
                mailbox.put(chunk)
                if not first_sent.done():
                    await first_sent  # the writer has handed it to the server
                    await asyncio.sleep(0)  # and the loop polls (and writes) before we go on
        except BaseException as exc:  # handed to the writer, which re-raises it in its own task
            mailbox.put(exc, last=True)
            if isinstance(exc, asyncio.CancelledError):
                raise
        else:
            mailbox.put(_END, last=True)

    producer = asyncio.create_task(pump())
    try:
        while True:
            chunks: list[bytes] = []
            for part in await mailbox.take():
                if part is _END or isinstance(part, BaseException):
                    if chunks:
                        yield b"".join(chunks)
                    if part is _END:
                        return
                    raise part
                chunks.append(part)  # type: ignore[arg-type]
            yield b"".join(chunks)
            _wake(first_sent)
            await mailbox.rest(FLUSH_INTERVAL)
    finally:
        if not producer.done():
            # The client went away: cancel the SDK's stream and let its cancellation path
            # (which stores the partial answer) finish before we let go.
            producer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await producer
        await _end_owned(owned)
        # Left right after the first event, the producer was between steps, outside the source;
        # close the source now rather than whenever it is collected. (A no-op once it finished.)
        aclose = getattr(source, "aclose", None)
        if aclose is not None:
            await aclose()
