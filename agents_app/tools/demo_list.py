"""`list_demos`: the demo catalogue, so the answer can name each demo (and cite it as an entity)."""
from __future__ import annotations

import json

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext

from agents_app.demos import DEMOS


@function_tool
async def list_demos(ctx: RunContextWrapper[AgentContext]) -> str:
    """List the live demos this guide can run, each with its title and a prompt that runs it."""
    return json.dumps({"demos": [{"name": d.name, "title": d.title, "prompt": d.prompt} for d in DEMOS]})
