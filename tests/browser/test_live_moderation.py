"""A moderator's lock and close reach the owner's open chat page live, over /ws/updates/."""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, wait_until_answered
from tests.processes import manage

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def make_superuser(live_app: Any, username: str) -> None:
    code = (
        "from django.contrib.auth import get_user_model; U = get_user_model(); "
        f"u, _ = U.objects.get_or_create(username={username!r}); u.set_password({live_app.password!r}); "
        "u.is_staff = u.is_superuser = True; u.save()"
    )
    manage("shell", "-c", code, env=live_app.app_env.env(), root=live_app.app_env.root)


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
    owner = browser.new_context(viewport={"width": 1000, "height": 800})
    page = owner.new_page()
    log_in(page, open_client_server.url, "alice", live_app.password)
    page.locator(".cko-input").fill("A question before the moderator comes")
    page.locator(".cko-input").press("Enter")
    wait_until_answered(page)
    page.wait_for_url("**thread=*")
    thread_id = page.url.split("thread=")[1]
    loaded_at = page.evaluate("performance.timeOrigin")

    staff = browser.new_context()
    admin_page = staff.new_page()
    admin_page.goto(f"{open_client_server.url}/admin/login/")
    admin_page.get_by_label("Username").fill("moderator")
    admin_page.get_by_label("Password").fill(live_app.password)
    admin_page.get_by_role("button", name="Log in").click()

    moderate(admin_page, open_client_server.url, thread_id, "lock_threads", "Checking a report")
    expect(page.locator(".cko-composer-notice")).to_have_text("This conversation is locked. Checking a report", timeout=10000)
    expect(page.locator(".cko-input")).to_be_disabled()

    moderate(admin_page, open_client_server.url, thread_id, "close_threads", "Resolved")
    expect(page.locator(".cko-closed-notice")).to_have_text("This conversation is closed. Resolved", timeout=10000)
    expect(page.locator(".cko-composer")).to_be_hidden()
    assert page.evaluate("performance.timeOrigin") == loaded_at, "the page must not have reloaded"
    owner.close()
    staff.close()
