from __future__ import annotations

from django.contrib import admin

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "owner", "mime_type", "size", "status", "created_at"]
    list_select_related = ["owner"]
    list_filter = ["status"]
    readonly_fields = ["id", "sha256", "created_at", "data"]
    raw_id_fields = ["owner", "thread"]
