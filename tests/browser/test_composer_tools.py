"""Composer tools on the chat page: the pick travels as tool_choice and the guide obeys it."""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_it_builds_a_widget_when_the_widget_tool_is_picked(page: Any, live_app: Any, open_client_server: Any) -> None:
    log_in(page, open_client_server.url, "alice", live_app.password)
    page.get_by_role("button", name="Tools").click()
    page.get_by_role("menu", name="Tools").get_by_role("menuitemradio", name="Build a widget").click()
    composer = page.locator(".cko-input")
    expect(composer).to_have_attribute("placeholder", "Describe the widget to build")  # placeholderOverride
    expect(page.locator(".cko-tool-chip")).to_contain_text("Widget")  # shortLabel
    composer.fill("a card for my shopping list")  # plain words: without the tool this is a docs answer
    with page.expect_request("**/api/chatkit") as sent:
        composer.press("Enter")
    assert sent.value.post_data_json["params"]["input"]["inference_options"] == {"tool_choice": {"id": "fully_dynamic_widget"}}
    expect(page.locator('[data-item-type="widget"]')).to_be_visible(timeout=30000)
