"""With the broker (Redis) down, turns do not wait on it: one refused connect opens a breaker,
the warning is logged once per interval, and the first publish after it tries again, so queueing
resumes by itself once Redis is back. The last test measures it on real daphne processes."""
from __future__ import annotations

import logging
import statistics
import time

import pytest

from chatkit_site.celery import app as celery_app
from chatkit_site.celery import publish
from tests.processes import AppEnv, daphne_server, free_port
from threads.tasks import generate_thread_title

from .forwarder import Forwarder


@pytest.fixture
def broker_via_forwarder(settings):
    """Celery publishing to the real Redis through a forwarder the test can close and open."""
    forwarder = Forwarder(("127.0.0.1", 6379))
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = f"redis://127.0.0.1:{forwarder.port}/12"
    forget_connections()
    yield forwarder
    forwarder.stop()
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    forget_connections()


def forget_connections() -> None:
    # Celery caches its connection and producer pools; drop them so the new broker URL is used.
    celery_app._pool = None  # noqa: SLF001
    celery_app.amqp._producer_pool = None  # noqa: SLF001


def test_the_breaker_opens_logs_once_and_closes_by_itself(broker_via_forwarder, settings, caplog):
    caplog.set_level(logging.INFO, logger="chatkit_site.celery")
    settings.CELERY_BROKER_RETRY_SECONDS = 0.5
    assert [publish(generate_thread_title, ("thr_x",)) for _ in range(20)] == [None] * 20
    warnings = [r for r in caplog.records if "broker unreachable" in r.getMessage()]
    assert len(warnings) == 1
    broker_via_forwarder.start()  # Redis is back
    assert publish(generate_thread_title, ("thr_x",)) is None  # still within the interval: not tried
    time.sleep(0.6)
    assert publish(generate_thread_title, ("thr_x",)) is not None  # tried again, and queued
    assert any("broker reachable again" in r.getMessage() for r in caplog.records)


def test_uploads_queue_their_processing_through_the_same_breaker(broker_via_forwarder, settings, caplog):
    from attachments.services import attachment_processing_request

    caplog.set_level(logging.INFO)
    settings.CELERY_BROKER_RETRY_SECONDS = 30
    started = time.monotonic()
    for n in range(10):
        attachment_processing_request(attachment_id=f"atc_{n}")  # never raises: the upload stays usable
    seconds = time.monotonic() - started
    messages = [r.getMessage() for r in caplog.records]
    # One connect attempt opened the breaker; the other nine uploads did not wait on the broker.
    assert sum("broker unreachable" in m for m in messages) == 1, messages
    assert sum("processing not queued" in m for m in messages) == 10, messages
    assert seconds < 1.0, seconds


def turn_seconds(url: str, client, count: int) -> list[float]:
    body = {"type": "threads.create", "params": {"input": {"content": [{"type": "input_text", "text": "hi"}], "attachments": [], "inference_options": {}}}}
    times = []
    for _ in range(count):
        started = time.monotonic()
        response = client.post("/api/chatkit", json=body)
        assert response.status_code == 200 and '"thread.item.done"' in response.text, response.text[:500]
        times.append(time.monotonic() - started)
    return times


@pytest.mark.integration
def test_on_daphne_a_dead_broker_adds_at_most_100_ms_to_a_turn(tmp_path):
    from tests.conftest import PASSWORD

    app_env = AppEnv(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", var_dir=tmp_path)
    app_env.migrate()
    app_env.create_user("alice", PASSWORD)
    medians = {}
    for name, broker in (("no broker wait", "memory://"), ("broker down", f"redis://127.0.0.1:{free_port()}/0")):
        with daphne_server(app_env, CELERY_BROKER_URL=broker, CELERY_TASK_ALWAYS_EAGER="0") as server:
            from tests.processes import login

            client = login(server.url, "alice", PASSWORD)
            turn_seconds(server.url, client, 2)  # warm up
            medians[name] = statistics.median(turn_seconds(server.url, client, 7))
            log = server.log()
        if name == "broker down":
            assert log.count("broker unreachable") == 1, log[-3000:]
    print(f"[broker] median turn: {medians}")
    assert medians["broker down"] - medians["no broker wait"] <= 0.1, medians
