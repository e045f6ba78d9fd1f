"""Admin for login sessions: who is logged in, and logging them out."""
from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Session


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """Who is logged in, and a way to log them out (delete). Superusers only: the list's checkboxes
    carry session keys, and a key is a login, so staff who may moderate must not read them."""

    list_display = ["user", "expire_date", "key_hint"]
    list_display_links = None  # no change page: its URL would be the key itself
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    ordering = ["-expire_date"]

    @admin.display(description="session")
    def key_hint(self, obj: Session) -> str:
        return obj.session_key[:6] + "…"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Session | None = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Session | None = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Session | None = None) -> bool:
        return False
