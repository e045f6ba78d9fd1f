"""Database sessions that authenticate in one query (`SESSION_ENGINE = "chatkit_site.sessions"`).

Django's own pair reads the session row, then the user row: two queries before every
authenticated request, the ChatKit endpoint's included. Here the session row carries an indexed
user column and is read joined to it, and `SessionUserBackend` hands that user to Django's
`get_user`, which still does every check it always does (the user id, the backend, the
password-hash verification with its fallbacks, `is_active`). A user the join did not bring is
loaded the usual way.

On PostgreSQL the joined read is a SQL statement built once per database: building the ORM query
cost about as much as running it, on every request (the whole authentication, warm, took
1.1-1.3 ms through the ORM and takes 0.55-0.6 ms this way). Django's async path (`aget_user`,
which the ChatKit endpoint uses) runs it on the event loop (`chatkit_site.loop_db`).
"""
from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from functools import cache
from typing import Any

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.db import DEFAULT_DB_ALIAS, connections, models, router
from django.utils import timezone

from . import loop_db
from .db import prepared_cursor
from .models import Session

# The user the latest session read in this context brought with it; taken once, by the backend.
_joined_user: ContextVar[Any | None] = ContextVar("session_joined_user", default=None)


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def _get_session_from_db(self) -> Session | None:
        alias = router.db_for_read(Session)
        if connections[alias].vendor != "postgresql":
            return _remember_user(super()._get_session_from_db())
        row = _session_with_user(alias, self.session_key)
        if row is None:
            self._session_key = None  # as Django does: a saved session then gets a new key
        return _remember_user(row)

    async def _aget_session_from_db(self) -> Session | None:  # Django's `aget_user` path
        alias = router.db_for_read(Session)
        if alias != DEFAULT_DB_ALIAS or not loop_db.available():
            return _remember_user(await super()._aget_session_from_db())
        sql, *_ = _session_with_user_sql(alias)
        row, _ = await loop_db.fetch_one(sql, [self.session_key, timezone.now()], prepare=True)
        if row is None:
            self._session_key = None
        return _remember_user(_session_from_row(alias, row, loop_db.database()))

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        row = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        row.user_id = None if user_id is None else get_user_model()._meta.pk.to_python(user_id)
        return row


def _session_with_user(alias: str, session_key: str | None) -> Session | None:
    """The unexpired session row with its user attached, as the ORM's `select_related` read gives it."""
    sql, *_ = _session_with_user_sql(alias)
    with prepared_cursor(alias) as cursor:
        cursor.execute(sql, [session_key, timezone.now()])
        return _session_from_row(alias, cursor.fetchone(), connections[alias])


def _session_from_row(alias: str, row: Sequence[Any] | None, connection: Any) -> Session | None:
    if row is None:
        return None
    _, session_fields, user_fields, user_pk = _session_with_user_sql(alias)
    session = _instance(Session, alias, connection, session_fields, row[: len(session_fields)])
    user_values = row[len(session_fields):]
    if user_values[user_pk] is not None:  # the LEFT JOIN found the session's user
        session.user = _instance(get_user_model(), alias, connection, user_fields, user_values)
    return session


@cache
def _session_with_user_sql(alias: str) -> tuple[str, list[Any], list[Any], int]:
    """The statement, the fields its columns hold, and where the user's key is among them."""
    User = get_user_model()  # noqa: N806 (a model class)
    quote = connections[alias].ops.quote_name
    session_fields, user_fields = list(Session._meta.concrete_fields), list(User._meta.concrete_fields)
    columns = [f"s.{quote(f.column)}" for f in session_fields] + [f"u.{quote(f.column)}" for f in user_fields]
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(Session._meta.db_table)} s"
        f" LEFT JOIN {quote(User._meta.db_table)} u ON u.{quote(User._meta.pk.column)} = s.{quote(Session._meta.get_field('user').column)}"
        f" WHERE s.{quote(Session._meta.get_field('session_key').column)} = %s AND s.{quote(Session._meta.get_field('expire_date').column)} > %s"
    )
    return sql, session_fields, user_fields, user_fields.index(User._meta.pk)


def _instance(model: type[models.Model], alias: str, connection: Any, fields: list[Any], values: Sequence[Any]) -> Any:
    converted = []
    for field, value in zip(fields, values, strict=True):
        for convert in field.get_db_converters(connection):  # e.g. a JSON column's decoding
            value = convert(value, field, connection)
        converted.append(value)
    return model.from_db(alias, [field.attname for field in fields], converted)


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

    async def aget_user(self, user_id: Any) -> Any | None:
        user = _joined_user.get()
        _joined_user.set(None)
        if user is None or user.pk != user_id:
            return await super().aget_user(user_id)
        return user if self.user_can_authenticate(user) else None
