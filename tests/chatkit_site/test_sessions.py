"""Logins on Django's stock `cached_db` sessions: the endpoint reads the session from the cache,
and every check Django makes on a session (password change, deactivation, a deleted user,
expiry) holds for the ChatKit endpoint. Runs on PostgreSQL too (tests/postgres)."""
from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db(transaction=True)  # the endpoint reads on its database threads

PASSWORD = "correct horse battery staple"


def logged_in(user: Any) -> Client:
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def endpoint_status(client: Client) -> int:
    client.get("/login/")  # the CSRF cookie
    response = client.post(
        "/api/chatkit", {"type": "threads.list", "params": {"limit": 5}}, content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    return response.status_code


def test_the_session_engine_is_djangos_own():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert settings.AUTHENTICATION_BACKENDS[-1] == "django.contrib.auth.backends.ModelBackend"
    assert not [path for path in settings.AUTHENTICATION_BACKENDS if path.startswith("chatkit_site.")]


def test_logging_in_stores_the_session_and_logging_out_removes_it(alice):
    client = logged_in(alice)
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).get_decoded()["_auth_user_id"] == str(alice.pk)
    client.post("/logout/")
    assert not Session.objects.filter(session_key=key).exists()


def test_a_cached_session_costs_no_session_query(alice):
    client = logged_in(alice)
    client.get("/login/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200  # the chat page, a sync view on this thread
    assert not [q["sql"] for q in captured if "django_session" in q["sql"]]


def test_a_session_evicted_from_the_cache_is_read_from_the_database(alice):
    client = logged_in(alice)
    cache.clear()
    assert endpoint_status(client) == 200


def test_a_password_change_elsewhere_logs_the_session_out(alice):
    client = logged_in(alice)
    assert endpoint_status(client) == 200
    alice.set_password("another horse battery staple")
    alice.save()
    assert endpoint_status(client) == 401


def test_a_deactivated_user_is_logged_out(alice):
    client = logged_in(alice)
    alice.is_active = False
    alice.save()
    assert endpoint_status(client) == 401


def test_deleting_a_user_logs_their_sessions_out_and_leaves_others(alice, bob):
    alices, bobs = logged_in(alice), logged_in(bob)
    alice.delete()
    assert endpoint_status(alices) == 401
    assert endpoint_status(bobs) == 200


def test_a_session_flushed_elsewhere_is_logged_out(alice):
    """What an admin "log out everywhere" does: the session is deleted, cache and row."""
    from django.contrib.sessions.backends.cached_db import SessionStore

    client = logged_in(alice)
    SessionStore(client.cookies["sessionid"].value).delete()
    assert endpoint_status(client) == 401
