"""@-mentions on the chat page: tag search through /api/entities, and what clicking a tag does."""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, wait_until_answered

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def mention(page: Any, before: str, query: str, title: str) -> None:
    composer = page.locator(".cko-input")
    composer.press_sequentially(f"{before} @{query}", delay=20)  # keystrokes: the search runs on input
    page.locator(".cko-suggestion", has_text=title).first.click()


def test_it_runs_a_mentioned_demo_when_its_tag_is_clicked(page: Any, live_app: Any, open_client_server: Any) -> None:
    log_in(page, open_client_server.url, "alice", live_app.password)
    mention(page, "What does this demo show?", "progress", "Progress updates")
    page.locator(".cko-input").press("Enter")
    tag = page.locator('[data-item-type="user_message"] button.cko-tag', has_text="@Progress updates")
    expect(tag).to_be_visible(timeout=15000)
    wait_until_answered(page)

    tag.click()  # a demo entity's click sends the prompt that runs the demo
    sent = page.locator('[data-item-type="user_message"]')
    expect(sent).to_have_count(2, timeout=15000)
    expect(sent.last).to_contain_text("Run the long-running tool with progress updates")


def test_it_opens_the_docs_page_of_a_mentioned_doc(page: Any, live_app: Any, open_client_server: Any) -> None:
    log_in(page, open_client_server.url, "alice", live_app.password)
    mention(page, "Explain", "widgets", "Widgets")
    page.locator(".cko-input").press("Enter")
    tag = page.locator('[data-item-type="user_message"] button.cko-tag').first
    expect(tag).to_be_visible(timeout=15000)
    wait_until_answered(page)
    tag.click()
    page.wait_for_url("**/docs/*")
    expect(page.locator("article.docs-article h1")).to_be_visible()
