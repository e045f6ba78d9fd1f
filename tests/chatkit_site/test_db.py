"""`prepared_cursor`: on PostgreSQL the chat path's fixed statements are parsed and planned once
per connection; anywhere else, and with `CHATKIT_DB_PREPARED` off, it is Django's own cursor.
Either way it behaves as `connection.cursor()` does for the code around it (counted, logged,
Django's exceptions). Runs on PostgreSQL too (tests/postgres)."""
from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chatkit_site.db import prepared_cursor
from chatkit_site.sessions import SessionStore
from threads import services
from threads.models import Thread

pytestmark = pytest.mark.django_db

STATEMENT = f"SELECT id, title FROM {Thread._meta.db_table} WHERE owner_id = %s ORDER BY id"


def thread(id: str, owner: object, title: str = "") -> Thread:
    return Thread.objects.create(id=id, owner=owner, title=title, created_at=timezone.now(), data={})


def prepared_plans() -> list[tuple[int, int]]:
    """(generic, custom) plan counts of STATEMENT as prepared on this connection, one per preparation."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            [f"SELECT id, title FROM {Thread._meta.db_table} WHERE owner_id = $1%"],
        )
        return cursor.fetchall()


def run_statement(owner_id: int) -> list[tuple[str, str]]:
    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, [owner_id])
        return cursor.fetchall()


def test_a_statement_run_three_times_is_prepared_once_and_returns_its_rows(alice, bob):
    thread("thr_a", alice, "Alice's")
    thread("thr_b", bob, "Bob's")
    assert run_statement(alice.pk) == [("thr_a", "Alice's")]
    assert run_statement(bob.pk) == [("thr_b", "Bob's")]
    assert run_statement(alice.pk) == [("thr_a", "Alice's")]
    if connection.vendor == "postgresql":
        plans = prepared_plans()
        assert len(plans) == 1, plans
        assert sum(plans[0]) == 3, plans  # every run used the one preparation


def test_with_prepared_statements_off_nothing_is_prepared(alice, settings):
    settings.CHATKIT_DB_PREPARED = False
    thread("thr_a", alice, "Alice's")
    assert run_statement(alice.pk) == [("thr_a", "Alice's")]
    if connection.vendor == "postgresql":
        assert prepared_plans() == []


def test_its_queries_are_counted_and_its_errors_are_djangos(alice):
    with CaptureQueriesContext(connection) as captured:
        run_statement(alice.pk)
    assert [query["sql"] for query in captured] and "owner_id" in captured[0]["sql"]
    thread("thr_a", alice)
    with pytest.raises(IntegrityError):  # what callers catch, whichever cursor ran the statement
        with prepared_cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Thread._meta.db_table} (id, owner_id, title, title_set_by_user, status, status_reason,"
                " created_at, updated_at, data)"
                " VALUES (%s, %s, '', false, 'active', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '{}')",
                ["thr_a", alice.pk],
            )


def test_the_session_read_and_the_item_save_are_prepared(alice):
    session = SessionStore()
    session[SESSION_KEY] = str(alice.pk)
    session.create()
    assert SessionStore(session.session_key).load()[SESSION_KEY] == str(alice.pk)
    thread("thr_a", alice)
    services.thread_item_upsert(
        user=alice, thread_id="thr_a", item_id="msg_1", item_type="user_message", created_at=timezone.now(),
        data={"id": "msg_1", "type": "user_message"},
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            statements = [row[0] for row in cursor.fetchall()]
        assert any("session_key" in statement for statement in statements), statements
        assert any("INSERT INTO threads_threaditem" in statement for statement in statements), statements
