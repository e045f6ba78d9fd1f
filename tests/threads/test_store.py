"""DjangoStore against the Store contract: order, paging, replace, cascade, hiding, isolation."""
from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta

import pytest
from asgiref.sync import sync_to_async
from chatkit.store import NotFoundError, Store
from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    HiddenContextItem,
    InferenceOptions,
    ThreadMetadata,
    UserMessageItem,
    UserMessageTextContent,
)

from chatkit_site.converter import ModeratedItemConverter
from chatkit_site.protocol import RequestContext
from threads import services
from threads.models import Thread, ThreadItem
from threads.placeholders import HIDDEN_NOTICE
from threads.store import DjangoStore

pytestmark = pytest.mark.django_db(transaction=True)
T0 = datetime(2026, 1, 1, 12, 0, 0)


@pytest.fixture
def store() -> DjangoStore:
    return DjangoStore()


@pytest.fixture
def ctx(alice) -> RequestContext:
    return RequestContext(user=alice)


@pytest.fixture
def bob_ctx(bob) -> RequestContext:
    return RequestContext(user=bob)


def user_message(thread_id: str, item_id: str, text: str, at: datetime = T0) -> UserMessageItem:
    return UserMessageItem(
        id=item_id, thread_id=thread_id, created_at=at,
        content=[UserMessageTextContent(text=text)], inference_options=InferenceOptions(),
    )


def assistant_message(thread_id: str, item_id: str, text: str, at: datetime = T0) -> AssistantMessageItem:
    return AssistantMessageItem(id=item_id, thread_id=thread_id, created_at=at, content=[AssistantMessageContent(text=text)])


async def new_thread(store: DjangoStore, ctx: RequestContext, thread_id: str = "thr_1", at: datetime = T0) -> ThreadMetadata:
    thread = ThreadMetadata(id=thread_id, created_at=at, title="First")
    await store.save_thread(thread, ctx)
    return thread


async def test_it_round_trips_a_thread(store, ctx):
    await new_thread(store, ctx)
    loaded = await store.load_thread("thr_1", ctx)
    assert loaded.title == "First"
    assert loaded.status.type == "active"


async def test_it_keeps_insertion_order_when_created_at_ties(store, ctx):
    await new_thread(store, ctx)
    ids = [f"msg_{n}" for n in range(7)]
    for item_id in ids:  # identical created_at: only the stable sequence can order them
        await store.add_thread_item("thr_1", user_message("thr_1", item_id, item_id), ctx)
    asc = await store.load_thread_items("thr_1", None, 100, "asc", ctx)
    desc = await store.load_thread_items("thr_1", None, 100, "desc", ctx)
    assert [i.id for i in asc.data] == ids
    assert [i.id for i in desc.data] == list(reversed(ids))


