"""Session authentication for async django-ninja operations (the ChatKit endpoint).

ninja runs a sync auth callback through `sync_to_async`, i.e. on the request's own thread, which
then holds a pooled database connection until a stream ends. This one checks CSRF on the event
loop, as ninja's `SessionAuth` does, and reads the session and user on a database thread (one
query: the session row comes joined to its user, see `chatkit_site/sessions.py`).
"""
from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user
from django.http import HttpRequest
from ninja.security import SessionAuth

from .db import run_db


class AsyncSessionAuth(SessionAuth):
    async def __call__(self, request: HttpRequest) -> Any | None:  # type: ignore[override]
        self._get_key(request)  # the CSRF check: raises HttpError(403) on failure
        user = await run_db(get_user, request)
        request.user = user  # later reads of request.user must not query again
        return user if user.is_authenticated else None


async_session_auth = AsyncSessionAuth()
