"""What the ChatKit apps share: the per-request context, the protocol's error and its ids.

Here, below both `threads` and `attachments`, so that neither imports the other's internals to
get them.
"""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any


class ProtocolError(Exception):
    """A request the protocol cannot serve; becomes a JSON error with `status`."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


_PREFIXES: dict[str, str] = {
    "thread": "thr",
    "message": "msg",
    "tool_call": "tc",
    "task": "tsk",
    "workflow": "wf",
    "attachment": "atc",
    "sdk_hidden_context": "shcx",
}


def new_id(kind: str) -> str:
    # 80 random bits: unguessable and collision-free in practice (the SDK default has 32).
    return f"{_PREFIXES.get(kind, kind)}_{secrets.token_hex(10)}"


@dataclass(frozen=True)
class RequestContext:
    """Who is asking and from where: identity, never state a request builds up."""

    user: Any  # a Django user; typed loosely because AUTH_USER_MODEL is swappable
    locale: str | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    # The request's origin (scheme://host), for absolute URLs such as attachment upload links.
    base_url: str | None = None
