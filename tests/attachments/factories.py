"""Attachments with real stored bytes, made through the upload service (so they are validated
and processed exactly as uploads are)."""
from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.models import Attachment
from attachments.services import attachment_upload_direct
from chatkit_site.protocol import new_id


def uploaded(owner: Any, name: str, data: bytes, content_type: str = "") -> Attachment:
    upload = SimpleUploadedFile(name, data, content_type=content_type or "application/octet-stream")
    return attachment_upload_direct(user=owner, attachment_id=new_id("attachment"), upload=upload, base_url="http://testserver")
