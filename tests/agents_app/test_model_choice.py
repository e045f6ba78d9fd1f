"""The composer's model menu: the page offers CHATKIT_MODEL and CHATKIT_MODELS, and the guide runs
a turn on the picked model only if settings allow it. The provider is the OpenAI-compatible
server stubbed on loopback from test_sources (real HTTP); it records the model each call asked for.
"""
from __future__ import annotations

import pytest

from agents_app.composer import composer_models
from tests.chatkit_client import user_input

from .test_sources import ToolCallingStub, compatible_provider  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def picked(text: str, model: str | None) -> dict:
    body = user_input(text)
    body["inference_options"] = {"model": model} if model else {}
    return body


def guide_models() -> list[str]:
    # The guide's calls carry its tools; the title agent's carry none.
    return [r["model"] for r in ToolCallingStub.requests if any(t["function"]["name"] == "search_docs" for t in r.get("tools", []))]


async def test_the_guide_runs_on_the_picked_model_and_ignores_one_settings_do_not_allow(
    alice_client, compatible_provider, settings  # noqa: F811
):
    settings.CHATKIT_MODELS = ["local-llama", "local-qwen"]
    await alice_client.stream("threads.create", input=picked("How do widget actions work?", "local-qwen"))
    assert set(guide_models()) == {"local-qwen"}
    ToolCallingStub.requests = []
    await alice_client.stream("threads.create", input=picked("How do widget actions work?", "gpt-5-expensive"))
    assert set(guide_models()) == {"local-llama"}  # not in the list: the default, not the request's


def test_the_page_offers_a_model_menu_only_when_settings_give_a_choice(settings):
    settings.CHATKIT_MODEL, settings.CHATKIT_MODELS = "gpt-4.1-mini", []
    assert composer_models() == []
    settings.CHATKIT_MODELS = ["gpt-4.1-mini", "gpt-4.1"]
    assert composer_models() == [{"id": "gpt-4.1-mini", "label": "gpt-4.1-mini", "default": True},
                                 {"id": "gpt-4.1", "label": "gpt-4.1"}]


def test_the_chat_page_passes_the_models_and_dictation_to_the_client(client, django_user_model, settings):
    settings.CHATKIT_MODELS = ["gpt-4.1-mini", "gpt-4.1"]
    user = django_user_model.objects.create_user("carol", password="x")
    client.force_login(user)
    page = client.get("/")
    assert page.status_code == 200
    data = page.context["page_data"]
    assert [m["id"] for m in data["composerModels"]] == ["gpt-4.1-mini", "gpt-4.1"]
    assert data["dictation"] is False  # offline: no transcription, so no microphone
