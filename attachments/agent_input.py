"""How an attachment reaches the model: images and PDFs as data, text inline, the rest by name.

Called by the guide's converter for every attachment on a message it sends to the model, so a
revocation, a deletion or a withdrawn grant takes effect on the very next turn.
"""
from __future__ import annotations

import base64

from chatkit.types import Attachment as SdkAttachment
from openai.types.responses import (
    ResponseInputContentParam,
    ResponseInputFileParam,
    ResponseInputImageParam,
    ResponseInputTextParam,
)

from chatkit_site.db import run_db

from .models import Attachment, AttachmentGrant, AttachmentStatus
from .validation import IMAGE_TYPES, TEXT_TYPES

TEXT_CHARS = 20_000


async def attachment_to_input(attachment: SdkAttachment) -> ResponseInputContentParam | None:
    """The model's view of `attachment`, or None when it is revoked, missing or has no bytes."""
    return await run_db(_to_input, attachment.id, attachment.thread_id)


def _to_input(attachment_id: str, thread_id: str | None) -> ResponseInputContentParam | None:
    row = Attachment.objects.filter(id=attachment_id).exclude(status=AttachmentStatus.REVOKED).exclude(file="").first()
    if row is None or not _thread_owner_may_read(row, thread_id):
        return None
    if row.mime_type in IMAGE_TYPES:
        return ResponseInputImageParam(type="input_image", detail="auto", image_url=_data_url(row))
    if row.mime_type == "application/pdf":
        return ResponseInputFileParam(type="input_file", filename=row.name, file_data=_data_url(row))
    if row.mime_type in TEXT_TYPES:
        return ResponseInputTextParam(type="input_text", text=_text_block(row))
    return ResponseInputTextParam(
        type="input_text",
        text=f'<ATTACHMENT name="{row.name}" type="{row.mime_type}">The user attached this file; '
        "its contents cannot be shown to you.</ATTACHMENT>",
    )


def _thread_owner_may_read(row: Attachment, thread_id: str | None) -> bool:
    """A grantee's thread keeps the attachment on its message; the bytes go only while the grant lasts."""
    threads = Attachment.thread.field.related_model.objects  # the threads app's model, without importing it
    reader = threads.filter(id=thread_id).values_list("owner_id", flat=True).first() if thread_id else None
    if reader is None or reader == row.owner_id:
        return True
    return AttachmentGrant.objects.filter(attachment=row, user_id=reader).exists()


def _data_url(row: Attachment) -> str:
    with row.file.open("rb") as stored:
        encoded = base64.b64encode(stored.read()).decode("ascii")
    return f"data:{row.mime_type};base64,{encoded}"


def _text_block(row: Attachment) -> str:
    if row.extracted_text:
        text = row.extracted_text
    else:  # processing has not run yet: read the bytes themselves
        with row.file.open("rb") as stored:
            text = stored.read(TEXT_CHARS * 4 + 4).decode("utf-8", errors="replace")
    cut = len(text) > TEXT_CHARS
    body = text[:TEXT_CHARS] + ("\n[… truncated]" if cut else "")
    return f'<ATTACHMENT name="{row.name}" type="{row.mime_type}">\n{body}\n</ATTACHMENT>'
