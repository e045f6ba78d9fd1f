"""Attachments: metadata rows here, bytes in Django's storage (local or S3-compatible)."""
from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


def stored_name(folder: str, filename: str) -> str:
    """A random storage key: the user's file name never becomes a path on disk or in a bucket."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    suffix = suffix if suffix.isalnum() and len(suffix) <= 8 else "bin"
    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{suffix}"


def file_upload_to(instance: Any, filename: str) -> str:
    return stored_name("attachments", filename)


def preview_upload_to(instance: Any, filename: str) -> str:
    return stored_name("previews", filename)


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
    file = models.FileField(upload_to=file_upload_to, blank=True, max_length=255)
    preview = models.FileField(upload_to=preview_upload_to, blank=True, max_length=255)
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
        permissions = [("view_any_attachment", "Can open any user's attachment from the chat")]

    def __str__(self) -> str:
        return self.name


class AttachmentGrant(models.Model):
    """Read access to someone else's attachment (writes stay with the owner)."""

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attachment_grants")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attachment", "user"], name="attachment_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} may read {self.attachment}"


class AttachmentPolicy(models.Model):
    """Per-user overrides of the site-wide ATTACHMENTS_* settings; empty fields use the default."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attachment_policy")
    uploads_allowed = models.BooleanField(default=True)
    max_file_size = models.PositiveBigIntegerField(null=True, blank=True, help_text="Bytes; empty = site default.")
    quota_bytes = models.PositiveBigIntegerField(null=True, blank=True, help_text="Bytes; empty = site default.")
    allowed_types = models.JSONField(
        default=list, blank=True, help_text='MIME types, e.g. ["image/png", "application/pdf"]; empty = site default.'
    )

    class Meta:
        verbose_name_plural = "attachment policies"

    def __str__(self) -> str:
        return f"Attachment policy for {self.user}"

    def over_ceilings(self) -> dict[str, str]:
        """Fields above the site ceilings (ATTACHMENTS_*_CEILING), each with why it is refused.

        Only a superuser may go past them (the admin lets them); everyone else who may edit
        policies, moderators included, could otherwise lift any limit for anyone, themselves too.
        """
        from django.template.defaultfilters import filesizeformat

        ceilings = {
            "max_file_size": ("file size", "ATTACHMENTS_MAX_FILE_SIZE_CEILING"),
            "quota_bytes": ("quota", "ATTACHMENTS_QUOTA_CEILING"),
        }
        errors = {}
        for field, (what, setting) in ceilings.items():
            value, ceiling = getattr(self, field), getattr(settings, setting)
            if value is not None and value > ceiling:
                errors[field] = (
                    f"The site allows at most {filesizeformat(ceiling)} ({ceiling:,} bytes) as a {what} "
                    f"({setting}); only a superuser can set more."
                )
        return errors
