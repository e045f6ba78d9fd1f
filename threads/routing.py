"""Websocket routes of the threads app (live updates land here)."""
from __future__ import annotations

from typing import Any

websocket_urlpatterns: list[Any] = []
