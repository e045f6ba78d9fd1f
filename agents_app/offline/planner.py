"""Decides what the offline model says or calls for one turn, from the turn's input items."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToolCallPlan:
    name: str
    arguments: dict[str, Any]


@dataclass
class TurnPlan:
    text: str | None = None
    calls: list[ToolCallPlan] = field(default_factory=list)
    citations: list[tuple[str, str]] = field(default_factory=list)

    def chunks(self) -> Iterator[str]:
        # Word-sized deltas look like a model streaming and exercise the delta path for real.
        for match in re.finditer(r"\S+\s*|\s+", self.text or ""):
            yield match.group(0)


def message_text(item: Any) -> str:
    """The plain text of a Responses input message (string or list-of-parts content)."""
    content = item.get("content") if isinstance(item, dict) else None
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def last_user_text(items: list[Any]) -> str:
    for item in reversed(items):
        if isinstance(item, dict) and item.get("role") == "user":
            text = message_text(item)
            if not text.startswith("Hidden context") and not text.startswith("# User-provided context"):
                return text
    return ""


def plan_turn(*, instructions: str, items: list[Any], tool_names: list[str], handoff_names: list[str]) -> TurnPlan:
    question = last_user_text(items).strip()
    if not question:
        return TurnPlan(text="Hello! Ask me anything about ChatKit.")
    return TurnPlan(
        text=(
            f"You asked: “{question}”. I am the offline model, so I answer from a fixed playbook "
            "rather than a language model. Try asking for a sample widget, a workflow or the theme switch."
        )
    )


def fixed_plan(deltas: int) -> TurnPlan:
    """The same answer every turn, `deltas` words long: a fixed workload for benchmarks."""
    return TurnPlan(text="".join(f"word{n} " for n in range(deltas)))
