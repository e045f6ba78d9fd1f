"""`threads.sync_custom_action`: the email draft's in-place buttons, through the real endpoint.

Shorter and Mark urgent send `streaming: false` actions; the answer is the updated card as
JSON, which is also what the thread keeps, and no model runs.
"""
from __future__ import annotations

import asyncio

import pytest

from tests.chatkit_client import created_thread_id, user_input
from threads.models import Thread, ThreadItem

pytestmark = pytest.mark.django_db(transaction=True)


async def draft_thread(client) -> tuple[str, dict]:
    events = await client.stream("threads.create", input=user_input("Show me the sample widget"))
    widget = next(e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "widget")
    return created_thread_id(events), widget


def buttons(widget: dict) -> dict[str, dict]:
    row = widget["widget"]["children"][-1]
    return {b["label"]: b["onClickAction"] for b in row["children"]}


def body_text(widget: dict) -> str:
    return next(c["value"] for c in widget["widget"]["children"] if c.get("id") == "email-body")


async def sync(client, thread_id: str, item_id: str | None, action: dict) -> tuple[int, dict]:
    return await client.request("threads.sync_custom_action", thread_id=thread_id, item_id=item_id,
                                action={"type": action["type"], "payload": action.get("payload")})


async def stored(thread_id: str, item_id: str) -> dict:
    return (await ThreadItem.objects.aget(thread_id=thread_id, item_id=item_id)).data


async def test_the_in_place_buttons_are_sync_actions(alice_client):
    _, widget = await draft_thread(alice_client)
    offered = buttons(widget)
    assert offered["Shorter"]["streaming"] is False and offered["Mark urgent"]["streaming"] is False
    assert offered["Send"].get("streaming", True) is True  # Send still runs the guide


async def test_shorter_rewrites_the_body_and_the_thread_keeps_it(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    items_before = await ThreadItem.objects.filter(thread_id=thread_id).acount()
    status, body = await sync(alice_client, thread_id, widget["id"], buttons(widget)["Shorter"])
    assert status == 200, body
    updated = body["updated_item"]
    assert updated["id"] == widget["id"] and updated["type"] == "widget"
    assert len(body_text(updated)) < len(body_text(widget))
    assert body_text(widget).startswith(body_text(updated))
    assert body_text(await stored(thread_id, widget["id"])) == body_text(updated)
    # No model run: nothing was added to the thread, the card was replaced where it was.
    assert await ThreadItem.objects.filter(thread_id=thread_id).acount() == items_before
    status, page = await alice_client.request("items.list", thread_id=thread_id, limit=50)
    assert [body_text(i) for i in page["data"] if i["id"] == widget["id"]] == [body_text(updated)]


async def test_mark_urgent_toggles_and_send_keeps_the_change(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    status, body = await sync(alice_client, thread_id, widget["id"], buttons(widget)["Mark urgent"])
    urgent = body["updated_item"]
    assert status == 200 and "Urgent" in str(urgent["widget"]["children"][0])
    assert "Not urgent" in buttons(urgent)
    status, body = await sync(alice_client, thread_id, widget["id"], buttons(urgent)["Not urgent"])
    assert "Urgent" not in str(body["updated_item"]["widget"]["children"][0])
    assert "Mark urgent" in buttons(await stored(thread_id, widget["id"]))


async def test_it_uses_the_stored_card_not_a_tampered_payload(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    forged = {"type": "email.shorter", "payload": {"to": "victim@example.com", "subject": "forged", "body": "x " * 50}}
    status, body = await sync(alice_client, thread_id, widget["id"], forged)
    assert status == 200 and "forged" not in str(body) and "team@example.com" in str(body)


async def test_a_locked_thread_refuses_it_with_409_and_keeps_the_card(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    await Thread.objects.filter(id=thread_id).aupdate(status="locked", status_reason="Under review by a moderator")
    status, body = await sync(alice_client, thread_id, widget["id"], buttons(widget)["Shorter"])
    assert status == 409 and "locked" in body["error"] and "Under review by a moderator" in body["error"]
    assert body_text(await stored(thread_id, widget["id"])) == body_text(widget)
    await Thread.objects.filter(id=thread_id).aupdate(status="closed", status_reason="Done")
    status, body = await sync(alice_client, thread_id, widget["id"], buttons(widget)["Shorter"])
    assert status == 409 and "closed: Done" in body["error"]


async def test_another_users_thread_or_a_card_without_the_button_is_refused(alice_client, bob_client):
    thread_id, widget = await draft_thread(alice_client)
    status, _ = await sync(bob_client, thread_id, widget["id"], buttons(widget)["Shorter"])
    assert status == 404
    await alice_client.stream("threads.custom_action", thread_id=thread_id, item_id=widget["id"], action=buttons(widget)["Send"])
    status, body = await sync(alice_client, thread_id, widget["id"], buttons(widget)["Shorter"])
    assert status == 409 and body["error"] == "That button is no longer available on this card."
    status, body = await sync(alice_client, thread_id, None, buttons(widget)["Shorter"])
    assert status == 400


async def test_it_works_while_another_answer_streams_in_the_thread(alice_client, alice, settings):
    from tests.chatkit_client import ChatKitClient

    settings.CHATKIT_DEMO_STEP_SECONDS = 0.5  # the progress demo keeps its stream open for seconds
    thread_id, widget = await draft_thread(alice_client)
    other_tab = await ChatKitClient(alice).login()
    streaming = asyncio.create_task(other_tab.stream(
        "threads.add_user_message", thread_id=thread_id, input=user_input("Show the long running tool status demo"),
    ))
    await asyncio.sleep(0.2)  # the other answer is under way
    status, body = await sync(alice_client, thread_id, widget["id"], buttons(widget)["Mark urgent"])
    assert not streaming.done(), "the other answer ended before the action: nothing was concurrent"
    events = await streaming
    assert status == 200 and any(e["type"] == "thread.item.done" for e in events)
    assert "Urgent" in str((await stored(thread_id, widget["id"]))["widget"]["children"][0])


async def test_a_client_that_streams_every_action_gets_the_same_card_and_no_answer(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    action = buttons(widget)["Shorter"]
    events = await alice_client.stream("threads.custom_action", thread_id=thread_id, item_id=widget["id"],
                                       action={"type": action["type"], "payload": action["payload"]})
    replaced = next(e["item"] for e in events if e["type"] == "thread.item.replaced")
    assert len(body_text(replaced)) < len(body_text(widget))
    assert not [e for e in events if e["type"] == "thread.item.done"]  # no model run, no new items
    assert body_text(await stored(thread_id, widget["id"])) == body_text(replaced)
