"""Stored feedback (issue #27): the page reads the user's thumbs back after a reload, and a retry
keeps the rating of the answer it replaced (with the thread, for staff), off the owner's page."""
from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from django.test import AsyncClient

from tests.chatkit_client import ChatKitClient, created_thread_id, user_input
from tests.factories import UserFactory
from threads.models import Feedback

pytestmark = pytest.mark.django_db(transaction=True)


async def rated_thread(client: ChatKitClient, kind: str = "positive") -> tuple[str, str, str]:
    events = await client.stream("threads.create", input=user_input("What are threads?"))
    thread_id = created_thread_id(events)
    done = [e["item"] for e in events if e["type"] == "thread.item.done"]
    question = next(i["id"] for i in done if i["type"] == "user_message")
    answer = next(i["id"] for i in done if i["type"] == "assistant_message")
    status, _ = await client.request("items.feedback", thread_id=thread_id, item_ids=[answer], kind=kind)
    assert status == 200
    return thread_id, question, answer


async def stored(client: ChatKitClient, thread_id: str) -> tuple[int, dict]:
    response = await client.http.get("/api/chatkit/feedback", {"thread_id": thread_id})
    return response.status_code, response.json()


async def test_it_answers_the_users_stored_feedback_for_a_thread(alice_client):
    thread_id, _, answer = await rated_thread(alice_client, "negative")
    assert await stored(alice_client, thread_id) == (200, {"feedback": {answer: "negative"}})
    await alice_client.request("items.feedback", thread_id=thread_id, item_ids=[answer], kind="positive")
    assert await stored(alice_client, thread_id) == (200, {"feedback": {answer: "positive"}})


async def test_another_users_thread_is_not_found_and_anonymous_is_refused(alice_client, bob_client):
    thread_id, _, _ = await rated_thread(alice_client)
    status, body = await stored(bob_client, thread_id)
    assert status == 404 and body == {"error": f"No thread {thread_id!r}."}
    assert (await stored(bob_client, "thr_missing"))[0] == 404
    assert (await stored(bob_client, "thr_\x00" + "x" * 300))[0] == 404
    assert (await AsyncClient().get("/api/chatkit/feedback", {"thread_id": thread_id})).status_code == 401


async def test_a_retry_keeps_the_rating_of_the_answer_it_replaced(alice_client, alice):
    thread_id, question, answer = await rated_thread(alice_client, "negative")
    await alice_client.stream("threads.retry_after_item", thread_id=thread_id, item_id=question)
    kept = [f async for f in Feedback.objects.filter(user=alice)]
    # Kept with the thread, naming the replaced answer; only the link to the deleted row is gone.
    assert [(f.thread_id, f.item_key, f.item_id, f.kind) for f in kept] == [(thread_id, answer, None, "negative")]
    # The new answer starts unrated: the old rating is not shown against it.
    assert await stored(alice_client, thread_id) == (200, {"feedback": {}})
    await alice_client.request("threads.delete", thread_id=thread_id)
    assert await Feedback.objects.filter(user=alice).acount() == 0  # the thread's end is the rating's end


async def test_staff_still_read_a_retried_answers_rating_in_the_admin(alice_client):
    thread_id, question, answer = await rated_thread(alice_client, "negative")
    await alice_client.stream("threads.retry_after_item", thread_id=thread_id, item_id=question)
    admin = AsyncClient()
    await admin.aforce_login(await sync_to_async(UserFactory)(username="root", is_staff=True, is_superuser=True))
    page = (await admin.get("/admin/threads/feedback/")).content.decode()
    assert f"{answer} (replaced by a retry)" in page
    threads = (await admin.get("/admin/threads/thread/", {"negative_feedback": "yes"})).content.decode()
    assert thread_id in threads  # the thread list's "has negative feedback" filter still finds it
