"""`/api/entities`: @-mention search over docs pages and demos, and a preview widget for each."""
from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from ninja import Router
from ninja.security import django_auth

from .entities import entities_search, entity_get, entity_preview
from .schemas import EntitiesOut, EntityOut, PreviewOut

router = Router(tags=["entities"], auth=django_auth)


@router.get("/entities", response=EntitiesOut, summary="Search docs pages and demos to @-mention")
def entities(request: HttpRequest, query: str = "") -> EntitiesOut:
    found = entities_search(query=query[:200])
    return EntitiesOut(entities=[EntityOut(id=e.id, title=e.title, group=e.group, data=e.data) for e in found])


@router.get("/entities/{entity_id}/preview", response={200: PreviewOut, 404: dict}, summary="Preview widget for an entity")
def entity_preview_view(request: HttpRequest, entity_id: str) -> PreviewOut | JsonResponse:
    entity = entity_get(entity_id)
    if entity is None:
        return JsonResponse({"error": f"No entity {entity_id!r}."}, status=404)
    return PreviewOut(preview=entity_preview(entity))
