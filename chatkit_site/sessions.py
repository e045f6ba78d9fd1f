"""Database sessions that authenticate in one query (`SESSION_ENGINE = "chatkit_site.sessions"`).

Django's own pair reads the session row, then the user row: two queries before every
authenticated request, the ChatKit endpoint's included. Here the session row carries an indexed
user column and is read joined to it, and `SessionUserBackend` hands that user to Django's
`get_user`, which still does every check it always does (the user id, the backend, the
password-hash verification with its fallbacks, `is_active`). A user the join did not bring is
loaded the usual way.
"""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db

from .models import Session

# The user the latest session read in this context brought with it; taken once, by the backend.
_joined_user: ContextVar[Any | None] = ContextVar("session_joined_user", default=None)


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def _get_session_from_db(self) -> Session | None:
        return _remember_user(super()._get_session_from_db())

    async def _aget_session_from_db(self) -> Session | None:  # Django's `aget_user` path
        return _remember_user(await super()._aget_session_from_db())

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        row = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        row.user_id = None if user_id is None else get_user_model()._meta.pk.to_python(user_id)
        return row


def _remember_user(row: Session | None) -> Session | None:
    _joined_user.set(row.user if row is not None else None)
    return row


class SessionUserBackend(ModelBackend):
    """`ModelBackend`, except that the user a session read brought along needs no query."""

    def get_user(self, user_id: Any) -> Any | None:
        user = _joined_user.get()
        _joined_user.set(None)
        if user is None or user.pk != user_id:
            return super().get_user(user_id)
        return user if self.user_can_authenticate(user) else None
