"""Routes a user's words (and @-mentioned demos) to the demo tool they ask for."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .inputs import Turn
from .widget_examples import invalid_example_widget, widget_for_request

HANDOFF_TOOL = "thinking_agent_handoff"
IMAGE_TOOL = "image_generation"  # the hosted tool's name (agents.ImageGenerationTool)
# "Explain X", "how do I X", "what is X": asking about a feature. It is answered from the docs
# and the demo is offered, not run. Asking someone to do it ("can you show me X") runs it.
_EXPLAIN = re.compile(
    r"^\s*(explain|describe|tell me (about|how|what|why)|what|what's|whats|how|why|when|where|which|who|"
    r"does|do|is|are|should|can i|could i|may i)\b"
)
_REQUEST = re.compile(r"^\s*(please\s+)?(can|could|would|will) you\b|^\s*please\b")
_HANDOFF = re.compile(r"think (hard|carefully|deeply|it through)|hard question|thinking agent|reason carefully")
_THEME = re.compile(
    r"\b(dark|light)\s*(mode|theme)\b|\b(switch|toggle|change|flip)\b.*\b(theme|mode|colou?rs?)\b|"
    r"\bswitch (it )?back\b|^\s*(go )?(dark|light)( mode| theme)?( please)?\W*$|client tool"
)
_INVALID_WIDGET = re.compile(r"\b(invalid|broken|bad|wrong)\b.*\bwidget\b|\bwidget\b.*\b(invalid|broken)\b")
_SAMPLE_WIDGET = re.compile(
    r"sample widget|example widget|email draft|\bdraft\b|(write|send|compose) (me )?an? email|widget demo|"
    r"^\s*show me a widget\W*$"
)
_DYNAMIC_WIDGET = re.compile(
    r"dynamic widget|custom widget|your own widget|widget (with|that|for|showing)|\bjsx\b|design a widget|"
    r"build (me )?a (\w+ )?(widget|card)|make (me )?a (\w+ )?(widget|card)|\b(widget|card)\b"
)
_PROGRESS = re.compile(r"progress|long[- ]running|status updates|slow (server )?tool")
_COT = re.compile(r"chain[- ]of[- ]thought|\bcot\b|reasoning|thoughts")
_WORKFLOW = re.compile(r"workflow|custom tasks")
_EFFECT = re.compile(r"\bhighlight\b|client effect|\beffect demo\b|flash the docs")
_NOTICE = re.compile(r"\bnotice\b|show (me )?a (banner|warning)")
_FORM = re.compile(r"structured input|which client|\b(a|the) form\b|ask me (a question|which)|multiple[- ]choice")
_IMAGE = re.compile(
    r"\b(draw|paint|sketch|generate|make|create|render)\b.*\b(image|picture|drawing|png|painting|illustration)\b|"
    r"image generation|generated image|\bdraw (me )?(a|an|the|some)\b"
)
_SOURCES = re.compile(r"entity sources?|\blist (the |all |your )?demos|\b(show|give) me (the |all |your )?demos|demo catalogue")
_TAGGED_DEMO = re.compile(r"\(tool (\w+)\)")
# The order matters: an email draft is the sample widget even though it is also "a widget".
_DEMO_WORDS = ((_THEME, "switch_theme"), (_EFFECT, "highlight_docs_button"), (_NOTICE, "show_notice"),
               (_FORM, "ask_which_client"), (_IMAGE, IMAGE_TOOL), (_SOURCES, "list_demos"),
               (_INVALID_WIDGET, "fully_dynamic_widget"),
               (_SAMPLE_WIDGET, "sample_widget"), (_DYNAMIC_WIDGET, "fully_dynamic_widget"),
               (_PROGRESS, "long_running_server_tool_status"), (_COT, "demo_cot"), (_WORKFLOW, "demo_workflow"))


@dataclass(frozen=True)
class ToolCallPlan:
    name: str
    arguments: dict[str, Any]


def route(turn: Turn, *, tool_names: list[str], handoff_names: list[str]) -> ToolCallPlan | None:
    """The demo the user asked for, if they asked for one this agent can run."""
    text = turn.question.lower()
    if _HANDOFF.search(text):
        call: ToolCallPlan | None = ToolCallPlan(HANDOFF_TOOL, {})
    elif is_explain_request(text):
        return None  # a question about a feature is answered from the docs, not demonstrated
    else:
        name = _tagged_demo(turn) or _worded_demo(text)
        call = call_for(name, text, current_theme=turn.theme) if name else None
    if call is None:
        return None
    available = call.name in tool_names or call.name in handoff_names
    return call if available else None


_HANDOFF_LEAD = re.compile(
    r"^\s*(please\s+)?(think (hard|carefully|deeply|it through)|reason carefully)( about( this| it)?)?\s*[:,.!-]*\s*", re.I
)


def without_handoff_words(text: str) -> str:
    """The question without its "think hard:" lead, which asks for care, not for the handoff docs."""
    return _HANDOFF_LEAD.sub("", text, count=1) or text


def is_explain_request(text: str) -> bool:
    return bool(_EXPLAIN.search(text.lower())) and not _REQUEST.search(text.lower())


def demo_asked_about(turn: Turn) -> str | None:
    """The demo a question is about (tagged or named), to offer to run after explaining it."""
    return _tagged_demo(turn) or _worded_demo(turn.question.lower(), strict=True)


def _tagged_demo(turn: Turn) -> str | None:
    for tag in turn.tags:
        match = _TAGGED_DEMO.search(tag)
        if match:
            return match.group(1)
    return None


def _worded_demo(text: str, *, strict: bool = False) -> str | None:
    # `strict`: only the demo's own name counts (a docs question saying "widget" is not about it).
    for pattern, name in _DEMO_WORDS:
        if strict and pattern is _DYNAMIC_WIDGET:
            if re.search(r"dynamic widget|fully[_ ]dynamic", text):
                return name
            continue
        if strict and pattern is _THEME and not re.search(r"switch[_ ]theme|theme switch", text):
            continue
        if pattern.search(text):
            return name
    return None


def call_for(name: str, text: str, *, current_theme: str | None = None) -> ToolCallPlan:
    if name == "switch_theme":
        return ToolCallPlan(name, {"theme": theme_for(text, current_theme)})
    if name == "fully_dynamic_widget":
        shape = invalid_example_widget() if _INVALID_WIDGET.search(text) else widget_for_request(text)
        return ToolCallPlan(name, {"widget": json.dumps(shape)})
    if name == "thinking_agent_handoff":
        return ToolCallPlan(HANDOFF_TOOL, {})
    if name == IMAGE_TOOL:
        return ToolCallPlan(name, {"prompt": picture_subject(text)})
    return ToolCallPlan(name, {})


_IMAGE_LEAD = re.compile(
    r"^.*?\b(draw|paint|sketch|generate|make|create|render)\b( me)?( an?| the)?( (image|picture|drawing|png|painting|illustration))?( of)?\s*",
    re.I,
)


def picture_subject(text: str) -> str:
    """What to draw: the words after "draw me a picture of", else a default."""
    subject = _IMAGE_LEAD.sub("", text, count=1).strip(" .!?")
    return subject if subject and not _IMAGE.search(subject) else "a quiet valley at sunset"


def theme_for(text: str, current: str | None) -> str:
    """The theme a request asks for: the one it names, else the other one ("back", "toggle")."""
    named = re.search(r"\b(dark|light)\b", text.lower())
    if named:
        return named.group(1)
    # Nothing reported yet: the page starts light unless the user chose otherwise, and if it
    # was already dark the page reports that and the reply says so.
    return "light" if current == "dark" else "dark"
