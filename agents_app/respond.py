"""Runs the guide for one turn, or after a widget action, and streams the run as ChatKit events."""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, cast

from agents import Runner, RunResultStreaming
from chatkit.agents import stream_agent_response
from chatkit.store import Store
from chatkit.types import NoticeEvent, ThreadMetadata, ThreadStreamEvent, UserMessageItem

from chatkit_site.protocol import RequestContext

from .composer import chosen_model, chosen_tool
from .converter import GuideConverter
from .guide import guide_agent
from .images import StoredImageConverter
from .memory import remember_response, turn_input
from .sources import GuideContext, with_retrieved_sources

MAX_TURNS = 8
# Said when the model will not see the whole thread, so a forgotten detail is no mystery.
TRIMMED_NOTICE = NoticeEvent(
    level="info", title="Older messages left out",
    message="This thread is longer than the model's memory here, so it only sees the most recent messages.",
)
_converter = GuideConverter()


async def guide_response(
    store: Store[RequestContext],
    thread: ThreadMetadata,
    user_message: UserMessageItem | None,
    context: RequestContext,
) -> AsyncIterator[ThreadStreamEvent]:
    agent_context = GuideContext(thread=thread, store=store, request_context=context)
    turn = await turn_input(store, thread, context, _converter)
    if turn.trimmed:
        yield TRIMMED_NOTICE
    result = Runner.run_streamed(
        guide_agent(tool_choice=chosen_tool(user_message), model=chosen_model(user_message)), turn.items, context=agent_context,
        previous_response_id=turn.previous_response_id, max_turns=MAX_TURNS,
    )
    events = stream_agent_response(
        agent_context, cast(RunResultStreaming, _PlainAnnotations(result)),
        converter=StoredImageConverter(context=context, thread_id=thread.id),
    )
    async for event in with_retrieved_sources(events, agent_context):
        yield event
    # A pending client tool call leaves the server-side response waiting for output we will
    # send as plain history; do not resume from it.
    await remember_response(
        store, thread, context, response_id=result.last_response_id,
        resumable=agent_context.client_tool_call is None,
    )



class _PlainAnnotations:
    """Hands URL citations to chatkit as dicts.

    openai 3.x types an `annotation.added` event's annotation with a class of the event's own
    module; chatkit 1.6 re-validates it against the output-text classes and rejects the stranger.
    """

    def __init__(self, result: RunResultStreaming) -> None:
        self._result = result

    async def stream_events(self) -> AsyncIterator[Any]:
        async for event in self._result.stream_events():
            data = getattr(event, "data", None)
            if getattr(data, "type", "") == "response.output_text.annotation.added" and hasattr(data.annotation, "model_dump"):
                data.annotation = data.annotation.model_dump()
            yield event
