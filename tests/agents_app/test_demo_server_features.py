"""The demos of issue #26 through the real endpoint with the offline model: client effects,
notices, a structured input form, entity sources, a generated image, task and end-of-turn items,
and the dynamic widget showing its own JSX. Each is asked for in plain words or by @-mention."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from agents_app.tools.structured_input import CLIENT_QUESTION, CLIENT_QUESTION_ID, CLIENTS
from attachments.models import Attachment
from tests.chatkit_client import assistant_text, created_thread_id, user_input

pytestmark = pytest.mark.django_db(transaction=True)


def of_type(events: list[dict[str, Any]], type_: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == type_]


def done_items(events: list[dict[str, Any]], item_type: str) -> list[dict[str, Any]]:
    return [e["item"] for e in of_type(events, "thread.item.done") if e["item"]["type"] == item_type]


def tagged(demo: str, title: str, text: str = "please ") -> dict[str, Any]:
    tag = {"type": "input_tag", "id": f"demo:{demo}", "text": title, "data": {}, "group": "Demos", "interactive": True}
    return {"content": [{"type": "input_text", "text": text}, tag], "attachments": [], "inference_options": {}}


async def stored_items(client: Any, thread_id: str) -> list[dict[str, Any]]:
    status, page = await client.request("items.list", thread_id=thread_id, limit=50, order="asc")
    assert status == 200, page
    return page["data"]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # generated images are stored as attachments


async def test_it_streams_a_client_effect_that_highlights_the_docs_link(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Highlight the docs button"))
    effects = of_type(events, "client_effect")
    assert effects == [{"type": "client_effect", "name": "highlight", "data": {"target": "docs", "ms": 2400}}]
    assert "client effect" in assistant_text(events)
    # An effect is not part of the conversation: nothing about it is stored as an item.
    kinds = [item["type"] for item in await stored_items(alice_client, created_thread_id(events))]
    assert kinds == ["user_message", "assistant_message"]


@pytest.mark.parametrize("demo, event_type", [("show_notice", "notice"), ("highlight_docs_button", "client_effect")])
async def test_the_event_demos_run_when_mentioned_by_tag(alice_client, demo, event_type):
    events = await alice_client.stream("threads.create", input=tagged(demo, "a demo"))
    assert len(of_type(events, event_type)) == 1


async def test_the_demo_list_runs_when_mentioned_by_tag(alice_client):
    events = await alice_client.stream("threads.create", input=tagged("list_demos", "Entity sources"))
    [answer] = done_items(events, "assistant_message")
    assert len(answer["content"][0]["annotations"]) >= 12


async def test_it_shows_a_notice_outside_the_transcript(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Show me a notice"))
    [notice] = of_type(events, "notice")
    assert notice["level"] == "info" and notice["title"] == "A notice from the server"
    assert "[Read how they work](/docs/effects-notices-and-inputs)" in notice["message"]
    assert "That box is a notice" in assistant_text(events)
    # The reply names the docs page that explains notices: a clickable entity source opens it.
    [answer] = done_items(events, "assistant_message")
    [source] = [a["source"] for a in answer["content"][0]["annotations"]]
    assert source["id"] == "doc:effects-notices-and-inputs" and source["interactive"] is True
    assert source["data"]["url"] == "/docs/effects-notices-and-inputs"


async def test_it_says_with_a_notice_when_history_was_trimmed_for_the_model(alice_client, settings):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("first question")))
    first = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("second question"))
    assert not of_type(first, "notice")  # everything still fits
    settings.CHATKIT_HISTORY_ITEM_BUDGET = 2
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("third question"))
    [notice] = of_type(events, "notice")
    assert notice["title"] == "Older messages left out" and "most recent messages" in notice["message"]
    assert events.index(notice) < next(i for i, e in enumerate(events) if e["type"] == "thread.item.added"
                                       and e["item"]["type"] == "assistant_message")


async def test_it_asks_which_client_with_a_form_and_ends_the_turn(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Ask me which client I use"))
    [form] = done_items(events, "structured_input")
    assert form["status"] == "pending"
    [question] = form["inputs"]
    assert question["question"] == CLIENT_QUESTION and question["type"] == "multiple_choice"
    assert [o["value"] for o in question["options"]] == list(CLIENTS)
    assert done_items(events, "end_of_turn"), "the assistant marks that it stopped to wait for the form"
    assert assistant_text(events) == ""  # the form is the question: no answer before it is filled in
    kinds = [item["type"] for item in await stored_items(alice_client, created_thread_id(events))]
    assert kinds == ["user_message", "structured_input", "end_of_turn"]


@pytest.mark.parametrize("choice, advice", [(CLIENTS[1], "useChatKit"), (CLIENTS[2], "CHATKIT_CLIENT=open")])
async def test_the_form_answer_is_stored_recorded_as_a_task_and_steers_the_reply(alice_client, choice, advice):
    events = await alice_client.stream("threads.create", input=user_input("Ask me which client I use"))
    thread_id, [form] = created_thread_id(events), done_items(events, "structured_input")
    answer = {"status": "answered", "answers": {CLIENT_QUESTION_ID: {"values": [choice]}}}
    events = await alice_client.stream("threads.add_structured_input", thread_id=thread_id, item_id=form["id"], input=answer)
    [replaced] = [e["item"] for e in of_type(events, "thread.item.replaced")]
    assert replaced["status"] == "answered" and replaced["inputs"][0]["answer"]["values"] == [choice]
    [task] = done_items(events, "task")
    assert task["task"]["title"] == f"Noted your client: {choice}" and task["task"]["status_indicator"] == "complete"
    assert advice in assistant_text(events) and choice in assistant_text(events)
    stored = await stored_items(alice_client, thread_id)
    stored_form = next(item for item in stored if item["id"] == form["id"])
    assert stored_form["status"] == "answered" and stored_form["inputs"][0]["answer"]["values"] == [choice]
    assert [item["type"] for item in stored][-2:] == ["task", "assistant_message"]
    # Answered once: a second submission is refused rather than silently re-running the turn.
    status, body = await alice_client.request("threads.add_structured_input", thread_id=thread_id, item_id=form["id"], input=answer)
    assert status == 409 and "already answered" in body["error"]


async def test_a_skipped_form_gets_a_general_answer_and_no_task(alice_client):
    events = await alice_client.stream("threads.create", input=tagged("ask_which_client", "Structured input"))
    thread_id, [form] = created_thread_id(events), done_items(events, "structured_input")
    events = await alice_client.stream("threads.add_structured_input", thread_id=thread_id, item_id=form["id"],
                                       input={"status": "skipped", "answers": {}})
    assert not done_items(events, "task")
    assert "you skipped the form" in assistant_text(events)
    stored_form = next(item for item in await stored_items(alice_client, thread_id) if item["id"] == form["id"])
    assert stored_form["status"] == "skipped" and stored_form["inputs"][0]["answer"]["skipped"] is True


async def test_another_user_cannot_answer_alices_form(alice_client, bob_client):
    events = await alice_client.stream("threads.create", input=user_input("Ask me which client I use"))
    thread_id, [form] = created_thread_id(events), done_items(events, "structured_input")
    status, _ = await bob_client.request("threads.add_structured_input", thread_id=thread_id, item_id=form["id"],
                                         input={"status": "answered", "answers": {CLIENT_QUESTION_ID: {"values": [CLIENTS[0]]}}})
    assert status == 404


async def test_the_demo_list_cites_each_demo_as_a_clickable_entity_source(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("List the demos"))
    [answer] = done_items(events, "assistant_message")
    sources = [a["source"] for a in answer["content"][0]["annotations"]]
    assert sources and all(s["type"] == "entity" and s["interactive"] for s in sources)
    by_id = {s["id"]: s for s in sources}
    assert by_id["demo:sample_widget"]["data"] == {"kind": "demo", "demo": "sample_widget", "prompt": "Show me the sample widget"}
    assert {"demo:highlight_docs_button", "demo:image_generation", "demo:ask_which_client"} <= set(by_id)
    assert "**Notice**" in answer["content"][0]["text"]


async def test_a_reply_that_offers_a_demo_cites_it_as_an_entity(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("hello"))
    [answer] = done_items(events, "assistant_message")
    sources = [a["source"]["id"] for a in answer["content"][0]["annotations"]]
    assert sources == ["demo:list_demos"]  # the greeting says: say “List the demos”


async def test_it_draws_a_picture_offline_and_stores_it_as_an_attachment(alice, alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Draw me a picture of a lighthouse at night"))
    added = next(e["item"] for e in of_type(events, "thread.item.added") if e["item"]["type"] == "generated_image")
    assert added.get("image") is None  # shown as "generating" until the image arrives
    [item] = done_items(events, "generated_image")
    url = item["image"]["url"]
    assert "/api/attachments/" in url and "sig=" in url and not url.startswith("data:")
    attachment = await Attachment.objects.aget(owner=alice, mime_type="image/png")
    assert attachment.thread_id == created_thread_id(events)
    response = await alice_client.http.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.format == "PNG" and image.size == (480, 300)
    text = assistant_text(events)
    assert "a lighthouse at night" in text and "cannot draw what you name" in text  # no false claim
    stored = await stored_items(alice_client, created_thread_id(events))
    assert [i["type"] for i in stored] == ["user_message", "generated_image", "assistant_message"]
    assert stored[1]["image"]["url"] == url


async def test_another_user_cannot_open_the_generated_image(alice_client, bob_client):
    events = await alice_client.stream("threads.create", input=tagged("image_generation", "Generated image"))
    [item] = done_items(events, "generated_image")
    response = await bob_client.http.get(item["image"]["url"].removeprefix("http://testserver"))
    assert response.status_code == 404


async def test_the_next_turn_sees_a_note_about_the_image_not_its_url(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Draw me a picture of a red barn"))
    thread_id = created_thread_id(events)
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("What did I ask?"))
    assert "Draw me a picture of a red barn" in assistant_text(events)  # the note was not taken for a question


async def test_the_dynamic_widget_shows_its_own_jsx_beside_it(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Build me a dynamic widget with a title, a badge and two buttons"))
    messages = done_items(events, "assistant_message")
    assert len(messages) == 2
    jsx, reply = messages[0]["content"][0]["text"], messages[1]["content"][0]["text"]
    assert jsx.startswith("The widget above as JSX:") and '```jsx\n<Card size="md">' in jsx
    assert "```" not in reply and "its JSX is the code block between the card and this message" in reply  # the model does not have to repeat it
    kinds = [e["item"]["type"] for e in of_type(events, "thread.item.done")]
    assert kinds.index("widget") < kinds.index("assistant_message")


@pytest.mark.parametrize("question, section", [
    ("How do I show the user a warning banner from the server?", "/docs/effects-notices-and-inputs#notices"),
    ("How is the answer to a form sent back to the server?", "/docs/effects-notices-and-inputs#structured-input-forms"),
    ("Where are images the assistant generates stored?", "/docs/generated-images#where-the-image-is-kept"),
    ("What is an end_of_turn item for?", "/docs/effects-notices-and-inputs#task-and-end-of-turn-items"),
])
def test_the_guide_finds_the_new_demos_docs(question: str, section: str) -> None:
    from agents_app.knowledge import docs_search

    assert section in [hit.url for hit in docs_search(question, limit=3)]
