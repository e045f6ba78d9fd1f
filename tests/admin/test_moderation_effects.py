"""What the chatting user sees after moderation, through the real /api/chatkit endpoint."""
from __future__ import annotations

import json
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.contrib.admin.utils import quote
from django.test import AsyncClient

from agents_app.offline.model import OfflineModel
from tests.chatkit_client import created_thread_id, user_input
from threads.models import ThreadItem
from threads.placeholders import HIDDEN_NOTICE

# The moderator fixture rebuilds the Moderators group that a transactional flush removes.
pytestmark = pytest.mark.django_db(transaction=True)


async def admin_post(moderator: Any, url: str, data: dict[str, Any]) -> Any:
    client = AsyncClient(enforce_csrf_checks=True)
    await client.aforce_login(moderator)
    await client.get("/admin/")
    return await client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


@pytest.fixture
def model_inputs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every input the offline model receives, as JSON text."""
    seen: list[str] = []
    original = OfflineModel.stream_response

    def recording(self: OfflineModel, system_instructions: Any, input: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(json.dumps(input, default=str))
        return original(self, system_instructions, input, *args, **kwargs)

    monkeypatch.setattr(OfflineModel, "stream_response", recording)
    return seen


async def test_a_locked_thread_refuses_new_messages_with_the_reason(alice_client, moderator):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("hello")))
    data = {"action": "lock_threads", "_selected_action": [thread_id], "apply": "1", "reason": "Under review"}
    assert (await admin_post(moderator, "/admin/threads/thread/", data)).status_code == 302
    status, body = await alice_client.request("threads.add_user_message", thread_id=thread_id, input=user_input("more"))
    assert status == 409 and body == {"error": "This thread is locked: Under review"}
    status, thread = await alice_client.request("threads.get_by_id", thread_id=thread_id)
    assert thread["status"] == {"type": "locked", "reason": "Under review"}
    reopen = {**data, "action": "reopen_threads", "reason": "Cleared"}
    await admin_post(moderator, "/admin/threads/thread/", reopen)
    await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("more"))


async def test_a_closed_thread_refuses_new_messages_too(alice_client, moderator):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("hello")))
    data = {"action": "close_threads", "_selected_action": [thread_id], "apply": "1", "reason": "Resolved"}
    await admin_post(moderator, "/admin/threads/thread/", data)
    status, body = await alice_client.request("threads.add_user_message", thread_id=thread_id, input=user_input("more"))
    assert status == 409 and body == {"error": "This thread is closed: Resolved"}


async def test_a_hidden_item_becomes_a_notice_for_the_user_and_leaves_the_models_input(alice_client, moderator, model_inputs):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("my password is hunter2")))
    await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("How do widgets work?"))
    assert "hunter2" in model_inputs[-1]
    # The offline guide quotes the question back, so the answer carries it too: hide both.
    leaking = [i async for i in ThreadItem.objects.filter(thread_id=thread_id, text__contains="hunter2")]
    assert {i.type for i in leaking} == {"user_message", "assistant_message"}
    for item in leaking:
        url = f"/admin/threads/thread/{quote(thread_id)}/items/{item.sequence}/moderate/"
        assert (await admin_post(moderator, url, {"op": "hide", "reason": "Credentials"})).status_code == 302
    status, page = await alice_client.request("items.list", thread_id=thread_id, order="asc", limit=50)
    assert status == 200 and len(page["data"]) == 4
    # In their place the owner reads a moderator's notice: not the content, not the reason.
    notices = [i for i in page["data"] if i["id"] in {item.item_id for item in leaking}]
    assert [i["type"] for i in notices] == ["widget", "widget"]
    assert all(i["copy_text"] == HIDDEN_NOTICE for i in notices)
    assert "hunter2" not in json.dumps(page) and "Credentials" not in json.dumps(page)
    status, thread = await alice_client.request("threads.get_by_id", thread_id=thread_id)
    shown = json.dumps(thread["items"])
    assert "hunter2" not in shown and "Credentials" not in shown and HIDDEN_NOTICE in shown
    # The title had been written from the hidden message; it is rewritten from the first visible one.
    assert thread["title"] and "hunter2" not in thread["title"] and "password" not in thread["title"].lower(), thread["title"]
    model_inputs.clear()
    await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("What about themes?"))
    assert model_inputs and "How do widgets work?" in model_inputs[0]
    assert not any("hunter2" in sent for sent in model_inputs)
    assert await sync_to_async(ThreadItem.objects.filter(text__contains="hunter2", hidden=True).count)() == 2  # kept for audit
