"""Background work for threads. Tasks take ids and call services; they retry on model errors."""
from __future__ import annotations

import asyncio
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

logger = logging.getLogger(__name__)


@shared_task(
    bind=True, max_retries=4,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT, time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def generate_thread_title(self, thread_id: str) -> str | None:  # type: ignore[no-untyped-def]
    from agents_app.titles import title_for
    from chatkit_site.live import notify_thread_changed

    from .services import thread_title_generated, thread_title_source

    source = thread_title_source(thread_id=thread_id)
    if source is None:
        return None
    owner_id, text = source
    try:
        title = asyncio.run(title_for(text))
    except SoftTimeLimitExceeded:
        logger.warning("title for thread %s not generated: the model took too long", thread_id)
        return None
    except Exception as exc:
        if self.request.is_eager:  # in-process: retrying here would only hold up the request
            logger.warning("title for thread %s not generated: %s", thread_id, exc)
            return None
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
    if not thread_title_generated(thread_id=thread_id, title=title):
        return None
    logger.info("thread %s titled %r", thread_id, title)
    notify_thread_changed(user_id=owner_id, thread_id=thread_id, reason="title")
    return title
