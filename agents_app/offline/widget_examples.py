"""The widget shapes the offline model passes to `fully_dynamic_widget` (it cannot design one)."""
from __future__ import annotations

from typing import Any


def example_widget() -> dict[str, Any]:
    return {
        "type": "Card",
        "size": "md",
        "children": [
            {"type": "Title", "value": "Release checklist", "size": "md"},
            {"type": "Row", "gap": 2, "children": [
                {"type": "Badge", "label": "ChatKit", "color": "info"},
                {"type": "Badge", "label": "Ready", "color": "success", "variant": "soft"},
            ]},
            {"type": "Text", "value": "Docs reviewed, demos recorded, tests green."},
            {"type": "Row", "gap": 2, "justify": "end", "children": [
                {"type": "Button", "label": "Later", "variant": "outline"},
                {"type": "Button", "label": "Ship it", "style": "primary"},
            ]},
        ],
    }


def invalid_example_widget() -> dict[str, Any]:
    # A Text without its required value, and a component type that does not exist.
    return {
        "type": "Card",
        "children": [
            {"type": "Title", "value": "Broken on purpose"},
            {"type": "Text", "size": "md"},
            {"type": "Sparkle", "label": "not a component"},
        ],
    }
