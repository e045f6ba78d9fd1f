"""Reads one model call's input items into what the offline planner needs to decide."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

# Blocks our converter writes (see agents_app.converter); anything else from the user is their text.
_NOTE_PREFIXES = ("<TAG", "<WIDGET", "<SYSTEM_ACTION", "<ATTACHMENT", "# User-provided context", "Hidden context", "The following")
_TAG = re.compile(r"<TAG\b[^>]*>\n?(.*?)\n?</TAG>", re.S)
Anchor = Literal["none", "user", "widget_action", "system_action"]


@dataclass(frozen=True)
class ToolResult:
    name: str
    arguments: dict[str, Any]
    output: str

    def data(self) -> dict[str, Any]:
        try:
            parsed = json.loads(self.output)
        except (TypeError, ValueError):
            return {"text": self.output}
        return parsed if isinstance(parsed, dict) else {"value": parsed}


@dataclass
class Turn:
    question: str = ""
    previous_questions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    anchor: Anchor = "none"
    anchor_text: str = ""
    results: list[ToolResult] = field(default_factory=list)


def _plain(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    return item.model_dump() if hasattr(item, "model_dump") else {}


def _texts(item: dict[str, Any]) -> list[str]:
    content = item.get("content")
    if isinstance(content, str):
        return [content]
    if isinstance(content, list):
        return [part.get("text", "") for part in content if isinstance(part, dict) and "text" in part]
    return []


def read_turn(items: list[Any]) -> Turn:
    turn = Turn()
    calls: dict[str, tuple[str, dict[str, Any]]] = {}
    for raw in items:
        item = _plain(raw)
        kind = item.get("type", "message")
        if kind == "function_call":
            try:
                arguments = json.loads(item.get("arguments") or "{}")
            except ValueError:
                arguments = {}
            calls[item.get("call_id", "")] = (item.get("name", ""), arguments)
        elif kind == "function_call_output":
            name, arguments = calls.get(item.get("call_id", ""), ("", {}))
            output = item.get("output")
            turn.results.append(ToolResult(name, arguments, output if isinstance(output, str) else json.dumps(output)))
        elif kind == "message" and item.get("role") == "user":
            _read_user_message(turn, _texts(item))
    return turn


def _read_user_message(turn: Turn, texts: list[str]) -> None:
    text = texts[0].strip() if texts else ""
    if text.startswith("<WIDGET_ACTION"):
        turn.anchor, turn.anchor_text, turn.results = "widget_action", text, []
    elif text.startswith("<SYSTEM_ACTION"):
        turn.anchor, turn.anchor_text, turn.results = "system_action", text, []
    elif text.startswith(_NOTE_PREFIXES):
        turn.tags.extend(match.strip() for part in texts for match in _TAG.findall(part))
    else:
        if turn.question:
            turn.previous_questions.append(turn.question)
        turn.question, turn.tags, turn.anchor, turn.anchor_text, turn.results = text, [], "user", "", []
