"""Attachment fixtures: local or S3-compatible (moto server) storage, and upload helpers that go
through the real endpoints with the session cookie and the CSRF header, like the chat page."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.chatkit_client import ChatKitClient
from tests.processes import ROOT, free_port

MOTO_SERVER = Path(sys.executable).parent / "moto_server"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@dataclass
class Storage:
    """Where uploaded bytes land, seen from outside Django's storage API."""

    kind: str
    root: Path | None = None
    s3: Any = None
    bucket: str = ""

    def names(self) -> set[str]:
        if self.s3 is not None:
            listing = self.s3.list_objects_v2(Bucket=self.bucket)
            return {entry["Key"] for entry in listing.get("Contents", [])}
        assert self.root is not None
        return {str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file()}

    def read(self, name: str) -> bytes:
        if self.s3 is not None:
            return self.s3.get_object(Bucket=self.bucket, Key=name)["Body"].read()
        assert self.root is not None
        return (self.root / name).read_bytes()


@pytest.fixture
def local_storage(settings: Any, tmp_path: Path) -> Storage:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return Storage(kind="local", root=settings.MEDIA_ROOT)


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """moto in server mode on a free loopback port: a real S3-compatible HTTP endpoint."""
    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    process = subprocess.Popen(
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(endpoint + "/moto-api/", timeout=1.0)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("moto server did not start") from None
                time.sleep(0.2)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def s3_storage(settings: Any, moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Storage:
    import boto3

    for key, value in S3_KEYS.items():
        monkeypatch.setenv(key, value)
    bucket = f"attachments-{uuid.uuid4().hex[:10]}"
    s3 = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket, "endpoint_url": moto_endpoint, "region_name": "us-east-1",
                "access_key": "testing", "secret_key": "testing", "file_overwrite": False,
            },
        },
    }
    return Storage(kind="s3", s3=s3, bucket=bucket)


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest) -> Storage:
    return request.getfixturevalue(f"{request.param}_storage")


@dataclass
class Answer:
    status: int
    body: Any


def _answer(response: Any) -> Answer:
    return Answer(response.status_code, json.loads(response.content or b"null"))


def _file(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type or "application/octet-stream")


async def upload_direct(client: ChatKitClient, name: str, data: bytes, content_type: str = "") -> Answer:
    response = await client.http.post(
        "/api/attachments/upload", {"file": _file(name, data, content_type)}, headers={"X-CSRFToken": client.csrf}
    )
    return _answer(response)


async def create_pending(client: ChatKitClient, name: str, size: int, mime_type: str) -> Answer:
    status, body = await client.request("attachments.create", name=name, size=size, mime_type=mime_type)
    return Answer(status, body)


async def upload_bytes(client: ChatKitClient, url: str, name: str, data: bytes, content_type: str = "") -> Answer:
    response = await client.http.post(
        urlsplit(url).path, {"file": _file(name, data, content_type)}, headers={"X-CSRFToken": client.csrf}
    )
    return _answer(response)


async def upload_two_phase(client: ChatKitClient, name: str, data: bytes, content_type: str) -> Answer:
    created = await create_pending(client, name, len(data), content_type)
    if created.status != 200:
        return created
    return await upload_bytes(client, created.body["upload_descriptor"]["url"], name, data, content_type)


async def get(client: ChatKitClient, url: str) -> Any:
    parts = urlsplit(url)
    return await client.http.get(parts.path + (f"?{parts.query}" if parts.query else ""))


async def body_of(response: Any) -> bytes:
    if not getattr(response, "streaming", False):
        return response.content
    if response.is_async:
        return b"".join([chunk async for chunk in response.streaming_content])
    return b"".join(response.streaming_content)
