"""Starting the stacks under test and reading their resource use."""
from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

from tests.processes import (
    PYTHON,
    ROOT,
    AppEnv,
    daphne_server,
    free_port,
    manage,
    postgres_database,
)

PASSWORD = "bench-password-1"
FAST_ENV = {"CHATKIT_OFFLINE_PACE": "0", "LOG_LEVEL": "WARNING", "CHATKIT_LOG_LEVEL": "WARNING"}
REDIS = "redis://127.0.0.1:6379/0"


@contextmanager
def unconsumed_broker() -> Iterator[dict[str, str]]:
    """Settings that queue background work (titles) on Redis, as production does, for no worker.

    The serving process pays what production pays for a title (queueing it); generating titles is
    left out of the bench, as the peers keep none. The queue is removed afterwards.
    """
    import redis

    prefix = f"chatkit-bench-{uuid.uuid4().hex[:8]}:"
    try:
        yield {"CELERY_BROKER_URL": REDIS, "REDIS_KEY_PREFIX": prefix}
    finally:
        client = redis.Redis.from_url(REDIS)
        keys = list(client.scan_iter(match=prefix + "*"))
        if keys:
            client.delete(*keys)


@dataclass
class Stack:
    name: str
    base: str
    path: str
    pid: int
    login: str  # "prefix:password" for loadgen, or "" when the stack has no auth

    def processes(self) -> list[psutil.Process]:
        """The server and the workers it started (hypercorn serves from a child process)."""
        process = psutil.Process(self.pid)
        return [process, *process.children(recursive=True)]

    def cpu_seconds(self) -> float:
        return sum(times.user + times.system for times in (p.cpu_times() for p in self.processes()))

    def rss_bytes(self) -> int:
        return sum(p.memory_info().rss for p in self.processes())

    def peak_rss_bytes(self) -> int:
        return sum(_peak_rss(p.pid) for p in self.processes())


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


@contextmanager
def reference_stack(*, deltas: int, pace: float = 0.0) -> Iterator[Stack]:
    """The SDK's in-memory sample shape: the ceiling."""
    with _fastapi_stack("reference", "tests.bench.reference_app:app", deltas=deltas, pace=pace) as stack:
        yield stack


@contextmanager
def peer_stack(*, deltas: int, pace: float = 0.0) -> Iterator[Stack]:
    """The persistent FastAPI peer on its own PostgreSQL database."""
    with postgres_database() as url, _fastapi_stack(
        "peer-postgres", "tests.bench.peer_app:app", deltas=deltas, pace=pace, PEER_DATABASE_URL=url.replace("postgres://", "postgresql://"),
    ) as stack:
        yield stack


@contextmanager
def _fastapi_stack(name: str, app: str, *, deltas: int, pace: float, **extra: str) -> Iterator[Stack]:
    port = free_port()
    env = {**os.environ, "CHATKIT_OFFLINE_FIXED_DELTAS": str(deltas), "CHATKIT_OFFLINE_PACE": str(pace), **extra}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
         "--loop", "uvloop", "--http", "httptools", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/docs", process)
        yield Stack(name, f"http://127.0.0.1:{port}", "/chatkit", process.pid, "")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early ({process.returncode})")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def migrate_and_seed(app_env: AppEnv, *, users: int, prefix: str = "bench", extra_code: str = "") -> None:
    """One process for all of it: each Django start costs seconds of imports.

    The users share one password hash: hashing once keeps setup fast.
    """
    code = (
        "from django.core.management import call_command; call_command('migrate', interactive=False, verbosity=0)\n"
        "from django.contrib.auth import get_user_model; from django.contrib.auth.hashers import make_password\n"
        f"U = get_user_model(); h = make_password({PASSWORD!r})\n"
        f"U.objects.bulk_create([U(username=f'{prefix}{{n}}', password=h) for n in range({users})], ignore_conflicts=True)\n"
        + extra_code
    )
    manage("shell", "-c", code, env=app_env.env(), root=app_env.root)


@contextmanager
def app_env_for(database: str, var_dir: Path, *, users: int, extra_seed: str = "", root: Path = ROOT) -> Iterator[AppEnv]:
    with ExitStack() as stack:
        if database == "postgres":
            url = stack.enter_context(postgres_database())
        else:
            url = f"sqlite:///{var_dir / 'bench.sqlite3'}"
        broker = stack.enter_context(unconsumed_broker())
        app_env = AppEnv(database_url=url, var_dir=var_dir, extra={**FAST_ENV, **broker}, root=root)
        migrate_and_seed(app_env, users=users, extra_code=extra_seed)
        yield app_env


@contextmanager
def our_stack(app_env: AppEnv, name: str, *, deltas: int, pace: float = 0.0, asgi_server: str = "uvicorn") -> Iterator[Stack]:
    with daphne_server(app_env, asgi_server=asgi_server, CHATKIT_OFFLINE_FIXED_DELTAS=str(deltas), CHATKIT_OFFLINE_PACE=str(pace)) as server:
        yield Stack(name, server.url, "/api/chatkit", server.process.pid, f"bench:{PASSWORD}")
