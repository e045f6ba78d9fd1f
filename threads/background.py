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
    chatting carries on: `publish` logs it once per interval and skips the broker meanwhile
    (chatkit_site/celery.py). The next message asks again.
    """
    from chatkit_site.celery import publish

    from .tasks import generate_thread_title

    titles: list[str] = []

    def enqueue() -> None:
        result = publish(generate_thread_title, (thread_id,))
        if isinstance(result, EagerResult) and isinstance(result.result, str):
            titles.append(result.result)

    transaction.on_commit(enqueue)
    return titles[0] if titles else None
