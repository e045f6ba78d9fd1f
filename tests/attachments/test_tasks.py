"""Processing after upload (eager Celery): checksum, thumbnail, extracted text, failures, retries."""
from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from attachments.models import Attachment
from attachments.processing import attachment_process
from attachments.tasks import process_attachment

from . import samples
from .factories import uploaded

pytestmark = pytest.mark.django_db


def test_it_makes_a_checksum_and_a_thumbnail_for_images(alice, local_storage, django_capture_on_commit_callbacks):
    image = samples.png(2000, 1000)
    with django_capture_on_commit_callbacks(execute=True):
        row = uploaded(alice, "wide.png", image, "image/png")
    row.refresh_from_db()
    assert row.status == "ready" and row.sha256 == hashlib.sha256(image).hexdigest()
    with Image.open(io.BytesIO(local_storage.read(row.preview.name))) as preview:
        assert preview.format == "WEBP" and preview.size == (256, 128)


def test_it_extracts_text_from_pdfs_and_text_files(alice, local_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = uploaded(alice, "report.pdf", samples.pdf("Margins improved in March"), "application/pdf")
        notes = uploaded(alice, "notes.csv", "name,city\nZoë,Zürich\n".encode(), "text/csv")
    document.refresh_from_db()
    notes.refresh_from_db()
    assert document.extracted_text == "Margins improved in March" and not document.preview
    assert notes.extracted_text == "name,city\nZoë,Zürich\n"


def test_it_records_a_damaged_file_as_failed_and_keeps_it_usable(alice, local_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = uploaded(alice, "broken.pdf", b"%PDF-1.4\n this is not really a pdf", "application/pdf")
    row.refresh_from_db()
    assert row.status == "failed" and row.status_detail.startswith("The PDF could not be read")
    from attachments.selectors import attachment_for_user

    assert attachment_for_user(user=alice, attachment_id=row.id, purpose="attach") == row


def test_it_gives_the_same_result_when_run_again(alice, local_storage):
    row = uploaded(alice, "cat.png", samples.png(), "image/png")
    first = attachment_process(attachment_id=row.id)
    assert first is not None
    assert process_attachment.apply(args=(row.id,)).get() == "ready"
    row.refresh_from_db()
    assert row.sha256 == first.sha256 and row.status == "ready" and row.preview.name == first.preview.name
    assert sorted(n.split("/")[0] for n in local_storage.names()) == ["attachments", "previews"]


def test_it_redoes_work_a_crashed_run_left_unfinished(alice, local_storage):
    row = uploaded(alice, "cat.png", samples.png(), "image/png")
    first = attachment_process(attachment_id=row.id)
    assert first is not None
    # A worker died mid-run: the status says processing, so the retry does the work again.
    Attachment.objects.filter(id=row.id).update(status="processing")
    assert process_attachment.apply(args=(row.id,)).get() == "ready"
    row.refresh_from_db()
    assert row.sha256 == first.sha256 and row.preview.name != first.preview.name
    # The retry replaced the preview instead of leaving a stray copy behind.
    assert sorted(n.split("/")[0] for n in local_storage.names()) == ["attachments", "previews"]


def test_it_leaves_revoked_and_pending_attachments_alone(alice, local_storage):
    row = uploaded(alice, "cat.png", samples.png(), "image/png")
    Attachment.objects.filter(id=row.id).update(status="revoked")
    assert process_attachment.apply(args=(row.id,)).get() is None
    assert Attachment.objects.get(id=row.id).status == "revoked"
    assert process_attachment.apply(args=("atc_missing",)).get() is None
