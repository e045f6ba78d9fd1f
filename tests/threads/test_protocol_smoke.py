from __future__ import annotations

import pytest

from tests.chatkit_client import assistant_text, created_thread_id, user_input

pytestmark = pytest.mark.django_db(transaction=True)


async def test_it_creates_a_thread_and_streams_an_answer(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("What is ChatKit?"))
    types = [e["type"] for e in events]
    assert types[0] == "thread.created"
    assert "thread.item.done" in types
    deltas = [e for e in events if e["type"] == "thread.item.updated" and e["update"]["type"].endswith("text_delta")]
    assert len(deltas) > 3
    assert assistant_text(events).startswith("ChatKit is")  # answered, without echoing the question
    thread_id = created_thread_id(events)
    status, thread = await alice_client.request("threads.get_by_id", thread_id=thread_id)
    assert status == 200
    assert [i["type"] for i in thread["items"]["data"]] == ["user_message", "assistant_message"]
