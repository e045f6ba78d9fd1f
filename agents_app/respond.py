"""Runs the guide for one turn and converts the run into ChatKit events."""
from __future__ import annotations

from collections.abc import AsyncIterator

from agents import Runner
from chatkit.agents import AgentContext, ThreadItemConverter, stream_agent_response
from chatkit.store import Store
from chatkit.types import ThreadItem, ThreadMetadata, ThreadStreamEvent, UserMessageItem
from django.conf import settings

from threads.context import RequestContext

from .guide import build_guide_agent

_converter = ThreadItemConverter()


async def thread_history(store: Store[RequestContext], thread: ThreadMetadata, context: RequestContext) -> list[ThreadItem]:
    """The newest items that fit the item budget, oldest first (the model reads in order)."""
    page = await store.load_thread_items(thread.id, None, settings.CHATKIT_HISTORY_ITEM_BUDGET, "desc", context)
    return list(reversed(page.data))


async def guide_response(
    store: Store[RequestContext],
    thread: ThreadMetadata,
    user_message: UserMessageItem | None,
    context: RequestContext,
) -> AsyncIterator[ThreadStreamEvent]:
    agent_context = AgentContext(thread=thread, store=store, request_context=context)
    history = await thread_history(store, thread, context)
    agent_input = await _converter.to_agent_input(history)
    result = Runner.run_streamed(build_guide_agent(), agent_input, context=agent_context)
    async for event in stream_agent_response(agent_context, result):
        yield event
