"""Writes to attachments: uploads (direct and two-phase), metadata, deletion, grants."""
from __future__ import annotations

import logging
import mimetypes
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from . import validation
from .models import Attachment, AttachmentGrant, AttachmentStatus
from .payloads import attachment_payload
from .selectors import attachment_bytes_used, attachment_for_user, attachment_limits_for_user
from .validation import AttachmentRefused

logger = logging.getLogger(__name__)


def attachment_upload_direct(*, user: Any, attachment_id: str, upload: UploadedFile, base_url: str | None) -> Attachment:
    """One request: check the bytes, store them, and return a ready attachment."""
    name = validation.display_name(upload.name or "")
    data, mime_type = _checked_bytes(user=user, upload=upload, name=name, claimed=upload.content_type or "")
    attachment = Attachment(id=attachment_id, owner=user, name=name, mime_type=mime_type)
    return _store_bytes(attachment, data=data, base_url=base_url)


def attachment_create_pending(
    *, user: Any, attachment_id: str, name: str, size: int, mime_type: str, base_url: str | None
) -> Attachment:
    """Phase one of a two-phase upload: check what the browser declares and reserve the quota."""
    limits = attachment_limits_for_user(user=user)
    validation.check_uploads_allowed(limits)
    name = validation.display_name(name)
    validation.check_claims_agree(name=name, claimed=mime_type)
    validation.check_size(max(size, 0), limits=limits, used=attachment_bytes_used(user=user))
    declared = validation.claimed_type(name, mime_type) or "application/octet-stream"
    validation.check_allowed(declared, limits=limits)
    attachment = Attachment(id=attachment_id, owner=user, name=name, mime_type=declared, size=max(size, 0))
    attachment.data = attachment_payload(attachment, user_id=user.pk, base_url=base_url).model_dump(mode="json")
    attachment.save()
    return attachment


def attachment_upload_bytes(*, user: Any, attachment_id: str, upload: UploadedFile, base_url: str | None) -> Attachment:
    """Phase two: only the owner, only while the attachment still waits for its bytes."""
    attachment = attachment_for_user(user=user, attachment_id=attachment_id, purpose="write")
    if attachment.status != AttachmentStatus.AWAITING_UPLOAD:
        raise AttachmentRefused("This attachment has already been uploaded.", 409)
    data, mime_type = _checked_bytes(
        user=user, upload=upload, name=attachment.name, claimed=attachment.mime_type, excluding=attachment.id
    )
    attachment.mime_type = mime_type
    return _store_bytes(attachment, data=data, base_url=base_url)


def attachment_metadata_save(*, user: Any, attachment_id: str, data: dict[str, Any]) -> Attachment | None:
    """Save the SDK payload (e.g. the thread it now belongs to) of an attachment the user owns.

    A grantee may attach someone else's file to their own message: the message keeps its copy
    of the payload, and the owner's row (its thread, its links) stays as it is. An id no row
    has yet is an attachment another `AttachmentStore` made (the SDK saves what its
    `create_attachment` returns): it gets a row of its own, with the payload as it came.
    """
    try:
        attachment = attachment_for_user(user=user, attachment_id=attachment_id, purpose="write")
    except Attachment.DoesNotExist:
        if not Attachment.objects.filter(id=attachment_id).exists():
            return _attachment_saved_by_store(user=user, attachment_id=attachment_id, data=data)
        attachment_for_user(user=user, attachment_id=attachment_id, purpose="attach")  # strangers: DoesNotExist
        return None
    attachment.data = data
    attachment.thread_id = _owned_thread_id(user, data.get("thread_id")) or attachment.thread_id
    attachment.save(update_fields=["data", "thread"])
    return attachment


def _attachment_saved_by_store(*, user: Any, attachment_id: str, data: dict[str, Any]) -> Attachment:
    # Its bytes live wherever that store keeps them, so there is nothing to upload here: it is
    # ready, and `attachment_payload_for_user` gives back the payload exactly as saved.
    return Attachment.objects.create(
        id=attachment_id, owner=user, name=str(data.get("name") or attachment_id)[:255],
        mime_type=str(data.get("mime_type") or "application/octet-stream")[:127],
        status=AttachmentStatus.READY, thread_id=_owned_thread_id(user, data.get("thread_id")), data=data,
    )


