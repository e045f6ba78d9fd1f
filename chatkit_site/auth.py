"""Session authentication for the async django-ninja operations (the ChatKit endpoint).

ninja's `SessionAuth` with an async `authenticate`, as ninja documents for async operations: the
cookie and CSRF checks are ninja's own, and the session and user are read on a database thread
(`chatkit_site.db.run_db`) so the request's own thread never holds a connection for the length
of a stream.
"""
from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user
from django.http import HttpRequest
from ninja.security import SessionAuth

from .db import run_db


class AsyncSessionAuth(SessionAuth):
    async def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:  # type: ignore[override]
        user = await run_db(get_user, request)
        request.user = user  # later reads of request.user must not query again
        return user if user.is_authenticated else None


async_session_auth = AsyncSessionAuth()
