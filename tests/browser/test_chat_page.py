"""The chat page in real Chromium against a live daphne server, on the open client end to end."""
from __future__ import annotations

import json
import time
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, log_in, wait_until_answered
from tests.processes import daphne_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def send(page: Any, text: str) -> None:
    page.locator(".cko-input").fill(text)
    page.locator(".cko-input").press("Enter")


def test_it_logs_in_streams_a_cited_answer_and_opens_the_cited_page(page, live_app, open_client_server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{open_client_server.url}/login/")
    page.screenshot(path=str(ARTIFACTS / "chat-login.png"))
    log_in(page, open_client_server.url, "alice", live_app.password)
    expect(page.locator("[data-provider]")).to_contain_text("Offline model")
    expect(page.locator("chatkit-open")).to_be_visible()
    send(page, "How do widgets stream their text?")
    answer = page.locator('[data-item-type="assistant_message"]').last
    expect(answer).to_be_visible(timeout=15000)
    first = len(answer.inner_text())
    time.sleep(0.4)
    page.screenshot(path=str(ARTIFACTS / "chat-mid-stream.png"))
    assert len(answer.inner_text()) > first, "the answer did not grow while streaming"
    wait_until_answered(page)
    assert "thread=" in page.url  # the thread lives in the URL
    citation = page.locator('.cko-sources a[href*="/docs/"]').first
    expect(citation).to_be_visible(timeout=15000)
    with page.context.expect_page() as opened:  # sources open in a new tab, keeping the chat
        citation.click()
    docs = opened.value
    docs.wait_for_load_state()
    assert "/docs/" in docs.url
    expect(docs.locator("article.docs-article h1")).to_be_visible()
    docs.screenshot(path=str(ARTIFACTS / "docs-page.png"))


def test_it_switches_the_theme_through_the_client_tool(page, live_app, open_client_server):
    log_in(page, open_client_server.url, "alice", live_app.password)
    element = page.locator("chatkit-open")
    page.evaluate("localStorage.setItem('chatkit-studio.color-scheme', 'light')")
    page.reload()
    expect(element).to_have_attribute("data-color-scheme", "light")
    send(page, "Switch to dark mode")
    expect(element).to_have_attribute("data-color-scheme", "dark", timeout=20000)
    assert page.evaluate("localStorage.getItem('chatkit-studio.color-scheme')") == "dark"
    page.reload()  # the choice survives a reload
    expect(element).to_have_attribute("data-color-scheme", "dark")


def test_it_restores_the_thread_from_the_url_and_switches_threads_from_history(page, live_app, open_client_server):
    log_in(page, open_client_server.url, "bob", live_app.password)
    send(page, "First conversation about threads")
    wait_until_answered(page)
    page.wait_for_url("**thread=*")
    first_url = page.url
    page.locator(".cko-new-thread").click()
    send(page, "Second conversation about theming")
    wait_until_answered(page, 2)
    page.wait_for_function(f"!location.href.endsWith({json.dumps(first_url.split('thread=')[1])})")
    page.goto(first_url)  # a reload restores the thread named in the URL
    expect(page.locator('[data-item-type="user_message"]').first).to_contain_text("First conversation")
    page.locator(".cko-history-toggle").click()
    rows = page.locator(".cko-history-row")
    expect(rows).to_have_count(2, timeout=10000)
    page.locator('.cko-history-row:not([aria-current="true"]) .cko-history-open').click()
    expect(page.locator('[data-item-type="user_message"]').first).to_contain_text("Second conversation")


def test_it_logs_out(page, live_app, open_client_server):
    log_in(page, open_client_server.url, "alice", live_app.password)
    page.get_by_role("button", name="Log out alice").click()
    page.wait_for_url("**/login/")
    page.goto(f"{open_client_server.url}/")
    page.wait_for_url("**/login/?next=/")


STUB_CHATKIT = """
customElements.define('openai-chatkit', class extends HTMLElement {
  setOptions(options) { window.__chatkitOptions = JSON.parse(JSON.stringify(options)); this.textContent = 'stub'; }
});
"""


def test_it_configures_the_official_client_with_the_chatkit_cdn_stubbed(page, live_app):
    with daphne_server(live_app.app_env, CHATKIT_CLIENT="official", CHATKIT_DOMAIN_KEY="domain_pk_test") as server:
        page.route("https://cdn.platform.openai.com/**", lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=STUB_CHATKIT))
        log_in(page, server.url, "alice", live_app.password)
        page.wait_for_function("window.__chatkitOptions !== undefined")
        options = page.evaluate("window.__chatkitOptions")
        csp = page.evaluate("fetch('/').then(r => r.headers.get('content-security-policy'))")
    assert options["api"]["url"] == "/api/chatkit"
    assert options["api"]["domainKey"] == "domain_pk_test"
    assert options["api"]["uploadStrategy"] == {"type": "direct", "uploadUrl": "/api/attachments/upload"}
    assert options["theme"]["colorScheme"] in {"light", "dark"} and options["theme"]["color"]["accent"]["primary"]
    assert options["history"]["enabled"] is True
    assert options["composer"]["attachments"]["enabled"] is True and options["composer"]["tools"]
    assert options["locale"] == "en"
    labels = [prompt["label"] for prompt in options["startScreen"]["prompts"]]
    assert "Sample widget: email draft" in labels and "Switch theme (client tool)" in labels
    assert options["header"]["title"]["text"] == "ChatKit guide"
    assert "https://cdn.platform.openai.com" in csp


