"""`long_running_server_tool_status`: a slow server tool that reports progress while it works."""
from __future__ import annotations

import json

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext
from chatkit.types import ProgressUpdateEvent

from . import demo_step

STEPS = (("Connecting to the records service…", "globe"), ("Fetching records…", "search"),
         ("Crunching the numbers…", "analytics"), ("Almost done…", "check-circle"))


@function_tool
async def long_running_server_tool_status(ctx: RunContextWrapper[AgentContext]) -> str:
    """Run a slow server-side job that streams progress updates, then report what it did."""
    for text, icon in STEPS:
        await ctx.context.stream(ProgressUpdateEvent(text=text, icon=icon))
        await demo_step()
    return json.dumps({"status": "done", "steps": [text for text, _ in STEPS], "records": 42})
