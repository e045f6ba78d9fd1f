"""The chat page's own wiring in real Chromium: the callbacks it hands ChatKit.js (CDN stubbed),
theme choice, live updates, the error banner, and a page the CSP never has to block."""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, log_in, wait_until_answered
from tests.processes import DaphneServer, daphne_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# Stands in for ChatKit.js: keeps the live options object (functions included) and every call.
STUB_CHATKIT = """
customElements.define('openai-chatkit', class extends HTMLElement {
  setOptions(options) { window.__chatkit = { element: this, options, calls: (window.__chatkit?.calls ?? 0) + 1 }; }
  sendCustomAction(action, itemId) { (window.__customActions ??= []).push([action, itemId]); }
  fetchUpdates() {}
});
"""


@pytest.fixture(scope="module")
def official_server(live_app: Any) -> Iterator[DaphneServer]:
    with daphne_server(
        live_app.app_env, CHATKIT_CLIENT="official", CHATKIT_DOMAIN_KEY="domain_pk_test", CHATKIT_UPLOAD_STRATEGY="two_phase"
    ) as server:
        yield server


@pytest.fixture
def stubbed_page(page: Any, live_app: Any, official_server: DaphneServer) -> Any:
    page.route("https://cdn.platform.openai.com/**", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=STUB_CHATKIT))
    log_in(page, official_server.url, "alice", live_app.password)
    wait_for(page, "window.__chatkit !== undefined")
    return page


