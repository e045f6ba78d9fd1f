"""`demo_cot` and `demo_workflow`: workflow items built task by task while the user watches."""
from __future__ import annotations

import json

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext
from chatkit.types import CustomSummary, CustomTask, ThoughtTask, Workflow

from . import demo_step

THOUGHTS = (
    ("Restating the question", "The user wants to see how reasoning shows up in ChatKit."),
    ("Choosing a shape", "A workflow of type reasoning holds thought tasks, one per step."),
    ("Streaming it", "Each thought is added as a task while the run continues."),
    ("Wrapping up", "A summary collapses the thoughts once the answer is ready."),
)
TASKS = (("Plan the trip", "map-pin"), ("Book the venue", "calendar"), ("Send invitations", "mail"))


@function_tool
async def demo_cot(ctx: RunContextWrapper[AgentContext]) -> str:
    """Show a chain-of-thought workflow: thought tasks stream one by one, then a summary."""
    agent_context = ctx.context
    await agent_context.start_workflow(Workflow(type="reasoning", tasks=[]))
    for title, content in THOUGHTS:
        await demo_step()
        await agent_context.add_workflow_task(ThoughtTask(title=title, content=content))
    await agent_context.end_workflow(summary=CustomSummary(title=f"Thought through {len(THOUGHTS)} steps", icon="lightbulb"))
    return json.dumps({"workflow": "reasoning", "thoughts": [title for title, _ in THOUGHTS]})


@function_tool
async def demo_workflow(ctx: RunContextWrapper[AgentContext]) -> str:
    """Show a custom workflow whose tasks move from loading to complete."""
    agent_context = ctx.context
    await agent_context.start_workflow(Workflow(type="custom", tasks=[]))
    for index, (title, icon) in enumerate(TASKS):
        task = CustomTask(title=title, icon=icon, status_indicator="loading")
        await agent_context.add_workflow_task(task)
        await demo_step()
        done = task.model_copy(update={"status_indicator": "complete", "content": f"{title}: done."})
        await agent_context.update_workflow_task(done, index)
    await agent_context.end_workflow(summary=CustomSummary(title=f"{len(TASKS)} tasks complete", icon="check-circle"))
    return json.dumps({"workflow": "custom", "tasks": [title for title, _ in TASKS], "status": "complete"})