def _owned_thread_id(user: Any, thread_id: Any) -> str | None:
    threads = Attachment.thread.field.related_model.objects  # the threads app's model, without importing it
    if not thread_id or not threads.filter(id=thread_id, owner=user).exists():
        return None
    return str(thread_id)


def attachment_metadata_delete(*, user: Any, attachment_id: str) -> None:
    """Delete the row if the user owns it; the bytes go with it (see `signals`).

    A missing id is nothing to delete, and another user's id is treated the same way, so the
    answer tells nobody whether it exists. (The `AttachmentStore` runs first on
    `attachments.delete` and answers not-found for both.)
    """
    try:
        attachment_for_user(user=user, attachment_id=attachment_id, purpose="write").delete()
    except Attachment.DoesNotExist:
        return


def attachment_files_delete(*, user: Any, attachment_id: str) -> None:
    """Remove the stored bytes and preview of an attachment the user owns."""
    attachment = attachment_for_user(user=user, attachment_id=attachment_id, purpose="write")
    stored_files_delete([attachment.file, attachment.preview])
    attachment.file = attachment.preview = ""  # type: ignore[assignment]
    attachment.save(update_fields=["file", "preview"])


def stored_files_delete(files: list[Any]) -> None:
    for stored in files:
        if stored:
            stored.storage.delete(stored.name)


def attachment_grant_add(*, attachment: Attachment, user: Any, granted_by: Any | None) -> AttachmentGrant:
    grant, _ = AttachmentGrant.objects.get_or_create(attachment=attachment, user=user, defaults={"granted_by": granted_by})
    return grant


def attachment_grant_remove(*, attachment: Attachment, user: Any) -> None:
    AttachmentGrant.objects.filter(attachment=attachment, user=user).delete()


def _checked_bytes(
    *, user: Any, upload: UploadedFile, name: str, claimed: str, excluding: str | None = None
) -> tuple[bytes, str]:
    limits = attachment_limits_for_user(user=user)
    validation.check_uploads_allowed(limits)
    used = attachment_bytes_used(user=user, excluding=excluding)
    # The multipart parser knows the size before anything is read into memory.
    validation.check_size(upload.size or 0, limits=limits, used=used)
    data = upload.read()
    validation.check_size(len(data), limits=limits, used=used)
    mime_type = validation.sniff_type(data, name=name, claimed=claimed)
    validation.check_allowed(mime_type, limits=limits)
    if mime_type in validation.IMAGE_TYPES:
        validation.check_image_pixels(data, max_pixels=settings.ATTACHMENTS_MAX_IMAGE_PIXELS)
    return data, mime_type


def _store_bytes(attachment: Attachment, *, data: bytes, base_url: str | None) -> Attachment:
    extension = mimetypes.guess_extension(attachment.mime_type) or ".bin"
    attachment.file.save(f"upload{extension}", ContentFile(data), save=False)
    attachment.size = len(data)
    attachment.status = AttachmentStatus.READY
    attachment.status_detail = ""
    attachment.data = attachment_payload(attachment, user_id=attachment.owner_id, base_url=base_url).model_dump(mode="json")
    try:
        with transaction.atomic():
            attachment.save()
            transaction.on_commit(lambda: attachment_processing_request(attachment_id=attachment.id))
    except Exception:
        stored_files_delete([attachment.file])  # never keep bytes no row points to
        raise
    return attachment


def attachment_processing_request(*, attachment_id: str) -> None:
    """Queue checksum / preview / text extraction; a broker outage leaves the attachment usable.

    Through the broker breaker, like title requests: with Redis down an upload waits on the broker
    once per retry interval, not on every upload.
    """
    from chatkit_site.celery import publish

    from .tasks import process_attachment

    if publish(process_attachment, (attachment_id,)) is None:
        logger.info("processing not queued for attachment %s: the broker is unavailable", attachment_id)
