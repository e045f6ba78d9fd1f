"""What the SDK's own suite found (tests/sdk), checked on our own paths too.

A status the server sets persists, but a chat save never unlocks a moderator's lock and a stale
copy never re-locks a reopened thread; the last page has no cursor; attachment metadata saved
through the Store comes back, for our own uploads and for another AttachmentStore's.
"""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from asgiref.sync import sync_to_async
from chatkit.store import NotFoundError
from chatkit.types import (
    ClosedStatus,
    FileAttachment,
    ImageAttachment,
    LockedStatus,
    ThreadMetadata,
)

from chatkit_site.protocol import RequestContext
from tests.attachments import samples
from tests.attachments.factories import uploaded
from tests.chatkit_client import user_input
from threads.models import Thread
from threads.server import ProtocolError, StudioServer
from threads.store import DjangoStore

pytestmark = pytest.mark.django_db(transaction=True)
STORE = DjangoStore()


async def a_thread(alice, thread_id: str = "thr_s") -> ThreadMetadata:
    thread = ThreadMetadata(id=thread_id, created_at=datetime(2026, 1, 1, 12), title="T")
    await STORE.save_thread(thread, RequestContext(user=alice))
    return thread


async def status_of(thread_id: str) -> tuple[str, str]:
    row = await Thread.objects.aget(id=thread_id)
    return row.status, row.status_reason


async def test_a_status_the_server_sets_is_stored(alice):
    thread = await a_thread(alice)
    thread.status = LockedStatus(reason="The agent paused this thread")
    await STORE.save_thread(thread, RequestContext(user=alice))
    assert await status_of(thread.id) == ("locked", "The agent paused this thread")
    assert (await STORE.load_thread(thread.id, RequestContext(user=alice))).status == thread.status


async def test_a_chat_save_never_unlocks_a_moderators_lock(alice):
    ctx = RequestContext(user=alice)
    thread = await a_thread(alice)
    copy = await STORE.load_thread(thread.id, ctx)
    await Thread.objects.filter(id=thread.id).aupdate(status="locked", status_reason="Moderator")
    copy.title = "Renamed meanwhile"
    await STORE.save_thread(copy, ctx)  # its copy says active
    assert await status_of(thread.id) == ("locked", "Moderator")


async def test_a_status_the_server_sets_never_overrides_a_moderators(alice):
    await a_thread(alice)
    await Thread.objects.filter(id="thr_s").aupdate(status="locked", status_reason="Moderator")
    ctx = RequestContext(user=alice)
    copy = await STORE.load_thread("thr_s", ctx)
    copy.status = ClosedStatus(reason="The agent's own")
    await STORE.save_thread(copy, ctx)
    assert await status_of("thr_s") == ("locked", "Moderator")


async def test_a_locked_thread_is_not_renamed_so_no_stale_locked_copy_is_saved(alice):
    """A rename loads the thread and saves it; refused while locked, it cannot carry a locked
    copy past a moderator's reopen."""
    await a_thread(alice)
    await Thread.objects.filter(id="thr_s").aupdate(status="locked", status_reason="Moderator")
    body = {"type": "threads.update", "params": {"thread_id": "thr_s", "title": "Renamed"}}
    with pytest.raises(ProtocolError) as refused:
        await StudioServer().process(json.dumps(body), RequestContext(user=alice))
    assert refused.value.status == 409 and "Moderator" in refused.value.message
    assert (await Thread.objects.aget(id="thr_s")).title == "T"


async def test_another_users_thread_cannot_be_locked_through_a_save(alice, bob):
    await a_thread(alice)
    stranger_copy = ThreadMetadata(id="thr_s", created_at=datetime(2026, 1, 1), status=ClosedStatus(reason="x"))
    with pytest.raises(NotFoundError):
        await STORE.save_thread(stranger_copy, RequestContext(user=bob))
    assert await status_of("thr_s") == ("active", "")


class ClosingServer(StudioServer):
    """A team's own agent that closes the thread from `respond`, the SDK's way."""

    async def respond(self, thread, input_user_message, context):
        thread.status = ClosedStatus(reason="Resolved by the agent")
        return
        yield


async def test_a_close_from_respond_persists_and_the_next_message_gets_409(alice):
    server = ClosingServer()
    ctx = RequestContext(user=alice)
    body = {"type": "threads.create", "params": {"input": user_input("Please close this")}}
    result = await server.process(json.dumps(body), ctx)
    events = [chunk async for chunk in result]
    assert any(b'"thread.updated"' in chunk and b"Resolved by the agent" in chunk for chunk in events)
    thread = await Thread.objects.aget(owner=alice)
    assert (thread.status, thread.status_reason) == ("closed", "Resolved by the agent")
    again = {"type": "threads.add_user_message", "params": {"thread_id": thread.id, "input": user_input("Still there?")}}
    with pytest.raises(ProtocolError) as refused:
        await server.process(json.dumps(again), RequestContext(user=alice))
    assert refused.value.status == 409 and "Resolved by the agent" in refused.value.message


async def test_the_last_page_has_no_cursor(alice_client):
    for text in ("one", "two", "three"):
        await alice_client.stream("threads.create", input=user_input(text))
    status, first = await alice_client.request("threads.list", limit=2, order="desc")
    assert first["has_more"] is True and first["after"] == first["data"][-1]["id"]
    status, last = await alice_client.request("threads.list", limit=2, order="desc", after=first["after"])
    assert len(last["data"]) == 1 and last["has_more"] is False and last.get("after") is None


@pytest.fixture
def local_storage(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


async def test_metadata_saved_on_our_own_upload_comes_back_with_a_fresh_link(alice, local_storage):
    row = await sync_to_async(uploaded)(alice, "cat.png", samples.png(), "image/png")
    ctx = RequestContext(user=alice, base_url="http://testserver")
    loaded = await STORE.load_attachment(row.id, ctx)
    assert isinstance(loaded, ImageAttachment) and loaded.metadata is None
    await STORE.save_attachment(loaded.model_copy(update={"metadata": {"source": "crm", "ticket": 7}}), ctx)
    again = await STORE.load_attachment(row.id, ctx)
    assert again.metadata == {"source": "crm", "ticket": 7}
    assert str(again.preview_url).startswith("http://testserver/")  # still our signed link


async def test_another_attachment_stores_payload_round_trips_and_stays_private(alice, bob):
    external = FileAttachment(id="atc_ext", name="report.pdf", mime_type="application/pdf", metadata={"bucket": "b1"})
    await STORE.save_attachment(external, RequestContext(user=alice))
    assert await STORE.load_attachment("atc_ext", RequestContext(user=alice)) == external
    with pytest.raises(NotFoundError):
        await STORE.load_attachment("atc_ext", RequestContext(user=bob))
    with pytest.raises(NotFoundError):  # nor may bob overwrite it
        await STORE.save_attachment(external.model_copy(update={"name": "x"}), RequestContext(user=bob))
    await STORE.delete_attachment("atc_ext", RequestContext(user=bob))  # someone else's: nothing happens
    assert await STORE.load_attachment("atc_ext", RequestContext(user=alice)) == external
    await STORE.delete_attachment("atc_ext", RequestContext(user=alice))
    with pytest.raises(NotFoundError):
        await STORE.load_attachment("atc_ext", RequestContext(user=alice))
