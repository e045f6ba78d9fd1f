"""Moderation: the rules behind the admin's actions, one function per action.

Every function takes the acting user and a reason, checks the actor's permission, writes the
change, records it in Django's admin log (who, when, why) and tells the owner's open pages.
"""
from __future__ import annotations

import inspect
import logging
from typing import Any

from asgiref.sync import async_to_sync
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.db import transaction

from agents_app.memory import CURSOR, PREVIOUS_RESPONSE
from chatkit_site.moderation import ModerationError, require_permission, require_reason

from .models import Thread, ThreadItem, ThreadStatus

logger = logging.getLogger(__name__)

MODERATE_THREAD = "threads.moderate_thread"
HIDE_ITEM = "threads.hide_threaditem"
DELETE_THREAD = "threads.delete_thread"


def thread_lock(*, actor: Any, thread: Thread, reason: str) -> Thread:
    """Lock: the owner still reads the thread, but ChatKit refuses new messages and shows why."""
    return _set_status(actor=actor, thread=thread, status=ThreadStatus.LOCKED, reason=reason, verb="Locked")


def thread_close(*, actor: Any, thread: Thread, reason: str) -> Thread:
    return _set_status(actor=actor, thread=thread, status=ThreadStatus.CLOSED, reason=reason, verb="Closed")


def thread_reopen(*, actor: Any, thread: Thread, reason: str) -> Thread:
    return _set_status(actor=actor, thread=thread, status=ThreadStatus.ACTIVE, reason=reason, verb="Reopened")


def thread_item_hide(*, actor: Any, item: ThreadItem, reason: str) -> ThreadItem:
    """Hide an item from its owner and from model input; the row stays for audit."""
    return _set_hidden(actor=actor, item=item, hidden=True, reason=reason)


def thread_item_unhide(*, actor: Any, item: ThreadItem, reason: str) -> ThreadItem:
    return _set_hidden(actor=actor, item=item, hidden=False, reason=reason)


def thread_moderator_delete(*, actor: Any, thread: Thread, reason: str = "") -> None:
    """Delete a thread with its items; the admin log keeps who deleted what, and why."""
    require_permission(actor, DELETE_THREAD)
    owner_id, thread_id = thread.owner_id, thread.pk
    with transaction.atomic():
        _log(actor, thread, DELETION, "Deleted thread" + (f". Reason: {reason.strip()}" if reason.strip() else ""))
        Thread.objects.filter(pk=thread_id).delete()
        _notify(user_id=owner_id, thread_id=thread_id, reason="deleted")


def _set_status(*, actor: Any, thread: Thread, status: ThreadStatus, reason: str, verb: str) -> Thread:
    require_permission(actor, MODERATE_THREAD)
    reason = require_reason(reason)
    if thread.status == status:
        raise ModerationError(f"Thread {thread.pk} is already {status.label.lower()}.")
    with transaction.atomic():
        thread.status = status
        # Reopening keeps no reason: ChatKit only shows one for a locked or closed thread.
        thread.status_reason = "" if status == ThreadStatus.ACTIVE else reason
        thread.save(update_fields=["status", "status_reason"])
        _log(actor, thread, CHANGE, f"{verb} thread. Reason: {reason}")
        _notify(user_id=thread.owner_id, thread_id=thread.pk, reason=f"status:{status}")
    return thread


def _set_hidden(*, actor: Any, item: ThreadItem, hidden: bool, reason: str) -> ThreadItem:
    require_permission(actor, HIDE_ITEM)
    reason = require_reason(reason)
    if item.hidden == hidden:
        raise ModerationError(f"Item {item.item_id} is already {'hidden' if hidden else 'visible'}.")
    with transaction.atomic():
        item.hidden = hidden
        item.hidden_reason = reason if hidden else ""
        item.save(update_fields=["hidden", "hidden_reason"])
        _forget_server_side_memory(item.thread_id)
        if item.type == "user_message":
            _retitle_if_from(item)
        verb = "Hid" if hidden else "Unhid"
        _log(actor, item, CHANGE, f"{verb} item {item.item_id} of thread {item.thread_id}. Reason: {reason}")
        thread = Thread.objects.only("owner_id").get(pk=item.thread_id)
        _notify(user_id=thread.owner_id, thread_id=item.thread_id, reason="item_hidden" if hidden else "item_unhidden")
    return item


def _retitle_if_from(item: ThreadItem) -> None:
    """A generated title is written from the first visible user message: when hiding (or
    unhiding) changes which message that is, the old title would keep the hidden words in the
    history list and the admin. Clear it and ask for one from the message that is first now; a
    title the owner chose is theirs and stays."""
    from .background import request_thread_title

    earlier = ThreadItem.objects.filter(
        thread_id=item.thread_id, type="user_message", hidden=False, sequence__lt=item.sequence,
    )
    if earlier.exists():
        return  # a visible message comes before it: the title's source is unchanged
    if Thread.objects.filter(pk=item.thread_id, title_set_by_user=False).update(title=""):
        request_thread_title(thread_id=item.thread_id)


def _forget_server_side_memory(thread_id: str) -> None:
    """On OpenAI the next turn could resume a stored response that still holds the hidden item;
    dropping the pointer makes it resend the (moderated) stored history instead."""
    thread = Thread.objects.select_for_update().only("data").get(pk=thread_id)
    metadata = thread.data.get("metadata") or {}
    if PREVIOUS_RESPONSE in metadata or CURSOR in metadata:
        metadata.pop(PREVIOUS_RESPONSE, None)
        metadata.pop(CURSOR, None)
        Thread.objects.filter(pk=thread_id).update(data={**thread.data, "metadata": metadata})


def _log(actor: Any, obj: Thread | ThreadItem, flag: int, message: str) -> None:
    LogEntry.objects.log_actions(user_id=actor.pk, queryset=[obj], action_flag=flag, change_message=message, single_object=True)


def _notify(*, user_id: int, thread_id: str, reason: str) -> None:
    """Tell the owner's open pages after commit; live updates are optional and never block moderation."""
    try:
        from chatkit_site.live import notify_thread_changed
    except ImportError:
        return

    def send() -> None:
        try:
            call = async_to_sync(notify_thread_changed) if inspect.iscoroutinefunction(notify_thread_changed) else notify_thread_changed
            call(user_id=user_id, thread_id=thread_id, reason=reason)
        except Exception:  # a down channel layer must not undo a committed moderation action
            logger.exception("Could not notify pages of thread %s", thread_id)

    transaction.on_commit(send)
