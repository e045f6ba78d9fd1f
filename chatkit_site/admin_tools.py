"""Admin building blocks both apps' moderation screens use: the two-step reason action, the
owner filter, read-only raw payloads for non-superusers and the status badge. Here, below
`threads` and `attachments`, so that neither imports the other's admin."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import format_html

from .moderation import ModerationError


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), max_length=2000,
        help_text="Kept in the admin log; for a lock or close, also shown to the thread's owner in the chat.",
    )


def reason_action(
    admin_: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any], *,
    service: Callable[[Any, str], Any], title: str, explanation: str,
) -> TemplateResponse | None:
    """An admin action in two steps: ask for a reason, then apply `service` to each selected row."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        done = 0
        for obj in queryset:
            try:
                service(obj, form.cleaned_data["reason"])
                done += 1
            except ModerationError as exc:
                admin_.message_user(request, str(exc), messages.WARNING)
        admin_.message_user(request, f"{title}: {done} of {len(queryset)} done.", messages.SUCCESS)
        return None
    context = {
        **admin_.admin_site.each_context(request),
        "title": title, "explanation": explanation, "opts": admin_.model._meta, "queryset": queryset,
        "form": form, "action": request.POST["action"], "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/moderation_reason_form.html", context)


class OwnerFilter(admin.SimpleListFilter):
    """Filter by owner's username, typed in: a list of every user would not scale."""

    title = "owner"
    parameter_name = "owner"
    template = "admin/input_filter.html"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return []

    def has_output(self) -> bool:
        return True

    def choices(self, changelist: Any) -> Iterator[dict[str, Any]]:
        preserved = [(k, v) for k, v in changelist.params.items() if k != self.parameter_name]
        yield {"preserved": preserved}

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(owner__username=self.value()) if self.value() else queryset


class SuperuserEditsDataMixin:
    """Raw SDK payloads are read-only except for superusers."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        return fields if request.user.is_superuser else [*fields, "data"]


def status_badge(status: str, label: str) -> str:
    return format_html('<span class="status-badge status-{}">{}</span>', status, label)
