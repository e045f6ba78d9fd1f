"""Reads of attachments. `attachment_for_user` is the one access rule every path uses."""
from __future__ import annotations

from typing import Any

from .models import Attachment, AttachmentStatus


def attachment_for_user(*, user: Any, attachment_id: str) -> Attachment:
    """The attachment if `user` may read it; otherwise DoesNotExist, exactly as for a missing id."""
    return Attachment.objects.exclude(status=AttachmentStatus.REVOKED).get(id=attachment_id, owner=user)
