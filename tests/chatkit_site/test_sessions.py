"""Login sessions that bring their user along: one query authenticates, and every check Django
makes on a session (password change, deactivation, a deleted user, a tampered row) still holds."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import aget_user, get_user
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chatkit_site.models import Session
from chatkit_site.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the endpoint reads on its database threads

PASSWORD = "correct horse battery staple"


def logged_in(user: Any) -> Client:
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def user_of(client: Client) -> Any:
    """Who a fresh request carrying the client's cookie is, read the way every request reads it."""
    request = RequestFactory().get("/")
    request.session = SessionStore(client.cookies["sessionid"].value)
    return get_user(request)


def endpoint_status(client: Client) -> int:
    client.get("/login/")  # the CSRF cookie
    response = client.post(
        "/api/chatkit", {"type": "threads.list", "params": {"limit": 5}}, content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    return response.status_code


def test_logging_in_stores_a_session_row_with_its_user_and_logging_out_removes_it(alice):
    client = logged_in(alice)
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).user == alice
    client.post("/logout/")
    assert not Session.objects.filter(session_key=key).exists()


def test_a_request_reads_its_session_and_user_in_one_query(alice):
    client = logged_in(alice)
    with CaptureQueriesContext(connection) as captured:
        user = user_of(client)
    assert user == alice
    assert len(captured) == 1, [q["sql"] for q in captured]


async def test_the_async_path_brings_the_same_user_and_the_same_checks(alice):
    client = await sync_to_async(logged_in)(alice)

    async def async_user() -> Any:
        request = RequestFactory().get("/")
        request.session = SessionStore(client.cookies["sessionid"].value)
        return await aget_user(request)

    assert await async_user() == alice
    alice.is_active = False
    await alice.asave()
    assert isinstance(await async_user(), AnonymousUser)


def test_a_password_change_elsewhere_logs_the_session_out(alice):
    client = logged_in(alice)
    assert endpoint_status(client) == 200
    alice.set_password("another horse battery staple")
    alice.save()
    assert isinstance(user_of(client), AnonymousUser)
    assert endpoint_status(client) == 401


def test_a_deactivated_user_is_logged_out(alice):
    client = logged_in(alice)
    alice.is_active = False
    alice.save()
    assert isinstance(user_of(client), AnonymousUser)
    assert endpoint_status(client) == 401


def test_deleting_a_user_ends_their_sessions(alice, bob):
    alices, bobs = logged_in(alice), logged_in(bob)
    alice.delete()
    assert list(Session.objects.values_list("user__username", flat=True)) == ["bob"]
    assert isinstance(user_of(alices), AnonymousUser)
    assert user_of(bobs) == bob


def test_a_row_whose_user_column_was_changed_still_authenticates_the_sessions_own_user(alice, bob):
    """The session data decides who is logged in; the joined user is only a shortcut."""
    client = logged_in(alice)
    Session.objects.filter(session_key=client.cookies["sessionid"].value).update(user=bob)
    assert user_of(client) == alice


def test_an_anonymous_session_has_no_user(db):
    store = SessionStore()
    store["seen"] = "yes"
    store.save()
    assert Session.objects.get(session_key=store.session_key).user is None


def test_only_superusers_see_the_login_sessions_in_admin(alice):
    logged_in(alice)
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    staff = UserFactory(username="staffer", is_staff=True)
    admin, other = Client(), Client()
    admin.force_login(root)
    other.force_login(staff)
    page = admin.get("/admin/chatkit_site/session/")
    assert page.status_code == 200
    assert "alice" in page.content.decode()
    assert other.get("/admin/chatkit_site/session/").status_code == 403


def test_deleting_a_session_in_admin_logs_its_user_out(alice):
    client = logged_in(alice)
    key = client.cookies["sessionid"].value
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(root)
    response = admin.post("/admin/chatkit_site/session/", {"action": "delete_selected", "_selected_action": [key], "post": "yes"})
    assert response.status_code == 302
    assert isinstance(user_of(client), AnonymousUser)
    assert endpoint_status(client) == 401


def test_an_expired_session_is_logged_out_and_gets_a_new_key_when_saved(alice):
    client = logged_in(alice)
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    store = SessionStore(key)
    request = RequestFactory().get("/")
    request.session = store
    assert isinstance(get_user(request), AnonymousUser)
    assert endpoint_status(client) == 401
    store["seen"] = "yes"
    store.save()
    assert store.session_key != key  # never revives the expired key


def test_a_session_for_a_user_with_every_field_set_brings_that_user_back_intact(alice):
    alice.first_name, alice.email, alice.is_staff = "Alice", "alice@example.com", True
    alice.save()
    user = user_of(logged_in(alice))
    fresh = type(alice).objects.get(pk=alice.pk)
    assert [getattr(user, f.attname) for f in fresh._meta.concrete_fields] == [getattr(fresh, f.attname) for f in fresh._meta.concrete_fields]
    assert user._state.adding is False and user._state.db == "default"
