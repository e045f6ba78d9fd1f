"""Users in the admin: Django's own `UserAdmin`, with one narrow opening for moderators.

Grants and policies pick their user with Django's autocomplete, and that view answers 403 to
anyone who may not view the model it searches. Moderators manage attachment access but are kept
out of the user admin, so without this their pickers stayed empty. Here the user admin counts
them as viewers for exactly those pickers' searches, which answer usernames only; the user list
and each user's page still answer 403.
"""
from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

# (app_label, model_name) of each form with a user picker -> permissions that let one use it.
USER_PICKERS: dict[tuple[str, str], tuple[str, ...]] = {
    ("attachments", "attachmentgrant"): ("attachments.add_attachmentgrant", "attachments.change_attachmentgrant"),
    ("attachments", "attachmentpolicy"): ("attachments.add_attachmentpolicy", "attachments.change_attachmentpolicy"),
}


def is_user_picker_search(request: HttpRequest) -> bool:
    """Whether `request` is the autocomplete search of a user picker its user may fill in."""
    match = request.resolver_match
    if match is None or match.url_name != "autocomplete" or request.GET.get("field_name") != "user":
        return False
    allowed_by = USER_PICKERS.get((request.GET.get("app_label", ""), request.GET.get("model_name", "")), ())
    return any(request.user.has_perm(permission) for permission in allowed_by)


class StudioUserAdmin(UserAdmin):
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or (obj is None and is_user_picker_search(request))


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StudioUserAdmin)
