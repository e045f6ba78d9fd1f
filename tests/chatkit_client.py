"""Talking to /api/chatkit the way a browser does: session cookie, CSRF header, SSE parsing."""
from __future__ import annotations

import json
from typing import Any

from django.test import AsyncClient


def parse_sse(raw: bytes) -> list[dict[str, Any]]:
    events = []
    for block in raw.decode().split("\n\n"):
        data = "\n".join(line[6:] for line in block.splitlines() if line.startswith("data: "))
        if data:
            events.append(json.loads(data))
    return events


class ChatKitClient:
    """A logged-in, CSRF-enforcing client for one user."""

    def __init__(self, user: Any | None) -> None:
        self.http = AsyncClient(enforce_csrf_checks=True)
        self.user = user

    async def login(self) -> ChatKitClient:
        if self.user is not None:
            await self.http.aforce_login(self.user)
        response = await self.http.get("/login/")
        assert response.status_code in (200, 302)
        if "csrftoken" not in self.http.cookies:
            await self.http.get("/")
        return self

    @property
    def csrf(self) -> str:
        cookie = self.http.cookies.get("csrftoken")
        return cookie.value if cookie else ""

    async def post(self, payload: dict[str, Any] | bytes, *, csrf: bool = True) -> Any:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {"X-CSRFToken": self.csrf} if csrf else {}
        return await self.http.post("/api/chatkit", body, content_type="application/json", headers=headers)

    async def request(self, type_: str, **params: Any) -> tuple[int, Any]:
        response = await self.post({"type": type_, "params": params})
        if response.get("Content-Type", "").startswith("text/event-stream"):
            raw = b"".join([chunk async for chunk in response.streaming_content])
            return response.status_code, parse_sse(raw)
        return response.status_code, json.loads(response.content or b"null")

    async def stream(self, type_: str, **params: Any) -> list[dict[str, Any]]:
        status, events = await self.request(type_, **params)
        assert status == 200, events
        assert isinstance(events, list), events
        return events


def user_input(text: str, attachments: list[str] | None = None) -> dict[str, Any]:
    return {
        "content": [{"type": "input_text", "text": text}],
        "attachments": attachments or [],
        "inference_options": {},
    }


def created_thread_id(events: list[dict[str, Any]]) -> str:
    return next(e["thread"]["id"] for e in events if e["type"] == "thread.created")


def assistant_text(events: list[dict[str, Any]]) -> str:
    done = [e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "assistant_message"]
    return "\n".join(part["text"] for item in done for part in item["content"])
