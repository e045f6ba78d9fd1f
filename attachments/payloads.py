"""Attachment rows as the SDK's FileAttachment / ImageAttachment."""
from __future__ import annotations

from typing import Any

from chatkit.types import AttachmentUploadDescriptor, FileAttachment, ImageAttachment

from .links import absolute, link_path, upload_path
from .models import Attachment, AttachmentStatus
from .validation import IMAGE_TYPES

SdkAttachment = FileAttachment | ImageAttachment


def attachment_payload(attachment: Attachment, *, user_id: int, base_url: str | None) -> SdkAttachment:
    """The attachment as `user_id` sees it: links signed for them, the upload URL while pending."""
    fields: dict[str, Any] = {
        "id": attachment.id,
        "name": attachment.name,
        "mime_type": attachment.mime_type,
        "thread_id": attachment.thread_id,
    }
    if attachment.status == AttachmentStatus.AWAITING_UPLOAD:
        url = absolute(base_url, upload_path(attachment_id=attachment.id))
        fields["upload_descriptor"] = AttachmentUploadDescriptor(url=url, method="POST")
    if attachment.mime_type in IMAGE_TYPES:
        preview = link_path(attachment_id=attachment.id, user_id=user_id, kind="preview")
        return ImageAttachment(preview_url=absolute(base_url, preview), **fields)
    return FileAttachment(**fields)


def payload_json(payload: SdkAttachment) -> dict[str, Any]:
    """What the page receives: the SDK's own serialization, without integration-only metadata."""
    return payload.model_dump(mode="json", by_alias=True, exclude_none=True, context={"exclude_metadata": True})


def download_url(attachment: Attachment, *, user_id: int, base_url: str | None) -> str:
    return absolute(base_url, link_path(attachment_id=attachment.id, user_id=user_id, kind="download"))
