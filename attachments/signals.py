"""Stored bytes follow their row: however an attachment is deleted (chat, admin, a deleted
user's cascade), its file and preview leave storage once the deletion commits."""
from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Attachment


@receiver(post_delete, sender=Attachment)
def delete_stored_bytes(sender: type[Attachment], instance: Attachment, **kwargs: Any) -> None:
    from .services import stored_files_delete

    files = [instance.file, instance.preview]
    transaction.on_commit(lambda: stored_files_delete(files))
