"""Uploads that once lost a file silently or answered Django's HTML 400, and the per-user upload
limit: each is refused as JSON naming the field, storing nothing."""
from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.models import Attachment

from . import samples
from .conftest import upload_direct

pytestmark = pytest.mark.django_db(transaction=True)


def png(name: str = "cat.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.png(), content_type="image/png")


async def post_files(client, files: dict) -> tuple[int, dict, str]:
    response = await client.http.post("/api/attachments/upload", files, headers={"X-CSRFToken": client.csrf})
    return response.status_code, json.loads(response.content), response["Content-Type"]


async def test_it_refuses_two_files_in_one_upload(alice_client, local_storage):
    status, body, kind = await post_files(alice_client, {"file": [png("a.png"), png("b.png")]})
    assert (status, body["field"], kind) == (400, "file", "application/json")
    assert "one file" in body["error"]
    assert await Attachment.objects.acount() == 0 and local_storage.names() == set()


async def test_it_refuses_a_second_file_field(alice_client, local_storage):
    status, body, _ = await post_files(alice_client, {"file": png(), "other": png("b.png")})
    assert (status, body["field"]) == (400, "file")
    assert await Attachment.objects.acount() == 0


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    """By hand: Django's test client (its UploadedFile) would cut the name to 255 characters."""
    boundary = "studio-boundary"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\nContent-Type: image/png\r\n\r\n'
    return head.encode() + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


async def test_a_five_thousand_character_file_name_gets_json(alice_client, local_storage):
    body, content_type = multipart("n" * 4_996 + ".png", samples.png())
    response = await alice_client.http.post(
        "/api/attachments/upload", body, content_type=content_type, headers={"X-CSRFToken": alice_client.csrf}
    )
    status, kind, body = response.status_code, response["Content-Type"], json.loads(response.content)
    assert 400 <= status < 500 and kind == "application/json"
    assert body["error"] and body["field"] == "file"
    assert await Attachment.objects.acount() == 0


async def test_it_limits_uploads_per_user_with_retry_after(alice_client, bob_client, local_storage, settings):
    settings.ATTACHMENTS_UPLOADS_PER_WINDOW = 2
    settings.THROTTLE_WINDOW_SECONDS = 600
    for n in range(2):
        assert (await upload_direct(alice_client, f"ok{n}.png", samples.png(), "image/png")).status == 200
    response = await alice_client.http.post("/api/attachments/upload", {"file": png()}, headers={"X-CSRFToken": alice_client.csrf})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 600
    assert "uploaded 2 files" in json.loads(response.content)["error"]
    assert await Attachment.objects.acount() == 2
    assert (await upload_direct(bob_client, "bob.png", samples.png(), "image/png")).status == 200  # per user
