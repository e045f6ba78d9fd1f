"""Composer choices the user makes before typing: a tool ("search the docs", "build a widget")
and, where settings allow several, a model.

ChatKit sends the picks as `inference_options.tool_choice` and `inference_options.model`; the
guide then calls that tool first (OpenAI's `tool_choice`; the offline model honours it the same
way) and runs on that model. The page's menus are built from the same lists, so they never offer
a choice the agent would ignore.
"""
from __future__ import annotations

from typing import Any

from chatkit.types import UserMessageItem
from django.conf import settings

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


def allowed_models() -> list[str]:
    """The model ids a user may pick: CHATKIT_MODEL first, then CHATKIT_MODELS' others."""
    return list(dict.fromkeys([settings.CHATKIT_MODEL, *settings.CHATKIT_MODELS]))


def composer_models() -> list[dict[str, Any]]:
    """ChatKit's `composer.models` (ModelOption list), or none when there is nothing to choose."""
    models = allowed_models()
    if len(models) < 2:
        return []
    return [{"id": model, "label": model, **({"default": True} if model == settings.CHATKIT_MODEL else {})}
            for model in models]


def chosen_model(message: UserMessageItem | None) -> str | None:
    """The model picked for `message`, if settings allow it (anything else runs the default)."""
    choice = message.inference_options.model if message is not None else None
    return choice if choice and choice in allowed_models() else None
