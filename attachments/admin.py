"""Admin for attachments: per-user lists with previews, revoke / restore with a reason, deletion
that removes the stored bytes. The rules live in `attachments.moderation`."""
from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from chatkit_site.admin_tools import (
    OwnerFilter,
    SuperuserEditsDataMixin,
    reason_action,
    status_badge,
)

from . import moderation
from .models import Attachment, AttachmentGrant, AttachmentPolicy

# Served inline to staff; anything else downloads, so an uploaded page never runs on our origin.
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


class AttachmentGrantInline(admin.TabularInline):
    model = AttachmentGrant
    extra = 0
    fields = ["user", "granted_by", "created_at"]
    readonly_fields = ["granted_by", "created_at"]
    autocomplete_fields = ["user"]
    verbose_name = "read access for another user"
    verbose_name_plural = "read access for other users (grants)"


@admin.register(AttachmentPolicy)
class AttachmentPolicyAdmin(admin.ModelAdmin):
    list_display = ["user", "uploads_allowed", "max_file_size", "quota_bytes", "allowed_types", "usage"]
    list_select_related = ["user"]
    list_filter = ["uploads_allowed"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]

    def get_form(self, request: HttpRequest, obj: AttachmentPolicy | None = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.user.is_superuser:
            return form

        class WithinCeilings(form):  # type: ignore[misc, valid-type]
            """Moderators may tighten or loosen a policy, but not past the site ceilings. A value
            above them that a superuser set stays as long as the moderator leaves it alone."""

            def clean(self) -> dict[str, Any]:
                cleaned = super().clean()
                proposed = AttachmentPolicy(max_file_size=cleaned.get("max_file_size"), quota_bytes=cleaned.get("quota_bytes"))
                for field, message in proposed.over_ceilings().items():
                    if field in self.changed_data:
                        self.add_error(field, message)
                return cleaned

        return WithinCeilings

    def get_queryset(self, request: HttpRequest) -> QuerySet[AttachmentPolicy]:
        # Usage as an annotation: one query for the whole page, however many users it shows.
        stored = Attachment.objects.filter(owner=OuterRef("user")).values("owner").annotate(total=Sum("size")).values("total")
        return super().get_queryset(request).annotate(used_bytes=Coalesce(Subquery(stored), 0))

    @admin.display(description="Current usage", ordering="used_bytes")
    def usage(self, obj: AttachmentPolicy) -> str:
        return filesizeformat(obj.used_bytes)  # type: ignore[attr-defined]


@admin.register(Attachment)
class AttachmentAdmin(SuperuserEditsDataMixin, admin.ModelAdmin):
    list_display = ["thumbnail", "name", "owner_name", "display_size", "mime_type", "display_status", "thread_link", "created_at"]
    list_display_links = ["name"]
    list_select_related = ["owner", "thread"]
    list_filter = ["status", OwnerFilter, "mime_type", ("created_at", admin.DateFieldListFilter)]
    list_per_page = 100
    show_full_result_count = False
    search_fields = ["id", "name", "owner__username", "sha256"]
    fields = ["id", "owner", "thread", "name", "mime_type", "size", "sha256", "status", "status_detail", "stored", "created_at", "data"]
    # Status changes only through revoke / restore, so each one is logged with its reason.
    readonly_fields = ["id", "owner", "thread", "name", "mime_type", "size", "sha256", "status", "status_detail", "stored", "created_at"]
    actions = ["revoke", "restore"]
    inlines = [AttachmentGrantInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # attachments arrive through the chat's upload flow

    @admin.display(description="Preview")
    def thumbnail(self, obj: Attachment) -> str:
        if obj.mime_type not in INLINE_TYPES or not (obj.preview or obj.file):
            return "—"
        url = reverse("admin:attachments_attachment_preview", args=[quote(obj.pk)])
        return format_html('<img class="attachment-thumb" src="{}" alt="" loading="lazy">', url)

    @admin.display(description="Stored bytes")
    def stored(self, obj: Attachment) -> str:
        if not (obj.preview or obj.file):
            return "—"
        url = reverse("admin:attachments_attachment_preview", args=[quote(obj.pk)])
        return format_html('<a href="{}">{}</a> {}', url, "Open" if obj.mime_type in INLINE_TYPES else "Download", self.thumbnail(obj))

    @admin.display(description="Owner", ordering="owner__username")
    def owner_name(self, obj: Attachment) -> str:
        return obj.owner.get_username()

    @admin.display(description="Size", ordering="size")
    def display_size(self, obj: Attachment) -> str:
        return filesizeformat(obj.size)

    @admin.display(description="Status", ordering="status")
    def display_status(self, obj: Attachment) -> str:
        return status_badge(obj.status, obj.get_status_display())

    @admin.display(description="Thread", ordering="thread__title")
    def thread_link(self, obj: Attachment) -> str:
        if obj.thread is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:threads_thread_transcript", args=[quote(obj.thread_id)]), obj.thread)

    @admin.action(description="Revoke selected attachments (ask for a reason)", permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[Attachment]) -> TemplateResponse | None:
        return reason_action(
            self, request, queryset, title="Revoke attachments",
            service=lambda a, reason: moderation.attachment_revoke(actor=request.user, attachment=a, reason=reason),
            explanation="Revoked attachments are no longer served to anyone, nor sent to the model; the bytes are kept.",
        )

    @admin.action(description="Restore selected attachments (ask for a reason)", permissions=["change"])
    def restore(self, request: HttpRequest, queryset: QuerySet[Attachment]) -> TemplateResponse | None:
        return reason_action(
            self, request, queryset, title="Restore attachments",
            service=lambda a, reason: moderation.attachment_restore(actor=request.user, attachment=a, reason=reason),
            explanation="Restored attachments are served to their owner again.",
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for grant in formset.save(commit=False):
            grant.granted_by = grant.granted_by or request.user
            grant.save()
        for gone in formset.deleted_objects:
            gone.delete()

    def delete_model(self, request: HttpRequest, obj: Attachment) -> None:
        moderation.attachment_moderator_delete(actor=request.user, attachment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Attachment]) -> None:
        for attachment in queryset:
            moderation.attachment_moderator_delete(actor=request.user, attachment=attachment)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        return []  # `attachment_moderator_delete` writes the log entry itself

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.preview_view)
        return [path("<path:object_id>/preview/", view, name="attachments_attachment_preview"), *super().get_urls()]

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The preview (or the file) for staff allowed to view attachments, revoked ones included."""
        attachment = get_object_or_404(Attachment, pk=unquote(object_id))
        if not self.has_view_permission(request, attachment):
            raise PermissionDenied
        stored = attachment.preview or attachment.file
        if not stored:
            raise Http404("Nothing stored for this attachment.")
        inline = attachment.mime_type in INLINE_TYPES
        # Thumbnails are WebP whatever the original was (see attachments.processing).
        inline_type = "image/webp" if attachment.preview else attachment.mime_type
        response = FileResponse(
            stored.open("rb"), as_attachment=not inline, filename=attachment.name,
            content_type=inline_type if inline else "application/octet-stream",
        )
        response["Cache-Control"] = "private, no-store"
        return response
