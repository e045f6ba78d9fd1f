"""DjangoAttachmentStore: ids, two-phase creation with absolute upload URLs, owner-only deletion."""
from __future__ import annotations

import pytest
from chatkit.store import NotFoundError
from chatkit.types import AttachmentCreateParams, FileAttachment, ImageAttachment

from attachments.models import Attachment
from attachments.store import DjangoAttachmentStore
from chatkit_site.protocol import ProtocolError, RequestContext

pytestmark = pytest.mark.django_db(transaction=True)
STORE = DjangoAttachmentStore()


def test_it_makes_unguessable_prefixed_ids(alice):
    ids = {STORE.generate_attachment_id("image/png", RequestContext(user=alice)) for _ in range(50)}
    assert len(ids) == 50 and all(i.startswith("atc_") and len(i) == 24 for i in ids)


async def test_it_creates_a_pending_attachment_with_an_absolute_upload_url(alice, settings):
    context = RequestContext(user=alice, base_url="https://chat.example.test")
    made = await STORE.create_attachment(AttachmentCreateParams(name="cat.png", size=10, mime_type="image/png"), context)
    assert isinstance(made, ImageAttachment)
    assert str(made.upload_descriptor.url) == f"https://chat.example.test/api/attachments/{made.id}/upload"
    assert str(made.preview_url).startswith(f"https://chat.example.test/api/attachments/{made.id}/preview?sig=")
    settings.PUBLIC_BASE_URL = "https://public.example.test"
    text = await STORE.create_attachment(AttachmentCreateParams(name="a.txt", size=1, mime_type="text/plain"), context)
    assert isinstance(text, FileAttachment) and str(text.upload_descriptor.url).startswith("https://public.example.test/")
    row = await Attachment.objects.aget(id=made.id)
    assert row.status == "awaiting_upload" and row.size == 10 and row.owner_id == alice.pk


async def test_it_turns_refusals_into_protocol_errors(alice, settings):
    settings.ATTACHMENTS_MAX_FILE_SIZE = 5
    with pytest.raises(ProtocolError) as refused:
        await STORE.create_attachment(AttachmentCreateParams(name="a.txt", size=6, mime_type="text/plain"), RequestContext(user=alice))
    assert refused.value.status == 413


async def test_it_deletes_only_the_owners_bytes(alice, bob, local_storage):
    from asgiref.sync import sync_to_async

    from . import samples
    from .factories import uploaded

    row = await sync_to_async(uploaded)(alice, "cat.png", samples.png(), "image/png")
    with pytest.raises(NotFoundError):
        await STORE.delete_attachment(row.id, RequestContext(user=bob))
    assert row.file.name in local_storage.names()
    await STORE.delete_attachment(row.id, RequestContext(user=alice))
    assert row.file.name not in local_storage.names()
    assert not (await Attachment.objects.aget(id=row.id)).file
