"""Decides what the offline model says or calls for one model call, from that call's input items."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from agents_app.demos import demo_named
from agents_app.tools.structured_input import CLIENT_QUESTION

from . import answers
from .inputs import Turn, form_answers, read_turn
from .intents import (
    HANDOFF_TOOL,
    IMAGE_TOOL,
    ToolCallPlan,
    call_for,
    demo_asked_about,
    is_explain_request,
    route,
    without_handoff_words,
)
from .titles import is_title_request, offline_title

__all__ = ["ToolCallPlan", "TurnPlan", "fixed_plan", "plan_turn"]

_RECALL = re.compile(r"what did i (just )?ask|what was my (last|previous|first) question|what did i say")
_GREETING = re.compile(r"^\s*(hi|hello|hey|good (morning|afternoon|evening))\b[\s!.?]*$")
# A follow-up leans on the previous question for its topic: "and how do I style it?"
_FOLLOW_UP = re.compile(r"^\s*(and|also|what about|how about)\b|\b(it|its|that|this|them|those|these)\b")
_STOP = re.compile(r"\b(and|also|what|about|how|do|does|i|it|its|that|this|them|those|these|can|the|a|to)\b")
# Words that say nothing about the topic but pull in pages that merely share them ("workflows").
_NOISE = re.compile(r"\b(work|works|working|use|using)\b")


@dataclass
class TurnPlan:
    text: str | None = None
    calls: list[ToolCallPlan] = field(default_factory=list)
    citations: list[tuple[str, str, int]] = field(default_factory=list)  # (title, url, index)
    reasoning: list[str] = field(default_factory=list)

    def chunks(self) -> Iterator[str]:
        # Word-sized deltas look like a model streaming and exercise the delta path for real.
        for match in re.finditer(r"\S+\s*|\s+", self.text or ""):
            yield match.group(0)


def plan_turn(
    *, instructions: str, items: list[Any], tool_names: list[str], handoff_names: list[str], forced: str | None = None
) -> TurnPlan:
    if is_title_request(instructions):
        return TurnPlan(text=offline_title(last_user_text(items)))
    turn = read_turn(items)
    if turn.anchor == "widget_action":
        return TurnPlan(text=answers.widget_action_ack(turn.anchor_text))
    if turn.anchor == "system_action":
        return TurnPlan(text=answers.system_action_ack(turn.anchor_text))
    if turn.anchor == "structured_input":
        return _after_form(turn, tool_names)
    if turn.results:
        return _after_tool(turn, tool_names)
    if forced is not None and (forced in tool_names or forced in handoff_names):
        return TurnPlan(calls=[_forced_call(forced, turn)])
    if not turn.question or _GREETING.match(turn.question):
        return TurnPlan(text=answers.GREETING)
    if _RECALL.search(turn.question.lower()):
        return TurnPlan(text=answers.recall_answer(turn))
    if turn.attachments and answers.ASKS_ABOUT_ATTACHMENTS.search(turn.question):
        return TurnPlan(text=answers.attachment_answer(turn))
    call = route(turn, tool_names=tool_names, handoff_names=handoff_names)
    if call is not None and call.name == IMAGE_TOOL:
        # A hosted tool: the image comes within this response, with the words about it.
        return TurnPlan(calls=[call], text=answers.image_answer(call.arguments.get("prompt", "")))
    if call is not None:
        return TurnPlan(calls=[call])
    if "search_docs" in tool_names:
        return TurnPlan(calls=[ToolCallPlan("search_docs", {"query": docs_query(turn)})])
    return TurnPlan(text=answers.NOT_COVERED.format(question="that"))


def _forced_call(name: str, turn: Turn) -> ToolCallPlan:
    """The call a composer tool asks for, whatever the words say (as `tool_choice` does on OpenAI)."""
    if name == "search_docs":
        return ToolCallPlan(name, {"query": docs_query(turn) or "ChatKit"})
    return call_for(name, turn.question.lower(), current_theme=turn.theme)


def _after_form(turn: Turn, tool_names: list[str]) -> TurnPlan:
    """The user answered (or skipped) the client form: note the choice as a task, then answer for it."""
    if turn.results:
        return TurnPlan(text=answers.tool_follow_up(turn.results[-1], turn))
    chosen = form_answers(turn.anchor_text).get(CLIENT_QUESTION, "skipped")
    if chosen in {"skipped", "unanswered"} or "record_client_choice" not in tool_names:
        return TurnPlan(text=answers.FORM_SKIPPED)
    return TurnPlan(calls=[ToolCallPlan("record_client_choice", {"client": chosen})])


def _after_tool(turn: Turn, tool_names: list[str]) -> TurnPlan:
    last = turn.results[-1]
    handed_off = any(result.name == HANDOFF_TOOL for result in turn.results)
    if last.name == HANDOFF_TOOL and "search_docs" in tool_names:
        # The thinking agent's first step: visible reasoning, then a look at the docs.
        return TurnPlan(reasoning=list(answers.THINKING_STEPS), calls=[ToolCallPlan("search_docs", {"query": docs_query(turn)})])
    if last.name == "search_docs":
        # A question about a demo ("explain the sample widget") is answered, then the demo offered.
        asked = demo_asked_about(turn) if is_explain_request(turn.question) else None
        offer = demo_named(asked) if asked and asked in tool_names else None
        text, citations = answers.docs_answer(turn, last, thinking=handed_off, offer=offer)
        return TurnPlan(text=text, citations=citations)
    return TurnPlan(text=answers.tool_follow_up(last, turn))


def docs_query(turn: Turn) -> str:
    """The search query; a follow-up borrows the topic of the question before it."""
    question = _expand(without_handoff_words(turn.question).replace("@", ""))
    topics = [re.sub(r"^(Docs page|Demo): ", "", tag).split(" (")[0] for tag in turn.tags]
    if turn.previous_questions and _FOLLOW_UP.search(question.lower()):
        topic = _STOP.sub(" ", _expand(turn.previous_questions[-1]).lower())
        return " ".join([*topic.split(), question, *topics]).strip()
    return " ".join([question, *topics]).strip()


def _expand(text: str) -> str:
    # Synonyms live with the search (agents_app.knowledge.SYNONYMS), so every model gets them.
    return re.sub(r"\s+", " ", _NOISE.sub(" ", text)).strip()


def fixed_plan(deltas: int) -> TurnPlan:
    """The same answer every turn, `deltas` words long: a fixed workload for benchmarks."""
    return TurnPlan(text="".join(f"word{n} " for n in range(deltas)))


def last_user_text(items: list[Any]) -> str:
    for item in reversed(items):
        if isinstance(item, dict) and item.get("role") == "user":
            content = item.get("content")
            if isinstance(content, str):
                return content
            return " ".join(part.get("text", "") for part in content or [] if isinstance(part, dict))
    return ""
