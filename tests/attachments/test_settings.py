"""The Attachments settings section: S3 storage from the environment, local storage otherwise."""
from __future__ import annotations

import json
from pathlib import Path

from tests.processes import AppEnv, manage

SHOW = "from django.conf import settings as s; import json; print(json.dumps([s.STORAGES['default'], s.ATTACHMENTS_MAX_FILE_SIZE, s.ATTACHMENTS_ALLOWED_TYPES]))"


def settings_with(tmp_path: Path, **env: str) -> list:  # type: ignore[type-arg]
    app_env = AppEnv(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", var_dir=tmp_path)
    output = manage("shell", "-c", SHOW, env=app_env.env(**env)).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_it_stores_locally_by_default(tmp_path):
    storage, max_size, types = settings_with(tmp_path)
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert max_size == 10 * 1024 * 1024 and "application/pdf" in types and "image/webp" in types


def test_it_uses_an_s3_bucket_when_one_is_named(tmp_path):
    storage, max_size, types = settings_with(
        tmp_path, STORAGE_BUCKET="uploads", AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_REGION_NAME="eu-west-1", ATTACHMENTS_MAX_FILE_SIZE="1000", ATTACHMENTS_ALLOWED_TYPES="text/plain,image/png",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "uploads" and storage["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert max_size == 1000 and types == ["text/plain", "image/png"]
