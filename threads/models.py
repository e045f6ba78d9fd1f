"""Threads, their items and feedback.

Each row keeps the full serialized SDK model in `data` (so an SDK upgrade never needs a column
migration) next to the scalar columns we filter, order and moderate by.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models


class ThreadStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    LOCKED = "locked", "Locked"
    CLOSED = "closed", "Closed"


class Thread(models.Model):
    id = models.CharField(primary_key=True, max_length=64)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_threads")
    title = models.CharField(max_length=255, blank=True, default="")
    # Set once the owner renames the thread, so a late generated title never overwrites theirs.
    title_set_by_user = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ThreadStatus.choices, default=ThreadStatus.ACTIVE, db_index=True)
    status_reason = models.TextField(blank=True, default="")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    data = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["owner", "created_at", "id"], name="thread_owner_created")]
        ordering = ["-created_at", "-id"]
        permissions = [("moderate_thread", "Can lock, close and reopen threads")]

    def __str__(self) -> str:
        return self.title or self.id


class ThreadItem(models.Model):
    # The auto-incrementing key doubles as the stable order: ties on created_at never reorder.
    sequence = models.BigAutoField(primary_key=True)
    # No index of its own: thread_item_seq and the unique (thread, item_id) both start with it,
    # and a third one let PostgreSQL pick a plan that sorts a whole thread to page it.
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="items", db_index=False)
    item_id = models.CharField(max_length=64)
    type = models.CharField(max_length=40, db_index=True)
    created_at = models.DateTimeField()
    data = models.JSONField(default=dict)
    # Flat text of the item, for admin search (a trigram/full-text index on PostgreSQL).
    text = models.TextField(blank=True, default="")
    hidden = models.BooleanField(default=False)
    hidden_reason = models.TextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "item_id"], name="thread_item_unique_id")]
        indexes = [models.Index(fields=["thread", "sequence"], name="thread_item_seq")]
        ordering = ["sequence"]
        permissions = [("hide_threaditem", "Can hide and unhide thread items")]

    def __str__(self) -> str:
        return f"{self.type} {self.item_id}"


class FeedbackKind(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"


class Feedback(models.Model):
    """A user's thumbs on an item of their thread.

    It outlives the item: a retry deletes the rated answer to generate a new one, and the
    rating of the answer someone retried is just what staff want to read. So a rating belongs
    to the thread (deleting the thread deletes it), names its item by id (`item_key`), and links
    the row only while it exists (`item`, then NULL). The owner's page shows only ratings of
    items still there.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="feedback")
    item = models.ForeignKey(ThreadItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback")
    item_key = models.CharField(max_length=64, help_text="The rated item's id; kept after a retry deletes the item.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_feedback")
    kind = models.CharField(max_length=10, choices=FeedbackKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="feedback_one_per_user")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.item_key}"
