"""/healthz/ready names what is down and answers 503 when anything is; details only for staff.
/healthz/live answers without touching anything."""
from __future__ import annotations

import threading
import time

import pytest

from tests.processes import free_port

pytestmark = pytest.mark.django_db
REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_everywhere(settings):
    """The production wiring: Redis cache, Redis channel layer, Redis broker, no eager tasks."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [REDIS_URL], "prefix": "test-healthz"}}
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = REDIS_URL
    return settings


def test_it_reports_every_dependency_up(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"database", "cache", "channel_layer", "broker"}
    assert response.json()["ok"] is True


def test_it_reports_redis_and_the_broker_up_when_they_are_used(admin_client, redis_everywhere):
    response = admin_client.get("/healthz")
    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks["cache"]["detail"] == "RedisCache"
    assert checks["channel_layer"]["detail"] == "RedisChannelLayer"
    assert checks["broker"]["detail"] == "redis reachable"


def test_it_answers_503_naming_an_unreachable_broker(admin_client, redis_everywhere):
    redis_everywhere.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    started = time.monotonic()
    response = admin_client.get("/healthz")
    # Load balancers probe often with short limits; kombu's default retry pause alone is 2 s.
    assert time.monotonic() - started < 1.8
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False and body["checks"]["broker"]["ok"] is False
    assert all(body["checks"][name]["ok"] for name in ("database", "cache", "channel_layer"))


def test_it_answers_503_naming_an_unreachable_channel_layer(admin_client, redis_everywhere):
    redis_everywhere.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [f"redis://127.0.0.1:{free_port()}/0"]}}
    }
    response = admin_client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["channel_layer"]["ok"] is False and checks["broker"]["ok"] is True


def test_it_counts_an_in_memory_broker_as_not_used(admin_client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    broker = admin_client.get("/healthz/ready").json()["checks"]["broker"]
    assert broker["ok"] is True and broker["detail"].startswith("not used")



def test_it_tells_anonymous_callers_names_and_states_only(client, redis_everywhere):
    redis_everywhere.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": {"ok": True}, "cache": {"ok": True}, "channel_layer": {"ok": True}, "broker": {"ok": False}
    }
    assert "Error" not in response.content.decode() and "refused" not in response.content.decode()


def test_it_gives_up_on_a_dependency_that_hangs(admin_client, monkeypatch):
    from chatkit_site import health

    release = threading.Event()
    monkeypatch.setitem(health.CHECKS, "cache", lambda: release.wait(10) and "late")
    try:
        started = time.monotonic()
        response = admin_client.get("/healthz/ready")
        elapsed = time.monotonic() - started
    finally:
        release.set()
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"ok": False, "detail": "no answer within 1 s"}
    assert elapsed < 3


def test_live_answers_without_any_io(client, settings, django_assert_num_queries):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{free_port()}/0"}}
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert (response.status_code, response.json()) == (200, {"ok": True})
