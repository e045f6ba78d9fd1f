"""The one access rule: owner, grantees and moderators read; owner and grantees attach; only the
owner deletes or uploads; a revoked attachment is gone for everyone but moderators; strangers see exactly a missing id."""
from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Permission

from attachments.models import Attachment, AttachmentGrant
from attachments.selectors import attachment_for_user
from tests.chatkit_client import ChatKitClient, created_thread_id, user_input
from tests.factories import UserFactory

from . import samples
from .conftest import body_of, get, upload_direct

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
async def cat(alice_client: ChatKitClient, local_storage: Any) -> dict[str, Any]:
    answer = await upload_direct(alice_client, "cat.png", samples.png(), "image/png")
    assert answer.status == 200, answer.body
    return answer.body


async def detail(client: ChatKitClient, attachment_id: str) -> Any:
    return await client.http.get(f"/api/attachments/{attachment_id}")


async def test_it_keeps_alices_attachment_from_bob_without_a_grant(alice_client, bob_client, cat, local_storage):
    missing = await detail(bob_client, "atc_doesnotexist")
    for response in (
        await detail(bob_client, cat["id"]),
        await get(bob_client, cat["preview_url"]),
        await bob_client.http.get(f"/api/attachments/{cat['id']}/download?sig=whatever"),
    ):
        assert response.status_code == 404 and response.json() == missing.json() == {"error": "Attachment not found."}
    status, body = await bob_client.request("threads.create", input=user_input("mine now", [cat["id"]]))
    assert status == 404, body
    status, body = await bob_client.request("attachments.delete", attachment_id=cat["id"])
    assert status == 404, body
    stored = await Attachment.objects.aget(id=cat["id"])
    assert stored.file.name in local_storage.names()


async def test_it_lets_bob_read_and_attach_with_a_grant_but_not_delete(alice, bob, alice_client, bob_client, cat):
    await AttachmentGrant.objects.acreate(attachment_id=cat["id"], user=bob, granted_by=alice)
    # Alice's signed link is hers: bob's session does not make it valid for him.
    assert (await get(bob_client, cat["preview_url"])).status_code == 403
    mine = (await bob_client.http.get(f"/api/attachments/{cat['id']}/links")).json()
    assert set(mine) == {"preview_url", "download_url"} and mine["preview_url"] != cat["preview_url"]
    preview = await get(bob_client, mine["preview_url"])
    assert preview.status_code == 200 and preview["Content-Type"].startswith("image/")
    download = await get(bob_client, mine["download_url"])
    assert download.status_code == 200 and await body_of(download) == samples.png()

    events = await bob_client.stream("threads.create", input=user_input("attach it", [cat["id"]]))
    bobs_thread = created_thread_id(events)
    _, items = await bob_client.request("items.list", thread_id=bobs_thread)
    [attached] = [a for item in items["data"] if item["type"] == "user_message" for a in item["attachments"]]
    assert attached["id"] == cat["id"] and attached["thread_id"] == bobs_thread
    assert (await get(bob_client, attached["preview_url"])).status_code == 200  # signed for bob
    assert (await Attachment.objects.aget(id=cat["id"])).thread_id is None  # alice's row untouched

    status, _ = await bob_client.request("attachments.delete", attachment_id=cat["id"])
    assert status == 404 and await Attachment.objects.filter(id=cat["id"]).aexists()


async def test_it_hides_revoked_attachments_from_all_but_moderators(alice, bob, alice_client, cat):
    await AttachmentGrant.objects.acreate(attachment_id=cat["id"], user=bob, granted_by=alice)
    await Attachment.objects.filter(id=cat["id"]).aupdate(status="revoked")
    moderator = await sync_to_async(UserFactory)(username="mod", is_staff=True)
    await sync_to_async(moderator.user_permissions.add)(
        await Permission.objects.aget(codename="view_any_attachment")
    )
    plain_staff = await sync_to_async(UserFactory)(username="staffer", is_staff=True)
    for user in (alice, bob, plain_staff):
        with pytest.raises(Attachment.DoesNotExist):
            await sync_to_async(attachment_for_user)(user=user, attachment_id=cat["id"])
    assert (await get(alice_client, cat["preview_url"])).status_code == 404
    mod_client = await ChatKitClient(moderator).login()
    links = (await detail(mod_client, cat["id"])).json()
    assert links["status"] == "revoked"
    assert (await get(mod_client, links["download_url"])).status_code == 200
    with pytest.raises(Attachment.DoesNotExist):  # moderators read revoked files; nobody attaches them
        await sync_to_async(attachment_for_user)(user=moderator, attachment_id=cat["id"], purpose="attach")


async def test_it_refuses_attaching_before_the_bytes_arrive(alice_client, local_storage):
    status, created = await alice_client.request("attachments.create", name="a.txt", size=3, mime_type="text/plain")
    assert status == 200
    status, body = await alice_client.request("threads.create", input=user_input("too soon", [created["id"]]))
    assert status == 404 and "has not finished" in body["error"]


async def test_it_renews_an_expired_link_for_someone_still_allowed(alice_client, cat, settings):
    settings.ATTACHMENTS_URL_TTL_SECONDS = -1  # every signature is already too old
    response = await get(alice_client, cat["preview_url"])
    assert response.status_code == 302 and "sig=" in response["Location"]
    assert response["Location"].split("?")[0] == f"/api/attachments/{cat['id']}/preview"


async def test_it_refuses_anonymous_visitors(cat):
    anonymous = await ChatKitClient(None).login()
    assert (await get(anonymous, cat["preview_url"])).status_code == 401
