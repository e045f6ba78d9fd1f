"""The store and protocol suites again, on a real PostgreSQL server (psycopg 3, pooled).

pytest-django binds one database per session, so the PostgreSQL pass runs the same test modules
in a child pytest with DATABASE_URL pointing at PostgreSQL and a throwaway test database name.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid

import psycopg
import pytest

from tests.processes import POSTGRES_ADMIN_URL, ROOT

pytestmark = pytest.mark.postgres

# Each suite with the fewest tests it must pass, so a suite that collects nothing fails.
SUITES = {
    "tests/threads": 30, "tests/admin": 30, "tests/chatkit_site/test_sessions.py": 8, "tests/chatkit_site/test_db.py": 3,
    "tests/postgres/on_postgres": 3, "tests/reliability/on_postgres": 1,
}


@pytest.mark.parametrize("suite", SUITES)
def test_it_passes_the_suite_on_postgresql(suite: str) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))}
    name = f"test_chatkit_{uuid.uuid4().hex[:10]}"
    env.update(DATABASE_URL=POSTGRES_ADMIN_URL, TEST_DATABASE_NAME=name)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", suite, "-q", "-p", "no:cacheprovider", "-W", "ignore", "-x"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-2000:]
    print(f"[postgres] {suite}: {summary}")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    passed = int(re.search(r"(\d+) passed", summary).group(1))  # type: ignore[union-attr]
    assert passed >= SUITES[suite], summary
    assert "skipped" not in summary, summary
    with psycopg.connect(POSTGRES_ADMIN_URL) as admin:  # dropped, not left behind on the server
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None
