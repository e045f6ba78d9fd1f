"""Widget actions on the sample email draft: the card changes and the guide acknowledges."""
from __future__ import annotations

import pytest

from tests.chatkit_client import assistant_text, created_thread_id, user_input

pytestmark = pytest.mark.django_db(transaction=True)


async def draft_thread(client) -> tuple[str, dict]:
    events = await client.stream("threads.create", input=user_input("Show me the sample widget"))
    widget = next(e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "widget")
    return created_thread_id(events), widget


def button_action(widget: dict, label: str) -> dict:
    row = widget["widget"]["children"][-1]
    return next(b["onClickAction"] for b in row["children"] if b["label"] == label)


async def test_it_replaces_the_card_and_acknowledges_send(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    action = button_action(widget, "Send")
    events = await alice_client.stream("threads.custom_action", thread_id=thread_id, item_id=widget["id"],
                                       action={"type": action["type"], "payload": action["payload"]})
    replaced = next(e["item"] for e in events if e["type"] == "thread.item.replaced")
    assert replaced["id"] == widget["id"]
    assert replaced["widget"]["status"]["text"] == "Sent"
    assert "Button" not in str(replaced["widget"])
    assert not [e for e in events if e.get("item", {}).get("type") == "hidden_context_item"]
    assert assistant_text(events).startswith("Sent! “A quick tour of ChatKit Studio” is marked as sent")
    status, items = await alice_client.request("items.list", thread_id=thread_id, limit=50)
    stored = next(i for i in items["data"] if i["id"] == widget["id"])
    assert stored["widget"]["status"]["text"] == "Sent"
    assert all(i["type"] != "hidden_context_item" for i in items["data"])


async def test_it_acknowledges_discard(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    action = button_action(widget, "Discard")
    events = await alice_client.stream("threads.custom_action", thread_id=thread_id, item_id=widget["id"], action=action)
    assert next(e for e in events if e["type"] == "thread.item.replaced")["item"]["widget"]["status"]["text"] == "Discarded"
    assert assistant_text(events).startswith("Discarded:")


async def test_it_uses_the_stored_draft_not_a_tampered_payload(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    forged = {"type": "email.send", "payload": {"to": "victim@example.com", "subject": "forged", "body": "x"}}
    events = await alice_client.stream("threads.custom_action", thread_id=thread_id, item_id=widget["id"], action=forged)
    replaced = next(e for e in events if e["type"] == "thread.item.replaced")["item"]
    assert "forged" not in str(replaced) and "team@example.com" in str(replaced)


async def test_it_refuses_a_second_click_once_the_card_is_sent(alice_client):
    thread_id, widget = await draft_thread(alice_client)
    action = button_action(widget, "Send")
    await alice_client.stream("threads.custom_action", thread_id=thread_id, item_id=widget["id"], action=action)
    events = await alice_client.stream("threads.custom_action", thread_id=thread_id, item_id=widget["id"], action=action)
    errors = [e for e in events if e["type"] == "error"]
    assert errors and errors[0]["message"] == "That button is no longer available on this card."
    assert not [e for e in events if e["type"] == "thread.item.replaced"]
