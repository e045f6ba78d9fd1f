"""`DjangoAttachmentStore`: the SDK's AttachmentStore for two-phase uploads and deletion.

`attachments.create` checks the declared name, size and type and returns an attachment whose
`upload_descriptor` points at `/api/attachments/<id>/upload`; the bytes are checked there.
"""
from __future__ import annotations

from chatkit.store import AttachmentStore, NotFoundError
from chatkit.types import Attachment, AttachmentCreateParams

from chatkit_site.db import run_db
from chatkit_site.protocol import ProtocolError, RequestContext, new_id

from . import services
from .models import Attachment as AttachmentRow
from .payloads import attachment_payload
from .validation import AttachmentRefused


class DjangoAttachmentStore(AttachmentStore[RequestContext]):
    def generate_attachment_id(self, mime_type: str, context: RequestContext) -> str:
        return new_id("attachment")

    async def create_attachment(self, input: AttachmentCreateParams, context: RequestContext) -> Attachment:
        try:
            row = await run_db(services.attachment_create_pending,
                user=context.user,
                attachment_id=self.generate_attachment_id(input.mime_type, context),
                name=input.name,
                size=input.size,
                mime_type=input.mime_type,
                base_url=_base_url(context),
            )
        except AttachmentRefused as exc:  # the endpoint turns ProtocolError into a 4xx JSON answer
            raise ProtocolError(exc.message, status=exc.status) from exc
        return attachment_payload(row, user_id=context.user.pk, base_url=_base_url(context))

    async def delete_attachment(self, attachment_id: str, context: RequestContext) -> None:
        try:
            await run_db(services.attachment_files_delete, user=context.user, attachment_id=attachment_id)
        except AttachmentRow.DoesNotExist as exc:
            raise NotFoundError(str(exc) or "Attachment not found.") from exc


def _base_url(context: RequestContext) -> str | None:
    return getattr(context, "base_url", None)
