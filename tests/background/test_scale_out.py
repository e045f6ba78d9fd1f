"""Two server processes and a Celery worker sharing PostgreSQL and Redis, as in production.

One process is uvicorn (the production command, with uvloop and httptools), the other daphne
(what `runserver` uses), so HTTP streams and live-update websockets work under both.

A thread started on one process continues on the other; the title a worker generates reaches
sockets open on either process; a renamed thread keeps its name; nobody else hears a thing.
"""
from __future__ import annotations

import json
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import pytest
import redis
from websockets.exceptions import ConnectionClosedError, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from tests.chatkit_client import user_input
from tests.processes import (
    PYTHON,
    ROOT,
    AppEnv,
    DaphneServer,
    daphne_server,
    login,
    postgres_database,
)

pytestmark = pytest.mark.integration
REDIS_URL = "redis://127.0.0.1:6379/11"
PASSWORD = "scale-out-password-1"


@dataclass
class Cluster:
    app_env: AppEnv
    a: DaphneServer
    b: DaphneServer
    stack: ExitStack

    def start_worker(self) -> subprocess.Popen[bytes]:
        worker = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "chatkit_site", "worker", "-P", "solo", "-c", "1",
             "--without-gossip", "--without-mingle", "--loglevel", "WARNING"],
            cwd=ROOT, env=self.app_env.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.stack.callback(_stop, worker)
        return worker


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    # A prefix of this run's own: a concurrent run of this suite shares the Redis database, and
    # its worker must not take our tasks nor its alice (also user 1) hear our events.
    prefix = f"scale-out-{uuid.uuid4().hex[:8]}:"
    with ExitStack() as stack:
        stack.callback(_forget_keys, prefix)
        url = stack.enter_context(postgres_database())
        extra = {"REDIS_URL": REDIS_URL, "REDIS_KEY_PREFIX": prefix}
        app_env = AppEnv(database_url=url, var_dir=tmp_path_factory.mktemp("scale-out"), extra=extra)
        app_env.migrate()
        for name in ("alice", "bob"):
            app_env.create_user(name, PASSWORD)
        a = stack.enter_context(daphne_server(app_env, asgi_server="uvicorn"))
        b = stack.enter_context(daphne_server(app_env))
        yield Cluster(app_env, a, b, stack)


def _forget_keys(prefix: str) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)


def socket_for(server: DaphneServer, username: str) -> ClientConnection:
    client = login(server.url, username, PASSWORD)
    host = server.url.removeprefix("http://")
    return connect(
        f"ws://{host}/ws/updates/",
        additional_headers={"Cookie": f"sessionid={client.cookies['sessionid']}", "Origin": server.url},
        open_timeout=10,
    )


def events_until(socket: ClientConnection, thread_id: str, timeout: float = 30) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen.append(json.loads(socket.recv(timeout=max(0.1, deadline - time.monotonic()))))
        except TimeoutError:
            break
        if seen[-1].get("thread_id") == thread_id:
            break
    return seen


def create_thread(server: DaphneServer, username: str, text: str) -> str:
    client = login(server.url, username, PASSWORD)
    body = {"type": "threads.create", "params": {"input": user_input(text)}}
    with client.stream("POST", "/api/chatkit", json=body) as response:
        assert response.status_code == 200
        lines = [line for line in response.iter_lines() if line.startswith("data: ")]
    return json.loads(lines[0][6:])["thread"]["id"]


def test_it_spreads_one_conversation_and_its_updates_across_processes(cluster: Cluster):
    # Start both threads before any worker runs, so the rename certainly comes first.
    titled = create_thread(cluster.a, "alice", "Explain widget actions in ChatKit please")
    renamed = create_thread(cluster.a, "alice", "Something I will rename")
    alice_on_a = login(cluster.a.url, "alice", PASSWORD)
    response = alice_on_a.post("/api/chatkit", json={"type": "threads.update", "params": {"thread_id": renamed, "title": "Mine"}})
    assert response.status_code == 200

    alice_on_b = login(cluster.b.url, "alice", PASSWORD)
    follow_up = alice_on_b.post(
        "/api/chatkit", json={"type": "threads.add_user_message", "params": {"thread_id": titled, "input": user_input("And forms?")}}
    )
    assert follow_up.status_code == 200 and '"assistant_message"' in follow_up.text

    with socket_for(cluster.a, "alice") as on_a, socket_for(cluster.b, "alice") as on_b, socket_for(cluster.a, "bob") as bob:
        cluster.start_worker()
        heard_on_b = events_until(on_b, titled)
        heard_on_a = events_until(on_a, titled)
        assert {"type": "thread.changed", "thread_id": titled, "reason": "title"} in heard_on_b
        assert {"type": "thread.changed", "thread_id": titled, "reason": "title"} in heard_on_a
        with pytest.raises(TimeoutError):
            bob.recv(timeout=1)

    thread = alice_on_b.post("/api/chatkit", json={"type": "threads.get_by_id", "params": {"thread_id": titled}}).json()
    assert thread["title"] == "Explain widget actions in ChatKit please"
    assert [i["type"] for i in thread["items"]["data"]].count("assistant_message") == 2
    kept = alice_on_b.post("/api/chatkit", json={"type": "threads.get_by_id", "params": {"thread_id": renamed}}).json()
    assert kept["title"] == "Mine"


def test_it_refuses_an_anonymous_socket_on_a_real_server(cluster: Cluster):
    host = cluster.a.url.removeprefix("http://")
    with connect(f"ws://{host}/ws/updates/", additional_headers={"Origin": cluster.a.url}, open_timeout=10) as socket:
        with pytest.raises(ConnectionClosedError) as refused:
            socket.recv(timeout=5)
    # The close code, not an HTTP 403, is what tells the page to stop retrying.
    assert refused.value.rcvd is not None and refused.value.rcvd.code == 4401


def test_it_refuses_a_foreign_origin_on_a_real_server(cluster: Cluster):
    host = cluster.a.url.removeprefix("http://")
    client = login(cluster.a.url, "alice", PASSWORD)
    headers = {"Cookie": f"sessionid={client.cookies['sessionid']}", "Origin": "http://evil.example"}
    with pytest.raises(InvalidStatus) as refused:
        connect(f"ws://{host}/ws/updates/", additional_headers=headers, open_timeout=10)
    assert refused.value.response.status_code == 403


def test_it_reports_redis_and_the_broker_healthy_on_a_real_server(cluster: Cluster):
    import httpx

    response = httpx.get(f"{cluster.b.url}/healthz", timeout=10)
    assert response.status_code == 200, response.text
    checks = response.json()["checks"]  # anonymous: names and states only (details are for staff)
    assert checks == {name: {"ok": True} for name in ("database", "cache", "channel_layer", "broker")}
