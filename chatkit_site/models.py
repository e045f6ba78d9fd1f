"""The site's one model: a database session that knows its user (see `chatkit_site/sessions.py`)."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager
from django.db import models


class SessionManager(BaseSessionManager):
    def get_queryset(self) -> models.QuerySet[Any]:
        # Every read of a session brings its user along: authenticating is then one query.
        return super().get_queryset().select_related("user")


class Session(AbstractBaseSession):
    # Kept in step with the session data on every save; deleting a user ends their sessions.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    objects = SessionManager()  # type: ignore[misc]

    class Meta(AbstractBaseSession.Meta):
        verbose_name = "login session"
        verbose_name_plural = "login sessions"

    @classmethod
    def get_session_store_class(cls) -> type[Any]:
        from .sessions import SessionStore

        return SessionStore
