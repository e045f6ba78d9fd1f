"""The @-mention endpoints: entity search over docs and demos, and preview widgets."""
from __future__ import annotations

import pytest
from django.test import AsyncClient

from agents_app.widgets.validation import widget_from_definition

pytestmark = pytest.mark.django_db(transaction=True)


async def test_it_finds_docs_pages_and_demos_grouped(alice_client):
    response = await alice_client.http.get("/api/entities", {"query": "widget"})
    assert response.status_code == 200
    entities = response.json()["entities"]
    by_id = {e["id"]: e for e in entities}
    assert by_id["doc:widgets"]["group"] == "Docs" and by_id["doc:widgets"]["data"]["url"] == "/docs/widgets"
    assert by_id["demo:sample_widget"]["group"] == "Demos" and by_id["demo:sample_widget"]["interactive"] is True
    assert set(entities[0]) == {"id", "title", "group", "interactive", "data"}


async def test_it_lists_everything_for_an_empty_query_and_nothing_for_nonsense(alice_client):
    everything = (await alice_client.http.get("/api/entities")).json()["entities"]
    assert {e["group"] for e in everything} == {"Docs", "Demos"} and len(everything) >= 20
    assert (await alice_client.http.get("/api/entities", {"query": "zzqx"})).json() == {"entities": []}


async def test_it_returns_a_valid_preview_widget_for_each_kind(alice_client):
    for entity_id in ("doc:client-tools", "demo:switch_theme"):
        response = await alice_client.http.get(f"/api/entities/{entity_id}/preview")
        assert response.status_code == 200
        preview = response.json()["preview"]
        assert widget_from_definition(preview).type == "Card"


async def test_it_answers_an_unknown_entity_with_a_json_404(alice_client):
    response = await alice_client.http.get("/api/entities/doc:nope/preview")
    assert response.status_code == 404 and response.json() == {"error": "No entity 'doc:nope'."}


async def test_it_requires_a_session(db):
    assert (await AsyncClient().get("/api/entities")).status_code == 401
