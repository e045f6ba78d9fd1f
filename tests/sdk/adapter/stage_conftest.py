"""conftest.py of the staged SDK suite: a Django database per test, the deviations marked.

Every test gets a transactional database: the store runs its statements on database threads
(`chatkit_site.db`), which see only committed rows. A listed deviation is a strict xfail, so
one that starts passing fails the run until it leaves the list.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests._deviations import DEVIATIONS


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's, ending the database threads' sessions before it drops the test database
    (PostgreSQL does not drop a database in use), as the project's own conftest does."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _django_database(transactional_db: Any) -> None:
    """Each SDK test starts on an empty database, as it does with its own in-memory SQLite."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        reason = DEVIATIONS.get(item.nodeid)
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from django.db import connection

    terminalreporter.write_line(f"DjangoStore database: {connection.vendor}")
