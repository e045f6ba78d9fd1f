"""A composer tool picked in the page makes the guide call that tool first, whatever the words say."""
from __future__ import annotations

from typing import Any

import pytest

from agents_app.composer import COMPOSER_TOOLS
from tests.chatkit_client import assistant_text, user_input

pytestmark = pytest.mark.django_db(transaction=True)


def with_tool(text: str, tool_id: str) -> dict[str, Any]:
    return {**user_input(text), "inference_options": {"tool_choice": {"id": tool_id}}}


def done_items(events: list[dict[str, Any]], type_: str) -> list[dict[str, Any]]:
    return [e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == type_]


async def test_search_the_docs_answers_from_the_docs_instead_of_running_the_demo(alice_client):
    plain = await alice_client.stream("threads.create", input=user_input("Show me the sample widget"))
    assert done_items(plain, "widget")
    events = await alice_client.stream("threads.create", input=with_tool("Show me the sample widget", "search_docs"))
    assert not done_items(events, "widget")
    assert "/docs/" in str(done_items(events, "assistant_message"))


async def test_build_a_widget_renders_a_widget_from_plain_words(alice_client):
    events = await alice_client.stream("threads.create", input=with_tool("a card for my todo list", "fully_dynamic_widget"))
    assert done_items(events, "widget"), [e["type"] for e in events]


async def test_think_harder_hands_over_to_the_thinking_agent(alice_client):
    events = await alice_client.stream("threads.create", input=with_tool("what is a thread", "thinking_agent_handoff"))
    assert any(e["type"] == "progress_update" and "thinking agent" in e["text"] for e in events)


async def test_a_tool_the_page_does_not_offer_is_ignored(alice_client):
    events = await alice_client.stream("threads.create", input=with_tool("hello", "switch_theme"))
    assert not [e for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "client_tool_call"]
    assert assistant_text(events)


def test_the_page_offers_exactly_the_tools_the_guide_honours():
    from agents_app.guide import HANDOFF_TOOL, build_guide_agent

    agent = build_guide_agent()
    names = {tool.name for tool in agent.tools} | {HANDOFF_TOOL}
    assert {tool["id"] for tool in COMPOSER_TOOLS} <= names


def test_requests_share_one_guide_per_tool_yet_a_changed_model_setting_takes_effect(settings):
    from agents_app.guide import guide_agent

    assert guide_agent(tool_choice="sample_widget") is guide_agent(tool_choice="sample_widget")
    assert guide_agent(tool_choice="sample_widget").model_settings.tool_choice == "sample_widget"
    assert guide_agent().model_settings.tool_choice is None
    settings.CHATKIT_MODEL = "another-model"
    assert guide_agent().model.name == "offline:another-model"  # type: ignore[union-attr]
