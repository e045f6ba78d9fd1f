"""Refusals the server explains (issue #25): past the turn or upload limit the endpoint answers
429 with a message and Retry-After, and while the database is down 503. The chat page shows the
server's own words and when to try again, on the open client and on the ChatKit.js path."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from chatkit_site.errors import UNAVAILABLE
from tests.browser.conftest import log_in, wait_until_answered
from tests.browser.test_chat_wiring import wait_for
from tests.openclient.conftest import SHOT_DIRS
from tests.processes import DaphneServer, daphne_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]

WINDOW = "600"  # long enough that the counters cannot reset while a test runs
LIMITS = {"CHATKIT_TURNS_PER_WINDOW": "1", "ATTACHMENTS_UPLOADS_PER_WINDOW": "1", "THROTTLE_WINDOW_SECONDS": WINDOW}


def shot(page: Any, name: str) -> None:
    for folder in SHOT_DIRS:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / name))


@pytest.fixture(scope="module")
def limited_open_server(live_app: Any) -> Iterator[DaphneServer]:
    with daphne_server(live_app.app_env, CHATKIT_CLIENT="open", **LIMITS) as server:
        yield server


@pytest.fixture(scope="module")
def limited_official_server(live_app: Any) -> Iterator[DaphneServer]:
    with daphne_server(live_app.app_env, CHATKIT_CLIENT="official", CHATKIT_DOMAIN_KEY="domain_pk_test", **LIMITS) as server:
        yield server


def send(page: Any, text: str) -> None:
    page.locator(".cko-input").fill(text)
    page.locator(".cko-input").press("Enter")


def test_it_shows_the_turn_limit_message_and_when_to_retry_on_the_open_client(page, live_app, limited_open_server, tmp_path):
    log_in(page, limited_open_server.url, "alice", live_app.password)
    send(page, "What is a thread?")
    wait_until_answered(page)
    send(page, "And what is an item?")

    error = page.locator('.cko-error[data-status="429"]')
    expect(error).to_contain_text("You have sent 1 message in 600 seconds", timeout=10000)
    expect(error.locator(".cko-error-title")).to_have_text("Please wait a moment")
    expect(error.locator(".cko-retry-after")).to_contain_text("You can try again in")
    # The refused text is not lost: it is back in the composer for later.
    expect(page.locator(".cko-input")).to_have_value("And what is an item?")
    # Said once, where it happened: no page banner repeats the open client's own message.
    expect(page.locator("[data-banner]")).to_be_hidden()
    shot(page, "refusal-turn-open-client.png")

    # An upload past its limit: the first file goes up, the second is refused with the reason.
    files = [tmp_path / "one.txt", tmp_path / "two.txt"]
    for file in files:
        file.write_text("notes\n")
    chooser = page.locator(".cko-composer input[type=file]")
    chooser.set_input_files(str(files[0]))
    expect(page.locator(".cko-file--ready")).to_have_count(1, timeout=10000)
    chooser.set_input_files(str(files[1]))
    composer_error = page.locator(".cko-composer-error")
    expect(composer_error).to_contain_text("Could not upload two.txt: You have uploaded 1 file in 600 seconds", timeout=10000)
    expect(composer_error).to_contain_text("Try again in")
    shot(page, "refusal-upload-open-client.png")


def test_it_shows_the_database_outage_message_on_the_open_client(page, live_app, open_client_server):
    log_in(page, open_client_server.url, "bob", live_app.password)
    # The database cannot be taken down under one page only; the answer is the one the
    # endpoint gives then (chatkit_site/errors.py), word for word.
    page.route("**/api/chatkit", lambda route: route.fulfill(
        status=503, content_type="application/json", headers={"Retry-After": "5"}, body=json.dumps({"error": UNAVAILABLE})))
    send(page, "Hello")
    error = page.locator('.cko-error[data-status="503"]')
    expect(error).to_contain_text(UNAVAILABLE, timeout=10000)
    expect(error.locator(".cko-error-title")).to_have_text("Temporarily unavailable")
    expect(error.locator(".cko-retry-after")).to_contain_text("You can try again in")
    expect(error.locator(".cko-retry-after")).to_have_text("You can try again now.", timeout=10000)
    expect(page.locator("[data-banner]")).to_be_hidden()


# Like ChatKit.js, the stub sends through options.api.fetch and reports a failed request to
# chatkit.error with a message of its own, not the server's.
STUB_CHATKIT = """
customElements.define('openai-chatkit', class extends HTMLElement {
  setOptions(options) { this.options = options; window.__chatkit = this; }
  fetchUpdates() {}
  async post(url, init) {
    const response = await this.options.api.fetch(url, init);
    await response.text();
    if (!response.ok) {
      this.dispatchEvent(new CustomEvent('chatkit.error', { bubbles: true, composed: true,
        detail: { error: new Error('Request failed with status ' + response.status) } }));
    }
    return response.status;
  }
  turn(text) {
    const input = { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
    return this.post('/api/chatkit', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'threads.create', params: { input } }) });
  }
  upload(name) {
    const body = new FormData();
    body.append('file', new File(['notes'], name, { type: 'text/plain' }));
    return this.post('/api/attachments/upload', { method: 'POST', body });
  }
});
"""


def test_it_shows_the_servers_refusal_on_the_chatkit_js_path(page, live_app, limited_official_server):
    page.route("https://cdn.platform.openai.com/**", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=STUB_CHATKIT))
    log_in(page, limited_official_server.url, "alice", live_app.password)
    wait_for(page, "window.__chatkit !== undefined")
    banner = page.locator("[data-banner]")

    assert page.evaluate("window.__chatkit.turn('first')") == 200
    assert page.evaluate("window.__chatkit.turn('second')") == 429
    expect(banner).to_contain_text("You have sent 1 message in 600 seconds")
    expect(banner.locator("[data-banner-when]")).to_contain_text("You can try again in")
    assert "Request failed" not in banner.inner_text()
    shot(page, "refusal-turn-official-path.png")

    assert page.evaluate("window.__chatkit.upload('one.txt')") == 200
    assert page.evaluate("window.__chatkit.upload('two.txt')") == 429
    expect(banner).to_contain_text("You have uploaded 1 file in 600 seconds")

    # An ordinary failure afterwards is not dressed up as the old refusal.
    page.route("**/api/chatkit", lambda route: route.fulfill(status=500, content_type="text/plain", body="boom"))
    assert page.evaluate("window.__chatkit.turn('third')") == 500
    expect(banner).to_contain_text("Something went wrong: Request failed with status 500")
    expect(banner.locator("[data-banner-when]")).to_be_hidden()
