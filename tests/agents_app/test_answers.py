"""The shape of the offline model's docs answers, through the real endpoint and agent loop.

A person reads these: the first words must answer, nothing may be cut mid-sentence, citation
markers must run [1], [2] in reading order, and no markdown scaffolding may show.
"""
from __future__ import annotations

import re
from typing import Any

import pytest

from agents_app.offline.compose import is_complete_sentence
from tests.chatkit_client import assistant_text, user_input

pytestmark = pytest.mark.django_db(transaction=True)

# Everyday questions, most of them the ones issue 28 found answered badly.
QUESTIONS = [
    "Can I force the UI to French?",
    "How can I hide the thread history?",
    "What does token refresh look like for a hosted integration?",
    "What is the two_phase upload strategy?",
    "How do I add my own tools to the composer with composer.tools?",
    "How do widget actions work?",
    "How do I stream text into a widget?",
    "Why do I get a 403 from the chat endpoint?",
    "How do I show progress while a slow server tool runs?",
    "What kinds of items can a thread hold?",
    "How do I make corners less rounded?",
    "How does getClientSecret work?",
]


def _message(events: list[dict[str, Any]]) -> dict[str, Any]:
    done = [e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "assistant_message"]
    assert done, [e["type"] for e in events]
    return done[-1]


def _prose(text: str) -> str:
    return re.sub(r"```.*?```", " ", text, flags=re.S)


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


async def _ask(client: Any, question: str) -> tuple[str, list[dict[str, Any]]]:
    events = await client.stream("threads.create", input=user_input(question))
    part = _message(events)["content"][0]
    return assistant_text(events), part["annotations"]


@pytest.mark.parametrize("question", QUESTIONS)
async def test_an_answer_starts_with_a_complete_sentence_and_ends_without_a_fragment(alice_client, question):
    text, _ = await _ask(alice_client, question)
    assert is_complete_sentence(_first_sentence(text)), text
    assert not text.startswith(("Without", "That is", "It ", "This is what", "Having thought")), text
    last_line = text.rstrip().splitlines()[-1]
    assert last_line == "```" or re.search(r"[.!?”)]$", last_line), text
    for paragraph in _prose(text).split("\n\n"):
        if paragraph.strip():
            assert re.search(r"[.!?”)]$", paragraph.strip()), paragraph
    assert "…" not in _prose(text), text  # nothing trimmed to a snippet


@pytest.mark.parametrize("question", QUESTIONS)
async def test_citations_come_in_reading_order_after_the_sentences_they_support(alice_client, question):
    text, annotations = await _ask(alice_client, question)
    assert annotations, text
    indexes = [a["index"] for a in annotations]
    assert indexes == sorted(indexes) and len(set(indexes)) == len(indexes), annotations
    assert all(0 < i <= len(text) and text[i - 1] in ".!?)`”" for i in indexes), (text, indexes)
    assert all(a["source"]["url"].startswith("/docs/") and a["source"]["title"] for a in annotations)


@pytest.mark.parametrize("question", QUESTIONS)
async def test_an_answer_has_no_raw_footer_or_stray_markdown(alice_client, question):
    text, annotations = await _ask(alice_client, question)
    assert "_(" not in text and "From the docs passages" not in text
    assert "A little more detail" not in text and "\n- **" not in text
    assert not re.search(r"\[\d\]", text)  # markers are annotations, not typed brackets
    assert all(" · " not in a["source"]["title"] for a in annotations)  # readable: "Page: Section"


async def test_it_says_french_is_locale_fr(alice_client):
    text, annotations = await _ask(alice_client, "Can I force the UI to French?")
    assert 'locale: "fr"' in text and annotations[0]["source"]["url"] == "/docs/theming-and-options#locale"


async def test_it_answers_hiding_history_with_history_enabled(alice_client):
    text, _ = await _ask(alice_client, "How can I hide the thread history?")
    assert "history.enabled" in text and "enabled: false" in text and "moderat" not in text


async def test_it_answers_token_refresh_from_the_authentication_page(alice_client):
    text, annotations = await _ask(alice_client, "What does token refresh look like for a hosted integration?")
    assert annotations[0]["source"]["url"] == "/docs/authentication#refreshing-before-expiry"
    assert "CSRF" not in text
