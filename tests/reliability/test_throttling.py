"""Abuse limits: login lockout (django-axes) by user and address with an admin unlock, chat turns
per user, and open streams per user; each refusal a 429 with Retry-After."""
from __future__ import annotations

import json

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.chatkit_client import created_thread_id, parse_sse, user_input
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def log_in(client: Client, username: str, password: str, *, address: str = "10.0.0.1"):
    client.get("/login/", REMOTE_ADDR=address)
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_wrong_passwords_lock_that_user_out_from_that_address(settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(username="carol")
    UserFactory(username="dave")
    client = Client()
    for _ in range(4):
        assert log_in(client, "carol", "wrong").status_code == 200  # the form again, with its error
    assert log_in(client, "carol", "wrong").status_code == 429  # the fifth locks the pair out
    locked = log_in(client, "carol", PASSWORD)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == int(settings.AXES_COOLOFF_TIME.total_seconds())
    page = locked.content.decode()
    assert "Too many failed logins" in page and '<form method="post"' in page
    assert "_auth_user_id" not in client.session
    # The pair is locked, not the user everywhere nor the address for everyone.
    assert log_in(Client(), "dave", PASSWORD, address="10.0.0.1").status_code == 302
    assert log_in(Client(), "carol", PASSWORD, address="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_an_administrator_unlocks_a_locked_out_user(settings, admin_client):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="carol")
    client = Client()
    for _ in range(3):
        log_in(client, "carol", "wrong")
    assert log_in(client, "carol", PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="carol")
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "carol" in listing.content.decode()
    response = admin_client.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert log_in(client, "carol", PASSWORD).status_code == 302


@pytest.mark.django_db(transaction=True)
async def test_it_limits_chat_turns_per_user(alice_client, bob_client, settings):
    settings.CHATKIT_TURNS_PER_WINDOW = 2
    settings.THROTTLE_WINDOW_SECONDS = 600
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("one")))
    await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("two"))
    response = await alice_client.post(
        {"type": "threads.add_user_message", "params": {"thread_id": thread_id, "input": user_input("three")}}
    )
    assert response.status_code == 429 and response["Content-Type"] == "application/json"
    assert 1 <= int(response["Retry-After"]) <= 600
    assert "2 messages" in json.loads(response.content)["error"]
    _, items = await alice_client.request("items.list", thread_id=thread_id)
    assert "three" not in json.dumps(items)  # refused before anything was stored
    assert (await alice_client.request("threads.list"))[0] == 200  # reading is not a turn
    await bob_client.stream("threads.create", input=user_input("bob is someone else"))


@pytest.mark.django_db(transaction=True)
async def test_it_caps_the_streams_one_user_has_open(alice_client, bob_client, settings):
    settings.CHATKIT_MAX_CONCURRENT_STREAMS = 1
    first = await alice_client.post({"type": "threads.create", "params": {"input": user_input("long answer")}})
    assert first.status_code == 200  # streaming, and not read yet: the slot stays taken
    second = await alice_client.post({"type": "threads.create", "params": {"input": user_input("another")}})
    assert second.status_code == 429 and int(second["Retry-After"]) >= 1
    assert "1 answer streaming" in json.loads(second.content)["error"]
    await bob_client.stream("threads.create", input=user_input("bob has his own"))
    events = parse_sse(b"".join([chunk async for chunk in first.streaming_content]))
    assert any(e["type"] == "thread.item.done" for e in events)
    await alice_client.stream("threads.create", input=user_input("the slot is free again"))


@pytest.mark.django_db(transaction=True)
async def test_a_refused_request_gives_its_stream_slot_back(alice_client, settings):
    settings.CHATKIT_MAX_CONCURRENT_STREAMS = 1
    for _ in range(3):
        status, _ = await alice_client.request("threads.add_user_message", thread_id="thr_nope", input=user_input("x"))
        assert status == 404
    await alice_client.stream("threads.create", input=user_input("still allowed"))
