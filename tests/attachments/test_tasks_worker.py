"""Processing in a real Celery worker process on Redis, against PostgreSQL, behind real daphne."""
from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis

from tests.processes import PYTHON, ROOT, AppEnv, daphne_server, login, postgres_database

from . import samples

pytestmark = pytest.mark.integration
REDIS_URL = "redis://127.0.0.1:6379/7"
PASSWORD = "correct horse battery staple"


@contextmanager
def celery_worker(app_env: AppEnv, log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "chatkit_site", "worker", "-P", "solo", "-c", "1", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
            cwd=ROOT, env=app_env.env(), stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def rows(database_url: str) -> dict[str, dict[str, Any]]:
    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as conn:
        cursor = conn.execute("SELECT id, name, status, sha256, preview, extracted_text FROM attachments_attachment")
        columns = [c.name for c in cursor.description or []]
        return {row[1]: dict(zip(columns, row, strict=True)) for row in cursor.fetchall()}


def processed(row: dict[str, Any]) -> bool:
    return row["status"] == "ready" and bool(row["sha256"]) and bool(row["preview"] or row["extracted_text"])


def test_it_processes_uploads_in_a_worker(tmp_path: Path) -> None:
    assert redis.Redis.from_url(REDIS_URL).ping()
    with postgres_database() as database_url:
        app_env = AppEnv(database_url=database_url, var_dir=tmp_path, extra={"REDIS_URL": REDIS_URL})
        app_env.migrate()
        app_env.create_user("alice", PASSWORD)
        with daphne_server(app_env) as server:
            client = login(server.url, "alice", PASSWORD)
            for name, data, mime in (("report.pdf", samples.pdf(), "application/pdf"), ("cat.png", samples.png(900, 600), "image/png")):
                response = client.post("/api/attachments/upload", files={"file": (name, data, mime)})
                assert response.status_code == 200, response.text
            # Queued on Redis, not run in the request: usable at once, processed later.
            before = rows(database_url)
            assert {r["status"] for r in before.values()} == {"ready"} and not any(r["sha256"] for r in before.values())
            with celery_worker(app_env, tmp_path / "worker.log"):
                deadline = time.monotonic() + 60
                while not all(processed(r) for r in rows(database_url).values()):
                    assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
                    time.sleep(0.3)
        after = rows(database_url)
    assert "seventeen percent" in after["report.pdf"]["extracted_text"]
    thumbnail = tmp_path / "media" / after["cat.png"]["preview"]
    assert thumbnail.read_bytes()[8:12] == b"WEBP"
    assert "process_attachment" in (tmp_path / "worker.log").read_text()
