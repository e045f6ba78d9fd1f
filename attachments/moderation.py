"""Moderation of attachments: revoke, restore and delete, each by an acting user with a reason.

Revoking flips the status `attachment_for_user` already refuses, so every path that serves an
attachment (the store, previews, model input) stops at once; restoring brings it back.
"""
from __future__ import annotations

from typing import Any

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.db import transaction

from chatkit_site.moderation import ModerationError, require_permission, require_reason

from .models import Attachment, AttachmentStatus

CHANGE_ATTACHMENT = "attachments.change_attachment"
DELETE_ATTACHMENT = "attachments.delete_attachment"


def attachment_revoke(*, actor: Any, attachment: Attachment, reason: str) -> Attachment:
    require_permission(actor, CHANGE_ATTACHMENT)
    reason = _reason(reason)
    if attachment.status == AttachmentStatus.REVOKED:
        raise ModerationError(f"Attachment {attachment.name} is already revoked.")
    return _set_status(actor, attachment, AttachmentStatus.REVOKED, f"Revoked attachment. Reason: {reason}", reason)


def attachment_restore(*, actor: Any, attachment: Attachment, reason: str) -> Attachment:
    require_permission(actor, CHANGE_ATTACHMENT)
    reason = _reason(reason)
    if attachment.status != AttachmentStatus.REVOKED:
        raise ModerationError(f"Attachment {attachment.name} is not revoked.")
    status = AttachmentStatus.READY if attachment.file else AttachmentStatus.AWAITING_UPLOAD
    return _set_status(actor, attachment, status, f"Restored attachment. Reason: {reason}", "")


def attachment_moderator_delete(*, actor: Any, attachment: Attachment, reason: str = "") -> None:
    """Delete the row and its stored bytes (file and preview)."""
    require_permission(actor, DELETE_ATTACHMENT)
    with transaction.atomic():
        LogEntry.objects.log_actions(
            user_id=actor.pk, queryset=[attachment], action_flag=DELETION, single_object=True,
            change_message="Deleted attachment and its stored bytes" + (f". Reason: {reason.strip()}" if reason.strip() else ""),
        )
        files = [f for f in (attachment.file, attachment.preview) if f]
        attachment.delete()
        # Bytes go only once the row is surely gone: a rolled-back delete must not lose them.
        transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


def _set_status(actor: Any, attachment: Attachment, status: str, message: str, detail: str) -> Attachment:
    with transaction.atomic():
        attachment.status = status
        attachment.status_detail = detail
        attachment.save(update_fields=["status", "status_detail"])
        LogEntry.objects.log_actions(user_id=actor.pk, queryset=[attachment], action_flag=CHANGE, change_message=message, single_object=True)
    return attachment


def _reason(reason: str) -> str:
    return require_reason(reason, where="it is kept in the admin log")
