"""The ChatKit guide agent and the thinking agent it hands hard questions to."""
from __future__ import annotations

import math
from datetime import datetime
from functools import lru_cache
from typing import Any

from agents import (
    Agent,
    AgentHooks,
    ImageGenerationTool,
    ModelSettings,
    RunContextWrapper,
    StopAtTools,
    Tool,
    handoff,
)
from chatkit.agents import AgentContext
from chatkit.types import DurationSummary, ProgressUpdateEvent
from django.conf import settings
from openai.types.shared import Reasoning

from .providers import model_for, provider_kind
from .tools.demo_list import list_demos
from .tools.docs import search_docs
from .tools.dynamic_widget import fully_dynamic_widget
from .tools.email_draft import sample_widget
from .tools.progress import long_running_server_tool_status
from .tools.server_events import highlight_docs_button, show_notice
from .tools.structured_input import ask_which_client, record_client_choice
from .tools.theme import switch_theme
from .tools.workflows import demo_cot, demo_workflow

HANDOFF_TOOL = "thinking_agent_handoff"

GUIDE_INSTRUCTIONS = """\
You are the ChatKit guide inside ChatKit Studio, a Django app that serves OpenAI's ChatKit protocol.

How to answer:
- Put the answer first, in a sentence or two. Then add only the detail that helps the user act on
  it. Then, when one fits, offer a single relevant live demo they can ask for.
- Do not make things up. Before answering any question about ChatKit's features, APIs, theming,
  widgets or integration, call search_docs and build the answer from the passages it returns. If
  they do not cover the question, say plainly that the docs here do not cover it.
- Keep citations honest: only cite pages that search_docs returned.

Demos you can run when asked (in any wording): sample_widget (email draft with Send/Discard),
long_running_server_tool_status (progress updates), fully_dynamic_widget (you write a widget as
JSON; explain the error if it was rejected),
switch_theme (light or dark; the page does it), demo_cot (chain of thought), demo_workflow
(custom tasks), thinking_agent_handoff for questions that need careful reasoning,
highlight_docs_button (a client effect), show_notice (a notice), ask_which_client (a form; it
ends your turn), image_generation (draw a picture when asked) and list_demos (name each demo by
its title; the titles become clickable sources).

fully_dynamic_widget shows its JSX to the user itself: do not repeat it. When a
<StructuredInput> block shows the answered client form, call record_client_choice with the
answer exactly as given, then tell them their next step for that client.

Messages in <WIDGET_ACTION> blocks tell you what the user did with a widget: acknowledge it in a
sentence and offer a useful next step. <SYSTEM_ACTION> blocks report what the page did after a
client tool call; confirm the outcome briefly. <TAG> blocks describe things the user @-mentioned;
<WIDGET> blocks describe widgets already shown.
"""

THINKING_INSTRUCTIONS = """\
You are the thinking agent of the ChatKit guide. You receive questions that need care.
Reason step by step, check the docs with search_docs, then answer with a short, well-structured
explanation that states its assumptions. Never invent APIs; say what the docs do not cover.
"""


class _ThinkingTime(AgentHooks[AgentContext]):
    """Stamps the reasoning workflow with the time the thinking really took, in whole seconds.

    Left alone, the SDK closes the workflow when the answer starts and truncates the elapsed
    time to whole seconds, so a sub-second think reads "Worked for 0s". The thinking is done
    once its docs search returns; from the workflow's own start to then, rounded up, is honest.
    """

    async def on_tool_end(self, context: RunContextWrapper[AgentContext], agent: Agent[AgentContext], tool: Tool, result: Any) -> None:
        item = context.context.workflow_item
        if item is None or item.workflow.type != "reasoning" or item.workflow.summary is not None:
            return
        elapsed = (datetime.now() - item.created_at).total_seconds()  # created_at is the SDK's naive now()
        item.workflow.summary = DurationSummary(duration=max(1, math.ceil(elapsed)))


def build_thinking_agent() -> Agent[AgentContext]:
    # Reasoning settings only where the provider understands them (OpenAI reasoning models, and the
    # offline model, which answers them with a reasoning summary).
    reasoning = provider_kind() in {"openai", "offline"}
    return Agent[AgentContext](
        name="Thinking agent",
        handoff_description="Reasons carefully through hard or open-ended ChatKit questions.",
        instructions=THINKING_INSTRUCTIONS,
        model=model_for(settings.CHATKIT_THINKING_MODEL),
        model_settings=ModelSettings(reasoning=Reasoning(effort="medium", summary="auto")) if reasoning else ModelSettings(),
        tools=[search_docs],
        hooks=_ThinkingTime(),
    )


async def _announce_handoff(ctx: RunContextWrapper[AgentContext]) -> None:
    await ctx.context.stream(ProgressUpdateEvent(text="Handing over to the thinking agent…", icon="atom"))


def guide_agent(*, tool_choice: str | None = None, model: str | None = None) -> Agent[AgentContext]:
    """The guide for one turn, built once per configuration and composer tool.

    An Agent is configuration the runner only reads, so requests can share one. Building it (the
    tool schemas, the handoff and the thinking agent) was a measurable part of each turn's CPU.
    """
    return _cached_guide_agent(tool_choice, model or settings.CHATKIT_MODEL, _model_configuration())


def _model_configuration() -> tuple[object, ...]:
    # Part of the cache key, so a changed setting (as tests do) builds a fresh agent.
    return (provider_kind(), settings.CHATKIT_MODEL, settings.CHATKIT_THINKING_MODEL,
            settings.OPENAI_BASE_URL, settings.CHATKIT_OFFLINE_PACE)


@lru_cache(maxsize=64)  # the key's tool choices come from the short composer list
def _cached_guide_agent(tool_choice: str | None, model: str, configuration: tuple[object, ...]) -> Agent[AgentContext]:
    return build_guide_agent(tool_choice=tool_choice, model=model)


def image_tools() -> list[Tool]:
    """OpenAI's hosted image generation, where the provider has it (the offline model draws its own).

    OpenAI-compatible servers (Ollama, vLLM) reject hosted tools, so they get none.
    """
    if provider_kind() not in {"openai", "offline"}:
        return []
    return [ImageGenerationTool(tool_config={"type": "image_generation", "size": "1024x1024", "quality": "low",
                                             "output_format": "png", "partial_images": 1})]


def build_guide_agent(*, tool_choice: str | None = None, model: str | None = None) -> Agent[AgentContext]:
    """`tool_choice` forces the first call (a composer tool); the SDK resets it after one use."""
    return Agent[AgentContext](
        name="ChatKit guide",
        instructions=GUIDE_INSTRUCTIONS,
        model=model_for(model or settings.CHATKIT_MODEL),
        model_settings=ModelSettings(tool_choice=tool_choice),
        tools=[search_docs, sample_widget, long_running_server_tool_status, fully_dynamic_widget,
               switch_theme, demo_cot, demo_workflow, highlight_docs_button, show_notice,
               ask_which_client, record_client_choice, list_demos, *image_tools()],
        handoffs=[handoff(build_thinking_agent(), tool_name_override=HANDOFF_TOOL, on_handoff=_announce_handoff)],
        # A client tool ends the run: the browser acts, then threads.add_client_tool_output resumes.
        # The client form ends it too: the user's answer (threads.add_structured_input) resumes.
        tool_use_behavior=StopAtTools(stop_at_tool_names=["switch_theme", "ask_which_client"]),
    )
