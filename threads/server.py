"""The ChatKit server: the SDK's `ChatKitServer` wired to our stores and the guide agent.

Streaming requests are checked before the stream starts (thread, item and attachment ids, the
thread's status), so a foreign id or a locked thread gets a 4xx instead of an error mid-stream.
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
    ClientToolCallItem,
    FeedbackKind,
    SyncCustomActionResponse,
    ThreadMetadata,
    ThreadsAddClientToolOutputReq,
    ThreadsAddStructuredInputReq,
    ThreadsAddUserMessageReq,
    ThreadsCreateReq,
    ThreadsCustomActionReq,
    ThreadsRetryAfterItemReq,
    ThreadsSyncCustomActionReq,
    ThreadStreamEvent,
    TranscriptionResult,
    UserMessageItem,
    WidgetItem,
    is_streaming_req,
)
from django.conf import settings
from pydantic import TypeAdapter

from agents_app import transcription
from agents_app.actions import ActionUnavailable, widget_action, widget_sync_action
from agents_app.respond import guide_response
from chatkit_site.db import run_db
from chatkit_site.protocol import ProtocolError, RequestContext

from . import services
from .background import request_thread_title
from .store import DjangoStore

_REQUEST = TypeAdapter[ChatKitReq](ChatKitReq)


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
        parsed = _REQUEST.validate_json(request)
        if parsed.type == "input.transcribe":
            if not transcription.transcription_available():  # before decoding megabytes of base64
                await self.transcribe(AudioInput(data=b"", mime_type=parsed.params.mime_type), context)
        elif len(request) > settings.CHATKIT_MAX_REQUEST_BYTES:  # only audio may use the larger body limit
            raise ProtocolError("Request body is too large.", status=413)
        if parsed.type in {"attachments.create", "attachments.delete"} and self.attachment_store is None:
            raise ProtocolError("Attachments are not configured on this server.", status=501)
        # `process` is `ChatKitServer.process` minus its parsing: it builds a new TypeAdapter over
        # the whole request union on every call (docs/performance.md has what that costs) to parse a body we have already parsed for the checks below, and
        # no public method takes a parsed request. So the two methods it dispatches to are
        # called directly: private, hence pinned (tests/threads/test_sdk_pin.py fails when the
        # installed SDK, `process` or their signatures change; re-check this then).
        if is_streaming_req(parsed):
            self.store.begin_turn(context)  # type: ignore[attr-defined]
            await self._check_streaming(parsed, context)
            return StreamingResult(self._process_streaming(parsed, context))
        if isinstance(parsed, ThreadsSyncCustomActionReq):  # changes the thread, so vetted as a stream is
            thread = await self.store.load_thread(parsed.params.thread_id, context)
            _refuse_unless_active(thread)
            context.turn.vetted_thread = thread  # the SDK loads it next: no second read
        return NonStreamingResult(await self._process_non_streaming(parsed, context))

    async def _check_streaming(self, request: Any, context: RequestContext) -> None:
        """Fail fast on what the SDK would otherwise only discover mid-stream."""
        params = request.params
        if not isinstance(request, ThreadsCreateReq):
            _refuse_unless_active(await self.store.vet_thread(params.thread_id, context))  # type: ignore[attr-defined]
        if isinstance(request, ThreadsCreateReq | ThreadsAddUserMessageReq):
            for attachment_id in params.input.attachments:
                await self.store.load_attachment(attachment_id, context)
        if isinstance(request, ThreadsRetryAfterItemReq | ThreadsAddStructuredInputReq):
            await self.store.load_item(params.thread_id, params.item_id, context)
        if isinstance(request, ThreadsCustomActionReq) and params.item_id:
            await self.store.load_item(params.thread_id, params.item_id, context)
        if isinstance(request, ThreadsAddClientToolOutputReq):
            latest = await self.store.load_thread_items(params.thread_id, None, 1, "desc", context)
            pending = [i for i in latest.data if isinstance(i, ClientToolCallItem) and i.status == "pending"]
            if not pending:
                raise ProtocolError("No client tool call is waiting for output in this thread.", status=409)


def _refuse_unless_active(thread: ThreadMetadata) -> None:
    """A locked or closed thread takes no new messages, actions or answers: 409 with the reason."""
    if thread.status.type != "active":
        reason = getattr(thread.status, "reason", None) or "no reason given"
        raise ProtocolError(f"This thread is {thread.status.type}: {reason}", status=409)
