"""Both upload strategies through the real endpoints, on local storage and on S3 (moto server),
up to the bytes reaching the model's input."""
from __future__ import annotations

import base64
from typing import Any

import pytest
from asgiref.sync import sync_to_async

from agents_app.offline.model import OfflineModel
from attachments.models import Attachment
from tests.chatkit_client import created_thread_id, user_input

from . import samples
from .conftest import body_of, get, upload_direct, upload_two_phase

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def model_inputs(monkeypatch: pytest.MonkeyPatch) -> list[list[Any]]:
    """Every list of input items the offline model is asked to answer."""
    seen: list[list[Any]] = []
    original = OfflineModel._plan

    def recording(self: OfflineModel, instructions: Any, items: list[Any], *args: Any, **kwargs: Any) -> Any:
        seen.append(items)
        return original(self, instructions, items, *args, **kwargs)

    monkeypatch.setattr(OfflineModel, "_plan", recording)
    return seen


def content_parts(items: list[Any]) -> list[dict[str, Any]]:
    parts = []
    for item in items:
        content = item.get("content") if isinstance(item, dict) else None
        if isinstance(content, list):
            parts.extend(part for part in content if isinstance(part, dict))
    return parts


async def row(attachment_id: str) -> Attachment:
    return await Attachment.objects.aget(id=attachment_id)


async def test_it_uploads_directly_and_the_image_reaches_the_model(alice_client, storage, model_inputs):
    image = samples.png()
    answer = await upload_direct(alice_client, "cat.png", image, "image/png")
    assert answer.status == 200, answer.body
    body = answer.body
    assert body["type"] == "image" and body["name"] == "cat.png" and body["mime_type"] == "image/png"
    assert "upload_descriptor" not in body and "metadata" not in body
    assert body["preview_url"].startswith("http://testserver/api/attachments/") and "sig=" in body["preview_url"]

    stored = await row(body["id"])
    assert stored.status == "ready" and stored.size == len(image)
    assert storage.read(stored.file.name) == image  # really in the bucket / MEDIA_ROOT
    assert not stored.file.name.endswith("cat.png")  # a random storage key, not the user's name

    events = await alice_client.stream("threads.create", input=user_input("What is in this picture?", [body["id"]]))
    thread_id = created_thread_id(events)
    images = [p for p in content_parts(model_inputs[0]) if p.get("type") == "input_image"]
    assert len(images) == 1
    prefix = "data:image/png;base64,"
    assert images[0]["image_url"].startswith(prefix)
    assert base64.b64decode(images[0]["image_url"][len(prefix):]) == image
    assert (await row(body["id"])).thread_id == thread_id

    preview = await get(alice_client, body["preview_url"])
    assert preview.status_code == 200 and preview["Content-Type"] == "image/webp"  # the thumbnail


async def test_it_uploads_in_two_phases_and_the_pdf_reaches_the_model(alice_client, storage, model_inputs):
    document = samples.pdf()
    created_status, created = await alice_client.request(
        "attachments.create", name="report.pdf", size=len(document), mime_type="application/pdf"
    )
    assert created_status == 200, created
    descriptor = created["upload_descriptor"]
    assert descriptor["method"] == "POST"
    assert descriptor["url"] == f"http://testserver/api/attachments/{created['id']}/upload"
    assert (await row(created["id"])).status == "awaiting_upload"

    from .conftest import upload_bytes

    answer = await upload_bytes(alice_client, descriptor["url"], "report.pdf", document, "application/pdf")
    assert answer.status == 200, answer.body
    assert answer.body == {"id": created["id"], "name": "report.pdf", "mime_type": "application/pdf", "type": "file"}
    stored = await row(created["id"])
    assert stored.status == "ready" and storage.read(stored.file.name) == document
    assert "seventeen percent" in stored.extracted_text  # processed (Celery is eager here)

    model_inputs.clear()
    await alice_client.stream("threads.create", input=user_input("Summarise the report", [created["id"]]))
    files = [p for p in content_parts(model_inputs[0]) if p.get("type") == "input_file"]
    assert len(files) == 1 and files[0]["filename"] == "report.pdf"
    assert base64.b64decode(files[0]["file_data"].split(",", 1)[1]) == document


async def test_it_sends_text_files_inline_to_the_model(alice_client, local_storage, model_inputs):
    answer = await upload_two_phase(alice_client, "notes.md", b"# Plan\nShip the attachments feature.", "text/markdown")
    assert answer.status == 200, answer.body
    await alice_client.stream("threads.create", input=user_input("Read my notes", [answer.body["id"]]))
    texts = [p["text"] for p in content_parts(model_inputs[0]) if p.get("type") == "input_text"]
    assert any('<ATTACHMENT name="notes.md" type="text/markdown">' in t and "Ship the attachments feature." in t for t in texts)


async def test_it_deletes_bytes_and_preview_through_the_protocol(alice_client, storage):
    answer = await upload_direct(alice_client, "cat.jpg", samples.jpeg(), "image/jpeg")
    stored = await row(answer.body["id"])
    assert stored.preview and {stored.file.name, stored.preview.name} <= storage.names()
    status, body = await alice_client.request("attachments.delete", attachment_id=stored.id)
    assert status == 200, body
    assert not await Attachment.objects.filter(id=stored.id).aexists()
    assert not ({stored.file.name, stored.preview.name} & storage.names())


async def test_it_serves_downloads_as_files_with_a_signed_link(alice_client, storage):
    answer = await upload_direct(alice_client, "data.csv", b"a,b\n1,2\n", "text/csv")
    assert answer.status == 200 and answer.body["mime_type"] == "text/csv"
    detail = await alice_client.http.get(f"/api/attachments/{answer.body['id']}")
    download = await get(alice_client, detail.json()["download_url"])
    assert download.status_code == 200 and await body_of(download) == b"a,b\n1,2\n"
    assert download["Content-Disposition"].startswith("attachment") and "data.csv" in download["Content-Disposition"]
    assert download["Content-Security-Policy"].startswith("sandbox") and download["X-Content-Type-Options"] == "nosniff"
    assert (await alice_client.http.get(f"/api/attachments/{answer.body['id']}/download")).status_code == 403


async def test_it_refuses_uploads_without_the_csrf_token(alice_client, local_storage):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("cat.png", samples.png(), content_type="image/png")
    response = await alice_client.http.post("/api/attachments/upload", {"file": upload})
    assert response.status_code == 403
    assert not await sync_to_async(Attachment.objects.exists)()
