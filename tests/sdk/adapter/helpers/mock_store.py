"""The SDK suite's `helpers.mock_store.SQLiteStore`, played by our `DjangoStore`.

The suite builds a store per server from a database path and passes its own
`RequestContext(user_id=...)` to every method. Here the path only names the store (the suite
reads `db_path` back to build a second store on "the same database"), the database is the
test run's Django database, and each user id becomes a Django user of that name.
"""
from __future__ import annotations

from typing import Any

from chatkit.types import Attachment, Page, ThreadItem, ThreadMetadata
from django.contrib.auth import get_user_model

from chatkit_site.db import run_db
from chatkit_site.protocol import RequestContext as StudioContext
from threads.store import DjangoStore


def _user_named(username: str) -> Any:
    user, _ = get_user_model().objects.get_or_create(username=username)
    return user


class SQLiteStore(DjangoStore):
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path

    async def ours(self, context: Any) -> StudioContext:
        """Our context for the suite's: a fresh one per call, as each of our requests has."""
        if isinstance(context, StudioContext):
            return context
        return StudioContext(user=await run_db(_user_named, context.user_id))

    async def load_thread(self, thread_id: str, context: Any) -> ThreadMetadata:
        return await super().load_thread(thread_id, await self.ours(context))

    async def save_thread(self, thread: ThreadMetadata, context: Any) -> None:
        await super().save_thread(thread, await self.ours(context))

    async def load_threads(self, limit: int, after: str | None, order: str, context: Any) -> Page[ThreadMetadata]:
        return await super().load_threads(limit, after, order, await self.ours(context))

    async def delete_thread(self, thread_id: str, context: Any) -> None:
        await super().delete_thread(thread_id, await self.ours(context))

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: Any
    ) -> Page[ThreadItem]:
        return await super().load_thread_items(thread_id, after, limit, order, await self.ours(context))

    async def add_thread_item(self, thread_id: str, item: ThreadItem, context: Any) -> None:
        await super().add_thread_item(thread_id, item, await self.ours(context))

    async def save_item(self, thread_id: str, item: ThreadItem, context: Any) -> None:
        await super().save_item(thread_id, item, await self.ours(context))

    async def load_item(self, thread_id: str, item_id: str, context: Any) -> ThreadItem:
        return await super().load_item(thread_id, item_id, await self.ours(context))

    async def delete_thread_item(self, thread_id: str, item_id: str, context: Any) -> None:
        await super().delete_thread_item(thread_id, item_id, await self.ours(context))

    async def save_attachment(self, attachment: Attachment, context: Any) -> None:
        await super().save_attachment(attachment, await self.ours(context))

    async def load_attachment(self, attachment_id: str, context: Any) -> Attachment:
        return await super().load_attachment(attachment_id, await self.ours(context))

    async def delete_attachment(self, attachment_id: str, context: Any) -> None:
        await super().delete_attachment(attachment_id, await self.ours(context))
