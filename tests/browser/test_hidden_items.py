"""Issue #27: where a moderator hides an item the owner reads "A moderator hid this message",
live and after a reload, never the item or the reason; staff read the reason in the admin."""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    each_look,
    make_superuser,
    owner_page_with_answer,
    save_shot,
    staff_page,
)
from threads.placeholders import HIDDEN_NOTICE

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REASON = "Shared a home address"


def shoot(page: Any, name: str) -> None:
    """The same view at a phone and a desktop width, light and dark."""
    size = page.viewport_size
    for width, scheme in each_look(page, height=800):
        page.locator("chatkit-open").wait_for()
        page.wait_for_timeout(400)
        save_shot(page, f"{name}-{width}-{scheme}")
    page.set_viewport_size(size)


def test_the_owner_sees_a_notice_where_the_moderator_hid_the_answer(browser, live_app, open_client_server):
    make_superuser(live_app, "moderator")
    page, thread_id = owner_page_with_answer(browser, open_client_server.url, live_app.password,
                                             "Where do I find the theming docs?")
    answer = page.locator('[data-item-type="assistant_message"]').last
    answer_id = answer.get_attribute("data-item-id")
    answer_text = answer.inner_text()[:40]

    admin = staff_page(browser, open_client_server.url, live_app.password)
    admin.goto(f"{open_client_server.url}/admin/threads/thread/{thread_id}/transcript/")
    row = admin.locator(f"#item-{answer_id}")
    row.get_by_label(f"Reason for {answer_id}").fill(REASON)
    row.get_by_role("button", name="Hide").click()
    expect(admin.locator(f"#item-{answer_id} .hidden-flag")).to_have_text(f"Hidden: {REASON}")  # staff read why

    # Live: the owner's open page shows the notice in the answer's place, with no reload.
    placeholder = page.locator(f'[data-item-id="{answer_id}"]')
    expect(placeholder).to_have_attribute("data-item-type", "widget", timeout=10000)
    expect(placeholder).to_contain_text(HIDDEN_NOTICE)
    transcript = page.locator(".cko-transcript")
    expect(transcript).not_to_contain_text(answer_text)
    expect(transcript).not_to_contain_text(REASON)
    # It sits where the answer was: right after the question.
    types = page.locator("[data-item-type]").evaluate_all("(els) => els.map((e) => e.dataset.itemType)")
    assert types[-2:] == ["user_message", "widget"], types
    page.reload()
    expect(page.locator(f'[data-item-id="{answer_id}"]')).to_contain_text(HIDDEN_NOTICE)
    assert REASON not in page.content()
    shoot(page, "hidden-placeholder")
    admin.context.close()
    page.context.close()
