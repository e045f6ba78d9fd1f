"""The fuzz run goes through PostgreSQL, whose refusals (NUL in text, bigint range, column
lengths) it is about. tests/postgres/test_suites_on_postgres.py runs it against a real server; a
run on SQLite does not collect it, rather than skip it."""
from __future__ import annotations

from django.db import connection

collect_ignore_glob = [] if connection.vendor == "postgresql" else ["test_*.py"]
