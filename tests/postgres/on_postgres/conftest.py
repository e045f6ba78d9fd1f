"""Tests of PostgreSQL-only code. The PostgreSQL pass (tests/postgres/test_suites_on_postgres.py)
runs them against a real server; a run on SQLite does not collect them, rather than skip them."""
from __future__ import annotations

from django.db import connection

collect_ignore_glob = [] if connection.vendor == "postgresql" else ["test_*.py"]
