"""The persistent peer: what a FastAPI developer who wants persistence would write instead of us.

The SDK's `ChatKitServer` on FastAPI under uvicorn (uvloop, httptools), with a `Store` written
plainly on psycopg's async pool: one JSONB row per thread, per item and per attachment, upserts
with `ON CONFLICT`, keyset paging on a sequence. The same offline model, fixed answer and history
read as the reference, so the benchmark compares serving and storage, not answers. Like the
reference it has no login; it keeps no titles (neither stack generates them in the bench).

`PEER_DATABASE_URL` names the (empty) PostgreSQL database; the tables are made at startup.
"""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from agents import Agent, Runner, set_tracing_disabled
from chatkit.agents import AgentContext, simple_to_agent_input, stream_agent_response
from chatkit.server import ChatKitServer, StreamingResult
from chatkit.store import NotFoundError, Store
from chatkit.types import (
    Attachment,
    Page,
    ThreadItem,
    ThreadMetadata,
    ThreadStreamEvent,
    UserMessageItem,
)
from fastapi import FastAPI, Request
from fastapi.responses import Response, StreamingResponse
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool
from pydantic import TypeAdapter

from agents_app.offline.model import OfflineModel

set_tracing_disabled(True)
FIXED_DELTAS = int(os.environ.get("CHATKIT_OFFLINE_FIXED_DELTAS", "200"))
PACE = float(os.environ.get("CHATKIT_OFFLINE_PACE", "0"))
ITEM = TypeAdapter(ThreadItem)
ATTACHMENT = TypeAdapter(Attachment)

SCHEMA = """
CREATE TABLE IF NOT EXISTS threads (id text PRIMARY KEY, created_at timestamptz NOT NULL, data jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS threads_created ON threads (created_at, id);
CREATE TABLE IF NOT EXISTS items (
    seq bigserial PRIMARY KEY, thread_id text NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    id text NOT NULL, data jsonb NOT NULL, UNIQUE (thread_id, id)
);
CREATE INDEX IF NOT EXISTS items_thread_seq ON items (thread_id, seq);
CREATE TABLE IF NOT EXISTS attachments (id text PRIMARY KEY, data jsonb NOT NULL);
"""


