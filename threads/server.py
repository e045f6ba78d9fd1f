"""The ChatKit server: the SDK's `ChatKitServer` wired to our stores and the guide agent.

`process` is the SDK's entry point with our refusals in front (`threads.refusals`); the endpoint
calls the same steps one by one so that throttling sits between them.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from chatkit.server import ChatKitServer, NonStreamingResult, StreamingResult
from chatkit.store import AttachmentStore, NotFoundError
from chatkit.types import (
    Action,
    AudioInput,
    ChatKitReq,
    FeedbackKind,
    SyncCustomActionResponse,
    ThreadMetadata,
    ThreadStreamEvent,
    TranscriptionResult,
    UserMessageItem,
    WidgetItem,
    is_streaming_req,
)

from agents_app import transcription
from agents_app.actions import ActionUnavailable, widget_action, widget_sync_action
from agents_app.respond import guide_response
from chatkit_site.db import run_db
from chatkit_site.protocol import ProtocolError, RequestContext

from . import refusals, services
from .background import request_thread_title
from .store import DjangoStore


class StudioServer(ChatKitServer[RequestContext]):
    def __init__(self, attachment_store: AttachmentStore[RequestContext] | None = None) -> None:
        super().__init__(store=DjangoStore(), attachment_store=attachment_store)

    async def respond(
        self, thread: ThreadMetadata, input_user_message: UserMessageItem | None, context: RequestContext
    ) -> AsyncIterator[ThreadStreamEvent]:
        async for event in guide_response(self.store, thread, input_user_message, context):
            yield event
        # After the answer, so title generation (in-process when Celery is eager) never delays it.
        if input_user_message is not None and not thread.title:
            title = await run_db(request_thread_title, thread_id=thread.id)
            if title:  # generated in-process: the SDK sends it in this stream as thread.updated
                thread.title = title

    async def add_feedback(
        self, thread_id: str, item_ids: list[str], feedback: FeedbackKind, context: RequestContext
    ) -> None:
        try:
            await run_db(services.feedback_record, user=context.user, thread_id=thread_id, item_ids=item_ids, kind=feedback)
        except Exception as exc:  # DoesNotExist of thread or item
            raise NotFoundError(str(exc)) from exc

    def action(
        self, thread: ThreadMetadata, action: Action[str, Any], sender: WidgetItem | None, context: RequestContext
    ) -> AsyncIterator[ThreadStreamEvent]:
        return widget_action(self.store, thread, action, sender, context)

    async def sync_action(
        self, thread: ThreadMetadata, action: Action[str, Any], sender: WidgetItem | None, context: RequestContext
    ) -> SyncCustomActionResponse:
        """An in-place widget change (`streaming: false` actions): no model run, the new card stored.

        The SDK hands back `updated_item` and leaves storing it to us; the client swaps it in.
        It is an upsert of one item, so it works while another answer streams in the thread.
        """
        try:
            updated = widget_sync_action(action, sender)
        except ActionUnavailable as exc:
            raise ProtocolError(str(exc), status=409 if sender is not None else 400) from exc
        await self.store.save_item(thread.id, updated, context)
        return SyncCustomActionResponse(updated_item=updated)

    async def transcribe(self, audio_input: AudioInput, context: RequestContext) -> TranscriptionResult:
        try:
            return await transcription.transcribe(audio_input)
        except transcription.TranscriptionRefused as exc:
            raise ProtocolError(exc.message, status=exc.status) from exc

    async def process(self, request: str | bytes | bytearray, context: RequestContext) -> StreamingResult | NonStreamingResult:
        body = request.encode() if isinstance(request, str) else bytes(request)
        parsed = refusals.parsed_request(body, attachments=self.attachment_store is not None)
        await refusals.vet_request(parsed, self.store, context)
        return await self.process_parsed(parsed, context)

    async def process_parsed(self, request: ChatKitReq, context: RequestContext) -> StreamingResult | NonStreamingResult:
        """What `ChatKitServer.process` does after its parsing.

        `ChatKitServer.process` builds a new TypeAdapter over the whole request union on every
        call to parse the body, and no public method takes a parsed request. So the two methods
        it dispatches to are called directly: private, hence pinned (tests/threads/test_sdk_pin.py
        fails when the installed SDK, `process` or their signatures change; re-check this then).
        """
        if is_streaming_req(request):
            return StreamingResult(self._process_streaming(request, context))
        return NonStreamingResult(await self._process_non_streaming(request, context))
