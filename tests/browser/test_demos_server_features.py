"""The #26 demos in the open client on the real app (daphne, offline model, Chromium): a client
effect the page handles, a notice, a structured input form answered and still answered after a
reload, a generated image served from the user's attachment, entity sources and the JSX block.
Each test leaves a 1280 px screenshot in tests/artifacts/ (demo-*.png)."""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, log_in, wait_until_answered

pytestmark = [pytest.mark.browser, pytest.mark.integration]


@pytest.fixture
def wide_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def ask(page: Any, text: str, answers: int = 1) -> None:
    composer = page.locator(".cko-input")
    composer.fill(text)
    composer.press("Enter")
    wait_until_answered(page, answers)


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"demo-{name}.png"))


@pytest.fixture
def chat(wide_page: Any, live_app: Any, open_client_server: Any) -> Any:
    log_in(wide_page, open_client_server.url, "alice", live_app.password)
    expect(wide_page.locator(".cko-input")).to_be_visible(timeout=15000)
    return wide_page


def test_the_client_effect_highlights_the_docs_link(chat: Any) -> None:
    docs_link = chat.locator("nav a", has_text="Docs")
    chat.evaluate("""() => { window.__effects = [];
        document.querySelector('chatkit-open').addEventListener('chatkit.effect', (e) => window.__effects.push(e.detail)); }""")
    composer = chat.locator(".cko-input")
    composer.fill("Highlight the docs button")
    composer.press("Enter")
    # The page's handler marks the link while its highlight animation runs, then clears it.
    expect(docs_link).to_have_attribute("data-effect", "highlight", timeout=15000)
    shot(chat, "client-effect")
    assert chat.evaluate("() => window.__effects") == [{"name": "highlight", "data": {"target": "docs", "ms": 2400}}]
    assert chat.evaluate("() => document.querySelector('nav a[data-effect]').getAnimations().length") >= 1
    wait_until_answered(chat)
    expect(chat.locator('[data-item-type="assistant_message"]')).to_contain_text("client effect")
    expect(docs_link).not_to_have_attribute("data-effect", "highlight", timeout=5000)


def test_the_notice_shows_beside_the_transcript(chat: Any) -> None:
    ask(chat, "Show me a notice")
    notice = chat.locator(".cko-notice--info")
    expect(notice).to_be_visible()
    expect(notice.locator(".cko-notice-title")).to_have_text("A notice from the server")
    expect(notice.get_by_role("link", name="Read how they work")).to_have_attribute("href", "/docs/effects-notices-and-inputs")
    shot(chat, "notice")


def test_the_client_form_is_answered_steers_the_reply_and_survives_a_reload(chat: Any) -> None:
    ask(chat, "Ask me which client I use")
    form = chat.locator('[data-item-type="structured_input"] form')
    expect(form).to_contain_text("Which ChatKit client do you use?")
    shot(chat, "structured-input-pending")
    form.get_by_label("ChatKit React").check()
    form.get_by_role("button", name="Submit").click()
    wait_until_answered(chat, 2)
    expect(chat.locator('[data-item-type="task"]')).to_contain_text("Noted your client: ChatKit React")
    expect(chat.locator('[data-item-type="assistant_message"]').last).to_contain_text("useChatKit")
    shot(chat, "structured-input-answered")
    chat.reload()
    answered = chat.locator('[data-item-type="structured_input"] form')
    expect(answered.get_by_label("ChatKit React")).to_be_checked(timeout=15000)
    expect(answered.get_by_role("button", name="Submit")).to_have_count(0)  # answered: no second submission


def test_the_client_form_takes_an_answer_of_the_users_own(chat: Any) -> None:
    # The protocol's options are suggestions before a freeform answer; "Other" is that answer.
    ask(chat, "Ask me which client I use")
    form = chat.locator('[data-item-type="structured_input"] form')
    form.get_by_label("ChatKit React").check()
    other = form.get_by_placeholder("Other answer")
    other.fill("Flutter with a WebView")
    expect(form.get_by_label("ChatKit React")).not_to_be_checked()  # one answer: typing replaced the pick
    form.get_by_role("button", name="Submit").click()
    wait_until_answered(chat, 2)
    expect(chat.locator('[data-item-type="task"]')).to_contain_text("Noted your client: Flutter with a WebView")
    expect(chat.locator('[data-item-type="assistant_message"]').last).to_contain_text("same protocol")
    chat.reload()
    answered = chat.locator('[data-item-type="structured_input"] form')
    expect(answered.get_by_placeholder("Other answer")).to_have_value("Flutter with a WebView", timeout=15000)
    expect(answered.get_by_placeholder("Other answer")).to_be_disabled()


def test_the_generated_image_is_drawn_and_served_from_the_users_attachment(chat: Any) -> None:
    ask(chat, "Draw me a picture of a lighthouse at night")
    image = chat.locator("img.cko-generated-image")
    expect(image).to_be_visible()
    # The open client renders in a shadow root: ask the element itself, through the locator.
    image.evaluate("(img) => img.complete || new Promise((done) => img.addEventListener('load', done, { once: true }))")
    assert image.evaluate("(img) => img.naturalWidth") == 480  # the full PNG, not a thumbnail or a broken image
    assert "/api/attachments/" in (image.get_attribute("src") or "")
    image.scroll_into_view_if_needed()
    shot(chat, "generated-image")


def test_the_demo_list_sources_run_a_demo_when_clicked(chat: Any) -> None:
    ask(chat, "List the demos")
    sources = chat.locator(".cko-sources").last
    expect(sources).to_contain_text("Client effect: highlight the Docs link")
    shot(chat, "entity-sources")
    sources.get_by_role("button", name="Notice").click()
    wait_until_answered(chat, 2)
    expect(chat.locator(".cko-notice--info")).to_be_visible()


def test_the_dynamic_widget_shows_its_jsx_beside_it(chat: Any) -> None:
    ask(chat, "Build me a dynamic widget with a title, a badge and two buttons")
    expect(chat.locator('[data-item-type="widget"]')).to_be_visible()
    expect(chat.locator('[data-item-type="assistant_message"] pre').first).to_contain_text('<Card size="md">')
    shot(chat, "dynamic-widget-jsx")


# ChatKit.js dispatches client effects as the same `chatkit.effect` DOM event; with its CDN stubbed
# (it cannot be reached here), the page's handler must react to it on <openai-chatkit> too.
STUB_CHATKIT = """
customElements.define('openai-chatkit', class extends HTMLElement {
  setOptions(options) { window.__chatkitOptions = options; }
  fetchUpdates() {}
});
"""


@pytest.fixture(scope="module")
def official_server(live_app: Any) -> Any:
    from tests.processes import daphne_server

    with daphne_server(live_app.app_env, CHATKIT_CLIENT="official", CHATKIT_DOMAIN_KEY="domain_pk_test") as server:
        yield server


def test_the_page_handles_the_effect_from_chatkit_js_too_with_its_cdn_stubbed(wide_page: Any, live_app: Any, official_server: Any) -> None:
    wide_page.route("https://cdn.platform.openai.com/**", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=STUB_CHATKIT))
    log_in(wide_page, official_server.url, "alice", live_app.password)
    wide_page.wait_for_function("() => window.__chatkitOptions !== undefined")
    wide_page.evaluate("""() => document.querySelector('openai-chatkit').dispatchEvent(new CustomEvent('chatkit.effect',
        { detail: { name: 'highlight', data: { target: 'docs', ms: 2400 } } }))""")
    expect(wide_page.locator("nav a", has_text="Docs")).to_have_attribute("data-effect", "highlight")
