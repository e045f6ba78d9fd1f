"""`/ws/updates/`: a logged-in page's channel for "this thread changed" events."""
from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from chatkit_site.live import user_group

UNAUTHENTICATED = 4401  # 401 in the application range of close codes


class ThreadUpdatesConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accept first: a close during the handshake reaches browsers as a bare 1006, and the
            # page could not tell "logged out, stop" from "server away, retry".
            await self.accept()
            await self.close(code=UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def thread_changed(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "thread.changed", "thread_id": event["thread_id"], "reason": event["reason"]})
