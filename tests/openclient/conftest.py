"""Fixtures for the open client's browser tests: the fake backend and Debian Chromium."""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "tests" / "artifacts"
# Screenshots for people to look at: always under tests/artifacts/, and also in a review folder
# when `CHATKIT_REVIEW_SHOTS` names one.
_REVIEW = os.environ.get("CHATKIT_REVIEW_SHOTS", "")
SHOT_DIRS = (ARTIFACTS, Path(_REVIEW)) if _REVIEW else (ARTIFACTS,)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


class FakeBackend:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def requests(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"{self.base_url}/_test/requests", timeout=10) as response:
            return json.load(response)

    def requests_of(self, kind: str, since: int = 0) -> list[dict[str, Any]]:
        return [r for r in self.requests()[since:] if r.get("type") == kind]


@pytest.fixture(scope="session")
def fake_backend() -> Iterator[FakeBackend]:
    from tests.openclient import fake_server

    server = fake_server.start()
    yield FakeBackend(f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()


@pytest.fixture()
def open_harness(browser: Any, fake_backend: FakeBackend) -> Iterator[Any]:
    """Returns a function opening the harness (query string optional) in a fresh page."""
    pages: list[Any] = []

    def open_page(query: str = "", width: int = 1000, height: int = 1100) -> Any:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(f"{fake_backend.base_url}/harness.html{query}")
        page.wait_for_function("window.chatEvents?.some((e) => e.name === 'chatkit.ready')")
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        assert page.errors == [], f"uncaught page errors: {page.errors}"
        page.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
