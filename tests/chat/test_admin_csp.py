"""The admin lives under the same strict policy as the chat: it must not need inline scripts."""
from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(rb"<script\b([^>]*)>(.*?)</script>", re.S)


def inline_scripts(html: bytes) -> list[bytes]:
    """Script elements a `script-src 'self'` policy would block: code in the page itself."""
    return [
        body for attrs, body in SCRIPT_TAG.findall(html)
        if b"src=" not in attrs and b'type="application/json"' not in attrs and body.strip()
    ]


@pytest.mark.parametrize("path", ["/admin/", "/admin/auth/user/add/", "/admin/threads/thread/"])
def test_it_serves_admin_pages_that_the_policy_allows(path: str) -> None:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.get(path)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert SCRIPT_TAG.search(response.content), "expected the admin to load scripts"
    assert inline_scripts(response.content) == []
