"""A live daphne server for the chat page, and Debian Chromium driven by Playwright."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.openclient.conftest import ARTIFACTS
from tests.processes import DaphneServer, daphne_server

__all__ = ["ARTIFACTS"]


@pytest.fixture(scope="module")
def open_client_server(live_app: Any) -> Iterator[DaphneServer]:
    # Paced so streaming is visible; demo steps short so the suite stays quick.
    with daphne_server(
        live_app.app_env, CHATKIT_CLIENT="open", CHATKIT_OFFLINE_PACE="0.03", CHATKIT_DEMO_STEP_SECONDS="0.05"
    ) as server:
        yield server


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def log_in(page: Any, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/")


def wait_until_answered(page: Any, answers: int = 1, timeout: float = 30000) -> None:
    """Wait until the page has started `answers` responses and none is streaming any more.

    A visible send button is not that: a new thread's stream sends its cancel option only
    after the user's message, so until then the send button shows while the answer streams
    (a tag clicked in that gap was dropped as "already streaming", once, under load).
    """
    page.wait_for_function(
        "(n) => { const el = document.querySelector('chatkit-open');"
        " return Boolean(el) && (el.streamsStarted ?? 0) >= n && !el.streaming; }",
        arg=answers, timeout=timeout,
    )
