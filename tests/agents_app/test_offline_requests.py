"""What the offline model does with a request: explain or run a demo, act on the current theme,
shape a widget from the request's words, and read attached files. Real endpoint, real agent loop."""
from __future__ import annotations

import json
from typing import Any

import pytest

from tests.attachments import samples
from tests.attachments.conftest import local_storage, upload_direct, upload_two_phase  # noqa: F401 (fixture)
from tests.chatkit_client import assistant_text, created_thread_id, user_input

pytestmark = pytest.mark.django_db(transaction=True)


def _done(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == kind]


@pytest.mark.parametrize(("question", "demo_prompt"), [
    ("How do I show progress while a slow server tool runs?", "Run the long-running tool with progress updates"),
    ("Explain the sample widget", "Show me the sample widget"),
    ("What does the chain of thought demo show?", "Show me a chain of thought"),
])
async def test_a_question_about_a_demo_explains_it_and_offers_to_run_it(alice_client, question, demo_prompt):
    events = await alice_client.stream("threads.create", input=user_input(question))
    assert not [e for e in events if e["type"] == "progress_update"]
    assert not _done(events, "widget") and not _done(events, "workflow")  # nothing ran
    text = assistant_text(events)
    assert f"“{demo_prompt}”" in text, text


async def test_explain_with_a_tagged_demo_explains_instead_of_running(alice_client):
    tag = {"type": "input_tag", "id": "demo:sample_widget", "text": "Sample widget: email draft",
           "data": {"kind": "demo", "tool": "sample_widget"}, "interactive": False}
    message = {"content": [{"type": "input_text", "text": "Explain "}, tag], "attachments": [], "inference_options": {}}
    events = await alice_client.stream("threads.create", input=message)
    assert not _done(events, "widget")
    assert "“Show me the sample widget”" in assistant_text(events)


@pytest.mark.parametrize("request_text", ["Show me the sample widget", "Can you show me a chain of thought?",
                                          "Show me a sample widget with an email draft"])
async def test_asking_for_a_demo_runs_it(alice_client, request_text):
    events = await alice_client.stream("threads.create", input=user_input(request_text))
    assert _done(events, "widget") or _done(events, "workflow")


async def test_an_email_draft_request_gets_the_email_draft_not_another_card(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Show me a sample widget with an email draft"))
    widget = json.dumps(_done(events, "widget")[0]["widget"])
    assert "email-body" in widget and "Release checklist" not in widget


async def _switch(client: Any, thread_id: str | None, words: str, page_theme: str) -> tuple[str, str, str]:
    """One theme request; the fake page reports as the real one does. Returns (asked, now, reply)."""
    if thread_id is None:
        events = await client.stream("threads.create", input=user_input(words))
        thread_id = created_thread_id(events)
    else:
        events = await client.stream("threads.add_user_message", thread_id=thread_id, input=user_input(words))
    call = _done(events, "client_tool_call")[0]
    asked = call["arguments"]["theme"]
    events = await client.stream("threads.add_client_tool_output", thread_id=thread_id,
                                 result={"success": True, "theme": asked, "previous": page_theme})
    return thread_id, asked, assistant_text(events)


async def test_switch_back_and_toggle_act_on_the_theme_the_page_reported(alice_client):
    thread_id, asked, reply = await _switch(alice_client, None, "Switch to dark mode", "light")
    assert asked == "dark" and "now in the dark theme" in reply
    thread_id, asked, reply = await _switch(alice_client, thread_id, "Switch the theme back", "dark")
    assert asked == "light" and "now in the light theme" in reply
    thread_id, asked, reply = await _switch(alice_client, thread_id, "Toggle the theme", "light")
    assert asked == "dark" and "now in the dark theme" in reply
    _, asked, reply = await _switch(alice_client, thread_id, "dark mode please", "dark")
    assert asked == "dark" and "already in the dark theme" in reply


async def test_a_weather_request_yields_a_weather_forecast_card(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Build me a widget that shows a weather forecast card"))
    widget = _done(events, "widget")[0]["widget"]
    shown = json.dumps(widget)
    assert widget["type"] == "Card" and "Weather forecast" in shown and "Release checklist" not in shown
    assert "Today" in shown and "Refresh" in shown
    text = assistant_text(events)
    assert "weather forecast" in text and "```jsx" in text and "placeholders" in text


async def test_a_request_beyond_the_rules_says_the_offline_model_shaped_a_simple_card(alice_client):
    events = await alice_client.stream("threads.create",
                                       input=user_input("Make me a card for a contact with name, email and phone"))
    shown = json.dumps(_done(events, "widget")[0]["widget"])
    assert all(field in shown for field in ("Contact", "Name", "Email", "Phone"))
    assert "offline model shaped a simple card" in assistant_text(events)
    assert "a real model designs" in assistant_text(events)


@pytest.mark.usefixtures("local_storage")
async def test_it_answers_from_an_attached_text_file_and_describes_an_attached_image(alice_client):
    note = await upload_two_phase(alice_client, "notes.txt", b"Shopping\nThe password is pelican.\nBye", "text/plain")
    image = await upload_direct(alice_client, "cat.png", samples.png(), "image/png")
    assert note.status == 200 and image.status == 200, (note.body, image.body)
    events = await alice_client.stream(
        "threads.create", input=user_input("What is the password in the attached files?", [note.body["id"], image.body["id"]]))
    text = assistant_text(events)
    assert "**notes.txt**" in text and "“The password is pelican.”" in text, text
    assert "**cat.png**: an image (PNG, " in text and " pixels, " in text and "no vision" in text, text
    assert "stream" not in text.lower()


@pytest.mark.usefixtures("local_storage")
async def test_a_question_with_a_file_that_is_not_about_it_is_still_answered_from_the_docs(alice_client):
    note = await upload_two_phase(alice_client, "notes.txt", b"hello", "text/plain")
    events = await alice_client.stream("threads.create", input=user_input("How do widget actions work?", [note.body["id"]]))
    assert "notes.txt" not in assistant_text(events) and "action" in assistant_text(events)


@pytest.mark.usefixtures("local_storage")
async def test_it_quotes_what_was_asked_from_an_attached_pdf(alice_client):
    report = await upload_two_phase(alice_client, "report.pdf", samples.pdf(), "application/pdf")
    assert report.status == 200, report.body
    events = await alice_client.stream(
        "threads.create", input=user_input("What does the attached PDF say about revenue?", [report.body["id"]]))
    text = assistant_text(events)
    assert "**report.pdf** (PDF, " in text and "“Quarterly revenue grew by seventeen percent”" in text, text
