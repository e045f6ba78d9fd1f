"""The attachment admin: lists with previews, revoke / restore with a reason, deletion of the bytes."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import quote
from django.core.files.base import ContentFile
from django.db import connection
from django.test import AsyncClient
from django.test.utils import CaptureQueriesContext

from attachments.models import Attachment
from chatkit_site.protocol import new_id
from tests.chatkit_client import user_input
from tests.factories import UserFactory

from .conftest import admin_client, csrf_post, make_thread

CHANGELIST = "/admin/attachments/attachment/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def make_attachment(
    owner: Any, *, name: str = "cat.png", mime: str = "image/png", thread: Any = None, attachment_id: str = "",
) -> Attachment:
    attachment_id = attachment_id or new_id("attachment")
    attachment = Attachment(
        id=attachment_id, owner=owner, thread=thread, name=name, mime_type=mime, size=len(PNG), status="ready",
        data={"id": attachment_id, "name": name, "mime_type": mime, "type": "file"},
    )
    attachment.file.save(name, ContentFile(PNG), save=False)
    attachment.save()
    return attachment


def revoke(client: Any, attachments: list[Attachment], reason: str = "Abuse", name: str = "revoke") -> Any:
    data = {"action": name, "_selected_action": [a.pk for a in attachments], "apply": "1", "reason": reason}
    return csrf_post(client, CHANGELIST, data)


@pytest.mark.django_db
def test_it_lists_attachments_per_user_with_size_type_status_thread_and_preview(alice, bob, moderator):
    thread = make_thread(alice, title="With a cat")
    cat = make_attachment(alice, thread=thread)
    make_attachment(bob, name="notes.txt", mime="text/plain")
    page = admin_client(moderator).get(f"{CHANGELIST}?owner=alice").content.decode()
    assert "cat.png" in page and "notes.txt" not in page
    assert "40\xa0bytes" in page and "image/png" in page and "status-ready" in page and "With a cat" in page
    assert f'src="/admin/attachments/attachment/{quote(cat.pk)}/preview/"' in page


@pytest.mark.django_db
def test_it_serves_previews_only_to_staff_allowed_to_view(alice, moderator, staff):
    cat = make_attachment(alice)
    url = f"{CHANGELIST}{quote(cat.pk)}/preview/"
    response = admin_client(moderator).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png" and response["Cache-Control"].startswith("private, no-store")
    assert admin_client(staff).get(url).status_code == 403
    assert admin_client(alice).get(url)["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_it_downloads_rather_than_renders_other_types(alice, moderator):
    page = make_attachment(alice, name="page.html", mime="text/html")
    response = admin_client(moderator).get(f"{CHANGELIST}{quote(page.pk)}/preview/")
    assert response["Content-Type"] == "application/octet-stream" and response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_it_revokes_and_restores_with_a_logged_reason(alice, moderator):
    cat = make_attachment(alice)
    client = admin_client(moderator)
    assert revoke(client, [cat], "Copyrighted").status_code == 302
    cat.refresh_from_db()
    assert cat.status == "revoked" and cat.status_detail == "Copyrighted"
    revoke(client, [cat], "Licence shown", name="restore")
    cat.refresh_from_db()
    assert cat.status == "ready"
    messages = list(LogEntry.objects.filter(user=moderator).values_list("change_message", flat=True).order_by("id"))
    assert messages == ["Revoked attachment. Reason: Copyrighted", "Restored attachment. Reason: Licence shown"]


@pytest.mark.django_db
def test_it_offers_revocation_only_with_the_change_permission(alice, staff):
    from django.contrib.auth.models import Permission

    cat = make_attachment(alice)
    staff.user_permissions.add(Permission.objects.get(codename="view_attachment"))
    client = admin_client(staff)
    assert 'value="revoke"' not in client.get(CHANGELIST).content.decode()
    revoke(client, [cat])
    assert Attachment.objects.get(pk=cat.pk).status == "ready"


@pytest.mark.django_db
def test_it_deletes_the_stored_bytes_one_or_in_bulk(alice, moderator, django_capture_on_commit_callbacks):
    one, two, three = (make_attachment(alice, name=f"{n}.png") for n in range(3))
    paths = [Path(a.file.path) for a in (one, two, three)]
    assert all(p.exists() for p in paths)
    client = admin_client(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert csrf_post(client, f"{CHANGELIST}{quote(one.pk)}/delete/", {"post": "yes"}).status_code == 302
        data = {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"}
        assert csrf_post(client, CHANGELIST, data).status_code == 302
    assert not Attachment.objects.exists() and not any(p.exists() for p in paths)
    assert LogEntry.objects.filter(action_flag=DELETION, user=moderator).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("attachment_id", ["atc_40beef", "atc_plain"])
def test_the_links_the_admin_renders_reach_the_attachment_whatever_its_id_holds(alice, moderator, attachment_id):
    # The admin escapes "_" in URLs; an id read back unescaped ("atc_40…" -> "atc@…") was not found.
    thread = make_thread(alice, title="Cats", texts=("look at my cat",))
    cat = make_attachment(alice, name="cat.png", thread=thread, attachment_id=attachment_id)
    message = thread.items.get()
    message.data["attachments"] = [cat.data]
    message.save()
    client = admin_client(moderator)
    changelist = client.get(CHANGELIST).content.decode()
    assert b"".join(client.get(re.search(r'src="([^"]+/preview/)"', changelist)[1]).streaming_content) == PNG
    transcript = client.get(re.search(r'href="(/admin/threads/thread/[^"]+/transcript/)"', changelist)[1]).content.decode()
    change_url = re.search(r'📎 <a href="(/admin/attachments/attachment/[^"]+/change/)"', transcript)[1]
    assert "cat.png" in client.get(change_url).content.decode()
    assert csrf_post(client, change_url.replace("/change/", "/delete/"), {"post": "yes"}).status_code == 302
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_it_lists_ten_or_a_hundred_attachments_in_the_same_queries(moderator):
    owners = [UserFactory() for _ in range(3)]
    threads = [make_thread(o) for o in owners]
    client = admin_client(moderator)

    def add(n: int) -> None:
        for i in range(n):
            make_attachment(owners[i % 3], name=f"f{i}.png", thread=threads[i % 3])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(CHANGELIST).status_code == 200
        return len(captured)

    add(10)
    small = queries()
    add(90)
    assert len(client.get(CHANGELIST).context["cl"].result_list) == 100
    assert queries() == small


@pytest.mark.django_db(transaction=True)
async def test_a_revoked_attachment_is_no_longer_served_to_its_owner(alice, alice_client, moderator):
    cat = await sync_to_async(make_attachment)(alice, name="notes.txt", mime="text/plain")
    await alice_client.stream("threads.create", input=user_input("see file", attachments=[cat.pk]))
    client = AsyncClient(enforce_csrf_checks=True)
    await client.aforce_login(moderator)
    await client.get("/admin/")
    token = client.cookies["csrftoken"].value
    data = {"action": "revoke", "_selected_action": [cat.pk], "apply": "1", "reason": "Malware", "csrfmiddlewaretoken": token}
    assert (await client.post(CHANGELIST, data)).status_code == 302
    status, body = await alice_client.request("threads.create", input=user_input("again", attachments=[cat.pk]))
    assert status == 404, body
    await client.post(CHANGELIST, {**data, "action": "restore", "reason": "False alarm"})
    await alice_client.stream("threads.create", input=user_input("and again", attachments=[cat.pk]))