def test_it_falls_back_to_the_open_client_when_the_cdn_fails(page, live_app):
    with daphne_server(live_app.app_env, CHATKIT_CLIENT="auto", CHATKIT_CLIENT_FALLBACK_MS="1500") as server:
        page.route("https://cdn.platform.openai.com/**", lambda route: route.abort())
        log_in(page, server.url, "alice", live_app.password)
        expect(page.locator("chatkit-open")).to_be_visible(timeout=10000)
        expect(page.locator("[data-banner]")).to_contain_text("built-in open client")
        send(page, "Hello after the fallback")
        expect(page.locator('[data-item-type="assistant_message"]').last).to_be_visible(timeout=20000)


def test_it_attaches_a_file_that_the_guide_then_receives(page, live_app, open_client_server, tmp_path):
    notes = tmp_path / "release-notes.txt"
    notes.write_text("Release notes: the open client now streams widget text.\n")
    log_in(page, open_client_server.url, "alice", live_app.password)
    with page.expect_response("**/api/attachments/upload") as upload:
        page.locator(".cko-composer input[type=file]").set_input_files(str(notes))
    assert upload.value.status == 200
    expect(page.locator(".cko-chip", has_text="release-notes.txt")).to_be_visible(timeout=10000)
    send(page, "What is in the attached file?")
    sent = page.locator('[data-item-type="user_message"]').last
    expect(sent.locator(".cko-attachments")).to_contain_text("release-notes.txt", timeout=15000)
    wait_until_answered(page)
    # The upload really went through the direct-upload endpoint and is alice's to read back.
    client = live_app.login("alice")
    thread_id = page.url.split("thread=")[1]
    items = client.post("/api/chatkit", json={"type": "items.list", "params": {"thread_id": thread_id, "order": "asc"}}).json()
    attachment = items["data"][0]["attachments"][0]
    assert attachment["name"] == "release-notes.txt" and attachment["mime_type"] == "text/plain"


def test_default_settings_with_the_chatkit_cdn_unreachable_give_a_usable_chat_within_5_seconds(page, live_app):
    # The CDN is the one thing mocked: every request to it is aborted, as on a machine without it.
    assert "CHATKIT_CLIENT" not in live_app.app_env.env(), "this test is about the default setting"
    with daphne_server(live_app.app_env) as server:
        page.route("https://cdn.platform.openai.com/**", lambda route: route.abort())
        page.goto(f"{server.url}/login/")
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill(live_app.password)
        started = time.monotonic()
        page.get_by_role("button", name="Log in").click()
        composer = page.locator("chatkit-open .cko-input")
        expect(composer).to_be_editable(timeout=5000)
        ready_after = time.monotonic() - started
        expect(page.locator("[data-banner]")).to_contain_text("built-in open client")
        send(page, "Hello from a machine without the CDN")
        expect(page.locator('[data-item-type="assistant_message"]').last).to_be_visible(timeout=20000)
    assert ready_after < 5, f"the chat took {ready_after:.1f} s to become usable"


def test_forced_official_with_the_chatkit_cdn_unreachable_says_how_to_switch(page, live_app):
    with daphne_server(live_app.app_env, CHATKIT_CLIENT="official") as server:
        page.route("https://cdn.platform.openai.com/**", lambda route: route.abort())
        log_in(page, server.url, "alice", live_app.password)
        banner = page.locator("[data-banner]")
        expect(banner).to_contain_text("ChatKit.js could not be loaded", timeout=10000)
        expect(banner).to_contain_text("CHATKIT_CLIENT=open")


def test_a_thumbs_up_stays_pressed_after_a_reload_and_a_retry_starts_unrated(page, live_app, open_client_server):
    log_in(page, open_client_server.url, "bob", live_app.password)
    send(page, "What is a widget?")
    wait_until_answered(page)
    page.wait_for_url("**thread=*")
    answer = page.locator('[data-item-type="assistant_message"]').last
    good = answer.get_by_role("button", name="Good response")
    good.click()
    expect(good).to_have_attribute("aria-pressed", "true")
    page.reload()  # the rating is read back from the server, not from this page's memory
    good = page.locator('[data-item-type="assistant_message"]').last.get_by_role("button", name="Good response")
    expect(good).to_have_attribute("aria-pressed", "true")
    expect(page.locator('[data-item-type="assistant_message"]').last.get_by_role("button", name="Bad response")).to_have_attribute("aria-pressed", "false")
    rated_id = page.locator('[data-item-type="assistant_message"]').last.get_attribute("data-item-id")
    page.locator('[data-item-type="assistant_message"]').last.get_by_role("button", name="Retry response").click()
    wait_until_answered(page, 1)
    page.reload()
    fresh = page.locator('[data-item-type="assistant_message"]').last
    expect(fresh).to_be_visible()
    assert fresh.get_attribute("data-item-id") != rated_id  # a new answer, not the rated one
    expect(fresh.get_by_role("button", name="Good response")).to_have_attribute("aria-pressed", "false")