@pytest.mark.parametrize("order", ["asc", "desc"])
async def test_it_pages_through_every_item_exactly_once(store, ctx, order):
    await new_thread(store, ctx)
    ids = [f"msg_{n:02d}" for n in range(11)]
    for n, item_id in enumerate(ids):
        await store.add_thread_item("thr_1", user_message("thr_1", item_id, "x", T0 + timedelta(seconds=n // 3)), ctx)
    seen, after, pages = [], None, 0
    while True:
        page = await store.load_thread_items("thr_1", after, 4, order, ctx)
        seen += [i.id for i in page.data]
        pages += 1
        if not page.has_more:
            break
        after = page.after
    assert seen == (ids if order == "asc" else list(reversed(ids)))
    assert pages == 3


async def test_it_refuses_an_unknown_after_cursor(store, ctx):
    await new_thread(store, ctx)
    with pytest.raises(NotFoundError):
        await store.load_thread_items("thr_1", "msg_nope", 10, "asc", ctx)
    with pytest.raises(NotFoundError):
        await store.load_threads(10, "thr_nope", "desc", ctx)


@pytest.mark.parametrize("order", ["asc", "desc"])
async def test_it_pages_threads_with_tied_timestamps(store, ctx, order):
    ids = [f"thr_{n:02d}" for n in range(9)]
    for thread_id in ids:
        await new_thread(store, ctx, thread_id, at=T0)
    seen, after = [], None
    while True:
        page = await store.load_threads(4, after, order, ctx)
        seen += [t.id for t in page.data]
        if not page.has_more:
            break
        after = page.after
    assert sorted(seen) == ids and len(seen) == len(set(seen))
    assert seen == (ids if order == "asc" else list(reversed(ids)))


async def test_it_replaces_an_item_in_place_on_save(store, ctx):
    await new_thread(store, ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_a", "question"), ctx)
    await store.add_thread_item("thr_1", assistant_message("thr_1", "msg_b", "draft"), ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_c", "next"), ctx)
    await store.save_item("thr_1", assistant_message("thr_1", "msg_b", "final"), ctx)
    items = (await store.load_thread_items("thr_1", None, 10, "asc", ctx)).data
    assert [i.id for i in items] == ["msg_a", "msg_b", "msg_c"]
    assert items[1].content[0].text == "final"
    assert await ThreadItem.objects.filter(item_id="msg_b").acount() == 1


async def test_it_deletes_a_thread_with_its_items(store, ctx):
    await new_thread(store, ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_a", "hi"), ctx)
    await store.delete_thread("thr_1", ctx)
    assert await ThreadItem.objects.acount() == 0
    with pytest.raises(NotFoundError):
        await store.load_thread("thr_1", ctx)


async def test_it_deletes_one_item(store, ctx):
    await new_thread(store, ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_a", "hi"), ctx)
    await store.delete_thread_item("thr_1", "msg_a", ctx)
    with pytest.raises(NotFoundError):
        await store.load_item("thr_1", "msg_a", ctx)


async def test_the_converter_keeps_hidden_context_but_drops_moderated_items(store, ctx):
    await new_thread(store, ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_a", "hi"), ctx)
    hidden_context = HiddenContextItem(id="hc_1", thread_id="thr_1", created_at=T0, content="<WIDGET_ACTION/>")
    await store.add_thread_item("thr_1", hidden_context, ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_b", "rude"), ctx)
    await ThreadItem.objects.filter(item_id="msg_b").aupdate(hidden=True)
    items = (await store.load_thread_items("thr_1", None, 10, "asc", ctx)).data
    assert [i.id for i in items] == ["msg_a", "hc_1", "msg_b"]  # the store: the owner's view
    model_input = json.dumps(await ModeratedItemConverter().to_agent_input(items))
    assert "hi" in model_input and "WIDGET_ACTION" in model_input  # hidden context stays for the model
    assert "rude" not in model_input and HIDDEN_NOTICE not in model_input
    assert (await store.load_item("thr_1", "msg_b", ctx)).type == "widget"  # a placeholder, not the item


async def test_the_owner_reads_a_notice_where_a_moderator_hid_an_item(store, ctx):
    await new_thread(store, ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_a", "hi"), ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_b", "rude"), ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_c", "sorry"), ctx)
    await ThreadItem.objects.filter(item_id="msg_b").aupdate(hidden=True, hidden_reason="Abuse")
    items = (await store.load_thread_items("thr_1", None, 10, "asc", ctx)).data  # items.list, outside a turn
    assert [(i.id, i.type) for i in items] == [("msg_a", "user_message"), ("msg_b", "widget"), ("msg_c", "user_message")]
    shown = items[1].model_dump_json()
    assert HIDDEN_NOTICE in shown and "rude" not in shown and "Abuse" not in shown
    # The placeholder is a page cursor like any item, and paging still lands on the next one.
    after = (await store.load_thread_items("thr_1", "msg_b", 10, "asc", ctx)).data
    assert [i.id for i in after] == ["msg_c"]


async def test_it_isolates_users(store, ctx, bob_ctx):
    await new_thread(store, ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_a", "secret"), ctx)
    with pytest.raises(NotFoundError):
        await store.load_thread("thr_1", bob_ctx)
    with pytest.raises(NotFoundError):
        await store.load_thread_items("thr_1", None, 10, "asc", bob_ctx)
    with pytest.raises(NotFoundError):
        await store.load_item("thr_1", "msg_a", bob_ctx)
    with pytest.raises(NotFoundError):
        await store.add_thread_item("thr_1", user_message("thr_1", "msg_x", "inject"), bob_ctx)
    with pytest.raises(NotFoundError):
        await store.save_thread(ThreadMetadata(id="thr_1", created_at=T0, title="hijack"), bob_ctx)
    with pytest.raises(NotFoundError):
        await store.delete_thread_item("thr_1", "msg_a", bob_ctx)
    with pytest.raises(NotFoundError):
        await store.delete_thread("thr_1", bob_ctx)
    assert (await store.load_threads(10, None, "desc", bob_ctx)).data == []
    assert (await store.load_thread("thr_1", ctx)).title == "First"
    assert await ThreadItem.objects.acount() == 1


async def test_saving_an_item_stamps_its_thread_and_a_resave_keeps_position_and_moderation(store, ctx):
    """Runs on PostgreSQL too (tests/postgres), where the save is one hand-written statement."""
    await new_thread(store, ctx)
    before = (await Thread.objects.aget(id="thr_1")).updated_at
    await store.add_thread_item("thr_1", assistant_message("thr_1", "msg_a", "first 🎉 'quoted' %s"), ctx)
    await store.add_thread_item("thr_1", user_message("thr_1", "msg_b", "later"), ctx)
    first = await ThreadItem.objects.aget(item_id="msg_a")
    assert first.text == "first 🎉 'quoted' %s" and first.created_at == T0.astimezone()
    await ThreadItem.objects.filter(item_id="msg_a").aupdate(hidden=True, hidden_reason="spam")

    await store.save_item("thr_1", assistant_message("thr_1", "msg_a", "edited"), ctx)

    again = await ThreadItem.objects.aget(item_id="msg_a")
    assert (again.sequence, again.text, again.data["content"][0]["text"]) == (first.sequence, "edited", "edited")
    assert again.hidden and again.hidden_reason == "spam"
    assert (await Thread.objects.aget(id="thr_1")).updated_at > before
    await store.delete_thread("thr_1", ctx)
    with pytest.raises(NotFoundError):
        await store.add_thread_item("thr_1", user_message("thr_1", "msg_c", "into a deleted thread"), ctx)
    assert await ThreadItem.objects.acount() == 0


async def test_a_save_that_does_not_know_the_title_keeps_a_generated_one_and_a_new_title_is_the_owners(store, ctx):
    """Runs on PostgreSQL too (tests/postgres), where the save is one hand-written statement."""
    thread = ThreadMetadata(id="thr_1", created_at=T0)
    await store.save_thread(thread, ctx)
    await sync_to_async(services.thread_title_generated)(thread_id="thr_1", title="Generated")
    await store.save_thread(thread, ctx)  # the SDK's copy predates the title
    row = await Thread.objects.aget(id="thr_1")
    assert (row.title, row.title_set_by_user, row.status) == ("Generated", False, "active")
    thread.title = "Mine"
    await store.save_thread(thread, ctx)
    row = await Thread.objects.aget(id="thr_1")
    assert (row.title, row.title_set_by_user) == ("Mine", True)
    assert "title" not in row.data and "status" not in row.data  # one place each: the columns
    assert (await store.load_thread("thr_1", ctx)).title == "Mine"


async def test_it_never_lets_a_user_save_change_the_moderation_status(store, ctx):
    from chatkit.types import ActiveStatus

    await new_thread(store, ctx)
    await Thread.objects.filter(id="thr_1").aupdate(status="locked", status_reason="spam")
    thread = await store.load_thread("thr_1", ctx)
    assert thread.status.type == "locked" and thread.status.reason == "spam"
    thread.status = ActiveStatus()
    thread.title = "Renamed"
    await store.save_thread(thread, ctx)
    reloaded = await store.load_thread("thr_1", ctx)
    assert reloaded.status.type == "locked"
    assert reloaded.title == "Renamed"


def test_it_generates_unguessable_prefixed_ids(store, alice):
    ctx = RequestContext(user=alice)
    ids = {store.generate_thread_id(ctx) for _ in range(200)}
    assert len(ids) == 200
    assert all(i.startswith("thr_") and len(i) == 24 for i in ids)


async def test_the_store_answers_the_same_whoever_reads(store, ctx, settings):
    """No reads are kept between calls: each answers what the database holds now."""
    thread = await new_thread(store, ctx)
    for n in range(3):
        await store.add_thread_item(thread.id, user_message(thread.id, f"msg_{n}", f"m{n}", T0 + timedelta(seconds=n)), ctx)
    first = await store.load_thread_items(thread.id, None, 2, "desc", ctx)
    assert [i.id for i in first.data] == ["msg_2", "msg_1"] and first.has_more
    other_tab = RequestContext(user=ctx.user)
    await store.add_thread_item(thread.id, user_message(thread.id, "msg_other", "elsewhere", T0 + timedelta(seconds=9)), other_tab)
    again = await store.load_thread_items(thread.id, None, 2, "desc", ctx)
    assert [i.id for i in again.data] == ["msg_other", "msg_2"]


def test_the_store_has_no_methods_beyond_the_sdks_store():
    public = {name for name in vars(DjangoStore) if not name.startswith("_")}
    assert public <= set(dir(Store)), public - set(dir(Store))
    helpers = {name for name in vars(DjangoStore) if name.startswith("_") and not name.startswith("__")}
    assert helpers <= {"_answered", "_abc_impl"}, helpers  # _abc_impl: Python's ABC bookkeeping


def test_the_request_context_carries_identity_only():
    assert [f.name for f in dataclasses.fields(RequestContext)] == ["user", "locale", "request_id", "base_url"]


