"""Real processes for integration and browser tests: a migrated database and a daphne server.

Each server gets its own database (a SQLite file, or a fresh PostgreSQL database) and a free
loopback port; it is stopped when the fixture ends.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_TEST_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict[str, str], check: bool = True, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=root, env=env, check=check, capture_output=True, text=True, timeout=180
    )


@contextmanager
def postgres_database() -> Iterator[str]:
    """A throwaway PostgreSQL database; yields its URL and drops it afterwards."""
    import psycopg

    name = f"chatkit_it_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class AppEnv:
    """Environment for app processes that share one database."""

    database_url: str
    var_dir: Path
    extra: dict[str, str] = field(default_factory=dict)
    root: Path = ROOT  # the app's source tree (the benchmark's --compare serves an older one)

    def env(self, **overrides: str) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
        env.update(
            DJANGO_SETTINGS_MODULE="chatkit_site.settings",
            DATABASE_URL=self.database_url,
            VAR_DIR=str(self.var_dir),
            SECRET_KEY="integration-tests-only",
            CHATKIT_OFFLINE_PACE="0",
            PYTHONUNBUFFERED="1",
            # Load tests share one login across many streams; a test of the limits sets its own.
            CHATKIT_TURNS_PER_WINDOW="0", CHATKIT_MAX_CONCURRENT_STREAMS="0", ATTACHMENTS_UPLOADS_PER_WINDOW="0",
        )
        env.pop("TEST_DATABASE_NAME", None)
        env.update(self.extra)
        env.update(overrides)
        return env

    def migrate(self) -> None:
        manage("migrate", "--noinput", env=self.env(), root=self.root)

    def create_user(self, username: str, password: str, *, staff: bool = False) -> None:
        code = (
            "from django.contrib.auth import get_user_model; U = get_user_model(); "
            f"u, _ = U.objects.get_or_create(username={username!r}); u.set_password({password!r}); "
            f"u.is_staff = {staff!r}; u.save()"
        )
        manage("shell", "-c", code, env=self.env(), root=self.root)


@dataclass
class DaphneServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


# How each ASGI server Django documents is started on the site's application.
ASGI_SERVERS = {
    "daphne": lambda port: [PYTHON, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "chatkit_site.asgi:application"],
    "uvicorn": lambda port: [PYTHON, "-m", "uvicorn", "chatkit_site.asgi:application", "--host", "127.0.0.1", "--port", str(port),
                             "--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level", "warning"],
    "hypercorn": lambda port: [PYTHON, "-m", "hypercorn", "chatkit_site.asgi:application", "--bind", f"127.0.0.1:{port}",
                               "--worker-class", "uvloop"],
}


@contextmanager
def daphne_server(app_env: AppEnv, *, asgi_server: str = "daphne", **env_overrides: str) -> Iterator[DaphneServer]:
    """The site served by a real ASGI server process (daphne unless `asgi_server` names another)."""
    port = free_port()
    log_path = app_env.var_dir / f"{asgi_server}-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            ASGI_SERVERS[asgi_server](port),
            cwd=app_env.root, env=app_env.env(**env_overrides), stdout=log, stderr=subprocess.STDOUT,
        )
    server = DaphneServer(url=f"http://127.0.0.1:{port}", process=process, log_path=log_path)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(server: DaphneServer, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{server.log()}")
        try:
            httpx.get(server.url + "/login/", timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"daphne did not come up in {timeout}s:\n{server.log()}")


def login(base_url: str, username: str, password: str) -> httpx.Client:
    """An httpx client holding a logged-in session and the CSRF header, like the chat page."""
    client = httpx.Client(base_url=base_url, timeout=30.0)
    client.get("/login/")
    token = client.cookies["csrftoken"]
    response = client.post(
        "/login/", data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": base_url + "/login/"},
    )
    assert response.status_code in (200, 302), response.text
    assert "sessionid" in client.cookies, "login failed"
    client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
    return client
