"""/healthz names what is down and answers 503 when anything is."""
from __future__ import annotations

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
    response = client.get("/healthz")
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"database", "cache", "channel_layer", "broker"}
    assert response.json()["ok"] is True


def test_it_reports_redis_and_the_broker_up_when_they_are_used(client, redis_everywhere):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks["cache"]["detail"] == "RedisCache"
    assert checks["channel_layer"]["detail"] == "RedisChannelLayer"
    assert checks["broker"]["detail"] == "redis reachable"


def test_it_answers_503_naming_an_unreachable_broker(client, redis_everywhere):
    redis_everywhere.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    started = time.monotonic()
    response = client.get("/healthz")
    # Load balancers probe often with short limits; kombu's default retry pause alone is 2 s.
    assert time.monotonic() - started < 1.8
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False and body["checks"]["broker"]["ok"] is False
    assert all(body["checks"][name]["ok"] for name in ("database", "cache", "channel_layer"))


def test_it_answers_503_naming_an_unreachable_channel_layer(client, redis_everywhere):
    redis_everywhere.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [f"redis://127.0.0.1:{free_port()}/0"]}}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["channel_layer"]["ok"] is False and checks["broker"]["ok"] is True


def test_it_counts_an_in_memory_broker_as_not_used(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    broker = client.get("/healthz").json()["checks"]["broker"]
    assert broker["ok"] is True and broker["detail"].startswith("not used")

