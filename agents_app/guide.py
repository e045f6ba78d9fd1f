"""The ChatKit guide agent: what it is told and what it can do."""
from __future__ import annotations

from agents import Agent
from chatkit.agents import AgentContext
from django.conf import settings

from .providers import model_for

GUIDE_INSTRUCTIONS = """\
You are the ChatKit guide inside ChatKit Studio, a Django app that serves OpenAI's ChatKit protocol.
Lead with the answer, add only the detail that helps, then offer one relevant live demo.
Never invent facts about ChatKit: search the docs before answering questions about its features,
APIs, theming or integration, and say so plainly when the docs do not cover something.
"""


def build_guide_agent() -> Agent[AgentContext]:
    return Agent[AgentContext](
        name="ChatKit guide",
        instructions=GUIDE_INSTRUCTIONS,
        model=model_for(settings.CHATKIT_MODEL),
    )
