"""`static/chat/live.js` in real Chromium against a live daphne (the embedded default: eager
Celery, in-memory channel layer): a logged-in page hears its new thread's title; a logged-out
page is told to stop instead of retrying forever."""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]

LISTEN = """async () => {
  const { connectLiveUpdates } = await import("/static/chat/live.js");
  window.liveLog = [];
  window.live = connectLiveUpdates({
    onThreadChanged: (threadId, reason) => window.liveLog.push(["changed", threadId, reason]),
    onStatus: (status) => window.liveLog.push(["status", status]),
  });
}"""

CREATE_THREAD = """async () => {
  const { csrfFetch } = await import("/static/chat/api-fetch.js");
  const body = {type: "threads.create", params: {input: {
    content: [{type: "input_text", text: "Explain entity tags please"}], attachments: [], inference_options: {}}}};
  const response = await csrfFetch("/api/chatkit", {method: "POST", body: JSON.stringify(body),
    headers: {"Content-Type": "application/json"}});
  const text = await response.text();
  return JSON.parse(text.split("\\n").find((line) => line.startsWith("data: ")).slice(6)).thread.id;
}"""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def log(page: Any) -> list[list[Any]]:
    return page.evaluate("window.liveLog")


def wait_for_entry(page: Any, entry: list[Any], timeout: float = 15) -> None:
    # Polled from here: the pages' CSP forbids the eval behind Playwright's wait_for_function.
    deadline = time.monotonic() + timeout
    while entry not in log(page):
        assert time.monotonic() < deadline, f"{entry} not in {log(page)}"
        page.wait_for_timeout(100)


def test_it_tells_a_logged_in_page_about_its_new_title(page, live_app):
    page.goto(f"{live_app.url}/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(live_app.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_app.url}/")
    page.evaluate(LISTEN)
    wait_for_entry(page, ["status", "connected"])

    thread_id = page.evaluate(CREATE_THREAD)
    wait_for_entry(page, ["changed", thread_id, "title"])


def test_it_stops_a_logged_out_page_from_retrying(page, live_app):
    page.goto(f"{live_app.url}/login/")
    page.evaluate(LISTEN)
    wait_for_entry(page, ["status", "refused"])
    page.wait_for_timeout(2500)  # past the first reconnect delay: nothing more may happen
    statuses = [entry[1] for entry in log(page)]
    assert statuses[-1] == "refused" and "reconnecting" not in statuses
