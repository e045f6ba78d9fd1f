"""Session authentication for async django-ninja operations (the ChatKit endpoint).

ninja runs a sync auth callback through `sync_to_async`, i.e. on the request's own thread, which
then holds a pooled database connection until a stream ends. This one checks CSRF on the event
loop, as ninja's `SessionAuth` does, and reads the session and user in one query (the session row
comes joined to its user, see `chatkit_site/sessions.py`): on PostgreSQL on the loop itself
(`chatkit_site.loop_db`), elsewhere on a database thread.
"""
from __future__ import annotations

from typing import Any

from django.contrib.auth import aget_user, get_user
from django.http import HttpRequest
from ninja.security import SessionAuth

from . import loop_db
from .db import run_db


class AsyncSessionAuth(SessionAuth):
    async def __call__(self, request: HttpRequest) -> Any | None:  # type: ignore[override]
        self._get_key(request)  # the CSRF check: raises HttpError(403) on failure
        user = await aget_user(request) if loop_db.available() else await run_db(get_user, request)
        request.user = user  # later reads of request.user must not query again
        return user if user.is_authenticated else None


async_session_auth = AsyncSessionAuth()
