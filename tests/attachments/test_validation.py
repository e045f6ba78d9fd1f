"""Every refusal, through the real endpoints: its status, a message a person understands, and
nothing kept (no row, no stored bytes)."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from asgiref.sync import sync_to_async

from attachments.models import Attachment, AttachmentPolicy
from attachments.moderation import attachment_revoke
from tests.factories import UserFactory

from . import samples
from .conftest import Answer, create_pending, upload_bytes, upload_direct

pytestmark = pytest.mark.django_db(transaction=True)


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hello")
    return out.getvalue()


async def oversized(alice: Any, settings: Any, **_: Any) -> Answer:
    settings.ATTACHMENTS_MAX_FILE_SIZE = 1000
    return await upload_direct(alice, "big.txt", b"x" * 1001, "text/plain")


async def over_quota(alice: Any, settings: Any, **_: Any) -> Answer:
    settings.ATTACHMENTS_QUOTA_BYTES = 1500
    assert (await upload_direct(alice, "one.txt", b"a" * 1000, "text/plain")).status == 200
    return await upload_direct(alice, "two.txt", b"b" * 1000, "text/plain")


async def over_personal_limit(alice: Any, **_: Any) -> Answer:
    await AttachmentPolicy.objects.acreate(user=alice.user, max_file_size=100)
    return await upload_direct(alice, "small.txt", b"c" * 101, "text/plain")


async def disallowed_type(alice: Any, **_: Any) -> Answer:
    return await upload_direct(alice, "archive.zip", zip_bytes(), "application/zip")


async def personally_disallowed_type(alice: Any, **_: Any) -> Answer:
    await AttachmentPolicy.objects.acreate(user=alice.user, allowed_types=["text/plain"])
    return await upload_direct(alice, "cat.png", samples.png(), "image/png")


async def false_extension(alice: Any, **_: Any) -> Answer:
    return await upload_direct(alice, "invoice.pdf", samples.png(), "application/pdf")


async def false_claimed_type(alice: Any, **_: Any) -> Answer:
    return await upload_direct(alice, "scan", samples.png(), "image/jpeg")


async def text_posing_as_image(alice: Any, **_: Any) -> Answer:
    return await upload_direct(alice, "cat.png", b"<script>alert(1)</script>", "image/png")


async def broken_json(alice: Any, **_: Any) -> Answer:
    return await upload_direct(alice, "data.json", b"{not json", "application/json")


async def decompression_bomb(alice: Any, **_: Any) -> Answer:
    return await upload_direct(alice, "bomb.png", samples.png_bomb(), "image/png")


async def over_pixel_limit(alice: Any, settings: Any, **_: Any) -> Answer:
    settings.ATTACHMENTS_MAX_IMAGE_PIXELS = 1000
    return await upload_direct(alice, "wide.png", samples.png(100, 20), "image/png")


async def traversal_filename(alice: Any, **_: Any) -> Answer:
    return await create_pending(alice, "../../etc/passwd.txt", 10, "text/plain")


async def declared_too_big(alice: Any, **_: Any) -> Answer:
    return await create_pending(alice, "huge.pdf", 50 * 1024 * 1024, "application/pdf")


async def declared_disallowed(alice: Any, **_: Any) -> Answer:
    return await create_pending(alice, "archive.zip", 1000, "application/zip")


async def declared_mismatch(alice: Any, **_: Any) -> Answer:
    return await create_pending(alice, "cat.png", 1000, "application/pdf")


async def someone_elses_upload_url(alice: Any, bob: Any, **_: Any) -> Answer:
    created = await create_pending(alice, "notes.txt", 5, "text/plain")
    return await upload_bytes(bob, created.body["upload_descriptor"]["url"], "notes.txt", b"hello", "text/plain")


async def upload_after_revocation(alice: Any, **_: Any) -> Answer:
    created = await create_pending(alice, "notes.txt", 5, "text/plain")
    row = await Attachment.objects.aget(id=created.body["id"])
    staff = await sync_to_async(UserFactory)(username="root", is_staff=True, is_superuser=True)
    await sync_to_async(attachment_revoke)(actor=staff, attachment=row, reason="Spam")
    return await upload_bytes(alice, created.body["upload_descriptor"]["url"], "notes.txt", b"hello", "text/plain")


async def upload_twice(alice: Any, **_: Any) -> Answer:
    created = await create_pending(alice, "notes.txt", 5, "text/plain")
    url = created.body["upload_descriptor"]["url"]
    assert (await upload_bytes(alice, url, "notes.txt", b"hello", "text/plain")).status == 200
    return await upload_bytes(alice, url, "notes.txt", b"other", "text/plain")


async def second_phase_disguised(alice: Any, **_: Any) -> Answer:
    created = await create_pending(alice, "photo.jpg", 100, "image/jpeg")
    return await upload_bytes(alice, created.body["upload_descriptor"]["url"], "photo.jpg", samples.pdf(), "image/jpeg")


async def uploads_disabled(alice: Any, **_: Any) -> Answer:
    await AttachmentPolicy.objects.acreate(user=alice.user, uploads_allowed=False)
    return await upload_direct(alice, "notes.txt", b"hello", "text/plain")


async def uploads_disabled_two_phase(alice: Any, **_: Any) -> Answer:
    await AttachmentPolicy.objects.acreate(user=alice.user, uploads_allowed=False)
    return await create_pending(alice, "notes.txt", 5, "text/plain")


async def no_file_field(alice: Any, **_: Any) -> Answer:
    response = await alice.http.post("/api/attachments/upload", {"other": "x"}, headers={"X-CSRFToken": alice.csrf})
    return Answer(response.status_code, response.json())


Case = Callable[..., Awaitable[Answer]]
REFUSALS: list[tuple[Case, int, str]] = [
    (oversized, 413, "This file is 1001\xa0bytes; the limit is 1000\xa0bytes."),
    (over_quota, 413, "Not enough storage left: 500\xa0bytes of your 1.5\xa0KB remain."),
    (over_personal_limit, 413, "the limit is 100\xa0bytes"),
    (disallowed_type, 415, "Files of type application/zip are not accepted."),
    (personally_disallowed_type, 415, "Accepted types: text/plain."),
    (false_extension, 400, "This file's contents are image/png, but its name says application/pdf."),
    (false_claimed_type, 400, "This file's contents are image/png, but its declared type says image/jpeg."),
    (text_posing_as_image, 400, "contents are text/plain, but its name says image/png"),
    (broken_json, 400, "does not contain valid JSON"),
    (decompression_bomb, 400, "This image has too many pixels to process"),
    (over_pixel_limit, 400, "This image is 100×20 pixels. Images may have at most 1,000 pixels."),
    (traversal_filename, 400, "File names cannot contain folders"),
    (declared_too_big, 413, "the limit is 10.0\xa0MB"),
    (declared_disallowed, 415, "not accepted"),
    (declared_mismatch, 400, "named as image/png but declared as application/pdf"),
    (someone_elses_upload_url, 404, "Attachment not found."),
    (upload_after_revocation, 404, "Attachment not found."),
    (upload_twice, 409, "already been uploaded"),
    (second_phase_disguised, 400, "contents are application/pdf, but its name says image/jpeg"),
    (uploads_disabled, 403, "File uploads are turned off for your account."),
    (uploads_disabled_two_phase, 403, "File uploads are turned off for your account."),
    (no_file_field, 400, "field named 'file'"),
]


@pytest.mark.parametrize(("case", "status", "message"), REFUSALS, ids=[case.__name__ for case, _, _ in REFUSALS])
async def test_it_refuses(case, status, message, alice_client, bob_client, local_storage, settings):
    answer = await case(alice=alice_client, bob=bob_client, settings=settings)
    assert answer.status == status, answer.body
    assert set(answer.body) <= {"error", "field"} and message in answer.body["error"], answer.body
    # Refused bytes are never stored: only files of earlier, accepted steps are on disk.
    accepted = {a.file.name async for a in Attachment.objects.exclude(file="")}
    previews = {a.preview.name async for a in Attachment.objects.exclude(preview="")}
    assert local_storage.names() == accepted | previews
