"""Queueing background work from the request path without ever failing the request."""
from __future__ import annotations

import logging

from celery.result import EagerResult
from django.db import transaction

logger = logging.getLogger(__name__)


def request_thread_title(*, thread_id: str) -> str | None:
    """Queue title generation once the current transaction commits.

    Returns the title when the task already ran in-process (Celery eager, the embedded default),
    so the caller can show it at once; None when a worker will do it later.

    If the broker is unreachable the thread keeps no title (ChatKit shows its default label) and
    chatting carries on: the failure is logged, not raised. The next message asks again.
    """
    from .tasks import generate_thread_title

    titles: list[str] = []

    def enqueue() -> None:
        try:
            result = generate_thread_title.apply_async((thread_id,), retry=False)
        except Exception as exc:  # kombu raises several types for "broker down"
            logger.warning("title generation not queued: broker unreachable (thread %s: %s)", thread_id, exc)
            return
        if isinstance(result, EagerResult) and isinstance(result.result, str):
            titles.append(result.result)

    transaction.on_commit(enqueue)
    return titles[0] if titles else None
