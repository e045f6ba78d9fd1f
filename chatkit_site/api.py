"""The one NinjaAPI. Each app exposes `router` from its api.py; they are mounted here."""
from __future__ import annotations

from ninja import NinjaAPI

from agents_app.api import router as agents_router
from attachments.api import router as attachments_router
from threads.api import router as threads_router

api = NinjaAPI(
    title="ChatKit Studio API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/", threads_router)
api.add_router("/", agents_router)
api.add_router("/", attachments_router)
