"""A moderator's lock and close reach the owner's open chat page live, over /ws/updates/."""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import make_superuser, owner_page_with_answer, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def moderate(admin_page: Any, base_url: str, thread_id: str, action: str, reason: str) -> None:
    admin_page.goto(f"{base_url}/admin/threads/thread/?q={thread_id}")
    admin_page.locator(f'input[name="_selected_action"][value="{thread_id}"]').check()
    admin_page.locator('select[name="action"]').select_option(action)
    admin_page.get_by_role("button", name="Go").click()
    admin_page.get_by_label("Reason").fill(reason)
    admin_page.locator('input[type="submit"].default').click()
    expect(admin_page.locator(".messagelist")).to_be_visible()


def test_a_lock_then_a_close_show_on_the_owners_page_without_a_reload(browser, live_app, open_client_server):
    make_superuser(live_app, "moderator")
    page, thread_id = owner_page_with_answer(browser, open_client_server.url, live_app.password,
                                             "A question before the moderator comes")
    loaded_at = page.evaluate("performance.timeOrigin")
    admin_page = staff_page(browser, open_client_server.url, live_app.password)

    moderate(admin_page, open_client_server.url, thread_id, "lock_threads", "Checking a report")
    expect(page.locator(".cko-composer-notice")).to_have_text("This conversation is locked. Checking a report", timeout=10000)
    expect(page.locator(".cko-input")).to_be_disabled()

    moderate(admin_page, open_client_server.url, thread_id, "close_threads", "Resolved")
    expect(page.locator(".cko-closed-notice")).to_have_text("This conversation is closed. Resolved", timeout=10000)
    expect(page.locator(".cko-composer")).to_be_hidden()
    assert page.evaluate("performance.timeOrigin") == loaded_at, "the page must not have reloaded"
    page.context.close()
    admin_page.context.close()
