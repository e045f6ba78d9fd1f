"""Routes a user's words (and @-mentioned demos) to the demo tool they ask for."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .inputs import Turn
from .widget_examples import example_widget, invalid_example_widget

HANDOFF_TOOL = "thinking_agent_handoff"
_EXPLICIT = re.compile(
    r"\b(show|demo|run|try|give me|make|build|create|draft|render|display|let'?s|can you|could you|"
    r"please|generate|compose|write me)\b"
)
_QUESTION = re.compile(r"^\s*(how|what|why|when|where|which|who|does|do|is|are|explain|tell me about|should)\b")
_HANDOFF = re.compile(r"think (hard|carefully|deeply|it through)|hard question|thinking agent|reason carefully")
_THEME = re.compile(r"\b(dark|light)\s*(mode|theme)\b|\b(switch|toggle|change|flip)\b.*\btheme\b|client tool")
_INVALID_WIDGET = re.compile(r"\b(invalid|broken|bad|wrong)\b.*\bwidget\b|\bwidget\b.*\b(invalid|broken)\b")
_DYNAMIC_WIDGET = re.compile(r"dynamic widget|custom widget|your own widget|widget with|\bjsx\b|design a widget|build (me )?a widget")
_SAMPLE_WIDGET = re.compile(r"sample widget|example widget|\bemail\b|\bdraft\b|show me a widget|a widget\b|widget demo")
_PROGRESS = re.compile(r"progress|long[- ]running|status updates|slow tool")
_COT = re.compile(r"chain[- ]of[- ]thought|\bcot\b|reasoning|thoughts")
_WORKFLOW = re.compile(r"workflow|custom tasks")
_TAGGED_DEMO = re.compile(r"\(tool (\w+)\)")


@dataclass(frozen=True)
class ToolCallPlan:
    name: str
    arguments: dict[str, Any]


def route(turn: Turn, *, tool_names: list[str], handoff_names: list[str]) -> ToolCallPlan | None:
    """The demo the user asked for, if they asked for one this agent can run."""
    call = _tagged_demo(turn) or _worded_demo(turn.question.lower())
    if call is None:
        return None
    available = call.name in tool_names or call.name in handoff_names
    return call if available else None


def _tagged_demo(turn: Turn) -> ToolCallPlan | None:
    for tag in turn.tags:
        match = _TAGGED_DEMO.search(tag)
        if match:
            return call_for(match.group(1), turn.question.lower())
    return None


def _worded_demo(text: str) -> ToolCallPlan | None:
    if _HANDOFF.search(text):
        return ToolCallPlan(HANDOFF_TOOL, {})
    if _QUESTION.search(text) and not _EXPLICIT.search(text):
        return None  # a question about a feature is answered from the docs, not demonstrated
    for pattern, name in ((_THEME, "switch_theme"), (_INVALID_WIDGET, "fully_dynamic_widget"),
                          (_DYNAMIC_WIDGET, "fully_dynamic_widget"), (_SAMPLE_WIDGET, "sample_widget"),
                          (_PROGRESS, "long_running_server_tool_status"), (_COT, "demo_cot"),
                          (_WORKFLOW, "demo_workflow")):
        if pattern.search(text):
            return call_for(name, text)
    return None


def call_for(name: str, text: str) -> ToolCallPlan:
    if name == "switch_theme":
        return ToolCallPlan(name, {"theme": "light" if re.search(r"\blight\b", text) else "dark"})
    if name == "fully_dynamic_widget":
        shape = invalid_example_widget() if _INVALID_WIDGET.search(text) else example_widget()
        return ToolCallPlan(name, {"widget": json.dumps(shape)})
    if name == "thinking_agent_handoff":
        return ToolCallPlan(HANDOFF_TOOL, {})
    return ToolCallPlan(name, {})
