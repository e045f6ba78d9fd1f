"""After an upload: checksum, a thumbnail for images, text for PDFs and text files.

The attachment is already usable (status ready) when this starts; it moves to processing and
back to ready, or to failed with a reason staff can read. Running it twice gives the same result.
"""
from __future__ import annotations

import hashlib
import io
import time
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps
from pypdf import PdfReader

from .models import Attachment, AttachmentStatus
from .validation import IMAGE_TYPES, TEXT_TYPES

THUMBNAIL_SIZE = (256, 256)
EXTRACTED_TEXT_CHARS = 200_000
PROCESSABLE = [AttachmentStatus.READY, AttachmentStatus.PROCESSING, AttachmentStatus.FAILED]


class UnprocessableFile(Exception):
    """The file itself is the problem (damaged, encrypted): retrying cannot help."""


def attachment_process(*, attachment_id: str) -> Attachment | None:
    """Process one attachment; None when it is gone, revoked or still awaiting its bytes."""
    # A checksum is written in the same save that ends processing: its presence means done.
    finished = Attachment.objects.filter(id=attachment_id, status=AttachmentStatus.READY).exclude(sha256="").first()
    if finished is not None:
        return finished  # a redelivered or retried task: nothing left to do
    moved = Attachment.objects.filter(id=attachment_id, status__in=PROCESSABLE).exclude(file="")
    if not moved.update(status=AttachmentStatus.PROCESSING, status_detail=""):
        return None
    attachment = Attachment.objects.get(id=attachment_id)
    with attachment.file.open("rb") as stored:
        data = stored.read()
    preview = thumbnail(data) if attachment.mime_type in IMAGE_TYPES else None
    text = extracted_text(data, attachment.mime_type)
    old_preview = attachment.preview.name if attachment.preview else ""
    if preview is not None:
        attachment.preview.save("preview.webp", ContentFile(preview), save=False)
    attachment.sha256 = hashlib.sha256(data).hexdigest()
    attachment.extracted_text = text
    with transaction.atomic():
        attachment.save(update_fields=["sha256", "extracted_text", "preview"])
        _finish(attachment_id, AttachmentStatus.READY, "")
    if old_preview and old_preview != attachment.preview.name:
        attachment.preview.storage.delete(old_preview)  # a retry replaced it
    attachment.refresh_from_db()
    return attachment


def attachment_processing_failed(*, attachment_id: str, detail: str) -> None:
    _finish(attachment_id, AttachmentStatus.FAILED, detail[:2000])


def _finish(attachment_id: str, status: str, detail: str) -> None:
    # Conditional, so a revocation that landed meanwhile is never overwritten.
    Attachment.objects.filter(id=attachment_id, status=AttachmentStatus.PROCESSING).update(
        status=status, status_detail=detail
    )


def thumbnail(data: bytes) -> bytes:
    """Bounded work: the pixel count is checked from the header before anything is decoded
    (uploads check it too; this also holds for files stored before a lower limit)."""
    most = settings.ATTACHMENTS_MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > most:
                raise UnprocessableFile(f"The image has more than {most:,} pixels; no thumbnail was made.")
            image.thumbnail(THUMBNAIL_SIZE)  # draft mode for JPEG: never decodes at full size
            small: Any = ImageOps.exif_transpose(image)
            small = small.convert("RGBA" if small.mode in {"RGBA", "LA", "P"} else "RGB")
            out = io.BytesIO()
            small.save(out, format="WEBP", quality=80)
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise UnprocessableFile(f"The image could not be decoded: {exc}") from exc
    return out.getvalue()


def extracted_text(data: bytes, mime_type: str) -> str:
    if mime_type in TEXT_TYPES:
        return data.decode("utf-8", errors="replace")[:EXTRACTED_TEXT_CHARS]
    if mime_type == "application/pdf":
        return _pdf_text(data)
    return ""


def _pdf_text(data: bytes) -> str:
    """Bounded work: at most ATTACHMENTS_PDF_MAX_PAGES pages and ATTACHMENTS_PDF_SECONDS of
    parsing (checked between pages; the task's time limits stop a single page that never ends)."""
    deadline = time.monotonic() + settings.ATTACHMENTS_PDF_SECONDS
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnprocessableFile("The PDF is encrypted; its text cannot be read.")
        parts: list[str] = []
        for number, page in enumerate(reader.pages):
            if number >= settings.ATTACHMENTS_PDF_MAX_PAGES or time.monotonic() > deadline:
                break
            parts.append(page.extract_text() or "")
            if sum(map(len, parts)) >= EXTRACTED_TEXT_CHARS:
                break
    except UnprocessableFile:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise UnprocessableFile(f"The PDF could not be read: {exc}") from exc
    return "\n\n".join(parts).strip()[:EXTRACTED_TEXT_CHARS]
