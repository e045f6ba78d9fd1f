"""Generated titles: after the first message, never over a name the user chose."""
from __future__ import annotations

import logging
import socket

import pytest
from asgiref.sync import sync_to_async
from celery.exceptions import Retry

from agents_app.offline.titles import offline_title
from chatkit_site.celery import app as celery_app
from tests.chatkit_client import assistant_text, created_thread_id, user_input
from threads.models import Thread
from threads.services import thread_title_generated
from threads.tasks import generate_thread_title

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_makes_short_sensible_offline_titles():
    assert offline_title("Hi! Can you show me how widgets stream text? Thanks") == "Show me how widgets stream text"
    # Six words at most, and never ending on a dangling "in" / "and".
    assert offline_title("what is the difference between direct and two-phase uploads") == "What is the difference between direct"
    assert offline_title("How do client tools work in ChatKit?") == "How do client tools work"
    assert offline_title("Explain widget actions in ChatKit, please.") == "Explain widget actions in ChatKit please"
    assert offline_title("   ") == "New conversation"
    assert offline_title("?!") == "New conversation"


async def test_it_titles_a_new_thread_after_its_first_answer(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("How do client tools work in ChatKit?"))
    assert assistant_text(events)
    thread = await Thread.objects.aget(id=created_thread_id(events))
    assert thread.title == "How do client tools work"
    status, body = await alice_client.request("threads.get_by_id", thread_id=thread.id)
    assert body["title"] == "How do client tools work"


async def test_it_sends_an_in_process_title_in_the_same_stream(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Show me the email draft widget"))
    updates = [event["thread"] for event in events if event["type"] == "thread.updated"]
    assert updates and updates[-1]["title"] == "Show me the email draft widget"
    # Sent after the answer, and saved as generated, not as the user's own choice.
    assert [event["type"] for event in events].index("thread.updated") > max(
        i for i, event in enumerate(events) if event["type"] == "thread.item.done"
    )
    thread = await Thread.objects.aget(id=created_thread_id(events))
    assert not thread.title_set_by_user


async def test_it_titles_a_benchmark_thread_as_a_title_not_as_the_fixed_answer(alice_client, settings):
    # The benchmark's fixed workload replaces answers; a title request must still get a title.
    settings.CHATKIT_OFFLINE_FIXED_DELTAS = 30
    events = await alice_client.stream("threads.create", input=user_input("How do widgets stream text?"))
    assert assistant_text(events).startswith("word0 word1")
    thread = await Thread.objects.aget(id=created_thread_id(events))
    assert thread.title == "How do widgets stream text"


async def test_it_keeps_a_title_the_user_chose(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("Tell me about entity tags"))
    thread_id = created_thread_id(events)
    await alice_client.request("threads.update", thread_id=thread_id, title="My tags notes")
    result = await sync_to_async(generate_thread_title.apply)(args=(thread_id,))
    assert result.get() is None
    assert (await Thread.objects.aget(id=thread_id)).title == "My tags notes"


async def test_it_retries_a_failing_model_with_growing_pauses_on_a_worker(alice_client, monkeypatch):
    events = await alice_client.stream("threads.create", input=user_input("Explain progress updates"))
    thread_id = created_thread_id(events)
    await Thread.objects.filter(id=thread_id).aupdate(title="")

    async def model_down(text: str) -> str:
        raise ConnectionError("model unreachable")

    monkeypatch.setattr("agents_app.titles.title_for", model_down)
    pauses = []

    def retry(*, exc: Exception, countdown: int) -> Retry:
        pauses.append((type(exc), countdown))
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(generate_thread_title, "retry", retry)

    def attempt(retries: int) -> None:  # as a worker runs it: not eager, its attempt number set
        generate_thread_title.push_request(is_eager=False, retries=retries)  # thread-local
        try:
            generate_thread_title.run(thread_id)
        finally:
            generate_thread_title.pop_request()

    for retries in range(3):
        with pytest.raises(Retry):
            await sync_to_async(attempt)(retries)
    assert pauses == [(ConnectionError, 2), (ConnectionError, 4), (ConnectionError, 8)]
    assert (await Thread.objects.aget(id=thread_id)).title == ""


def test_it_does_not_title_a_missing_thread(db):
    assert thread_title_generated(thread_id="thr_missing", title="x") is False


@pytest.fixture
def broker_down(settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    forget_connections()
    yield
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    forget_connections()


def forget_connections() -> None:
    # Celery caches its connection and producer pools; drop them so the new broker URL is used.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


async def test_it_keeps_chatting_when_the_broker_is_down(alice_client, broker_down, caplog):
    caplog.set_level(logging.WARNING, logger="chatkit_site.celery")
    events = await alice_client.stream("threads.create", input=user_input("Does chat survive a broker outage?"))
    assert assistant_text(events)
    thread = await Thread.objects.aget(id=created_thread_id(events))
    assert thread.title == ""  # no title yet; ChatKit shows its default label
    assert any("broker unreachable, not queueing" in record.getMessage() for record in caplog.records)
