"""The transcript page: what a moderator reads, and per-item hide/unhide with a reason."""
from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.utils import timezone

from tests.factories import UserFactory
from threads.models import Thread, ThreadItem

from .conftest import admin_client, csrf_post, make_thread

pytestmark = pytest.mark.django_db


def add_item(thread: Thread, data: dict, text: str = "") -> ThreadItem:
    data = {"id": f"x_{ThreadItem.objects.count()}", "thread_id": thread.pk, "created_at": timezone.now().isoformat(), **data}
    return ThreadItem.objects.create(thread=thread, item_id=data["id"], type=data["type"], created_at=timezone.now(), data=data, text=text)


def transcript_url(thread: Thread) -> str:
    return f"/admin/threads/thread/{quote(thread.pk)}/transcript/"


def moderate_url(item: ThreadItem) -> str:
    return f"/admin/threads/thread/{quote(item.thread_id)}/items/{item.sequence}/moderate/"


def test_it_renders_the_transcript_as_a_person_reads_it(alice, moderator):
    thread = make_thread(alice, texts=("How do widgets work?", "Widgets are cards."), negative=1)
    add_item(thread, {"type": "client_tool_call", "status": "completed", "call_id": "c1", "name": "switch_theme",
                      "arguments": {"theme": "dark"}, "output": {"ok": True}})
    add_item(thread, {"type": "widget", "copy_text": None, "widget": {"type": "Card", "children": [
        {"type": "Text", "value": "Draft: hello Bob"}, {"type": "Button", "label": "Send"}]}})
    add_item(thread, {"type": "workflow", "workflow": {"type": "reasoning", "expanded": False, "summary": {"duration": 3},
                      "tasks": [{"type": "thought", "title": "Reading", "content": "the docs", "status_indicator": "complete"}]}})
    ThreadItem.objects.filter(thread=thread, text="Widgets are cards.").update(hidden=True, hidden_reason="Off-topic")
    for url in (transcript_url(thread), f"/admin/threads/thread/{quote(thread.pk)}/change/"):
        page = admin_client(moderator).get(url).content.decode()
        assert "How do widgets work?" in page and "<strong>Assistant</strong>" in page
        assert "switch_theme({&quot;theme&quot;: &quot;dark&quot;})" in page and "Output: {&quot;ok&quot;: true}" in page
        assert "Draft: hello Bob · Send" in page and "Card widget" in page
        assert "Worked for 3s" in page and "Reading: the docs (complete)" in page
        assert "is-hidden" in page and "Hidden: Off-topic" in page and "👎 1" in page


def test_it_puts_item_forms_only_on_the_transcript_page(alice, moderator):
    thread = make_thread(alice)
    assert 'value="hide"' in admin_client(moderator).get(transcript_url(thread)).content.decode()
    change_page = admin_client(moderator).get(f"/admin/threads/thread/{quote(thread.pk)}/change/").content.decode()
    assert 'value="hide"' not in change_page and "Transcript &amp; item moderation" in change_page


def test_it_hides_and_unhides_an_item_with_a_reason(alice, moderator):
    thread = make_thread(alice)
    item = thread.items.first()
    client = admin_client(moderator)
    response = csrf_post(client, moderate_url(item), {"op": "hide", "reason": "Personal data"})
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{item.item_id}")
    item.refresh_from_db()
    assert item.hidden and item.hidden_reason == "Personal data"
    assert "Hid item" in LogEntry.objects.get().change_message and "Reason: Personal data" in LogEntry.objects.get().change_message
    csrf_post(client, moderate_url(item), {"op": "unhide", "reason": "Reviewed again"})
    item.refresh_from_db()
    assert not item.hidden and item.hidden_reason == ""
    assert LogEntry.objects.filter(change_message__contains="Reason: Reviewed again", user=moderator).exists()


def test_it_needs_a_reason_and_a_post_with_csrf(alice, moderator):
    item = make_thread(alice).items.first()
    client = admin_client(moderator)
    csrf_post(client, moderate_url(item), {"op": "hide", "reason": ""})
    assert client.get(moderate_url(item)).status_code == 405
    assert client.post(moderate_url(item), {"op": "hide", "reason": "no token"}).status_code == 403
    item.refresh_from_db()
    assert not item.hidden and not LogEntry.objects.exists()


def test_it_refuses_item_moderation_without_the_permission(alice, staff):
    thread = make_thread(alice)
    staff.user_permissions.add(Permission.objects.get(codename="view_thread"))
    client = admin_client(staff)
    page = client.get(transcript_url(thread)).content.decode()
    assert "hello" in page and 'value="hide"' not in page
    assert csrf_post(client, moderate_url(thread.items.first()), {"op": "hide", "reason": "x"}).status_code == 403
    assert not ThreadItem.objects.filter(hidden=True).exists()
    assert admin_client(UserFactory(username="plain", is_staff=True)).get(transcript_url(thread)).status_code == 403


def test_it_hides_items_in_bulk_from_the_item_list(alice, moderator):
    thread = make_thread(alice, texts=("one", "two", "three"))
    chosen = list(thread.items.order_by("sequence")[:2])
    client = admin_client(moderator)
    data = {"action": "hide_items", "_selected_action": [i.pk for i in chosen]}
    assert 'name="reason"' in csrf_post(client, "/admin/threads/threaditem/", data).content.decode()
    csrf_post(client, "/admin/threads/threaditem/", {**data, "apply": "1", "reason": "Spam"})
    assert set(ThreadItem.objects.filter(hidden=True).values_list("text", flat=True)) == {"one", "two"}
    assert LogEntry.objects.filter(change_message__endswith="Reason: Spam").count() == 2
