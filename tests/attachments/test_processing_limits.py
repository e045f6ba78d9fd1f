"""Processing has bounded work: every Celery task has time limits, PDFs are read for at most so
many pages (and seconds), images with too many pixels are never decoded."""
from __future__ import annotations

import io

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from pypdf import PdfReader, PdfWriter

from attachments import processing
from attachments.processing import UnprocessableFile, extracted_text, thumbnail
from attachments.tasks import process_attachment
from chatkit_site.celery import app as celery_app
from threads import tasks as thread_tasks  # noqa: F401  (registers its task)

from . import samples
from .factories import uploaded

pytestmark = pytest.mark.django_db


def test_every_task_of_ours_has_a_soft_and_a_hard_time_limit():
    ours = {name: task for name, task in celery_app.tasks.items() if not name.startswith("celery.")}
    assert {"threads.tasks.generate_thread_title", "attachments.tasks.process_attachment"} <= set(ours)
    for name, task in ours.items():
        assert task.soft_time_limit and task.time_limit, name
        assert task.soft_time_limit < task.time_limit, name


def pages(count: int) -> bytes:
    page = PdfReader(io.BytesIO(samples.pdf("Page text"))).pages[0]
    writer = PdfWriter()
    for _ in range(count):
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_it_reads_at_most_the_configured_number_of_pdf_pages(settings):
    settings.ATTACHMENTS_PDF_MAX_PAGES = 3
    assert extracted_text(pages(10), "application/pdf").count("Page text") == 3
    assert extracted_text(pages(2), "application/pdf").count("Page text") == 2


def test_it_stops_reading_a_pdf_when_its_time_is_up(settings):
    settings.ATTACHMENTS_PDF_SECONDS = 0  # the deadline has passed before the first page
    assert extracted_text(pages(5), "application/pdf") == ""


def test_it_never_decodes_an_image_with_too_many_pixels(settings):
    settings.ATTACHMENTS_MAX_IMAGE_PIXELS = 1_000
    with pytest.raises(UnprocessableFile, match="more than 1,000 pixels"):
        thumbnail(samples.png(100, 100))
    assert thumbnail(samples.png(20, 20))


def test_a_task_stopped_by_its_soft_limit_marks_the_file_failed(alice, local_storage, monkeypatch):
    row = uploaded(alice, "slow.pdf", samples.pdf(), "application/pdf")

    def too_slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(processing, "_pdf_text", too_slow)
    assert process_attachment.apply(args=(row.id,)).get() == "failed"
    row.refresh_from_db()
    assert row.status == "failed" and "took too long" in row.status_detail
