"""Bad input gets a readable 4xx JSON error, never a 500 or a traceback."""
from __future__ import annotations

import json

import pytest

from tests.chatkit_client import ChatKitClient, created_thread_id, user_input

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        (b"{not json", 400, "Malformed"),
        (b"[]", 400, "Malformed"),
        (json.dumps({"type": "threads.explode", "params": {}}).encode(), 400, "Unknown request type"),
        (json.dumps({"type": "threads.get_by_id", "params": {}}).encode(), 400, "thread_id"),
        (json.dumps({"type": "threads.create", "params": {"input": {"content": "x"}}}).encode(), 400, "Malformed"),
        (json.dumps({"type": "threads.list", "params": {"order": "sideways"}}).encode(), 400, "order"),
    ],
)
async def test_it_rejects_malformed_requests_readably(alice_client, body, status, fragment):
    response = await alice_client.post(body)
    assert response.status_code == status
    payload = json.loads(response.content)
    assert fragment in payload["error"]
    assert "Traceback" not in payload["error"]


async def test_it_requires_a_session(db):
    anonymous = await ChatKitClient(None).login()
    response = await anonymous.post({"type": "threads.list", "params": {}})
    assert response.status_code == 401
    assert json.loads(response.content)["detail"]


async def test_it_enforces_csrf(alice_client):
    response = await alice_client.post({"type": "threads.list", "params": {}}, csrf=False)
    assert response.status_code == 403
    assert "CSRF" in json.loads(response.content)["detail"]


async def test_it_answers_404_for_an_unknown_page_cursor(alice_client):
    status, body = await alice_client.request("threads.list", after="thr_nope")
    assert status == 404 and body["error"]


async def test_it_answers_404_for_an_unknown_attachment_in_a_new_message(alice_client):
    status, body = await alice_client.request("threads.create", input=user_input("hi", attachments=["atc_nope"]))
    assert status == 404 and body["error"]


async def test_it_names_the_missing_item_when_retrying_after_one(alice_client):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("hello")))
    status, body = await alice_client.request("threads.retry_after_item", thread_id=thread_id, item_id="msg_nope")
    assert (status, body) == (404, {"error": f"No item 'msg_nope' in thread {thread_id!r}."})


async def test_it_lets_no_one_else_read_list_change_or_delete_a_thread(alice_client, bob_client):
    events = await alice_client.stream("threads.create", input=user_input("my secret plan"))
    thread_id = created_thread_id(events)
    item_id = next(e["item"]["id"] for e in events if e["type"] == "thread.item.done")
    foreign_requests = [
        ("threads.get_by_id", {"thread_id": thread_id}),
        ("items.list", {"thread_id": thread_id}),
        ("threads.update", {"thread_id": thread_id, "title": "pwned"}),
        ("threads.delete", {"thread_id": thread_id}),
        ("items.feedback", {"thread_id": thread_id, "item_ids": [item_id], "kind": "negative"}),
        ("threads.add_user_message", {"thread_id": thread_id, "input": user_input("hi")}),
        ("threads.retry_after_item", {"thread_id": thread_id, "item_id": item_id}),
        ("threads.custom_action", {"thread_id": thread_id, "action": {"type": "x", "payload": {}}}),
        ("threads.add_client_tool_output", {"thread_id": thread_id, "result": {}}),
        ("threads.sync_custom_action", {"thread_id": thread_id, "action": {"type": "x", "payload": {}}}),
    ]
    for type_, params in foreign_requests:
        status, body = await bob_client.request(type_, **params)
        assert status == 404, (type_, status, body)
        assert body == {"error": f"No thread {thread_id!r}."}, (type_, body)  # as for a missing id: nothing leaks
    status, page = await bob_client.request("threads.list")
    assert page["data"] == []
    status, thread = await alice_client.request("threads.get_by_id", thread_id=thread_id)
    assert status == 200 and thread.get("title") != "pwned" and len(thread["items"]["data"]) == 2