def wait_for(page: Any, expression: str, timeout: float = 15.0) -> None:
    """Polls from Python: Playwright's wait_for_function evals strings, which the CSP forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.1)


def csp_violations(page: Any) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    return violations


def test_it_hands_the_official_client_working_callbacks_with_the_cdn_stubbed(stubbed_page):
    page = stubbed_page
    options = page.evaluate("""() => {
      const o = window.__chatkit.options;
      return { upload: o.api.uploadStrategy, attachments: o.composer.attachments, tools: o.composer.tools.map((t) => t.id),
               functions: [typeof o.api.fetch, typeof o.entities.onTagSearch, typeof o.entities.onClick,
                           typeof o.entities.onRequestPreview, typeof o.onClientTool, typeof o.widgets.onAction] };
    }""")
    assert options["upload"] == {"type": "two_phase"}  # CHATKIT_UPLOAD_STRATEGY reaches the element
    assert options["attachments"]["enabled"] is True and options["attachments"]["maxSize"] > 0
    assert "search_docs" in options["tools"]
    assert set(options["functions"]) == {"function"}

    # api.fetch carries the CSRF token and the session: the endpoint answers it, not a bare fetch.
    statuses = page.evaluate("""async () => {
      const body = JSON.stringify({ type: "threads.list", params: { limit: 5, order: "desc" } });
      const init = { method: "POST", body, headers: { "Content-Type": "application/json" } };
      const withToken = await window.__chatkit.options.api.fetch("/api/chatkit", init);
      const bare = await fetch("/api/chatkit", init);
      return [withToken.status, bare.status];
    }""")
    assert statuses == [200, 403]

    found = page.evaluate("window.__chatkit.options.entities.onTagSearch('widgets')")
    assert any(entity["id"] == "doc:widgets" for entity in found)
    preview = page.evaluate("window.__chatkit.options.entities.onRequestPreview({ id: 'doc:widgets' })")
    assert preview["preview"]["type"] == "Card"


def test_it_applies_and_remembers_the_theme_the_switch_theme_tool_asks_for(stubbed_page):
    page = stubbed_page
    page.evaluate("localStorage.removeItem('chatkit-studio.color-scheme')")
    result = page.evaluate("window.__chatkit.options.onClientTool({ name: 'switch_theme', params: { theme: 'dark' } })")
    assert result == {"success": True, "theme": "dark", "previous": "light"}  # previous: what "switch back" returns to
    assert page.evaluate("window.__chatkit.options.theme.colorScheme") == "dark"  # re-sent via setOptions
    assert page.evaluate("localStorage.getItem('chatkit-studio.color-scheme')") == "dark"
    expect(page.locator("html")).to_have_attribute("data-color-scheme", "dark")
    error = page.evaluate("window.__chatkit.options.onClientTool({ name: 'no_such_tool', params: {} }).catch((e) => e.message)")
    assert "Unknown client tool" in error


def test_it_handles_client_widget_actions_and_forwards_the_rest(stubbed_page, official_server):
    page = stubbed_page
    page.evaluate("window.__chatkit.options.widgets.onAction({ type: 'open_url', payload: { url: 'https://example.com/' } }, { id: 'i1' })")
    page.evaluate("window.__chatkit.options.widgets.onAction({ type: 'draft.star', payload: { n: 1 } }, { id: 'i2' })")
    assert page.evaluate("window.__customActions") == [[{"type": "draft.star", "payload": {"n": 1}}, "i2"]]
    assert page.url.startswith(official_server.url)  # the off-site link was ignored
    page.evaluate("window.__chatkit.options.widgets.onAction({ type: 'open.docs', payload: { slug: 'widgets' } }, { id: 'i3' })")
    page.wait_for_url("**/docs/widgets")


def test_it_shows_element_errors_in_a_dismissible_banner(stubbed_page):
    page = stubbed_page
    page.evaluate("""window.__chatkit.element.dispatchEvent(new CustomEvent('chatkit.error',
      { detail: { error: new Error('The server is busy') }, bubbles: true }))""")
    banner = page.locator("[data-banner]")
    expect(banner).to_contain_text("The server is busy")
    banner.get_by_role("button", name="Dismiss this notice").click()
    expect(banner).to_be_hidden()


def test_it_refreshes_the_open_thread_when_live_updates_say_it_changed(page, live_app, open_client_server):
    violations = csp_violations(page)
    log_in(page, open_client_server.url, "bob", live_app.password)
    element = page.locator("chatkit-open")
    expect(element).to_be_visible()
    page.evaluate("""() => {
      const element = document.querySelector('chatkit-open');
      const original = element.fetchUpdates.bind(element);
      window.__fetchUpdates = 0;
      element.fetchUpdates = () => { window.__fetchUpdates += 1; return original(); };
    }""")
    page.locator(".cko-input").fill("Tell me about entity tags")
    page.locator(".cko-input").press("Enter")
    wait_until_answered(page)
    page.wait_for_url("**thread=*")
    # The first answer triggers a generated title, announced over /ws/updates/ for this thread.
    wait_for(page, "window.__fetchUpdates > 0")
    page.locator(".cko-history-toggle").click()
    expect(page.locator(".cko-history-row").first).not_to_contain_text("Untitled conversation", timeout=10000)
    assert violations == []


def test_it_follows_the_header_theme_toggle_on_the_chat_and_the_docs(page, live_app, open_client_server):
    violations = csp_violations(page)
    page.emulate_media(color_scheme="light")
    log_in(page, open_client_server.url, "alice", live_app.password)
    page.evaluate("localStorage.removeItem('chatkit-studio.color-scheme')")
    page.reload()
    element = page.locator("chatkit-open")
    expect(element).to_have_attribute("data-color-scheme", "light")  # the system preference
    page.get_by_role("button", name="Dark theme").click()
    expect(element).to_have_attribute("data-color-scheme", "dark")
    expect(page.locator("html")).to_have_attribute("data-color-scheme", "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(17, 17, 19)"
    page.screenshot(path=str(ARTIFACTS / "chat-dark.png"))
    page.goto(f"{open_client_server.url}/docs/theming-and-options")  # the choice holds on every page
    expect(page.locator("html")).to_have_attribute("data-color-scheme", "dark")
    assert violations == []


def test_it_says_goodbye_on_logout(page, live_app, open_client_server):
    log_in(page, open_client_server.url, "alice", live_app.password)
    page.get_by_role("button", name="Log out alice").click()
    page.wait_for_url("**/login/")
    expect(page.get_by_role("status")).to_contain_text("You are logged out")
    page.screenshot(path=str(ARTIFACTS / "logged-out.png"))
