"""Telling a user's open pages that one of their threads changed somewhere else.

Pages join the group `user-<id>` over `/ws/updates/` and answer an event by calling ChatKit's
`fetchUpdates()`. Senders (Celery tasks, admin actions, services) never fail because a page is
not listening or the channel layer is down: the change is already saved, the page learns later.
"""
from __future__ import annotations

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)
SEND_TIMEOUT = 5.0  # seconds; a wedged Redis must not hold up a task or an admin action


def user_group(user_id: int) -> str:
    return f"user-{user_id}"


async def anotify_thread_changed(*, user_id: int, thread_id: str, reason: str) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    event = {"type": "thread.changed", "thread_id": thread_id, "reason": reason}
    try:
        await asyncio.wait_for(layer.group_send(user_group(user_id), event), timeout=SEND_TIMEOUT)
    except Exception:
        logger.warning("live update for thread %s (%s) not sent: channel layer unavailable", thread_id, reason, exc_info=True)


def notify_thread_changed(*, user_id: int, thread_id: str, reason: str) -> None:
    try:
        async_to_sync(anotify_thread_changed)(user_id=user_id, thread_id=thread_id, reason=reason)
    except Exception:  # e.g. called from a thread running an event loop, where async_to_sync refuses
        logger.warning("live update for thread %s (%s) not sent", thread_id, reason, exc_info=True)
