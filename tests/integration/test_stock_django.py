"""Ordinary Django settings and patterns on a real daphne process: the request path is Django's
stock ASGI handler, middleware, sessions and connection pool, so what Django documents holds."""
from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from tests.chatkit_client import user_input
from tests.processes import (
    POSTGRES_ADMIN_URL,
    AppEnv,
    daphne_server,
    login,
    postgres_database,
)

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery staple"
THREADS_LIST = {"type": "threads.list", "params": {"limit": 20}}
DOM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def dom_token(page: httpx.Response) -> str:
    match = DOM_TOKEN.search(page.text)
    assert match, "the page carries no CSRF token in its DOM"
    return match.group(1)


def events(body: str) -> list[dict]:
    return [json.loads(line[6:]) for line in body.splitlines() if line.startswith("data: ")]


def new_thread(client: httpx.Client, text: str) -> list[dict]:
    response = client.post("/api/chatkit", json={"type": "threads.create", "params": {"input": user_input(text)}})
    assert response.status_code == 200, response.text
    streamed = events(response.text)
    assert streamed[0]["type"] == "thread.created", streamed[:2]
    assert not [e for e in streamed if e["type"] == "error"], streamed[-3:]
    return streamed


@pytest.fixture(scope="module")
def sqlite_env(tmp_path_factory: pytest.TempPathFactory) -> AppEnv:
    app_env = AppEnv(database_url="", var_dir=tmp_path_factory.mktemp("stock-django"))
    app_env.database_url = f"sqlite:///{app_env.var_dir / 'db.sqlite3'}"
    app_env.migrate()
    for name in ("alice", "bob"):
        app_env.create_user(name, PASSWORD)
    return app_env


def test_with_csrf_in_the_session_the_page_token_opens_the_endpoint_and_nothing_else_does(sqlite_env):
    with daphne_server(sqlite_env, CSRF_USE_SESSIONS="1") as server:
        client = httpx.Client(base_url=server.url, timeout=30.0)
        login_page = client.get("/login/")
        assert "csrftoken" not in client.cookies  # the token is in the session, as configured
        signed_in = client.post("/login/", data={"username": "alice", "password": PASSWORD,
                                                 "csrfmiddlewaretoken": dom_token(login_page)})
        assert signed_in.status_code == 302, signed_in.text[:500]
        token = dom_token(client.get("/"))  # the chat page, as its script reads it
        with_token = client.post("/api/chatkit", json=THREADS_LIST, headers={"X-CSRFToken": token})
        assert with_token.status_code == 200, with_token.text[:500]
        without = client.post("/api/chatkit", json=THREADS_LIST)
        assert without.status_code == 403
        assert "Traceback" not in server.log() and " 500 " not in server.log()


def test_a_request_started_receiver_that_queries_the_orm_leaves_requests_working(sqlite_env, tmp_path):
    receiver_log = tmp_path / "receiver.log"
    overrides = {"DJANGO_SETTINGS_MODULE": "tests.integration.receiver_settings", "RECEIVER_LOG": str(receiver_log)}
    with daphne_server(sqlite_env, **overrides) as server:
        client = login(server.url, "alice", PASSWORD)
        new_thread(client, "Hello there")
        listed = client.post("/api/chatkit", json=THREADS_LIST)
        assert listed.status_code == 200, listed.text[:500]
        assert client.get("/").status_code == 200
    counts = receiver_log.read_text().split()
    assert len(counts) >= 5 and set(counts) == {"2"}  # it ran on every request and saw both users


@pytest.fixture(scope="module")
def postgres_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppEnv]:
    with postgres_database() as url:
        app_env = AppEnv(database_url=url, var_dir=tmp_path_factory.mktemp("stock-django-pg"))
        app_env.migrate()
        for name in ("alice", "bob"):
            app_env.create_user(name, PASSWORD)
        yield app_env


def terminate_app_connections(database_url: str) -> int:
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()
    return row[0]


def app_connections(database_url: str) -> int:
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as admin:
        return admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]).fetchone()[0]


def test_after_every_app_connection_is_terminated_the_very_next_chat_request_succeeds(postgres_env):
    with daphne_server(postgres_env, asgi_server="uvicorn") as server:  # the production server
        client = login(server.url, "alice", PASSWORD)
        for turn in range(3):  # every pooled connection has served the chat path
            new_thread(client, f"Warm-up question {turn}")
        assert terminate_app_connections(postgres_env.database_url) >= 1
        new_thread(client, "Am I still served?")
        listed = client.post("/api/chatkit", json=THREADS_LIST)
        assert listed.status_code == 200 and len(listed.json()["data"]) == 4


def test_with_a_small_pool_open_streams_neither_exhaust_it_nor_mix_users(postgres_env):
    """More open streams than pooled connections, from two users at once: each sees only its own
    threads, every stream finishes, and the process never opens more connections than its pool."""
    url = postgres_env.database_url + "?pool_max_size=4&pool_min_size=1"
    slow = {"CHATKIT_OFFLINE_PACE": "0.01", "CHATKIT_OFFLINE_FIXED_DELTAS": "150", "CHATKIT_DB_THREADS": "2"}
    with daphne_server(postgres_env, DATABASE_URL=url, **slow) as server:
        clients = {name: login(server.url, name, PASSWORD) for name in ("alice", "bob")}
        failures: list[str] = []
        peak = [0]
        created: dict[str, set[str]] = {name: set() for name in clients}

        def stream(name: str, index: int) -> None:
            try:
                streamed = new_thread(clients[name], f"{name} stream {index}")
                created[name].add(streamed[0]["thread"]["id"])
            except AssertionError as exc:
                failures.append(f"{name} {index}: {exc}")

        def listed_ids(client: httpx.Client) -> set[str]:
            listed = client.post("/api/chatkit", json={"type": "threads.list", "params": {"limit": 100}})
            assert listed.status_code == 200, listed.text[:300]
            return {thread["id"] for thread in listed.json()["data"]}

        workers = [threading.Thread(target=stream, args=(name, i)) for name in clients for i in range(4)]
        for worker in workers:
            worker.start()
        while any(worker.is_alive() for worker in workers):
            peak[0] = max(peak[0], app_connections(postgres_env.database_url))
            for client in clients.values():  # the list answers while the streams are open
                listed_ids(client)
        for worker in workers:
            worker.join()
        assert not failures, failures
        alices, bobs = listed_ids(clients["alice"]), listed_ids(clients["bob"])
        assert created["alice"] <= alices and created["bob"] <= bobs
        assert not alices & bobs and len(created["alice"]) == len(created["bob"]) == 4
        assert peak[0] <= 4, f"{peak[0]} connections for a pool of 4"
        assert "Traceback" not in server.log(), server.log()[-3000:]


