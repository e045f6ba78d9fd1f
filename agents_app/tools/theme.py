"""`switch_theme`: a client tool. The run stops here; the page applies it and reports back."""
from __future__ import annotations

import json
from typing import Literal

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext, ClientToolCall


@function_tool
async def switch_theme(ctx: RunContextWrapper[AgentContext], theme: Literal["light", "dark"]) -> str:
    """Switch the chat page between the light and dark colour scheme.

    Args:
        theme: "light" or "dark".
    """
    ctx.context.client_tool_call = ClientToolCall(name="switch_theme", arguments={"theme": theme})
    return json.dumps({"requested_theme": theme})
