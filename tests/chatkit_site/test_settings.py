"""Settings come from the environment: bad values fail loudly, production values pass --deploy."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from chatkit_site.env import database_from_url, env_bool, env_int
from tests.processes import ROOT


def test_it_fails_loudly_on_a_malformed_boolean(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be a boolean"):
        env_bool("DEBUG", False)


def test_it_fails_loudly_on_a_malformed_integer(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "a year")
    with pytest.raises(ImproperlyConfigured, match="must be an integer"):
        env_int("SECURE_HSTS_SECONDS", 0)


def test_it_reads_postgres_urls_with_a_pool():
    db = database_from_url("postgres://app:s%40cret@db.internal:6543/chat?pool_max_size=7", base_dir=Path("/srv"))
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"]) == ("django.db.backends.postgresql", "chat", "app", "s@cret")
    assert (db["HOST"], db["PORT"]) == ("db.internal", "6543")
    assert db["OPTIONS"]["pool"]["max_size"] == 7 and db["CONN_MAX_AGE"] == 0


def test_it_reads_relative_and_absolute_sqlite_urls():
    assert database_from_url("sqlite:///var/x.db", base_dir=Path("/srv"))["NAME"] == "/srv/var/x.db"
    assert database_from_url("sqlite:////tmp/x.db", base_dir=Path("/srv"))["NAME"] == "/tmp/x.db"


def test_it_refuses_unknown_database_schemes():
    with pytest.raises(ImproperlyConfigured, match="not supported"):
        database_from_url("mysql://x/y", base_dir=Path("/srv"))


def test_it_passes_the_deploy_check_with_production_variables(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DEBUG="0", HTTPS="1", SECRET_KEY="x" * 30 + "production-only-secret-value-9f8e7d6c5b4a",
        ALLOWED_HOSTS="chat.example.com", CSRF_TRUSTED_ORIGINS="https://chat.example.com", VAR_DIR=str(tmp_path),
        CHATKIT_DOMAIN_KEY="domain_pk_registered_for_chat_example",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
