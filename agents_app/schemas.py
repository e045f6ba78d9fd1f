"""Shapes of the entity endpoints (the composer's @-mention search and its previews)."""
from __future__ import annotations

from typing import Any

from ninja import Schema


class EntityOut(Schema):
    id: str
    title: str
    group: str
    interactive: bool = True
    data: dict[str, Any]


class EntitiesOut(Schema):
    entities: list[EntityOut]


class PreviewOut(Schema):
    preview: dict[str, Any]
