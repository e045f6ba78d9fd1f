"""What the offline model says: docs answers built from passages, and replies after tools/actions."""
from __future__ import annotations

import json
import re
from typing import Any

from agents_app.demos import Demo, demo_for_page

from .compose import compose_answer
from .inputs import ToolResult, Turn

NOT_COVERED = (
    "The docs shipped with this app don't cover {question}, so I won't guess. I can help with ChatKit "
    "itself: threads and items, widgets and actions, client tools, theming, entity tags, "
    "attachments, workflows and progress updates, or how this Django app serves the protocol."
)
GREETING = (
    "Hi! I'm the ChatKit guide. Ask me how any part of ChatKit works and I'll answer from the docs "
    "with sources, or ask for a live demo: a sample widget, progress updates, a dynamic widget, "
    "a theme switch, a chain of thought, a workflow, or a hand-off to the thinking agent."
)


def docs_answer(
    turn: Turn, result: ToolResult, *, thinking: bool = False, offer: Demo | None = None
) -> tuple[str, list[tuple[str, str, int]]]:
    """The composed answer (see compose.py) and its citations; `offer` is a demo to offer to run."""
    passages: list[dict[str, Any]] = result.data().get("passages") or []
    question = f"“{turn.question}”" if turn.question else "that"
    composed = compose_answer(turn.question or str(result.data().get("query", "")), passages)
    if composed is None:
        return NOT_COVERED.format(question=question), []
    text = composed.text
    demo = offer or (None if thinking else demo_for_page(passages[0].get("page", "")))
    if demo is not None:
        text += f"\n\n{_offer(demo, explained=offer is not None)}"
    return text, composed.citations


def _offer(demo: Demo, *, explained: bool) -> str:
    if explained:
        return f"Want me to run it? Say “{demo.prompt}” and I'll show the {demo.title.lower()} demo live."
    return f"Want to see it live? Ask me: “{demo.prompt}”."


def recall_answer(turn: Turn) -> str:
    if not turn.previous_questions:
        return "This is the first thing you've asked in this conversation."
    return f"Earlier you asked: “{turn.previous_questions[-1]}”."


def tool_follow_up(result: ToolResult) -> str:
    data = result.data()
    if result.name == "sample_widget":
        return (f"Above is a draft email, “{data.get('subject', 'the draft')}”: its body streamed into a Text "
                "component by id. Press **Send** or **Discard**: each is a widget action the server handles, "
                "and I'll acknowledge whichever you choose.")
    if result.name == "long_running_server_tool_status":
        steps = data.get("steps") or []
        return (f"Done. The tool reported {len(steps)} progress updates while it worked "
                f"({', '.join(s.rstrip('…') for s in steps)}) and found {data.get('records', 0)} records. "
                "Progress updates are transient: they are not stored in the thread.")
    if result.name == "fully_dynamic_widget":
        if data.get("rendered"):
            return ("I rendered the widget above from a JSON shape, after checking it against the SDK's "
                    "widget models. Here is the equivalent JSX:\n\n```jsx\n" + str(data.get("jsx", "")) + "\n```")
        return ("I couldn't render that widget because its definition is invalid, so nothing was shown. "
                f"The validator said: {data.get('error', 'unknown problem')} Fix that and I can try again.")
    if result.name == "demo_cot":
        return ("That was a reasoning workflow: each thought streamed in as a task, then a summary closed it. "
                "Real reasoning models fill the same item from their reasoning summaries.")
    if result.name == "demo_workflow":
        tasks = data.get("tasks") or []
        return (f"All {len(tasks)} tasks ({', '.join(tasks)}) went from loading to complete, and the workflow "
                "closed with a custom summary.")
    return "Done."


def widget_action_ack(anchor_text: str) -> str:
    kind = re.search(r'type="([^"]+)"', anchor_text)
    subject = re.search(r'draft "([^"]*)"', anchor_text)
    name = f"“{subject.group(1)}”" if subject else "the draft"
    if kind and kind.group(1) == "email.send":
        lead = f"Sent! {name} is marked as sent (a demo: no email actually left the server)."
    else:
        lead = f"Discarded: {name} won't be sent, and the card now says so."
    return (f"{lead} The button was a widget action: the server replaced the card with its new state "
            "and noted what happened for me. Want another draft, or to learn how actions are handled? "
            "Ask “How do widget actions work?”")


def system_action_ack(anchor_text: str) -> str:
    match = re.search(r"\((\{.*?\})\) and reported: (.*)\n", anchor_text)
    arguments: dict[str, Any] = {}
    if match:
        try:
            arguments = json.loads(match.group(1))
        except ValueError:
            arguments = {}
    theme = arguments.get("theme")
    if theme:
        other = "light" if theme == "dark" else "dark"
        return (f"The page is now in the {theme} theme. That was a client tool: the run stopped, your browser "
                f"switched the theme and reported back, and this reply continued the turn. "
                f"Say “switch to {other} mode” to flip it back.")
    return "The page reported that the action completed."


THINKING_STEPS = (
    "Pin down what is being asked and what a good answer must cover.",
    "Look for the relevant pages in the docs rather than relying on memory.",
    "Order the answer: the direct answer first, then the reasoning behind it.",
)
