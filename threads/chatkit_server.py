"""The process-wide server instance (stateless, so one per process is enough)."""
from __future__ import annotations

from functools import lru_cache

from .server import StudioServer


@lru_cache(maxsize=1)
def get_server() -> StudioServer:
    from attachments.store import DjangoAttachmentStore

    return StudioServer(attachment_store=DjangoAttachmentStore())
