"""Things the composer can @-mention: the docs pages and the live demos, with their previews."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .demos import DEMOS, demo_named
from .knowledge import docs_page, docs_pages

DOCS_GROUP = "Docs"
DEMOS_GROUP = "Demos"


@dataclass(frozen=True)
class Entity:
    id: str
    title: str
    group: str
    description: str
    data: dict[str, Any] = field(default_factory=dict)


def _doc_entity(slug: str, title: str, summary: str) -> Entity:
    return Entity(f"doc:{slug}", title, DOCS_GROUP, summary, {"kind": "doc", "slug": slug, "url": f"/docs/{slug}"})


def entities_all() -> list[Entity]:
    docs = [_doc_entity(page.slug, page.title, page.summary) for page in docs_pages()]
    demos = [
        Entity(f"demo:{d.name}", d.title, DEMOS_GROUP, d.description, {"kind": "demo", "demo": d.name, "prompt": d.prompt})
        for d in DEMOS
    ]
    return docs + demos


def entities_search(*, query: str, limit: int = 20) -> list[Entity]:
    """Entities whose title or description contains every word of `query` (all for an empty one)."""
    words = query.lower().split()
    matches = [
        entity for entity in entities_all()
        if all(word in f"{entity.title} {entity.description} {entity.id}".lower() for word in words)
    ]
    # Title matches first: that is what people type after "@".
    matches.sort(key=lambda e: (not all(w in e.title.lower() for w in words), e.group != DEMOS_GROUP))
    return matches[:limit]


def entity_get(entity_id: str) -> Entity | None:
    kind, _, name = entity_id.partition(":")
    if kind == "doc" and (page := docs_page(name)):
        return _doc_entity(page.slug, page.title, page.summary)
    if kind == "demo" and demo_named(name):
        return next(e for e in entities_all() if e.id == entity_id)
    return None


def entity_details(entity_id: str) -> str | None:
    """What the model is told about a tagged entity (server-side truth, not the client's copy)."""
    entity = entity_get(entity_id)
    if entity is None:
        return None
    if entity.data["kind"] == "demo":
        return f"Demo: {entity.title} (tool {entity.data['demo']}). {entity.description}"
    return f"Docs page: {entity.title} ({entity.data['url']}). {entity.description}"


def entity_preview(entity: Entity) -> dict[str, Any]:
    """A small Card describing the entity (a WidgetRoot as JSON), shown on hover."""
    action = "Ask for it in the chat" if entity.data["kind"] == "demo" else f"Read it at {entity.data['url']}"
    icon = demo_named(entity.data.get("demo", "")).icon if entity.data["kind"] == "demo" else "book-open"  # type: ignore[union-attr]
    return {
        "type": "Card",
        "size": "sm",
        "children": [
            {"type": "Row", "gap": 2, "children": [
                {"type": "Icon", "name": icon},
                {"type": "Title", "value": entity.title, "size": "sm"},
            ]},
            {"type": "Text", "value": entity.description, "size": "sm"},
            {"type": "Caption", "value": action, "color": "secondary"},
        ],
    }
