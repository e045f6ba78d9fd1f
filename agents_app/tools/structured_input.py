"""`ask_which_client` and `record_client_choice`: a structured input form that steers the answer.

The first tool shows a multiple-choice form and ends the turn (an `end_of_turn` item marks
where the assistant stopped). The user's pick comes back through `threads.add_structured_input`;
the SDK stores the answered form and runs the guide again, which reads the answer from the
converted form, records it as a `task` item and answers for that client.
"""
from __future__ import annotations

import json
from datetime import datetime

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext
from chatkit.types import (
    CustomTask,
    EndOfTurnItem,
    StructuredInputItem,
    StructuredInputMultipleChoice,
    StructuredInputMultipleChoiceOption,
    TaskItem,
    ThreadItemDoneEvent,
)

CLIENT_QUESTION_ID = "client"
CLIENT_QUESTION = "Which ChatKit client do you use?"
CLIENTS = ("ChatKit.js (the official web component)", "ChatKit React", "The open client (<chatkit-open>)")
# What to do next with each client, so the choice visibly changes the answer.
ADVICE = {
    CLIENTS[0]: "load the script from OpenAI's CDN, register your domain key, and point `api.url` at `/api/chatkit`",
    CLIENTS[1]: "render `<ChatKit control={control} />` from `useChatKit({ api: { url: '/api/chatkit', domainKey } })`",
    CLIENTS[2]: "set `CHATKIT_CLIENT=open`: the page loads `static/openclient/chatkit-open.js` and needs no CDN",
}


@function_tool
async def ask_which_client(ctx: RunContextWrapper[AgentContext]) -> str:
    """Ask the user which ChatKit client they use, as a form; their answer continues the conversation."""
    agent_context = ctx.context
    form = StructuredInputItem(
        id=agent_context.generate_id("message"), thread_id=agent_context.thread.id, created_at=datetime.now(),
        inputs=[StructuredInputMultipleChoice(
            id=CLIENT_QUESTION_ID, question=CLIENT_QUESTION,
            options=[StructuredInputMultipleChoiceOption(value=client) for client in CLIENTS],
        )],
    )
    await agent_context.stream(ThreadItemDoneEvent(item=form))
    # The turn ends here: nothing more comes until the user answers the form.
    await agent_context.stream(ThreadItemDoneEvent(item=EndOfTurnItem(
        id=agent_context.generate_id("message"), thread_id=agent_context.thread.id, created_at=datetime.now(),
    )))
    return json.dumps({"asked": CLIENT_QUESTION, "options": list(CLIENTS)})


@function_tool
async def record_client_choice(ctx: RunContextWrapper[AgentContext], client: str) -> str:
    """Record the client the user picked in the form (shown as a completed task), and get advice for it.

    Args:
        client: The client exactly as the user answered it.
    """
    agent_context = ctx.context
    chosen = client.strip()[:200] or "no answer"
    # No icon: the complete status already draws a check mark (two looked like a stutter).
    task = CustomTask(title=f"Noted your client: {chosen}", status_indicator="complete")
    await agent_context.stream(ThreadItemDoneEvent(item=TaskItem(
        id=agent_context.generate_id("task"), thread_id=agent_context.thread.id, created_at=datetime.now(), task=task,
    )))
    advice = ADVICE.get(chosen)
    return json.dumps({"client": chosen, "next_step": advice, "known": advice is not None})
