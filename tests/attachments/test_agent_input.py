"""What the model receives for each kind of attachment."""
from __future__ import annotations

import base64

import pytest
from asgiref.sync import async_to_sync
from chatkit.types import FileAttachment
from django.utils import timezone

from attachments.agent_input import TEXT_CHARS, attachment_to_input
from attachments.models import Attachment, AttachmentGrant
from threads.models import Thread

from . import samples
from .factories import uploaded

# transaction=True: the code under test reads on a database thread (chatkit_site.db), which
# cannot see rows inside the test's own uncommitted transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def model_view(row: Attachment, thread_id: str | None = None):  # type: ignore[no-untyped-def]
    sdk = FileAttachment(id=row.id, name=row.name, mime_type=row.mime_type, thread_id=thread_id)
    return async_to_sync(attachment_to_input)(sdk)


def test_it_sends_images_as_data_urls(alice, local_storage):
    image = samples.jpeg()
    part = model_view(uploaded(alice, "photo.jpg", image, "image/jpeg"))
    assert part["type"] == "input_image"
    assert part["image_url"] == "data:image/jpeg;base64," + base64.b64encode(image).decode()


def test_it_sends_pdfs_as_file_data(alice, local_storage):
    document = samples.pdf()
    part = model_view(uploaded(alice, "report.pdf", document, "application/pdf"))
    assert part["type"] == "input_file" and part["filename"] == "report.pdf"
    assert part["file_data"] == "data:application/pdf;base64," + base64.b64encode(document).decode()


def test_it_inlines_text_with_its_name_and_a_bound(alice, local_storage):
    part = model_view(uploaded(alice, "long.txt", b"word " * 10_000, "text/plain"))
    assert part["type"] == "input_text"
    assert part["text"].startswith('<ATTACHMENT name="long.txt" type="text/plain">')
    assert part["text"].endswith("[… truncated]\n</ATTACHMENT>") and len(part["text"]) < TEXT_CHARS + 200


def test_it_describes_other_types_by_name(alice, local_storage, settings):
    settings.ATTACHMENTS_ALLOWED_TYPES = [*settings.ATTACHMENTS_ALLOWED_TYPES, "application/zip"]
    from .test_validation import zip_bytes

    part = model_view(uploaded(alice, "bundle.zip", zip_bytes(), "application/zip"))
    assert part["type"] == "input_text" and 'name="bundle.zip"' in part["text"] and "PK" not in part["text"]


def test_it_gives_nothing_for_revoked_or_missing_attachments(alice, local_storage):
    row = uploaded(alice, "cat.png", samples.png(), "image/png")
    Attachment.objects.filter(id=row.id).update(status="revoked")
    assert model_view(row) is None
    row.id = "atc_missing"
    assert model_view(row) is None


def test_it_sends_a_grantees_copy_only_while_the_grant_lasts(alice, bob, local_storage):
    row = uploaded(alice, "notes.txt", b"shared notes", "text/plain")
    bobs_thread = Thread.objects.create(id="thr_bob", owner=bob, created_at=timezone.now())
    grant = AttachmentGrant.objects.create(attachment=row, user=bob, granted_by=alice)
    assert "shared notes" in model_view(row, bobs_thread.id)["text"]
    grant.delete()
    assert model_view(row, bobs_thread.id) is None
    assert "shared notes" in model_view(row, Thread.objects.create(id="thr_alice", owner=alice, created_at=timezone.now()).id)["text"]
