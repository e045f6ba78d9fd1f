"""Each demo asked for in plain words, through the real endpoint with the offline model."""
from __future__ import annotations

from typing import Any

import pytest

from tests.chatkit_client import assistant_text, created_thread_id, user_input

pytestmark = pytest.mark.django_db(transaction=True)


def of_type(events: list[dict[str, Any]], type_: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == type_]


def updates(events: list[dict[str, Any]], update_type: str) -> list[dict[str, Any]]:
    return [e for e in of_type(events, "thread.item.updated") if e["update"]["type"] == update_type]


async def test_it_streams_the_sample_widget_then_explains_it(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Show me the sample widget"))
    kinds = [e["type"] for e in events]
    added = next(i for i, e in enumerate(events) if e["type"] == "thread.item.added" and e["item"]["type"] == "widget")
    deltas = [i for i, e in enumerate(events) if e["type"] == "thread.item.updated"
              and e["update"]["type"] == "widget.streaming_text.value_delta"]
    assert deltas and added < deltas[0], kinds
    assert all(events[i]["update"]["component_id"] == "email-body" for i in deltas)
    widget_done = next(e for e in of_type(events, "thread.item.done") if e["item"]["type"] == "widget")
    text_deltas = [i for i, e in enumerate(events) if e["type"] == "thread.item.updated"
                   and e["update"]["type"] == "assistant_message.content_part.text_delta"]
    # The SDK merges tool events with the model's stream, so only the start order is fixed.
    assert text_deltas and added < text_deltas[0]
    body = "".join(events[i]["update"]["delta"] for i in deltas)
    assert body and body in str(widget_done["item"]["widget"])
    assert "Send" in assistant_text(events) and "Discard" in assistant_text(events)


async def test_it_reports_progress_updates_in_order_before_answering(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Run the long-running tool with progress updates"))
    progress = [e["text"] for e in of_type(events, "progress_update")]
    assert progress == ["Connecting to the records service…", "Fetching records…", "Crunching the numbers…", "Almost done…"]
    last_progress = max(i for i, e in enumerate(events) if e["type"] == "progress_update")
    first_message = next(i for i, e in enumerate(events) if e["type"] == "thread.item.added" and e["item"]["type"] == "assistant_message")
    assert last_progress < first_message
    assert "4 progress updates" in assistant_text(events)


async def test_it_runs_a_custom_workflow_whose_tasks_complete(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Run the workflow demo"))
    workflow = next(e["item"] for e in of_type(events, "thread.item.done") if e["item"]["type"] == "workflow")
    assert workflow["workflow"]["type"] == "custom"
    assert [t["title"] for t in workflow["workflow"]["tasks"]] == ["Plan the trip", "Book the venue", "Send invitations"]
    assert {t["status_indicator"] for t in workflow["workflow"]["tasks"]} == {"complete"}
    assert workflow["workflow"]["summary"]["title"] == "3 tasks complete"
    loading = [e["update"]["task"] for e in updates(events, "workflow.task.added")]
    assert loading and all(t["status_indicator"] == "loading" for t in loading)
    assert [e["update"]["task"]["status_indicator"] for e in updates(events, "workflow.task.updated")] == ["complete"] * 3


async def test_it_streams_a_chain_of_thought_then_a_summary(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Show me a chain of thought"))
    added = next(e["item"] for e in of_type(events, "thread.item.added") if e["item"]["type"] == "workflow")
    assert added["workflow"]["type"] == "reasoning"
    thoughts = [e["update"]["task"] for e in updates(events, "workflow.task.added")]
    assert [t["type"] for t in thoughts] == ["thought"] * 4
    done = next(e["item"] for e in of_type(events, "thread.item.done") if e["item"]["type"] == "workflow")
    assert done["workflow"]["summary"]["title"] == "Thought through 4 steps"
    assert "reasoning workflow" in assistant_text(events)


async def test_it_stops_at_the_client_tool_and_continues_after_its_output(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Switch to dark mode"))
    call = next(e["item"] for e in of_type(events, "thread.item.done") if e["item"]["type"] == "client_tool_call")
    assert call["name"] == "switch_theme" and call["arguments"] == {"theme": "dark"} and call["status"] == "pending"
    assert assistant_text(events) == ""
    thread_id = created_thread_id(events)
    events = await alice_client.stream("threads.add_client_tool_output", thread_id=thread_id, result={"theme": "dark", "applied": True})
    assert "now in the dark theme" in assistant_text(events)


async def test_it_hands_hard_questions_to_the_thinking_agent(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Think hard: how should I structure a ChatKit integration with widgets?"))
    assert [e["text"] for e in of_type(events, "progress_update")] == ["Handing over to the thinking agent…"]
    reasoning = next(e["item"] for e in of_type(events, "thread.item.done") if e["item"]["type"] == "workflow")
    assert reasoning["workflow"]["type"] == "reasoning" and len(reasoning["workflow"]["tasks"]) == 3
    text = assistant_text(events)
    assert text[:1].isupper() and "Having thought" not in text  # the workflow shows the thinking; the answer leads
    assert reasoning["workflow"]["summary"]["duration"] >= 1  # the real elapsed time, rounded up, never "0s"


async def test_it_renders_a_dynamic_widget_and_shows_its_jsx(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Build me a dynamic widget with a title, a badge and two buttons"))
    widget = next(e["item"]["widget"] for e in of_type(events, "thread.item.done") if e["item"]["type"] == "widget")
    assert widget["type"] == "Card" and widget["children"][0] == {"type": "Title", "value": "Release checklist", "size": "md"}
    text = assistant_text(events)
    assert "```jsx\n<Card size=\"md\">" in text
    assert '<Badge label="Ready" color="success" variant="soft" />' in text


async def test_it_answers_an_invalid_dynamic_widget_with_a_clear_message(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Build me an invalid widget"))
    assert not [e for e in events if e["type"].startswith("thread.item") and e.get("item", {}).get("type") == "widget"]
    assert not of_type(events, "error")
    text = assistant_text(events)
    assert "couldn't render that widget" in text
    assert "widget.children[1] (Text): value: Field required" in text


async def test_it_runs_a_demo_the_user_mentioned_by_tag(alice_client):
    tag = {"type": "input_tag", "id": "demo:demo_workflow", "text": "Custom workflow", "data": {}, "group": "Demos", "interactive": True}
    message = {"content": [{"type": "input_text", "text": "please "}, tag], "attachments": [], "inference_options": {}}
    events = await alice_client.stream("threads.create", input=message)
    assert any(e["type"] == "thread.item.done" and e["item"]["type"] == "workflow" for e in events)
