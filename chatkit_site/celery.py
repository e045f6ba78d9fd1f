"""The Celery app: configured from Django settings (CELERY_*), tasks discovered per app.

`publish` is how the request path queues work: it never raises, and while the broker is down it
does not even try. After a failed publish the breaker stays open for
`CELERY_BROKER_RETRY_SECONDS`, and the warning is logged once per such interval, so a dead Redis
costs a turn one short connect attempt (`CELERY_BROKER_PUBLISH_TIMEOUT`, no retries: see the
transport options in settings) per interval instead of seconds every time. The first publish
after the interval tries again, so the breaker closes by itself when the broker is back.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatkit_site.settings")

app = Celery("chatkit_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


class BrokerBreaker:
    """Per broker URL, so pointing the app at another broker starts afresh."""

    def __init__(self) -> None:
        self._open_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def allows(self, url: str) -> bool:
        return time.monotonic() >= self._open_until.get(url, 0.0)

    def failed(self, url: str, exc: BaseException, *, retry_seconds: float) -> None:
        with self._lock:
            if not self.allows(url):
                return  # another thread already opened it (and logged)
            self._open_until[url] = time.monotonic() + retry_seconds
        logger.warning("broker unreachable, not queueing background work for %g s: %s", retry_seconds, exc)

    def succeeded(self, url: str) -> None:
        if self._open_until.pop(url, None) is not None:
            logger.info("broker reachable again")


breaker = BrokerBreaker()


def publish(task: Any, args: tuple[Any, ...]) -> Any | None:
    """`task.apply_async(args)`, or None when the broker is down (now or recently)."""
    from django.conf import settings

    if app.conf.task_always_eager:
        return task.apply_async(args)  # in-process: no broker to wait for
    url = str(app.conf.broker_url)
    if not breaker.allows(url):
        return None
    try:
        result = task.apply_async(args, retry=False)
    except Exception as exc:  # kombu raises several types for "broker down"
        breaker.failed(url, exc, retry_seconds=settings.CELERY_BROKER_RETRY_SECONDS)
        return None
    breaker.succeeded(url)
    return result
