"""/healthz names what is down and answers 503 when anything is."""
from __future__ import annotations

import socket

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
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False and body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
