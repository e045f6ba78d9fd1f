"""Abuse limits: chat turns and uploads per user, open streams per user, and login lockouts.

Turns and uploads are counted in the cache (Redis in production, so every process shares the
counts) in fixed windows: `CHATKIT_TURNS_PER_WINDOW` turns and `ATTACHMENTS_UPLOADS_PER_WINDOW`
uploads per `THROTTLE_WINDOW_SECONDS`. Open streams are a counter too, raised when a stream
starts and lowered when it ends; its key expires after `CHATKIT_STREAM_SLOT_SECONDS`, so a
process that died mid-stream cannot hold a user's slots for longer than that.

Every refusal is a `429` with `Retry-After`. If the cache itself is unreachable the limits are
not enforced (and a warning is logged): chatting goes on rather than failing on a counter.

Login lockouts are django-axes' (settings `AXES_*`); `login_locked_out` only shapes the answer.
"""
from __future__ import annotations

import logging
import math
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


class Throttled(Exception):
    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = max(1, retry_after)


def throttled_response(exc: Throttled) -> JsonResponse:
    response = JsonResponse({"error": exc.message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def _window() -> tuple[int, int]:
    """The current window's number and the seconds until it ends."""
    size = settings.THROTTLE_WINDOW_SECONDS
    now = time.time()
    return int(now // size), math.ceil(size - now % size)


def _over(count: int | None, limit: int) -> bool:
    return limit > 0 and count is not None and count > limit


async def turn_counted(*, user_id: Any) -> None:
    """Counts one chat turn; raises `Throttled` past `CHATKIT_TURNS_PER_WINDOW`."""
    limit = settings.CHATKIT_TURNS_PER_WINDOW
    if limit <= 0:
        return
    number, left = _window()
    key = f"throttle:turns:{user_id}:{number}"
    if _over(await _acount(key, lifetime=left + 1), limit):
        raise Throttled(
            f"You have sent {_count(limit, 'message')} in {settings.THROTTLE_WINDOW_SECONDS} seconds; "
            f"wait {left} s before sending another.", retry_after=left,
        )


def upload_counted(*, user_id: Any) -> None:
    """Counts one upload; raises `Throttled` past `ATTACHMENTS_UPLOADS_PER_WINDOW`."""
    limit = settings.ATTACHMENTS_UPLOADS_PER_WINDOW
    if limit <= 0:
        return
    number, left = _window()
    key = f"throttle:uploads:{user_id}:{number}"
    try:
        count = cache.incr(key) if not cache.add(key, 1, timeout=left + 1) else 1
    except ValueError:  # expired between add and incr: a new window
        count = 1
    except Exception as exc:
        logger.warning("upload limit not enforced: cache unreachable (%s)", exc)
        return
    if _over(count, limit):
        raise Throttled(
            f"You have uploaded {_count(limit, 'file')} in {settings.THROTTLE_WINDOW_SECONDS} seconds; "
            f"wait {left} s before uploading another.", retry_after=left,
        )


async def stream_slot_taken(*, user_id: Any) -> bool:
    """Takes one of the user's `CHATKIT_MAX_CONCURRENT_STREAMS`; raises `Throttled` when none is
    free. True when a slot was taken (and must be given back with `stream_slot_released`)."""
    cap = settings.CHATKIT_MAX_CONCURRENT_STREAMS
    if cap <= 0:
        return False
    key = f"throttle:streams:{user_id}"
    count = await _acount(key, lifetime=settings.CHATKIT_STREAM_SLOT_SECONDS, refresh=True)
    if count is None:
        return False
    if count > cap:
        await stream_slot_released(user_id=user_id)
        raise Throttled(
            f"You already have {_count(cap, 'answer')} streaming; wait for one to finish or stop it.", retry_after=2
        )
    return True


async def stream_slot_released(*, user_id: Any) -> None:
    try:
        await cache.adecr(f"throttle:streams:{user_id}")
    except ValueError:  # the key expired: nothing to give back
        pass
    except Exception as exc:
        logger.warning("stream slot not released: cache unreachable (%s)", exc)


async def _acount(key: str, *, lifetime: int, refresh: bool = False) -> int | None:
    """Adds one to `key` (created with `lifetime` seconds, renewed when `refresh`); None when the cache
    cannot be reached."""
    try:
        if await cache.aadd(key, 1, timeout=lifetime):
            return 1
        count = await cache.aincr(key)
        if refresh:  # a counter still in use must not expire under a long stream
            await cache.atouch(key, lifetime)
        return count
    except ValueError:  # expired between add and incr
        return 1
    except Exception as exc:
        logger.warning("limit %s not enforced: cache unreachable (%s)", key.split(":")[1], exc)
        return None


def login_locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes' lockout answer (`AXES_LOCKOUT_CALLABLE`): the login page again, saying why
    and for how long, as a 429 with Retry-After. (axes passes different arguments from its sync
    and async middleware, hence `*args`.)"""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds()) if settings.AXES_COOLOFF_TIME else 0
    wait = f"Try again in {math.ceil(seconds / 60)} minutes" if seconds else "Ask an administrator to unlock it"
    message = f"Too many failed logins for this account from your address. {wait}."
    if "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse({"error": message}, status=429)
    else:
        from django.contrib.auth.forms import AuthenticationForm

        form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
        context = {"form": form, "lockout_message": message}
        response = render(request, "registration/login.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
