"""`sample_widget`: streams an email-draft card whose Send / Discard buttons are widget actions."""
from __future__ import annotations

import json

from agents import RunContextWrapper, function_tool
from chatkit.agents import AgentContext
from django.conf import settings

from agents_app.widgets.email_draft import EmailDraft, streamed_email_draft

DEFAULT_BODY = (
    "Hi team, here is a quick look at ChatKit Studio: the guide answers questions from the docs, "
    "cites its sources and runs live demos like this one. This draft streamed into a widget, and "
    "the buttons below are server-handled actions. Cheers!"
)


@function_tool
async def sample_widget(
    ctx: RunContextWrapper[AgentContext],
    subject: str = "A quick tour of ChatKit Studio",
    to: str = "team@example.com",
    body: str = "",
) -> str:
    """Show a sample email-draft widget whose body streams in, with Send and Discard buttons.

    Args:
        subject: Subject line of the draft.
        to: Recipient address shown on the draft (nothing is ever sent).
        body: Body text; leave empty for a short default.
    """
    draft = EmailDraft(to=to[:200], subject=subject[:200], body=(body or DEFAULT_BODY)[:4000])
    await ctx.context.stream_widget(streamed_email_draft(draft, pace=settings.CHATKIT_OFFLINE_PACE), copy_text=draft.body)
    return json.dumps({"shown": "email draft widget", "subject": draft.subject, "to": draft.to,
                       "buttons": ["Send", "Discard"]})
