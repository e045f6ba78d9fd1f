"""Trigram indexes for the admin's substring search, on PostgreSQL only.

Django's `icontains` on PostgreSQL compiles to `UPPER(col) LIKE UPPER(%term%)`, so the indexes are
on `UPPER(col)` with `gin_trgm_ops`: the planner can then answer the admin's search with a bitmap
index scan instead of reading every message. SQLite has no such index and simply scans.
"""
from __future__ import annotations

from typing import Any

from django.db import migrations

INDEXES = {
    "thread_item_text_trgm": ("threads_threaditem", "text"),
    "thread_title_trgm": ("threads_thread", "title"),
}


def create_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER("{column}")) gin_trgm_ops)'
        )


def drop_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("threads", "0002_moderation_permissions")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
