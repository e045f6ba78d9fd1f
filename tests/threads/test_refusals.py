"""Each input that once got an HTML 500 (or failed mid-stream) is refused up front as a 4xx JSON
error naming the field, and writes nothing. Runs on SQLite here and on PostgreSQL (where NUL and
out-of-range integers used to reach the database) in tests/postgres/test_suites_on_postgres.py."""
from __future__ import annotations

import json

import pytest
from asgiref.sync import sync_to_async

from attachments.models import Attachment
from tests.chatkit_client import created_thread_id, user_input
from threads.models import Feedback, Thread, ThreadItem
from threads.refusals import PAGE_LIMIT_MAX

pytestmark = pytest.mark.django_db(transaction=True)


@sync_to_async
def row_counts() -> tuple[int, int, int, int]:
    return Thread.objects.count(), ThreadItem.objects.count(), Feedback.objects.count(), Attachment.objects.count()


async def refused(client, type_, **params) -> tuple[int, dict]:
    before = await row_counts()
    response = await client.post({"type": type_, "params": params})
    assert response["Content-Type"] == "application/json", response.content[:200]
    assert await row_counts() == before, "a refused request wrote rows"
    return response.status_code, json.loads(response.content)


@pytest.fixture
async def thread_id(alice_client) -> str:
    return created_thread_id(await alice_client.stream("threads.create", input=user_input("hello")))


NUL = "x\u0000y"


@pytest.mark.parametrize(
    ("type_", "params", "field"),
    [
        ("threads.get_by_id", {"thread_id": NUL}, "params.thread_id"),
        ("threads.list", {"after": NUL}, "params.after"),
        ("items.list", {"thread_id": NUL}, "params.thread_id"),
        ("threads.delete", {"thread_id": NUL}, "params.thread_id"),
        ("attachments.delete", {"attachment_id": NUL}, "params.attachment_id"),
        ("threads.create", {"input": user_input(NUL)}, "params.input.content[0].text"),
        ("threads.create", {"input": user_input("hi", attachments=[NUL])}, "params.input.attachments[0]"),
        ("threads.list", {"order": "desc", "metadata": {NUL: 1}}, "params.metadata.x\u0000y"),
    ],
)
async def test_it_refuses_nul_anywhere_naming_the_field(alice_client, type_, params, field):
    status, body = await refused(alice_client, type_, **params)
    assert status == 400
    assert body["field"] == field and "NUL" in body["error"]


async def test_it_refuses_nul_in_ids_of_an_existing_thread(alice_client, thread_id):
    for type_, params, field in [
        ("items.list", {"thread_id": thread_id, "after": NUL}, "params.after"),
        ("items.feedback", {"thread_id": thread_id, "item_ids": [NUL], "kind": "positive"}, "params.item_ids[0]"),
        ("threads.retry_after_item", {"thread_id": thread_id, "item_id": NUL}, "params.item_id"),
        ("threads.update", {"thread_id": thread_id, "title": NUL}, "params.title"),
        ("threads.add_user_message", {"thread_id": thread_id, "input": user_input(NUL)}, "params.input.content[0].text"),
    ]:
        status, body = await refused(alice_client, type_, **params)
        assert (status, body["field"]) == (400, field), (type_, body)


async def test_it_refuses_a_nul_message_before_creating_a_thread(alice_client):
    status, body = await refused(alice_client, "threads.create", input=user_input("plan\u0000b"))
    assert status == 400
    assert await sync_to_async(Thread.objects.count)() == 0  # no thread left without items


async def test_it_refuses_ids_longer_than_their_column(alice_client, thread_id):
    status, body = await refused(alice_client, "threads.get_by_id", thread_id="t" * 65)
    assert (status, body["field"]) == (400, "params.thread_id")
    assert "64" in body["error"]
    status, body = await refused(alice_client, "items.list", thread_id=thread_id, after="m" * 500)
    assert (status, body["field"]) == (400, "params.after")


@pytest.mark.parametrize("limit", [2**63, 2**64 + 5, 10**30, 1e30, str(2**63)])
async def test_it_clamps_a_huge_limit_to_the_maximum(alice_client, thread_id, limit):
    status, body = await alice_client.request("items.list", thread_id=thread_id, limit=limit)
    assert status == 200, body
    assert 1 <= len(body["data"]) <= PAGE_LIMIT_MAX
    status, body = await alice_client.request("threads.list", limit=limit)
    assert status == 200 and [t["id"] for t in body["data"]] == [thread_id]


@pytest.mark.parametrize("limit", [-1, 0, -(2**63) - 1])
async def test_a_limit_below_one_pages_one_at_a_time_and_ends(alice_client, limit):
    for text in ("one", "two"):
        await alice_client.stream("threads.create", input=user_input(text))
    status, first = await alice_client.request("threads.list", limit=limit)
    assert status == 200 and len(first["data"]) == 1 and first["has_more"] is True
    status, second = await alice_client.request("threads.list", limit=limit, after=first["data"][0]["id"])
    assert status == 200 and len(second["data"]) == 1 and second["has_more"] is False


async def test_it_refuses_a_title_over_the_maximum(alice_client, thread_id, settings):
    status, body = await refused(alice_client, "threads.update", thread_id=thread_id, title="t" * 256)
    assert (status, body["field"]) == (400, "params.title")
    status, body = await alice_client.request("threads.update", thread_id=thread_id, title="t" * 255)
    assert status == 200 and body["title"] == "t" * 255
    settings.CHATKIT_MAX_TITLE_CHARS = 40
    status, body = await refused(alice_client, "threads.update", thread_id=thread_id, title="t" * 41)
    assert status == 400 and "40" in body["error"]


async def test_it_refuses_message_text_over_the_maximum(alice_client, thread_id, settings):
    settings.CHATKIT_MAX_MESSAGE_CHARS = 1_000
    content = [{"type": "input_text", "text": "a" * 600}, {"type": "input_text", "text": "b" * 600}]
    status, body = await refused(
        alice_client, "threads.add_user_message", thread_id=thread_id, input={**user_input(""), "content": content}
    )
    assert (status, body["field"]) == (413, "params.input.content")
    status, body = await refused(alice_client, "threads.create", input=user_input("c" * 1_001))
    assert (status, body["field"]) == (413, "params.input.content[0].text")


async def test_a_two_million_character_message_gets_a_short_refusal(alice_client, settings):
    settings.CHATKIT_MAX_REQUEST_BYTES = 10_000_000  # past the body limit: the text limit answers
    before = await row_counts()
    response = await alice_client.post({"type": "threads.create", "params": {"input": user_input("z" * 2_000_000)}})
    assert response.status_code == 413
    assert len(response.content) < 300 and json.loads(response.content)["field"]
    assert await row_counts() == before


async def test_structured_input_on_another_kind_of_item_is_refused_before_the_stream(alice_client, thread_id):
    _, items = await alice_client.request("items.list", thread_id=thread_id, order="asc")
    message_id = items["data"][0]["id"]
    status, body = await refused(
        alice_client, "threads.add_structured_input", thread_id=thread_id, item_id=message_id, input={"answers": {}}
    )
    assert status == 409 and body["field"] == "params.item_id"
    assert "not a structured input" in body["error"]
    status, body = await refused(
        alice_client, "threads.add_structured_input", thread_id=thread_id, item_id="msg_nope", input={"answers": {}}
    )
    assert status == 404


async def test_a_valid_request_still_streams(alice_client, thread_id):
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("thanks"))
    assert any(e["type"] == "thread.item.done" for e in events)
