"""Plain text of stored items: what admin search indexes and transcripts show."""
from __future__ import annotations

from typing import Any


def item_text(data: dict[str, Any]) -> str:
    kind = data.get("type")
    if kind == "user_message":
        return " ".join(part.get("text", "") for part in data.get("content", []))
    if kind == "assistant_message":
        return "\n".join(part.get("text", "") for part in data.get("content", []))
    if kind in {"hidden_context_item", "sdk_hidden_context"}:
        content = data.get("content")
        return content if isinstance(content, str) else ""
    if kind == "widget":
        return data.get("copy_text") or ""
    return ""
