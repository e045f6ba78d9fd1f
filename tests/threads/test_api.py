"""Every ChatKit request type through the real endpoint, as a logged-in browser would send it."""
from __future__ import annotations

from datetime import datetime

import pytest
from chatkit.types import ClientToolCallItem, StructuredInputFreeform, StructuredInputItem

from agents_app.offline.model import OfflineModel
from chatkit_site.protocol import RequestContext
from tests.chatkit_client import ChatKitClient, assistant_text, created_thread_id, user_input
from threads import store as store_module
from threads.models import Feedback, Thread, ThreadItem
from threads.store import DjangoStore

pytestmark = pytest.mark.django_db(transaction=True)


async def start_thread(client: ChatKitClient, text: str = "What are threads?") -> tuple[str, list[dict]]:
    events = await client.stream("threads.create", input=user_input(text))
    return created_thread_id(events), events


async def items_of(client: ChatKitClient, thread_id: str) -> list[dict]:
    status, page = await client.request("items.list", thread_id=thread_id, order="asc", limit=50)
    assert status == 200, page
    return page["data"]


async def test_it_creates_a_thread_with_stream_options_and_persisted_items(alice_client):
    thread_id, events = await start_thread(alice_client)
    assert [e["type"] for e in events[:2]] == ["thread.created", "thread.item.done"]
    assert any(e["type"] == "stream_options" for e in events)
    assert assistant_text(events)
    assert [i["type"] for i in await items_of(alice_client, thread_id)] == ["user_message", "assistant_message"]


async def test_it_adds_a_user_message_to_an_existing_thread(alice_client):
    thread_id, _ = await start_thread(alice_client)
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("And items?"))
    assert "items" in assistant_text(events)  # answered from the docs on items (the answer no longer echoes the question)
    assert len(await items_of(alice_client, thread_id)) == 4


async def test_a_follow_up_makes_one_database_call_per_store_step(alice_client, monkeypatch):
    thread_id, _ = await start_thread(alice_client, "What are threads?")
    trips: list[str] = []
    seen_by_model: list[str] = []
    real_run, real_plan = store_module._run, OfflineModel._plan

    async def counting_run(fn, **kwargs):  # each store call is one database-thread hop
        trips.append(fn.__name__)
        return await real_run(fn, **kwargs)

    def recording_plan(self, instructions, items, *args, **kwargs):
        seen_by_model.append(repr(items))
        return real_plan(self, instructions, items, *args, **kwargs)

    monkeypatch.setattr(store_module, "_run", counting_run)
    monkeypatch.setattr(OfflineModel, "_plan", recording_plan)
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("And items?"))

    assert "items" in assistant_text(events)  # answered from the docs on items (the answer no longer echoes the question)
    # The refusals read the thread (is it active?), the SDK reads it again and saves the message,
    # the guide reads the history, the SDK's stream_agent_response reads the two newest items (a
    # workflow to continue?), and the answer is saved: nothing else, no `SELECT 1` between.
    assert trips == [
        "thread_for_user", "thread_for_user", "thread_item_upsert", "thread_items_page", "thread_items_page", "thread_item_upsert",
    ]
    assert "What are threads?" in seen_by_model[0] and "And items?" in seen_by_model[0]


async def test_it_gets_lists_renames_and_deletes_threads(alice_client):
    first, _ = await start_thread(alice_client, "one")
    second, _ = await start_thread(alice_client, "two")
    status, thread = await alice_client.request("threads.get_by_id", thread_id=first)
    assert status == 200 and thread["id"] == first and len(thread["items"]["data"]) == 2
    status, page = await alice_client.request("threads.list", limit=1, order="desc")
    assert status == 200 and [t["id"] for t in page["data"]] == [second] and page["has_more"]
    status, page = await alice_client.request("threads.list", limit=5, order="desc", after=page["after"])
    assert [t["id"] for t in page["data"]] == [first] and not page["has_more"]
    status, renamed = await alice_client.request("threads.update", thread_id=first, title="Renamed by me")
    assert status == 200 and renamed["title"] == "Renamed by me"
    assert (await Thread.objects.aget(id=first)).title_set_by_user
    status, body = await alice_client.request("threads.delete", thread_id=first)
    assert status == 200 and body == {}
    assert await ThreadItem.objects.filter(thread_id=first).acount() == 0
    status, _ = await alice_client.request("threads.get_by_id", thread_id=first)
    assert status == 404


