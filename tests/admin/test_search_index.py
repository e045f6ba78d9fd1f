"""Admin search over message text: a trigram index on PostgreSQL that the search really uses."""
from __future__ import annotations

import pytest
from django.db import connection

from threads.admin import ThreadAdmin
from threads.models import Thread, ThreadItem

from .conftest import admin_client, make_thread

pytestmark = pytest.mark.django_db

INDEXES = {"thread_item_text_trgm": "threads_threaditem", "thread_title_trgm": "threads_thread"}


def index_names() -> dict[str, str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [list(INDEXES)])
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (%s, %s)", list(INDEXES))
        return dict(cursor.fetchall())


def test_it_has_trigram_indexes_on_postgresql_only():
    found = index_names()
    if connection.vendor == "postgresql":
        assert set(found) == set(INDEXES)
        assert all("gin" in sql and "gin_trgm_ops" in sql and "upper(" in sql for sql in found.values()), found
    else:
        assert found == {}  # SQLite searches by scanning


def test_it_finds_threads_by_any_messages_text(alice, bob, moderator):
    wanted = make_thread(alice, title="plain", texts=("hello", "The Zanzibar archipelago"))
    make_thread(bob, title="other", texts=("hello", "nothing here"))
    response = admin_client(moderator).get("/admin/threads/thread/?q=zanziBAR")
    assert [t.pk for t in response.context["cl"].result_list] == [wanted.pk]


def test_the_search_query_can_use_the_index(alice, moderator, rf):
    make_thread(alice, texts=("needle in a haystack", "ok"))
    request = rf.get("/admin/threads/thread/")
    request.user = moderator
    admin = ThreadAdmin(Thread, None)  # type: ignore[arg-type]
    queryset, _ = admin.get_search_results(request, Thread.objects.all(), "needle")
    assert queryset.count() == 1
    inner = ThreadItem.objects.filter(text__icontains="needle")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")  # tiny tables: make the planner show what it can use
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan")
        assert "thread_item_text_trgm" in plan, plan
    else:
        assert 'LIKE' in str(inner.query)
