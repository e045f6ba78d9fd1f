"""Admin for threads, their items and feedback: browse, search, read transcripts, moderate.

Every moderation action asks for a reason and calls `threads.moderation`; the rules (who may,
what changes, the audit log entry, the live notification) live there, not here.
"""
from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import smart_split, unescape_string_literal
from django.utils.timezone import localtime

from chatkit_site.admin_tools import (
    OwnerFilter,
    SuperuserEditsDataMixin,
    reason_action,
    status_badge,
)

from . import moderation
from .admin_transcript import count_of, transcript
from .models import Feedback, FeedbackKind, Thread, ThreadItem


class NegativeFeedbackFilter(admin.SimpleListFilter):
    title = "negative feedback"
    parameter_name = "negative_feedback"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Has negative feedback"), ("no", "No negative feedback")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Thread]) -> QuerySet[Thread]:
        negative = Exists(Feedback.objects.filter(thread=OuterRef("pk"), kind=FeedbackKind.NEGATIVE))
        return {"yes": queryset.filter(negative), "no": queryset.filter(~negative)}.get(self.value() or "", queryset)


def short_datetime(value: Any) -> str:
    """Date and time on one line, in the site's time zone (the admin's long format wraps)."""
    return format_html('<span class="nowrap">{}</span>', date_format(localtime(value), "Y-m-d H:i"))


