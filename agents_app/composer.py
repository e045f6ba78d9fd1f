"""Composer tools: a choice the user makes before typing ("search the docs", "build a widget").

ChatKit sends the pick as `inference_options.tool_choice`; the guide then calls that tool first
(OpenAI's `tool_choice`; the offline model honours it the same way). The page's menu is built
from the same list, so it never offers a tool the agent would ignore.
"""
from __future__ import annotations

from typing import Any

from chatkit.types import UserMessageItem

COMPOSER_TOOLS: tuple[dict[str, Any], ...] = (
    {"id": "search_docs", "label": "Search the docs", "shortLabel": "Docs", "icon": "book-open",
     "placeholderOverride": "Ask a question; the answer cites the docs"},
    {"id": "fully_dynamic_widget", "label": "Build a widget", "shortLabel": "Widget", "icon": "square-code",
     "placeholderOverride": "Describe the widget to build"},
    {"id": "thinking_agent_handoff", "label": "Think harder", "shortLabel": "Think", "icon": "atom",
     "placeholderOverride": "Ask a hard question for the thinking agent"},
)
COMPOSER_TOOL_IDS = frozenset(tool["id"] for tool in COMPOSER_TOOLS)


def chosen_tool(message: UserMessageItem | None) -> str | None:
    """The composer tool picked for `message`, if it is one we offer (anything else is ignored)."""
    choice = message.inference_options.tool_choice if message is not None else None
    return choice.id if choice is not None and choice.id in COMPOSER_TOOL_IDS else None
