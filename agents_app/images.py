"""Generated images: drawn offline with Pillow, or made by OpenAI's image generation tool.

Either way the model's stream carries an `image_generation_call` with the PNG as base64; the
SDK turns it into a `generated_image` item and asks `base64_image_to_url` for the URL to store.
`StoredImageConverter` answers that by saving the PNG as an attachment owned by the user, so
the item keeps a short signed link (re-signed on expiry by the attachment views) instead of
megabytes of base64 in every stored copy of the thread.
"""
from __future__ import annotations

import base64
from typing import Any

from chatkit.agents import ResponseStreamConverter
from django.core.files.base import ContentFile

from attachments.models import Attachment, AttachmentStatus
from attachments.payloads import attachment_payload, download_url
from attachments.services import attachment_processing_request
from chatkit_site.db import run_db
from chatkit_site.protocol import RequestContext, new_id

IMAGE_NAME = "generated-image.png"


def image_store(*, context: RequestContext, thread_id: str, data: bytes) -> str:
    """Keep `data` as the user's PNG attachment on the thread; return its signed download URL."""
    attachment = Attachment(id=new_id("attachment"), owner=context.user, name=IMAGE_NAME, mime_type="image/png",
                            size=len(data), status=AttachmentStatus.READY)
    # Linked to its thread (so deleting the thread's attachments takes it too) when the row exists.
    threads = Attachment.thread.field.related_model.objects  # type: ignore[attr-defined]
    attachment.thread_id = thread_id if threads.filter(pk=thread_id).exists() else None
    attachment.file.save(IMAGE_NAME, ContentFile(data), save=False)
    attachment.data = attachment_payload(attachment, user_id=context.user.pk, base_url=context.base_url).model_dump(mode="json")
    attachment.save()
    attachment_processing_request(attachment_id=attachment.id)  # checksum, like any upload
    # The full image (the preview is a 256 px thumbnail); an expired link is re-signed on use.
    return download_url(attachment, user_id=context.user.pk, base_url=context.base_url)


class StoredImageConverter(ResponseStreamConverter):
    """Stores the final image of an `image_generation_call` as an attachment (see module docstring)."""

    def __init__(self, *, context: RequestContext, thread_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context
        self.thread_id = thread_id

    async def base64_image_to_url(self, image_id: str, base64_image: str, partial_image_index: int | None = None) -> str:
        if partial_image_index is not None:
            # Partial images are shown while the final one renders and then replaced: not worth keeping.
            return await super().base64_image_to_url(image_id, base64_image, partial_image_index)
        data = base64.b64decode(base64_image)
        return await run_db(image_store, context=self.context, thread_id=self.thread_id, data=data)
