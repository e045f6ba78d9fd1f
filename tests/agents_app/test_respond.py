"""Docs answers with sources, and conversation memory: what reaches the model's input."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from asgiref.sync import sync_to_async
from chatkit.types import HiddenContextItem

from agents_app.converter import GuideConverter
from agents_app.memory import remember_response, turn_input
from chatkit_site.protocol import RequestContext
from tests.chatkit_client import assistant_text, created_thread_id, user_input
from threads.models import ThreadItem as ThreadItemRow
from threads.store import DjangoStore

pytestmark = pytest.mark.django_db(transaction=True)


def answer(events: list[dict]) -> dict:
    return next(e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "assistant_message")


def source_urls(events: list[dict]) -> list[str]:
    return [a["source"]["url"] for a in answer(events)["content"][0]["annotations"]]


async def test_it_answers_from_the_docs_with_url_sources(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("How do client tools work?"))
    sources = answer(events)["content"][0]["annotations"]
    assert sources and all(a["source"]["type"] == "url" for a in sources)
    assert sources[0]["source"]["url"] == "/docs/client-tools"
    assert all(a["source"]["url"].startswith("/docs/") for a in sources)
    assert "Want to see it live? Ask me: “Switch to dark mode”." in assistant_text(events)


async def test_it_says_plainly_when_the_docs_do_not_cover_a_question(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("What is the capital of France?"))
    assert assistant_text(events).startswith("The docs shipped with this app don't cover “What is the capital of France?”, so I won't guess.")
    assert source_urls(events) == []


@pytest.mark.parametrize(("first", "expected"), [
    ("How do entity tags work?", "/docs/entity-tags#searching-for-entities-ontagsearch"),  # onRequestPreview
    ("How do attachments work?", "/docs/attachments#previews"),
])
async def test_it_reads_a_follow_up_in_the_light_of_the_previous_question(alice_client, first, expected):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input(first)))
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("and what about previews?"))
    assert source_urls(events)[0] == expected


async def test_it_remembers_the_earlier_turn(alice_client):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("How do widgets work?")))
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("What did I ask before?"))
    assert assistant_text(events) == "Earlier you asked: “How do widgets work?”."


async def test_it_keeps_moderated_items_out_of_model_input_but_keeps_hidden_context(alice, alice_client):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("my secret plan is X")))
    await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("How do widgets work?"))
    await sync_to_async(ThreadItemRow.objects.filter(thread_id=thread_id, text__contains="secret").update)(hidden=True, hidden_reason="moderation")
    store, context = DjangoStore(), RequestContext(user=alice)
    note = HiddenContextItem(id="hc_1", thread_id=thread_id, created_at=datetime.now(), content="<WIDGET_ACTION>kept</WIDGET_ACTION>")
    await store.add_thread_item(thread_id, note, context)
    thread = await store.load_thread(thread_id, context)
    sent = json.dumps((await turn_input(store, thread, context, GuideConverter())).items)
    assert "secret" not in sent
    assert "How do widgets work?" in sent and "<WIDGET_ACTION>kept</WIDGET_ACTION>" in sent
    events = await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input("What did I ask before?"))
    assert assistant_text(events) == "Earlier you asked: “How do widgets work?”."


async def test_it_trims_the_oldest_history_first_to_fit_the_budgets(alice, alice_client, settings):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("first question")))
    for text in ("second question", "third question"):
        await alice_client.stream("threads.add_user_message", thread_id=thread_id, input=user_input(text))
    store, context = DjangoStore(), RequestContext(user=alice)
    thread = await store.load_thread(thread_id, context)
    settings.CHATKIT_HISTORY_ITEM_BUDGET = 4  # each turn stores a question and an answer
    sent = json.dumps((await turn_input(store, thread, context, GuideConverter())).items)
    assert "third question" in sent and "second question" in sent and "first question" not in sent
    settings.CHATKIT_HISTORY_ITEM_BUDGET, settings.CHATKIT_HISTORY_CHAR_BUDGET = 60, 1
    items = (await turn_input(store, thread, context, GuideConverter())).items
    assert len(items) == 1  # the newest item always goes, whatever the budget


async def test_it_sends_only_new_items_after_a_stored_openai_response(alice, alice_client, settings):
    thread_id = created_thread_id(await alice_client.stream("threads.create", input=user_input("How do widgets work?")))
    store, context = DjangoStore(), RequestContext(user=alice)
    thread = await store.load_thread(thread_id, context)
    settings.OPENAI_API_KEY = "sk-test"  # no request is made: only the input assembly is under test
    await remember_response(store, thread, context, response_id="resp_1", resumable=True)
    await store.save_thread(thread, context)
    await store.add_thread_item(thread_id, HiddenContextItem(id="hc_new", thread_id=thread_id, created_at=datetime.now(), content="new note"), context)
    turn = await turn_input(store, await store.load_thread(thread_id, context), context, GuideConverter())
    assert turn.previous_response_id == "resp_1"
    assert "new note" in json.dumps(turn.items) and "How do widgets work?" not in json.dumps(turn.items)
    await remember_response(store, thread, context, response_id="resp_2", resumable=False)
    assert "previous_response_id" not in thread.metadata
