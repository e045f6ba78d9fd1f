"""Builds a genuine Responses-API event stream for one model turn.

The offline model decides *what* to output (text, annotations, tool calls); this module turns
that into the exact event sequence OpenAI's Responses API streams, so the Agents SDK loop and
ChatKit's `stream_agent_response` run unmodified on top of it.
"""
from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator, Iterable
from typing import Any

from openai.types.responses import (
    Response,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseFunctionToolCall,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseOutputMessage,
    ResponseOutputText,
    ResponseOutputTextAnnotationAddedEvent,
    ResponseReasoningItem,
    ResponseReasoningSummaryPartAddedEvent,
    ResponseReasoningSummaryPartDoneEvent,
    ResponseReasoningSummaryTextDeltaEvent,
    ResponseReasoningSummaryTextDoneEvent,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    ResponseUsage,
)
from openai.types.responses.response_output_item import ImageGenerationCall
from openai.types.responses.response_output_text import AnnotationURLCitation
from openai.types.responses.response_reasoning_item import Summary
from openai.types.responses.response_usage import InputTokensDetails, OutputTokensDetails


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def _usage(output_chars: int) -> ResponseUsage:
    # Rough token estimate (4 chars a token) so usage totals are plausible, never zero.
    tokens = max(1, output_chars // 4)
    return ResponseUsage(
        input_tokens=0,
        output_tokens=tokens,
        total_tokens=tokens,
        input_tokens_details=InputTokensDetails(cached_tokens=0, cache_write_tokens=0),
        output_tokens_details=OutputTokensDetails(reasoning_tokens=0),
    )


class ResponseWriter:
    """Accumulates output items and yields their stream events, paced like a real model."""

    def __init__(self, *, model: str, pace: float) -> None:
        self.model = model
        self.pace = pace
        self.response_id = _id("resp")
        self.output: list[Any] = []
        self._seq = 0
        self._chars = 0

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def _response(self, status: str) -> Response:
        return Response(
            id=self.response_id,
            created_at=0,
            model=self.model,
            object="response",
            output=list(self.output) if status == "completed" else [],
            tool_choice="auto",
            tools=[],
            parallel_tool_calls=True,
            status=status,  # type: ignore[arg-type]
            usage=_usage(self._chars) if status == "completed" else None,
        )

    def start(self) -> ResponseStreamEvent:
        return ResponseCreatedEvent(type="response.created", response=self._response("in_progress"), sequence_number=0)

    def complete(self) -> ResponseStreamEvent:
        return ResponseCompletedEvent(type="response.completed", response=self._response("completed"), sequence_number=self._next())

    async def message(
        self, chunks: Iterable[str], *, citations: Iterable[tuple[str, str] | tuple[str, str, int]] = ()
    ) -> AsyncIterator[ResponseStreamEvent]:
        """Stream one assistant message; `citations` are (title, url[, index]) cited at `index`
        (a character offset into the text, after the sentence they support) or else at the end."""
        index = len(self.output)
        item_id = _id("msg")
        yield ResponseOutputItemAddedEvent(
            type="response.output_item.added",
            output_index=index,
            sequence_number=self._next(),
            item=ResponseOutputMessage(id=item_id, type="message", role="assistant", status="in_progress", content=[]),
        )
        empty = ResponseOutputText(type="output_text", text="", annotations=[])
        yield ResponseContentPartAddedEvent(
            type="response.content_part.added", item_id=item_id, output_index=index,
            content_index=0, part=empty, sequence_number=self._next(),
        )
        text = ""
        for chunk in chunks:
            text += chunk
            yield ResponseTextDeltaEvent(
                type="response.output_text.delta", item_id=item_id, output_index=index,
                content_index=0, delta=chunk, logprobs=[], sequence_number=self._next(),
            )
            if self.pace:
                await asyncio.sleep(self.pace)
        annotations = []
        for title, url, *at in citations:
            index = min(at[0], len(text)) if at else len(text)
            annotations.append(
                AnnotationURLCitation(type="url_citation", title=title, url=url, start_index=index, end_index=index)
            )
        for number, annotation in enumerate(annotations):
            yield ResponseOutputTextAnnotationAddedEvent(
                type="response.output_text.annotation.added", item_id=item_id, output_index=index,
                content_index=0, annotation_index=number, annotation=annotation.model_dump(),
                sequence_number=self._next(),
            )
        part = ResponseOutputText(type="output_text", text=text, annotations=annotations)
        yield ResponseTextDoneEvent(
            type="response.output_text.done", item_id=item_id, output_index=index,
            content_index=0, text=text, logprobs=[], sequence_number=self._next(),
        )
        yield ResponseContentPartDoneEvent(
            type="response.content_part.done", item_id=item_id, output_index=index,
            content_index=0, part=part, sequence_number=self._next(),
        )
        done = ResponseOutputMessage(id=item_id, type="message", role="assistant", status="completed", content=[part])
        self.output.append(done)
        self._chars += len(text)
        yield ResponseOutputItemDoneEvent(
            type="response.output_item.done", output_index=index, item=done, sequence_number=self._next()
        )

    async def function_call(self, name: str, arguments: dict[str, Any]) -> AsyncIterator[ResponseStreamEvent]:
        index = len(self.output)
        args = json.dumps(arguments)
        call = ResponseFunctionToolCall(
            id=_id("fc"), call_id=_id("call"), type="function_call", name=name, arguments="", status="in_progress"
        )
        yield ResponseOutputItemAddedEvent(
            type="response.output_item.added", output_index=index, item=call, sequence_number=self._next()
        )
        yield ResponseFunctionCallArgumentsDeltaEvent(
            type="response.function_call_arguments.delta", item_id=call.id or "", output_index=index,
            delta=args, sequence_number=self._next(),
        )
        yield ResponseFunctionCallArgumentsDoneEvent.model_validate(
            {"type": "response.function_call_arguments.done", "item_id": call.id, "output_index": index,
             "arguments": args, "name": name, "sequence_number": self._next()}
        )
        done = call.model_copy(update={"arguments": args, "status": "completed"})
        self.output.append(done)
        self._chars += len(args)
        yield ResponseOutputItemDoneEvent(
            type="response.output_item.done", output_index=index, item=done, sequence_number=self._next()
        )

    async def reasoning(self, thoughts: Iterable[str]) -> AsyncIterator[ResponseStreamEvent]:
        """One reasoning item whose summary parts are `thoughts`, streamed word by word."""
        index = len(self.output)
        item_id = _id("rs")
        yield ResponseOutputItemAddedEvent(
            type="response.output_item.added", output_index=index, sequence_number=self._next(),
            item=ResponseReasoningItem(id=item_id, type="reasoning", summary=[], status="in_progress"),
        )
        summary: list[Summary] = []
        for number, thought in enumerate(thoughts):
            part = {"type": "summary_text", "text": ""}
            yield ResponseReasoningSummaryPartAddedEvent.model_validate(
                {"type": "response.reasoning_summary_part.added", "item_id": item_id, "output_index": index,
                 "summary_index": number, "part": part, "sequence_number": self._next()}
            )
            for word in thought.split(" "):
                yield ResponseReasoningSummaryTextDeltaEvent(
                    type="response.reasoning_summary_text.delta", item_id=item_id, output_index=index,
                    summary_index=number, delta=word + " ", sequence_number=self._next(),
                )
                if self.pace:
                    await asyncio.sleep(self.pace)
            yield ResponseReasoningSummaryTextDoneEvent(
                type="response.reasoning_summary_text.done", item_id=item_id, output_index=index,
                summary_index=number, text=thought, sequence_number=self._next(),
            )
            yield ResponseReasoningSummaryPartDoneEvent.model_validate(
                {"type": "response.reasoning_summary_part.done", "item_id": item_id, "output_index": index,
                 "summary_index": number, "part": {"type": "summary_text", "text": thought},
                 "sequence_number": self._next()}
            )
            summary.append(Summary(type="summary_text", text=thought))
        done = ResponseReasoningItem(id=item_id, type="reasoning", summary=summary, status="completed")
        self.output.append(done)
        yield ResponseOutputItemDoneEvent(
            type="response.output_item.done", output_index=index, item=done, sequence_number=self._next()
        )

    async def image_generation(self, image_base64: str) -> AsyncIterator[ResponseStreamEvent]:
        """One `image_generation_call` output item, as the hosted tool streams it: in progress, then the PNG."""
        index = len(self.output)
        call = ImageGenerationCall(id=_id("ig"), type="image_generation_call", status="in_progress", result=None)
        yield ResponseOutputItemAddedEvent(
            type="response.output_item.added", output_index=index, item=call, sequence_number=self._next()
        )
        if self.pace:
            await asyncio.sleep(self.pace)
        done = call.model_copy(update={"status": "completed", "result": image_base64})
        self.output.append(done)
        yield ResponseOutputItemDoneEvent(
            type="response.output_item.done", output_index=index, item=done, sequence_number=self._next()
        )
