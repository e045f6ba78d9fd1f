"""Issue #27: the chat page's main screens at a phone and a desktop width, light and dark, on the
real app: the start screen, a widget with outline buttons, the tools menu, the history panel with
an inline rename, and the admin's thread list. Each must fit its width (nothing scrolls sideways);
the screenshots are for people to look at (tests/artifacts/, and `CHATKIT_REVIEW_SHOTS` if set)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    each_look,
    log_in,
    make_superuser,
    save_shot,
    staff_page,
    wait_until_answered,
)
from tests.processes import manage

pytestmark = [pytest.mark.browser, pytest.mark.integration]

SIDEWAYS = """() => {
  const el = document.querySelector('chatkit-open');
  const t = el?.shadowRoot.querySelector('.cko-transcript');
  return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
           transcript: t ? t.scrollWidth - t.clientWidth : 0 };
}"""


def looks_fit(page: Any, name: str, prepare: Callable[[Any], None]) -> None:
    """`prepare` the view at 360 and 1280 px, light and dark; check it fits; screenshot it."""
    for width, scheme in each_look(page):
        prepare(page)
        page.wait_for_timeout(300)  # let the menu or panel finish its transition
        overflow = page.evaluate(SIDEWAYS)
        assert overflow == {"page": 0, "transcript": 0}, (name, width, scheme, overflow)
        save_shot(page, f"{name}-{width}-{scheme}")


def test_the_chat_screens_fit_phone_and_desktop_in_both_schemes(page, live_app, open_client_server):
    log_in(page, open_client_server.url, "bob", live_app.password)
    base = page.url

    def start(p: Any) -> None:
        expect(p.locator(".cko-start")).to_be_visible()
        expect(p.locator(".cko-prompt").first).to_be_visible()

    looks_fit(page, "start-screen", start)

    page.locator(".cko-input").fill("Show me the sample widget")
    page.locator(".cko-input").press("Enter")
    wait_until_answered(page)
    page.wait_for_url("**thread=*")

    def widget(p: Any) -> None:
        discard = p.locator(".cko-w-button", has_text="Discard").last
        expect(discard).to_be_visible(timeout=15000)
        # An outline button: the page shows through it, unlike the filled Send beside it.
        assert discard.evaluate("(b) => getComputedStyle(b).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")
        discard.scroll_into_view_if_needed()
        # Every button of the card can be seen and pressed: none is pushed outside the card.
        clipped = p.locator(".cko-w-card").last.evaluate("""(card) => {
          const c = card.getBoundingClientRect();
          return [...card.querySelectorAll('.cko-w-button')].filter((b) => {
            const r = b.getBoundingClientRect();
            return r.left < c.left - 0.5 || r.right > c.right + 0.5;
          }).map((b) => b.textContent);
        }""")
        assert clipped == [], clipped

    looks_fit(page, "widget-outline-buttons", widget)

    def tools(p: Any) -> None:
        p.get_by_role("button", name="Tools").click()
        expect(p.get_by_role("menuitemradio", name="Search the docs")).to_be_visible()

    looks_fit(page, "tools-menu", tools)

    def history_rename(p: Any) -> None:
        p.locator(".cko-history-toggle").click()
        p.locator(".cko-history-rename").first.click()
        expect(p.get_by_label("Conversation title")).to_be_visible()

    looks_fit(page, "history-rename", history_rename)
    assert page.url.startswith(base)


def test_the_admin_thread_list_fits_phone_and_desktop_in_both_schemes(browser, live_app, open_client_server):
    make_superuser(live_app, "moderator")
    # Rows of its own, for a user no other test logs in as: a title too long for a line, a long username.
    code = (
        "from django.contrib.auth import get_user_model; from django.utils import timezone; "
        "from threads.models import Thread; User = get_user_model(); "
        "margaret, _ = User.objects.get_or_create(username='margaret.hamilton.apollo'); "
        "titles = ['How do I theme the chat with my brand colour, a pill radius and a compact density "
        "on both light and dark pages?', 'Attachments', 'Widgets in place']; "
        "[Thread.objects.get_or_create(id=f'thr_screens{n}', defaults=dict(owner=margaret, title=t, "
        "created_at=timezone.now(), data={})) for n, t in enumerate(titles)]"
    )
    manage("shell", "-c", code, env=live_app.app_env.env(), root=live_app.app_env.root)
    page = staff_page(browser, open_client_server.url, live_app.password)
    page.goto(f"{open_client_server.url}/admin/threads/thread/")
    # The admin follows the system scheme; there is no chat-page choice to remember here.
    for width, scheme in each_look(page, remember_scheme=False):
        expect(page.locator("#result_list")).to_be_visible()
        # Django's changelist scrolls its own table on a phone; the page itself must not.
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wide == 0, (width, scheme, wide)
        if width == 1280:  # on a desktop every column shows, "Created" included, without scrolling
            cut = page.evaluate("(() => { const r = document.querySelector('#changelist .results');"
                                " return r.scrollWidth - r.clientWidth; })()")
            widths = page.evaluate("[...document.querySelectorAll('#result_list thead th')].map(th => th.offsetWidth)")
            assert cut <= 1, (scheme, cut, widths)  # sub-pixel column widths may round up by one
        save_shot(page, f"admin-thread-list-{width}-{scheme}")
    page.context.close()
