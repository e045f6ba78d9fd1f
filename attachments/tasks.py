"""Background processing of uploaded attachments."""
from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

logger = logging.getLogger(__name__)


# Retries by hand rather than with `autoretry_for`: the last failure must still mark the
# attachment failed (with a reason staff can read) instead of leaving it "processing".
# Time limits bound a hostile file's work on a worker (soft: marked failed; hard: killed).
@shared_task(
    bind=True, max_retries=3,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT, time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def process_attachment(self, attachment_id: str) -> str | None:  # type: ignore[no-untyped-def]
    from .processing import UnprocessableFile, attachment_process, attachment_processing_failed

    try:
        attachment = attachment_process(attachment_id=attachment_id)
    except SoftTimeLimitExceeded:
        attachment_processing_failed(attachment_id=attachment_id, detail="Processing took too long and was stopped.")
        return "failed"
    except UnprocessableFile as exc:
        attachment_processing_failed(attachment_id=attachment_id, detail=str(exc))
        return "failed"
    except Exception as exc:  # storage or database trouble: worth another try
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.warning("attachment %s not processed: %s", attachment_id, exc)
            attachment_processing_failed(attachment_id=attachment_id, detail=f"Processing failed: {exc}")
            return "failed"
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
    if attachment is None:
        return None
    if attachment.thread_id:
        _notify(owner_id=attachment.owner_id, thread_id=attachment.thread_id)
    return attachment.status


def _notify(*, owner_id: int, thread_id: str) -> None:
    try:
        from chatkit_site.live import notify_thread_changed
    except ImportError:  # live updates are optional
        return
    notify_thread_changed(user_id=owner_id, thread_id=thread_id, reason="attachment_processed")
