"""The reference stack: the SDK's own server class on FastAPI with an in-memory store.

Shaped like the SDK's samples (one POST route, a dict-backed Store, an agent streamed through
`stream_agent_response`) and run by uvicorn. It uses the same offline model with the same fixed
answer as our app, so the benchmark compares the serving stacks, not the answers.
"""
from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import AsyncIterator
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

from agents_app.offline.model import OfflineModel

set_tracing_disabled(True)
FIXED_DELTAS = int(os.environ.get("CHATKIT_OFFLINE_FIXED_DELTAS", "200"))
PACE = float(os.environ.get("CHATKIT_OFFLINE_PACE", "0"))


class MemoryStore(Store[dict[str, Any]]):
    def __init__(self) -> None:
        self.threads: dict[str, ThreadMetadata] = {}
        self.items: dict[str, list[ThreadItem]] = defaultdict(list)
        self.attachments: dict[str, Attachment] = {}

    async def load_thread(self, thread_id: str, context: dict[str, Any]) -> ThreadMetadata:
        if thread_id not in self.threads:
            raise NotFoundError(thread_id)
        return self.threads[thread_id]

    async def save_thread(self, thread: ThreadMetadata, context: dict[str, Any]) -> None:
        self.threads[thread.id] = thread

    async def load_threads(self, limit: int, after: str | None, order: str, context: dict[str, Any]) -> Page[ThreadMetadata]:
        rows = sorted(self.threads.values(), key=lambda t: t.created_at, reverse=order == "desc")
        return _page(rows, after, limit, key=lambda t: t.id)

    async def delete_thread(self, thread_id: str, context: dict[str, Any]) -> None:
        self.threads.pop(thread_id, None)
        self.items.pop(thread_id, None)

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: dict[str, Any]
    ) -> Page[ThreadItem]:
        rows = self.items[thread_id] if order == "asc" else list(reversed(self.items[thread_id]))
        return _page(rows, after, limit, key=lambda i: i.id)

    async def add_thread_item(self, thread_id: str, item: ThreadItem, context: dict[str, Any]) -> None:
        await self.save_item(thread_id, item, context)

    async def save_item(self, thread_id: str, item: ThreadItem, context: dict[str, Any]) -> None:
        rows = self.items[thread_id]
        for index, existing in enumerate(rows):
            if existing.id == item.id:
                rows[index] = item
                return
        rows.append(item)

    async def load_item(self, thread_id: str, item_id: str, context: dict[str, Any]) -> ThreadItem:
        for item in self.items[thread_id]:
            if item.id == item_id:
                return item
        raise NotFoundError(item_id)

    async def delete_thread_item(self, thread_id: str, item_id: str, context: dict[str, Any]) -> None:
        self.items[thread_id] = [i for i in self.items[thread_id] if i.id != item_id]

    async def save_attachment(self, attachment: Attachment, context: dict[str, Any]) -> None:
        self.attachments[attachment.id] = attachment

    async def load_attachment(self, attachment_id: str, context: dict[str, Any]) -> Attachment:
        return self.attachments[attachment_id]

    async def delete_attachment(self, attachment_id: str, context: dict[str, Any]) -> None:
        self.attachments.pop(attachment_id, None)


def _page(rows: list[Any], after: str | None, limit: int, *, key: Any) -> Page[Any]:
    start = next((n + 1 for n, row in enumerate(rows) if key(row) == after), 0) if after else 0
    chunk = rows[start : start + limit]
    return Page(data=chunk, has_more=start + limit < len(rows), after=key(chunk[-1]) if chunk else None)


class ReferenceServer(ChatKitServer[dict[str, Any]]):
    agent = Agent[AgentContext](
        name="Reference assistant",
        instructions="Answer briefly.",
        model=OfflineModel(name="offline:reference", pace=PACE, fixed_deltas=FIXED_DELTAS),
    )

    async def respond(
        self, thread: ThreadMetadata, input_user_message: UserMessageItem | None, context: dict[str, Any]
    ) -> AsyncIterator[ThreadStreamEvent]:
        agent_context = AgentContext(thread=thread, store=self.store, request_context=context)
        page = await self.store.load_thread_items(thread.id, None, 60, "desc", context)
        result = Runner.run_streamed(self.agent, await simple_to_agent_input(list(reversed(page.data))), context=agent_context)
        async for event in stream_agent_response(agent_context, result):
            yield event


server = ReferenceServer(MemoryStore())
app = FastAPI()


@app.post("/chatkit")
async def chatkit(request: Request) -> Response:
    result = await server.process(await request.body(), {})
    if isinstance(result, StreamingResult):
        return StreamingResponse(result, media_type="text/event-stream")
    return Response(content=result.json, media_type="application/json")
