"""Writes to attachments."""
from __future__ import annotations

from typing import Any

from .models import Attachment
from .selectors import attachment_for_user


def attachment_metadata_save(*, user: Any, attachment_id: str, data: dict[str, Any]) -> Attachment:
    """Update the SDK payload (e.g. the thread it now belongs to) of an attachment the user owns."""
    attachment = Attachment.objects.get(id=attachment_id, owner=user)
    attachment.data = data
    attachment.thread_id = data.get("thread_id") or attachment.thread_id
    attachment.save(update_fields=["data", "thread"])
    return attachment


def attachment_metadata_delete(*, user: Any, attachment_id: str) -> None:
    attachment = attachment_for_user(user=user, attachment_id=attachment_id)
    if attachment.owner_id != user.pk:
        raise Attachment.DoesNotExist("Only the owner can delete an attachment.")
    attachment.delete()
