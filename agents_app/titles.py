"""The title agent: a few words naming a thread, from its first message."""
from __future__ import annotations

import re

from agents import Agent, Runner
from django.conf import settings

from .offline.titles import TITLE_MARKER
from .providers import model_for

TITLE_INSTRUCTIONS = f"""\
{TITLE_MARKER} (at most six words) for a conversation that starts with the user's message.
Reply with the title only: no quotes, no trailing punctuation, no "Title:" prefix.
"""
MAX_LENGTH = 80


def clean_title(raw: str) -> str:
    title = re.sub(r"^\s*title\s*:\s*", "", raw.strip(), flags=re.I).strip().strip("\"'“”").rstrip(".!?:;,")
    return title[:MAX_LENGTH].strip()


async def title_for(first_message: str) -> str:
    agent = Agent(name="Title writer", instructions=TITLE_INSTRUCTIONS, model=model_for(settings.CHATKIT_TITLE_MODEL))
    result = await Runner.run(agent, first_message[:2000])
    return clean_title(str(result.final_output))
