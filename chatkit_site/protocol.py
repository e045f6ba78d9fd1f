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


@dataclass
class TurnState:
    """What one request learns and may reuse within itself (see threads.store)."""

    vetted_thread: Any = None  # the ThreadMetadata the server's pre-check loaded
    newest_items: dict[str, Any] | None = None  # per thread; None outside a streaming turn
    # Per thread, the (status, reason) this request read: a save writes the status only when
    # the server changed it (threads.store.DjangoStore.save_thread).
    loaded_status: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # The docs passages `search_docs` returned in this turn, not yet cited on an answer
    # (agents_app.sources): (title, url) pairs.
    docs_sources: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class RequestContext:
    user: Any  # a Django user; typed loosely because AUTH_USER_MODEL is swappable
    locale: str | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    # The request's origin (scheme://host), for absolute URLs such as attachment upload links.
    base_url: str | None = None
    # Per request, so nothing read for one request (or one user) can serve another.
    turn: TurnState = field(default_factory=TurnState, compare=False, repr=False)
