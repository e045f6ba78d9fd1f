"""Shared fixtures: named users (alice owns, bob is someone else, a moderator) and clients."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.db import connection

from tests.chatkit_client import ChatKitClient
from tests.factories import UserFactory
from tests.processes import AppEnv, DaphneServer, daphne_server, login


@pytest.hookimpl(trylast=True)  # after pytest-django's own reordering (database tests first)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the session's Chromium run last. Sync Playwright leaves its event loop
    marked as running in the main thread for as long as it lives, so any async test after the
    first browser test fails with "Runner.run() cannot be called from a running event loop"."""
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's, and before it drops the test database, the end of every other session on it.

    Django's pool keeps idle connections open for the life of the process, and PostgreSQL does not
    drop a database in use: each run would leave its test databases behind.
    """
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _fast_offline_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pacing only exists so people can watch text stream; tests need the events, not the wait.
    monkeypatch.setattr(settings, "CHATKIT_OFFLINE_PACE", 0.0)


@pytest.fixture(autouse=True)
def _no_abuse_limits(settings: Any) -> None:
    # Per-user counters live in the process's cache across tests; tests of the limits (tests/
    # reliability) turn them back on.
    settings.CHATKIT_TURNS_PER_WINDOW = settings.CHATKIT_MAX_CONCURRENT_STREAMS = settings.ATTACHMENTS_UPLOADS_PER_WINDOW = 0


@pytest.fixture
def alice(db: Any) -> Any:
    return UserFactory(username="alice")


@pytest.fixture
def bob(db: Any) -> Any:
    return UserFactory(username="bob")


@pytest.fixture
async def alice_client(alice: Any) -> ChatKitClient:
    return await ChatKitClient(alice).login()


@pytest.fixture
async def bob_client(bob: Any) -> ChatKitClient:
    return await ChatKitClient(bob).login()


PASSWORD = "correct horse battery staple"


@dataclass
class LiveApp:
    server: DaphneServer
    app_env: AppEnv
    password: str

    @property
    def url(self) -> str:
        return self.server.url

    def login(self, username: str) -> httpx.Client:
        return login(self.url, username, self.password)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """A real daphne process on loopback over a migrated SQLite file, with alice and bob."""
    app_env = AppEnv(database_url="", var_dir=tmp_path_factory.mktemp("live-app"))
    app_env.database_url = f"sqlite:///{app_env.var_dir / 'db.sqlite3'}"
    app_env.migrate()
    for name in ("alice", "bob"):
        app_env.create_user(name, PASSWORD)
    with daphne_server(app_env) as server:
        yield LiveApp(server=server, app_env=app_env, password=PASSWORD)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one per session: a second sync Playwright cannot
    start while another is alive in the same process."""
    from tests.openclient.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run `python -m tests.prepare` (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
