"""The widget shapes the offline model passes to `fully_dynamic_widget` (it cannot design one)."""
from __future__ import annotations

import re
from dataclasses import dataclass
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


# --- Widgets shaped from the request's words -------------------------------------------------
# The offline model cannot design, but it can take the subject, the fields and the buttons a
# request names and lay them out as a card. A few everyday subjects get a fitting layout; any
# other subject gets a plain card of its fields, and the reply says that a real model would
# design it freely.
_LEAD_IN = re.compile(
    r"^\s*(please\s+)?((can|could|would|will) you\s+)?(please\s+)?"
    r"(build|make|create|design|render|draw|show|give|generate|write)(\s+me)?\s+"
    r"(an?|the|one|some)?\s*(fully\s+)?(dynamic|custom|simple|new|small|little|nice)?\s*"
    r"(widget|card)?\s*(that\s+(shows|displays|lists|has)|showing|displaying|listing|for|with|of|about|as)?\s*",
    re.I,
)
_TRAILING = re.compile(r"\s*\b(widget|card|please)\b\W*$|[\s.!?]+$", re.I)
_ARTICLE = re.compile(r"^(an?|the|my|our|some)\s+", re.I)
_WITH = re.compile(r"\b(?:with|showing|including|listing)\s+(.+)$", re.I)
_BUTTONS = re.compile(r"\b(?:buttons?\s+(?:for|to|labell?ed|called)?\s*|(\w+)\s+and\s+(\w+)\s+buttons?)(.*)$", re.I)
# Words that describe the card's parts rather than its subject ("with a title and two buttons").
_COMPONENT_WORDS = frozenset(
    "a an and the one two three four title titles badge badges button buttons text caption divider row "
    "rows col column columns icon icons some card widget dynamic custom simple".split()
)
_FORECAST_DAYS = ("Today", "Tomorrow", "Day after")


@dataclass(frozen=True)
class ShapedWidget:
    shape: dict[str, Any]
    subject: str  # "" when the request named no subject (the example card)
    templated: bool  # a layout made for the subject, not a plain list of fields


def widget_for_request(text: str) -> dict[str, Any]:
    return shape_widget(text).shape


def shape_widget(text: str) -> ShapedWidget:
    request = re.sub(r"\s+", " ", text).strip()
    subject_part = _LEAD_IN.sub("", request, count=1)
    fields = _fields(subject_part)
    subject = _TRAILING.sub("", _WITH.split(subject_part, maxsplit=1)[0]).strip()
    subject = _TRAILING.sub("", _ARTICLE.sub("", subject)).strip()
    if not subject or set(re.findall(r"[a-z]+", subject.lower())) <= _COMPONENT_WORDS:
        return ShapedWidget(example_widget(), "", templated=True)
    if re.search(r"\b(weather|forecast|temperature)\b", subject, re.I):
        return ShapedWidget(_weather(subject), subject, templated=True)
    if re.search(r"\b(to-?do|tasks?|checklist)\b", subject, re.I):
        return ShapedWidget(_checklist(subject, fields), subject, templated=True)
    return ShapedWidget(_plain(subject, fields, _buttons(request)), subject, templated=False)


def _title(subject: str) -> str:
    words = subject.split()
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])[:60]


def _fields(part: str) -> list[str]:
    found = _WITH.search(part)
    if not found:
        return []
    listed = re.split(r",\s*|\s+and\s+|\s*&\s*", _BUTTONS.sub("", found.group(1)))
    fields = [_TRAILING.sub("", _ARTICLE.sub("", f.strip())) for f in listed]
    return [f for f in fields if f and not set(f.lower().split()) <= _COMPONENT_WORDS][:6]


def _buttons(request: str) -> list[str]:
    found = _BUTTONS.search(request)
    if found and found.group(1):
        return [found.group(1).capitalize(), found.group(2).capitalize()]
    return ["Dismiss", "Open"]


def _place(subject: str) -> str:
    found = re.search(r"\b(?:for|in|at)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)", subject)
    return found.group(1) if found else ""


def _weather(subject: str) -> dict[str, Any]:
    place = _place(subject)
    days = [
        {"type": "Col", "gap": 1, "align": "center", "children": [
            {"type": "Caption", "value": day},
            {"type": "Icon", "name": "circle-question"},
            {"type": "Text", "value": "— °C", "weight": "semibold"},
        ]}
        for day in _FORECAST_DAYS
    ]
    return {
        "type": "Card",
        "size": "md",
        "children": [
            {"type": "Row", "gap": 2, "children": [
                {"type": "Title", "value": f"Weather forecast{' for ' + place if place else ''}", "size": "md"},
                {"type": "Badge", "label": "Sample", "color": "warning", "variant": "soft"},
            ]},
            {"type": "Row", "gap": 4, "justify": "between", "children": days},
            {"type": "Caption", "value": "No forecast data: the offline model has no weather service, so the values are blank."},
            {"type": "Row", "gap": 2, "justify": "end", "children": [
                {"type": "Button", "label": "Hourly", "variant": "outline"},
                {"type": "Button", "label": "Refresh", "style": "primary"},
            ]},
        ],
    }


def _checklist(subject: str, fields: list[str]) -> dict[str, Any]:
    items = fields or ["First task", "Second task", "Third task"]
    return {
        "type": "Card",
        "size": "md",
        "children": [
            {"type": "Title", "value": _title(subject), "size": "md"},
            *({"type": "Row", "gap": 2, "children": [
                {"type": "Icon", "name": "check-circle"},
                {"type": "Text", "value": _title(item)},
            ]} for item in items),
            {"type": "Row", "gap": 2, "justify": "end", "children": [
                {"type": "Button", "label": "Add task", "variant": "outline"},
                {"type": "Button", "label": "Done", "style": "primary"},
            ]},
        ],
    }


def _plain(subject: str, fields: list[str], buttons: list[str]) -> dict[str, Any]:
    rows = [
        {"type": "Row", "gap": 2, "justify": "between", "children": [
            {"type": "Text", "value": _title(field)},
            {"type": "Caption", "value": "—"},
        ]}
        for field in fields
    ] or [{"type": "Text", "value": f"A card about {subject}."}]
    return {
        "type": "Card",
        "size": "md",
        "children": [
            {"type": "Title", "value": _title(subject), "size": "md"},
            {"type": "Divider"},
            *rows,
            {"type": "Row", "gap": 2, "justify": "end", "children": [
                {"type": "Button", "label": buttons[0], "variant": "outline"},
                {"type": "Button", "label": buttons[1], "style": "primary"},
            ]},
        ],
    }
