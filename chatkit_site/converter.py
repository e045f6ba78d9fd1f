"""Stored items to model input, without what a moderator hid.

The store gives every reader the owner's view, in which a hidden item is a placeholder card
(`threads.placeholders`, marked with `PLACEHOLDER_KEY`). A model must see neither the item nor the notice, so this is the one
place that leaves them out; an agent's own converter builds on it.
"""
from __future__ import annotations

from collections.abc import Sequence

from agents import TResponseInputItem
from chatkit.agents import ThreadItemConverter
from chatkit.types import ThreadItem, WidgetItem

PLACEHOLDER_KEY = "moderation-hidden"  # the placeholder card's `key`: clients and tests can tell it apart


def is_hidden_placeholder(item: ThreadItem) -> bool:
    return isinstance(item, WidgetItem) and getattr(item.widget, "key", None) == PLACEHOLDER_KEY


class ModeratedItemConverter(ThreadItemConverter):
    async def to_agent_input(self, thread_items: Sequence[ThreadItem] | ThreadItem) -> list[TResponseInputItem]:
        items = list(thread_items) if isinstance(thread_items, Sequence) else [thread_items]
        return await super().to_agent_input([item for item in items if not is_hidden_placeholder(item)])
