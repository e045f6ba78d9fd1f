from __future__ import annotations

from django.contrib import admin

from .models import Feedback, Thread, ThreadItem


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "owner", "status", "created_at", "updated_at"]
    list_select_related = ["owner"]
    list_filter = ["status"]
    search_fields = ["id", "title", "owner__username"]
    readonly_fields = ["id", "created_at", "updated_at", "data"]
    raw_id_fields = ["owner"]


@admin.register(ThreadItem)
class ThreadItemAdmin(admin.ModelAdmin):
    list_display = ["item_id", "thread", "type", "created_at", "hidden"]
    list_select_related = ["thread"]
    list_filter = ["type", "hidden"]
    readonly_fields = ["item_id", "thread", "type", "created_at", "data", "text"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["item", "user", "kind", "created_at"]
    list_select_related = ["item", "user"]
    list_filter = ["kind"]
    raw_id_fields = ["item", "user"]