class PostgresStore(Store[dict[str, Any]]):
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self.pool = pool

    async def _one(self, sql: str, params: tuple[Any, ...]) -> Any:
        async with self.pool.connection() as conn:
            return await (await conn.execute(sql, params)).fetchone()

    async def _all(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        async with self.pool.connection() as conn:
            return await (await conn.execute(sql, params)).fetchall()

    async def _run(self, sql: str, params: tuple[Any, ...]) -> None:
        async with self.pool.connection() as conn:
            await conn.execute(sql, params)

    async def load_thread(self, thread_id: str, context: dict[str, Any]) -> ThreadMetadata:
        row = await self._one("SELECT data FROM threads WHERE id = %s", (thread_id,))
        if row is None:
            raise NotFoundError(f"Thread {thread_id} not found")
        return ThreadMetadata.model_validate(row[0])

    async def save_thread(self, thread: ThreadMetadata, context: dict[str, Any]) -> None:
        await self._run(
            "INSERT INTO threads (id, created_at, data) VALUES (%s, %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data",
            (thread.id, thread.created_at, Jsonb(thread.model_dump(mode="json", exclude={"items"}))),
        )

    async def load_threads(self, limit: int, after: str | None, order: str, context: dict[str, Any]) -> Page[ThreadMetadata]:
        direction, compare = ("DESC", "<") if order == "desc" else ("ASC", ">")
        where, params = "", ()
        if after:
            where = f"WHERE (created_at, id) {compare} (SELECT created_at, id FROM threads WHERE id = %s)"
            params = (after,)
        rows = await self._all(f"SELECT data FROM threads {where} ORDER BY created_at {direction}, id {direction} LIMIT %s", (*params, limit + 1))
        return _page([ThreadMetadata.model_validate(r[0]) for r in rows], limit)

    async def delete_thread(self, thread_id: str, context: dict[str, Any]) -> None:
        await self._run("DELETE FROM threads WHERE id = %s", (thread_id,))

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: dict[str, Any]
    ) -> Page[ThreadItem]:
        direction, compare = ("DESC", "<") if order == "desc" else ("ASC", ">")
        where, params = "thread_id = %s", (thread_id,)
        if after:
            where += f" AND seq {compare} (SELECT seq FROM items WHERE thread_id = %s AND id = %s)"
            params = (thread_id, thread_id, after)
        rows = await self._all(f"SELECT data FROM items WHERE {where} ORDER BY seq {direction} LIMIT %s", (*params, limit + 1))
        return _page([ITEM.validate_python(r[0]) for r in rows], limit)

    async def add_thread_item(self, thread_id: str, item: ThreadItem, context: dict[str, Any]) -> None:
        await self.save_item(thread_id, item, context)

    async def save_item(self, thread_id: str, item: ThreadItem, context: dict[str, Any]) -> None:
        await self._run(
            "INSERT INTO items (thread_id, id, data) VALUES (%s, %s, %s)"
            " ON CONFLICT (thread_id, id) DO UPDATE SET data = EXCLUDED.data",
            (thread_id, item.id, Jsonb(item.model_dump(mode="json"))),
        )

    async def load_item(self, thread_id: str, item_id: str, context: dict[str, Any]) -> ThreadItem:
        row = await self._one("SELECT data FROM items WHERE thread_id = %s AND id = %s", (thread_id, item_id))
        if row is None:
            raise NotFoundError(f"Item {item_id} not found")
        return ITEM.validate_python(row[0])

    async def delete_thread_item(self, thread_id: str, item_id: str, context: dict[str, Any]) -> None:
        await self._run("DELETE FROM items WHERE thread_id = %s AND id = %s", (thread_id, item_id))

    async def save_attachment(self, attachment: Attachment, context: dict[str, Any]) -> None:
        await self._run(
            "INSERT INTO attachments (id, data) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data",
            (attachment.id, Jsonb(attachment.model_dump(mode="json"))),
        )

    async def load_attachment(self, attachment_id: str, context: dict[str, Any]) -> Attachment:
        row = await self._one("SELECT data FROM attachments WHERE id = %s", (attachment_id,))
        if row is None:
            raise NotFoundError(f"Attachment {attachment_id} not found")
        return ATTACHMENT.validate_python(row[0])

    async def delete_attachment(self, attachment_id: str, context: dict[str, Any]) -> None:
        await self._run("DELETE FROM attachments WHERE id = %s", (attachment_id,))


def _page(rows: list[Any], limit: int) -> Page[Any]:
    has_more = len(rows) > limit
    data = rows[:limit]
    return Page(data=data, has_more=has_more, after=data[-1].id if data and has_more else None)


class PeerServer(ChatKitServer[dict[str, Any]]):
    agent = Agent[AgentContext](
        name="Peer assistant",
        instructions="Answer briefly.",
        model=OfflineModel(name="offline:peer", pace=PACE, fixed_deltas=FIXED_DELTAS),
    )

    async def respond(
        self, thread: ThreadMetadata, input_user_message: UserMessageItem | None, context: dict[str, Any]
    ) -> AsyncIterator[ThreadStreamEvent]:
        agent_context = AgentContext(thread=thread, store=self.store, request_context=context)
        page = await self.store.load_thread_items(thread.id, None, 60, "desc", context)
        result = Runner.run_streamed(self.agent, await simple_to_agent_input(list(reversed(page.data))), context=agent_context)
        async for event in stream_agent_response(agent_context, result):
            yield event


pool = AsyncConnectionPool(os.environ.get("PEER_DATABASE_URL", ""), min_size=1, max_size=20, open=False, kwargs={"autocommit": True})
server = PeerServer(PostgresStore(pool))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await pool.open(wait=True)
    async with pool.connection() as conn:
        await conn.execute(SCHEMA)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/chatkit")
async def chatkit(request: Request) -> Response:
    result = await server.process(await request.body(), {})
    if isinstance(result, StreamingResult):
        return StreamingResponse(result, media_type="text/event-stream")
    return Response(content=result.json, media_type="application/json")
