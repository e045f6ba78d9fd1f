"""A database outage answers JSON, quickly: on a real daphne over a PostgreSQL database this test
owns, made unreachable by refusing it new connections and ending the ones it has (the shared
server keeps running). Then it comes back and requests succeed again."""
from __future__ import annotations

import time

import httpx
import psycopg
import pytest

from tests.conftest import PASSWORD
from tests.processes import POSTGRES_ADMIN_URL, AppEnv, daphne_server, login, postgres_database

pytestmark = [pytest.mark.postgres, pytest.mark.integration]
UNAVAILABLE = {"error": "The database is unavailable, try again shortly."}


def set_reachable(name: str, reachable: bool) -> None:
    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if reachable else "false"}')
        if not reachable:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])


def timed(call) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_an_unreachable_database_gets_json_503_within_two_seconds(tmp_path):
    with postgres_database() as url:
        name = url.rsplit("/", 1)[1]
        app_env = AppEnv(database_url=url, var_dir=tmp_path)
        app_env.migrate()
        app_env.create_user("alice", PASSWORD)
        with daphne_server(app_env) as server:
            client = login(server.url, "alice", PASSWORD)
            assert client.post("/api/chatkit", json={"type": "threads.list", "params": {}}).status_code == 200
            set_reachable(name, False)
            try:
                for _ in range(3):
                    response, seconds = timed(lambda: client.post("/api/chatkit", json={"type": "threads.list", "params": {}}))
                    assert (response.status_code, response.json()) == (503, UNAVAILABLE), response.text[:500]
                    assert int(response.headers["Retry-After"]) >= 1
                    assert seconds < 2, seconds
                    print(f"[outage] threads.list answered 503 in {seconds:.2f} s")
                page, seconds = timed(lambda: client.get("/"))
                assert page.status_code == 503 and page.json() == UNAVAILABLE and seconds < 2
                ready, seconds = timed(lambda: httpx.get(server.url + "/healthz/ready", timeout=10))
                assert ready.status_code == 503 and ready.json()["checks"]["database"] == {"ok": False} and seconds < 2
                assert httpx.get(server.url + "/healthz/live").status_code == 200
            finally:
                set_reachable(name, True)
            deadline = time.monotonic() + 10
            while (status := client.post("/api/chatkit", json={"type": "threads.list", "params": {}}).status_code) != 200:
                assert status == 503 and time.monotonic() < deadline
                time.sleep(0.2)
            log = server.log()
        assert "Traceback" not in log, log[-4000:]
