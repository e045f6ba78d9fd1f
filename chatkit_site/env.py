"""Typed readers for settings that come from the environment.

Each helper fails loudly with ImproperlyConfigured on a malformed value, so a typo in a
deployment surfaces at startup instead of as odd behaviour later.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """A string, or the contents of the file named by NAME_FILE (for container secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def database_from_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    """Translate DATABASE_URL into a Django DATABASES entry (sqlite:/// or postgres://)."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/to/project.db and sqlite:////absolute/path.db, as usual for URLs.
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        name = Path(path) if Path(path).is_absolute() else base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            # The database threads (chatkit_site.db) keep theirs; a request thread's goes with it.
            "CONN_MAX_AGE": 600,
            # Django's documented SQLite options for concurrent writers: IMMEDIATE transactions
            # take the write lock up front, so two writers never deadlock into "database is
            # locked"; the busy timeout is how long one waits for the other; WAL lets readers
            # read while a write is in progress.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        pool = {
            "min_size": int(query.pop("pool_min_size", "1")),
            "max_size": int(query.pop("pool_max_size", "20")),
            # How long a request waits for a connection before it is told the database is
            # unavailable (a 503), rather than hanging while the server is down.
            "timeout": float(query.pop("pool_timeout", "1")),
            # Connections are replaced after this long, and idle ones above min_size closed,
            # so a failover or a server restart is forgotten by itself.
            "max_lifetime": float(query.pop("pool_max_lifetime", "1800")),
            "max_idle": float(query.pop("pool_max_idle", "300")),
        }
        # Django's documented health check, which makes the pool check each connection it
        # hands out: a round trip per database call. Off by default: `chatkit_site.db` runs a
        # call whose connection had died once more instead, which costs nothing until one dies.
        health_checks = query.pop("pool_check", "0") == "1"
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # Django's psycopg pool; it needs CONN_MAX_AGE 0. Django's own check before use
            # costs a round trip per request; a dead connection is handled after the fact
            # instead (`chatkit_site.db`).
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": health_checks,
            "OPTIONS": {"pool": pool, "connect_timeout": int(query.pop("connect_timeout", "2")), **query},
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parts.scheme!r} is not supported")
