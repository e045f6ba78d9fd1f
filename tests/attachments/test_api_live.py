"""Both upload strategies against a real daphne process, the way the chat page's `api.fetch`
sends them (session cookie + X-CSRFToken header, multipart `file`)."""
from __future__ import annotations

import json

import pytest

from . import samples

pytestmark = pytest.mark.integration


def chatkit(client, payload):  # type: ignore[no-untyped-def]
    return client.post("/api/chatkit", content=json.dumps(payload), headers={"Content-Type": "application/json"})


def test_it_takes_direct_and_two_phase_uploads_over_http(live_app):
    client = live_app.login("alice")
    direct = client.post("/api/attachments/upload", files={"file": ("cat.png", samples.png(), "image/png")})
    assert direct.status_code == 200, direct.text
    assert direct.json()["preview_url"].startswith(live_app.url + "/api/attachments/")
    preview = client.get(direct.json()["preview_url"])
    assert preview.status_code == 200 and preview.headers["content-type"] == "image/webp"

    created = chatkit(client, {"type": "attachments.create", "params": {"name": "notes.txt", "size": 5, "mime_type": "text/plain"}})
    assert created.status_code == 200, created.text
    url = created.json()["upload_descriptor"]["url"]
    assert url.startswith(live_app.url)  # absolute, on the origin the page talks to
    uploaded = client.post(url, files={"file": ("notes.txt", b"hello", "text/plain")})
    assert uploaded.status_code == 200 and uploaded.json()["id"] == created.json()["id"]

    stream = chatkit(client, {"type": "threads.create", "params": {"input": {
        "content": [{"type": "input_text", "text": "see files"}], "attachments": [direct.json()["id"], created.json()["id"]],
        "inference_options": {},
    }}})
    assert stream.status_code == 200 and '"name":"notes.txt"' in stream.text.replace(" ", "")


def test_it_refuses_another_users_upload_url_and_foreign_previews(live_app):
    alice, bob = live_app.login("alice"), live_app.login("bob")
    created = chatkit(alice, {"type": "attachments.create", "params": {"name": "a.txt", "size": 5, "mime_type": "text/plain"}})
    refused = bob.post(created.json()["upload_descriptor"]["url"], files={"file": ("a.txt", b"hello", "text/plain")})
    assert refused.status_code == 404 and refused.json() == {"error": "Attachment not found."}
    direct = alice.post("/api/attachments/upload", files={"file": ("cat.png", samples.png(), "image/png")})
    assert bob.get(direct.json()["preview_url"]).status_code == 404
    no_csrf = alice.post("/api/attachments/upload", files={"file": ("cat.png", samples.png(), "image/png")}, headers={"X-CSRFToken": ""})
    assert no_csrf.status_code == 403
