"""A live daphne server for the chat page, and Debian Chromium driven by Playwright."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.openclient.conftest import ARTIFACTS, SHOT_DIRS
from tests.processes import DaphneServer, daphne_server, manage

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


def make_superuser(live_app: Any, username: str) -> None:
    code = (
        "from django.contrib.auth import get_user_model; U = get_user_model(); "
        f"u, _ = U.objects.get_or_create(username={username!r}); u.set_password({live_app.password!r}); "
        "u.is_staff = u.is_superuser = True; u.save()"
    )
    manage("shell", "-c", code, env=live_app.app_env.env(), root=live_app.app_env.root)


def owner_page_with_answer(browser: Any, base_url: str, password: str, question: str) -> tuple[Any, str]:
    """alice's chat page, in a context of its own, after one answered question: (page, thread id)."""
    page = browser.new_context(viewport={"width": 1000, "height": 800}).new_page()
    log_in(page, base_url, "alice", password)
    page.locator(".cko-input").fill(question)
    page.locator(".cko-input").press("Enter")
    wait_until_answered(page)
    page.wait_for_url("**thread=*")
    return page, page.url.split("thread=")[1]


def each_look(page: Any, *, height: int = 820, remember_scheme: bool = True) -> Iterator[tuple[int, str]]:
    """Reload `page` at 360 and 1280 px, light and dark, yielding (width, scheme) for each look.
    `remember_scheme` also stores the scheme the way the chat page's own toggle does."""
    for folder in SHOT_DIRS:
        folder.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": height})
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            if remember_scheme:
                page.evaluate("(s) => localStorage.setItem('chatkit-studio.color-scheme', s)", scheme)
            page.reload()
            yield width, scheme


def save_shot(page: Any, name: str) -> None:
    for folder in SHOT_DIRS:
        page.screenshot(path=str(folder / f"{name}.png"))


def staff_page(browser: Any, base_url: str, password: str, username: str = "moderator") -> Any:
    """A new browser context logged in to the admin (`make_superuser` first)."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    return page
