"""Attachments: metadata rows here, bytes in Django's storage (local or S3-compatible)."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class AttachmentStatus(models.TextChoices):
    AWAITING_UPLOAD = "awaiting_upload", "Awaiting upload"
    READY = "ready", "Ready"
    PROCESSING = "processing", "Processing"
    FAILED = "failed", "Failed"
    REVOKED = "revoked", "Revoked"


class Attachment(models.Model):
    id = models.CharField(primary_key=True, max_length=64)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_attachments")
    thread = models.ForeignKey(
        "threads.Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    name = models.CharField(max_length=255)
    mime_type = models.CharField(max_length=127)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True, default="")
    file = models.FileField(upload_to="attachments/%Y/%m/", blank=True, max_length=255)
    preview = models.FileField(upload_to="previews/%Y/%m/", blank=True, max_length=255)
    status = models.CharField(
        max_length=20, choices=AttachmentStatus.choices, default=AttachmentStatus.AWAITING_UPLOAD, db_index=True
    )
    status_detail = models.TextField(blank=True, default="")
    extracted_text = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    data = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["owner", "created_at"], name="attachment_owner_created")]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
