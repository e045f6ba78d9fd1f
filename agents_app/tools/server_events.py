"""`highlight_docs_button` and `show_notice`: events the server streams beside the answer.

Neither becomes a thread item: a client effect asks the page to do something (here, draw the
eye to the Docs link for a moment), a notice is a message the client shows once, outside the
transcript.
"""
from __future__ import annotations

import json

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext
from chatkit.types import ClientEffectEvent, NoticeEvent

HIGHLIGHT_EFFECT = "highlight"
HIGHLIGHT_MS = 2400
NOTICE_TITLE = "A notice from the server"
NOTICE_MESSAGE = (
    "Notices are one-off messages outside the transcript: a limit reached, history trimmed, a "
    "maintenance window. [Read how they work](/docs/effects-notices-and-inputs)."
)


@function_tool
async def highlight_docs_button(ctx: RunContextWrapper[AgentContext]) -> str:
    """Briefly highlight the page's Docs link (a client effect: the page does it, nothing is stored)."""
    await ctx.context.stream(ClientEffectEvent(name=HIGHLIGHT_EFFECT, data={"target": "docs", "ms": HIGHLIGHT_MS}))
    return json.dumps({"effect": HIGHLIGHT_EFFECT, "target": "docs", "ms": HIGHLIGHT_MS})


@function_tool
async def show_notice(ctx: RunContextWrapper[AgentContext], level: str = "info") -> str:
    """Show the user a notice (info, warning or danger) that sits outside the transcript.

    Args:
        level: "info", "warning" or "danger".
    """
    chosen = level if level in {"info", "warning", "danger"} else "info"
    await ctx.context.stream(NoticeEvent(level=chosen, title=NOTICE_TITLE, message=NOTICE_MESSAGE))  # type: ignore[arg-type]
    return json.dumps({"notice": chosen, "title": NOTICE_TITLE})
