"""`OfflineModel`: deterministic, network-free, and honest about being neither an LLM nor clever.

It implements the Agents SDK `Model` interface and streams real Responses events, so every layer
above it (the agent loop, tool calls, ChatKit's event conversion, the UI) runs for real.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from agents import Handoff, Model, ModelResponse, ModelSettings, ModelTracing, Tool, Usage
from agents.agent_output import AgentOutputSchemaBase
from agents.items import TResponseInputItem, TResponseStreamEvent
from django.conf import settings
from openai.types.responses import ResponseCompletedEvent

from .events import ResponseWriter
from .intents import IMAGE_TOOL
from .pictures import picture_base64
from .planner import TurnPlan, fixed_plan, plan_turn
from .titles import is_title_request


def _forced_tool(model_settings: ModelSettings) -> str | None:
    """A tool named in `tool_choice` (a composer pick); "auto", "required" and "none" force nothing."""
    choice = model_settings.tool_choice
    return choice if isinstance(choice, str) and choice not in {"auto", "required", "none"} else None


class OfflineModel(Model):
    def __init__(self, *, name: str = "offline", pace: float = 0.0, fixed_deltas: int | None = None) -> None:
        self.name = name
        self.pace = pace
        # Set by the benchmark's reference app, which runs without Django settings.
        self.fixed_deltas = fixed_deltas

    async def stream_response(  # type: ignore[override]
        self,
        system_instructions: str | None,
        input: str | list[TResponseInputItem],
        model_settings: ModelSettings,
        tools: list[Tool],
        output_schema: AgentOutputSchemaBase | None,
        handoffs: list[Handoff],
        tracing: ModelTracing,
        *,
        previous_response_id: str | None = None,
        conversation_id: str | None = None,
        prompt: Any = None,
    ) -> AsyncIterator[TResponseStreamEvent]:
        items: list[Any] = [{"role": "user", "content": input}] if isinstance(input, str) else list(input)
        writer = ResponseWriter(model=self.name, pace=self.pace)
        yield writer.start()
        plan = self._plan(system_instructions, items, tools, handoffs, forced=_forced_tool(model_settings))
        if plan.reasoning:
            async for event in writer.reasoning(plan.reasoning):
                yield event
        for call in plan.calls:
            # The hosted image tool runs inside the model's response (no function call to answer).
            calls = writer.image_generation(picture_base64(call.arguments.get("prompt", ""))) if call.name == IMAGE_TOOL \
                else writer.function_call(call.name, call.arguments)
            async for event in calls:
                yield event
        if plan.text is not None:
            async for event in writer.message(plan.chunks(), citations=plan.citations):
                yield event
        yield writer.complete()

    def _plan(
        self, instructions: str | None, items: list[Any], tools: list[Tool], handoffs: list[Handoff], *, forced: str | None
    ) -> TurnPlan:
        fixed = self.fixed_deltas if self.fixed_deltas is not None else settings.CHATKIT_OFFLINE_FIXED_DELTAS
        # The fixed workload replaces the answer, not the title: a title request streaming the
        # benchmark's 200 words would double the cost of every first turn (and title it "word0…").
        if fixed and not is_title_request(instructions):
            return fixed_plan(fixed)
        return plan_turn(
            instructions=instructions or "",
            items=items,
            tool_names=[tool.name for tool in tools],
            handoff_names=[handoff.tool_name for handoff in handoffs],
            forced=forced,
        )

    async def get_response(  # type: ignore[override]
        self,
        system_instructions: str | None,
        input: str | list[TResponseInputItem],
        model_settings: ModelSettings,
        tools: list[Tool],
        output_schema: AgentOutputSchemaBase | None,
        handoffs: list[Handoff],
        tracing: ModelTracing,
        *,
        previous_response_id: str | None = None,
        conversation_id: str | None = None,
        prompt: Any = None,
    ) -> ModelResponse:
        completed = None
        async for event in self.stream_response(
            system_instructions, input, model_settings, tools, output_schema, handoffs, tracing
        ):
            if isinstance(event, ResponseCompletedEvent):
                completed = event.response
        assert completed is not None
        return ModelResponse(output=completed.output, usage=Usage(requests=1), response_id=completed.id)
