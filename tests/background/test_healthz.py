"""/healthz names what is down and answers 503 when anything is."""
from __future__ import annotations

import socket
import time

import pytest

pytestmark = pytest.mark.django_db


def test_it_reports_every_dependency_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"database", "cache", "channel_layer", "broker"}
    assert response.json()["ok"] is True


def test_it_answers_503_naming_an_unreachable_broker(client, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    started = time.monotonic()
    response = client.get("/healthz")
    # Load balancers probe often with short limits; kombu's default retry pause alone is 2 s.
    assert time.monotonic() - started < 1.8
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False and body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_it_counts_an_in_memory_broker_as_not_used(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    broker = client.get("/healthz").json()["checks"]["broker"]
    assert broker["ok"] is True and broker["detail"].startswith("not used")
