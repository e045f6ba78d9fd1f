"""Queueing background work from the request path without ever failing the request."""
from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def request_thread_title(*, thread_id: str) -> None:
    """Queue title generation once the current transaction commits.

    If the broker is unreachable the thread keeps no title (ChatKit shows its default label) and
    chatting carries on: the failure is logged, not raised.
    """
    from .tasks import generate_thread_title

    def enqueue() -> None:
        try:
            generate_thread_title.apply_async((thread_id,), retry=False)
        except Exception as exc:  # kombu raises several types for "broker down"
            logger.warning("title generation not queued: broker unreachable (thread %s: %s)", thread_id, exc)

    transaction.on_commit(enqueue)