@admin.register(Thread)
class ThreadAdmin(SuperuserEditsDataMixin, admin.ModelAdmin):
    list_display = [
        "display_title", "owner_name", "display_status", "item_count", "positive_count", "negative_count",
        "created",
    ]
    list_select_related = ["owner"]
    list_filter = ["status", OwnerFilter, NegativeFeedbackFilter, ("created_at", admin.DateFieldListFilter)]
    list_per_page = 100
    show_full_result_count = False  # a second COUNT over every thread on each filtered page
    search_fields = ["id", "title", "owner__username"]
    search_help_text = "Searches thread ids, titles, owners' usernames and the text of every message."
    fields = ["id", "owner", "title", "title_set_by_user", "status", "status_reason", "created_at", "updated_at", "data"]
    # Status changes only through the moderation actions, so each one is logged with its reason.
    readonly_fields = ["id", "owner", "title_set_by_user", "status", "status_reason", "created_at", "updated_at"]
    actions = ["lock_threads", "close_threads", "reopen_threads"]
    change_form_template = "admin/threads/thread/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Thread]:
        return super().get_queryset(request).annotate(
            item_count=count_of(ThreadItem.objects.filter(thread=OuterRef("pk"))),
            # By thread, not by item: a rating outlives the answer a retry replaced.
            positive_count=count_of(Feedback.objects.filter(thread=OuterRef("pk"), kind=FeedbackKind.POSITIVE)),
            negative_count=count_of(Feedback.objects.filter(thread=OuterRef("pk"), kind=FeedbackKind.NEGATIVE)),
        )

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Thread], search_term: str) -> tuple[QuerySet[Thread], bool]:
        """Each word must match the id, title, owner or some message's text (a trigram index on PostgreSQL)."""
        for word in smart_split(search_term):
            if word.startswith(('"', "'")) and word[0] == word[-1]:
                word = unescape_string_literal(word)
            in_items = ThreadItem.objects.filter(text__icontains=word).values("thread_id")
            queryset = queryset.filter(
                Q(id=word) | Q(title__icontains=word) | Q(owner__username__icontains=word) | Q(id__in=in_items)
            )
        return queryset, False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # threads start in the chat

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(moderation.MODERATE_THREAD)

    @admin.display(description="Title", ordering="title")
    def display_title(self, obj: Thread) -> str:
        # One line, cut with an ellipsis (the full title in the tooltip), so the list fits 1280 px.
        title = obj.title or f"(untitled) {obj.id}"
        return format_html('<span class="one-line" title="{}">{}</span>', title, title)

    @admin.display(description="Owner", ordering="owner__username")
    def owner_name(self, obj: Thread) -> str:
        url = reverse("admin:threads_thread_changelist") + "?" + urlencode({"owner": obj.owner.get_username()})
        name = obj.owner.get_username()
        return format_html('<a class="one-line short" href="{}" title="{}">{}</a>', url, name, name)

    @admin.display(description="Status", ordering="status")
    def display_status(self, obj: Thread) -> str:
        return status_badge(obj.status, obj.get_status_display())

    @admin.display(description="Items", ordering="item_count")
    def item_count(self, obj: Thread) -> int:
        return obj.item_count  # type: ignore[attr-defined]

    # Text headers: emoji headers render as empty boxes on machines without an emoji font.
    @admin.display(description="Good", ordering="positive_count")
    def positive_count(self, obj: Thread) -> int:
        return obj.positive_count  # type: ignore[attr-defined]

    @admin.display(description="Bad", ordering="negative_count")
    def negative_count(self, obj: Thread) -> int:
        return obj.negative_count  # type: ignore[attr-defined]

    @admin.display(description="Created", ordering="created_at")
    def created(self, obj: Thread) -> str:
        return short_datetime(obj.created_at)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None) -> HttpResponse:
        thread = Thread.objects.filter(pk=unquote(object_id)).first()
        entries = transcript(thread=thread, viewer=request.user) if thread else []
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "entries": entries, "thread": thread})

    @admin.action(description="Lock selected threads (ask for a reason)", permissions=["moderate"])
    def lock_threads(self, request: HttpRequest, queryset: QuerySet[Thread]) -> TemplateResponse | None:
        return reason_action(
            self, request, queryset, title="Lock threads",
            service=lambda t, reason: moderation.thread_lock(actor=request.user, thread=t, reason=reason),
            explanation="The owners can still read these threads; ChatKit shows the reason and refuses new messages.",
        )

    @admin.action(description="Close selected threads (ask for a reason)", permissions=["moderate"])
    def close_threads(self, request: HttpRequest, queryset: QuerySet[Thread]) -> TemplateResponse | None:
        return reason_action(
            self, request, queryset, title="Close threads",
            service=lambda t, reason: moderation.thread_close(actor=request.user, thread=t, reason=reason),
            explanation="Closed threads stay readable; ChatKit shows the reason and refuses new messages.",
        )

    @admin.action(description="Reopen selected threads (ask for a reason)", permissions=["moderate"])
    def reopen_threads(self, request: HttpRequest, queryset: QuerySet[Thread]) -> TemplateResponse | None:
        return reason_action(
            self, request, queryset, title="Reopen threads",
            service=lambda t, reason: moderation.thread_reopen(actor=request.user, thread=t, reason=reason),
            explanation="The owners can send messages in these threads again.",
        )

    def delete_model(self, request: HttpRequest, obj: Thread) -> None:
        moderation.thread_moderator_delete(actor=request.user, thread=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Thread]) -> None:
        for thread in queryset:
            moderation.thread_moderator_delete(actor=request.user, thread=thread)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        return []  # `thread_moderator_delete` writes the log entry (with any reason) itself

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """Deleting a thread takes its items and feedback along; that needs no permission on those."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        cascaded = {str(ThreadItem._meta.verbose_name), str(Feedback._meta.verbose_name)}
        return deleted, counts, {p for p in perms_needed if str(p) not in cascaded}, protected

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/transcript/", view(self.transcript_view), name="threads_thread_transcript"),
            path("<path:object_id>/items/<int:sequence>/moderate/", view(self.item_moderation_view), name="threads_thread_item_moderate"),
            *super().get_urls(),
        ]

    def transcript_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        thread = get_object_or_404(Thread.objects.select_related("owner"), pk=unquote(object_id))
        if not self.has_view_permission(request, thread):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Transcript: {thread}", "opts": self.model._meta, "thread": thread,
            "entries": transcript(thread=thread, viewer=request.user),
            "can_hide": request.user.has_perm(moderation.HIDE_ITEM),
        }
        return TemplateResponse(request, "admin/threads/thread/transcript.html", context)

    def item_moderation_view(self, request: HttpRequest, object_id: str, sequence: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = get_object_or_404(ThreadItem, thread_id=unquote(object_id), sequence=sequence)
        service = {"hide": moderation.thread_item_hide, "unhide": moderation.thread_item_unhide}.get(request.POST.get("op", ""))
        if service is None:
            return HttpResponse("Unknown operation.", status=400)
        try:
            service(actor=request.user, item=item, reason=request.POST.get("reason", ""))
            self.message_user(request, f"Item {item.item_id}: {request.POST['op']} done.", messages.SUCCESS)
        except moderation.ModerationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:threads_thread_transcript", args=[quote(item.thread_id)]) + f"#item-{item.item_id}")


@admin.register(ThreadItem)
class ThreadItemAdmin(SuperuserEditsDataMixin, admin.ModelAdmin):
    list_display = ["item_id", "thread_link", "owner_name", "type", "snippet", "created_at", "hidden"]
    list_select_related = ["thread__owner"]
    list_filter = ["type", "hidden"]
    list_per_page = 100
    show_full_result_count = False
    search_fields = ["item_id", "thread__id", "text"]
    fields = ["item_id", "thread", "type", "created_at", "hidden", "hidden_reason", "text", "data"]
    readonly_fields = ["item_id", "thread", "type", "created_at", "hidden", "hidden_reason", "text"]
    actions = ["hide_items", "unhide_items"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_hide_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(moderation.HIDE_ITEM)

    @admin.display(description="Thread", ordering="thread__title")
    def thread_link(self, obj: ThreadItem) -> str:
        url = reverse("admin:threads_thread_transcript", args=[quote(obj.thread_id)]) + f"#item-{obj.item_id}"
        return format_html('<a href="{}">{}</a>', url, obj.thread)

    @admin.display(description="Owner", ordering="thread__owner__username")
    def owner_name(self, obj: ThreadItem) -> str:
        return obj.thread.owner.get_username()

    @admin.display(description="Text")
    def snippet(self, obj: ThreadItem) -> str:
        return obj.text if len(obj.text) <= 120 else obj.text[:119] + "…"

    @admin.action(description="Hide selected items (ask for a reason)", permissions=["hide"])
    def hide_items(self, request: HttpRequest, queryset: QuerySet[ThreadItem]) -> TemplateResponse | None:
        return reason_action(
            self, request, queryset, title="Hide items",
            service=lambda i, reason: moderation.thread_item_hide(actor=request.user, item=i, reason=reason),
            explanation="Hidden items vanish from the owner's view and from the model's input; they stay here for audit.",
        )

    @admin.action(description="Unhide selected items (ask for a reason)", permissions=["hide"])
    def unhide_items(self, request: HttpRequest, queryset: QuerySet[ThreadItem]) -> TemplateResponse | None:
        return reason_action(
            self, request, queryset, title="Unhide items",
            service=lambda i, reason: moderation.thread_item_unhide(actor=request.user, item=i, reason=reason),
            explanation="The items show again to their owner and reach the model again.",
        )


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["rated_item", "thread_link", "user", "kind", "created_at"]
    list_select_related = ["thread", "item", "user"]
    list_filter = ["kind", ("created_at", admin.DateFieldListFilter)]
    list_per_page = 100
    show_full_result_count = False
    readonly_fields = ["thread", "item", "item_key", "user", "kind", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # feedback is the user's own word

    @admin.display(description="Item", ordering="item_key")
    def rated_item(self, obj: Feedback) -> str:
        return str(obj.item) if obj.item else f"{obj.item_key} (replaced by a retry)"

    @admin.display(description="Thread", ordering="thread__title")
    def thread_link(self, obj: Feedback) -> str:
        url = reverse("admin:threads_thread_transcript", args=[quote(obj.thread_id)]) + f"#item-{obj.item_key}"
        return format_html('<a href="{}">{}</a>', url, obj.thread)