async def test_it_records_feedback(alice_client, alice):
    thread_id, events = await start_thread(alice_client)
    answer_id = next(e["item"]["id"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "assistant_message")
    status, _ = await alice_client.request("items.feedback", thread_id=thread_id, item_ids=[answer_id], kind="negative")
    assert status == 200
    status, _ = await alice_client.request("items.feedback", thread_id=thread_id, item_ids=[answer_id], kind="positive")
    feedback = [f async for f in Feedback.objects.filter(user=alice)]
    assert [(f.kind) for f in feedback] == ["positive"]
    status, body = await alice_client.request("items.feedback", thread_id=thread_id, item_ids=["msg_missing"], kind="positive")
    assert status == 404 and body["error"]


async def test_it_retries_after_a_user_message(alice_client):
    thread_id, events = await start_thread(alice_client)
    user_id = next(e["item"]["id"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "user_message")
    old_answer = [i["id"] for i in await items_of(alice_client, thread_id)][1]
    events = await alice_client.stream("threads.retry_after_item", thread_id=thread_id, item_id=user_id)
    assert assistant_text(events)
    items = await items_of(alice_client, thread_id)
    assert [i["type"] for i in items] == ["user_message", "assistant_message"]
    assert items[1]["id"] != old_answer


async def test_it_continues_after_client_tool_output(alice_client, alice):
    thread_id, _ = await start_thread(alice_client)
    pending = ClientToolCallItem(
        id="tc_1", thread_id=thread_id, created_at=datetime.now(), call_id="call_1", name="switch_theme", arguments={"theme": "dark"}
    )
    await DjangoStore().add_thread_item(thread_id, pending, RequestContext(user=alice))
    events = await alice_client.stream("threads.add_client_tool_output", thread_id=thread_id, result={"theme": "dark"})
    assert any(e["type"] == "stream_options" for e in events)
    items = await items_of(alice_client, thread_id)
    tool_call = next(i for i in items if i["type"] == "client_tool_call")
    assert tool_call["status"] == "completed" and tool_call["output"] == {"theme": "dark"}
    status, body = await alice_client.request("threads.add_client_tool_output", thread_id=thread_id, result={})
    assert status == 409 and "No client tool call" in body["error"]


async def test_it_accepts_structured_input(alice_client, alice):
    thread_id, _ = await start_thread(alice_client)
    question = StructuredInputItem(
        id="si_1", thread_id=thread_id, created_at=datetime.now(),
        inputs=[StructuredInputFreeform(id="q1", question="Favourite widget?")],
    )
    await DjangoStore().add_thread_item(thread_id, question, RequestContext(user=alice))
    events = await alice_client.stream(
        "threads.add_structured_input", thread_id=thread_id, item_id="si_1",
        input={"status": "answered", "answers": {"q1": {"values": ["Card"]}}},
    )
    replaced = next(e for e in events if e["type"] == "thread.item.replaced")
    assert replaced["item"]["status"] == "answered"
    assert replaced["item"]["inputs"][0]["answer"]["values"] == ["Card"]


async def test_it_streams_a_clear_error_for_an_unknown_custom_action(alice_client):
    thread_id, _ = await start_thread(alice_client)
    events = await alice_client.stream("threads.custom_action", thread_id=thread_id, action={"type": "nope.unknown", "payload": {}})
    assert any(e["type"] == "error" for e in events)


async def test_it_refuses_unknown_sync_actions_and_offline_transcription_clearly(alice_client):
    # Both are served now (tests/threads/test_sync_action.py, tests/agents_app/test_transcribe.py).
    thread_id, _ = await start_thread(alice_client)
    status, body = await alice_client.request("threads.sync_custom_action", thread_id=thread_id, action={"type": "x", "payload": {}})
    assert status == 400 and "Unknown in-place action 'x'" in body["error"]
    status, body = await alice_client.request("input.transcribe", audio_base64="AAAA", mime_type="audio/webm")
    assert status == 501 and "offline model cannot transcribe" in body["error"]


async def test_it_refuses_new_messages_on_a_locked_thread_with_the_reason(alice_client):
    thread_id, _ = await start_thread(alice_client)
    await Thread.objects.filter(id=thread_id).aupdate(status="locked", status_reason="Under review by a moderator")
    status, body = await alice_client.request("threads.add_user_message", thread_id=thread_id, input=user_input("hello?"))
    assert status == 409
    assert "locked" in body["error"] and "Under review by a moderator" in body["error"]
    status, thread = await alice_client.request("threads.get_by_id", thread_id=thread_id)
    assert thread["status"] == {"type": "locked", "reason": "Under review by a moderator"}
