"""Every admin list costs the same number of queries for 10 rows as for 100: no per-row queries."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

from .conftest import admin_client, make_thread

pytestmark = pytest.mark.django_db

LISTS = ["/admin/threads/thread/", "/admin/threads/threaditem/", "/admin/threads/feedback/"]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", LISTS)
def test_it_lists_ten_or_a_hundred_rows_in_the_same_queries(url, moderator):
    owners = [UserFactory() for _ in range(3)]
    client = admin_client(moderator)
    for n in range(10):
        make_thread(owners[n % 3], title=f"t{n}", texts=("q", "a"), positive=1, negative=n % 2)
    small = queries_for(client, url)
    for n in range(10, 100):
        make_thread(owners[n % 3], title=f"t{n}", texts=("q", "a"), positive=1, negative=n % 2)
    shown = client.get(url).context["cl"].result_list
    assert len(shown) == 100
    assert queries_for(client, url) == small
