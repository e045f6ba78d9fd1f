"""`POST /api/chatkit`: the whole ChatKit protocol behind one session-authenticated operation.

The path reads top to bottom: the body is parsed and checked once (`threads.refusals`, 4xx naming
the field); a streaming request is counted against the user's turn limit and takes one of their
stream slots (`chatkit_site.throttling`, 429 with Retry-After); the refusals that need the store
run; then the SDK server answers. Database errors raised before the stream are answered by the
NinjaAPI's handlers (chatkit_site/api.py); inside a stream they become its last event.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from chatkit.server import StreamingResult
from chatkit.store import NotFoundError
from chatkit.types import ChatKitReq, is_streaming_req
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from ninja import Router

from chatkit_site import throttling
from chatkit_site.auth import async_session_auth
from chatkit_site.db import run_db
from chatkit_site.errors import OUTAGES, UNAVAILABLE
from chatkit_site.protocol import ProtocolError, RequestContext

from . import refusals, selectors
from .chatkit_server import get_server
from .models import Thread
from .server import StudioServer
from .sse import coalesce

logger = logging.getLogger(__name__)
router = Router(tags=["chatkit"])
THREAD_ID_MAX = Thread._meta.get_field("id").max_length or 64


def error_response(message: str, status: int, *, field: str | None = None) -> JsonResponse:
    return JsonResponse({"error": message, **({"field": field} if field else {})}, status=status)


async def sse_stream(result: StreamingResult, request_id: str, on_end: Any = None) -> AsyncIterator[bytes]:
    """The SDK's already-framed SSE bytes; a failure mid-stream becomes a final error event.

    A hang-up is one INFO line: the SDK's cancellation path has stored the partial answer.
    """
    try:
        async for chunk in coalesce(aiter(result)):
            yield chunk
    except asyncio.CancelledError:
        logger.info("chatkit stream %s: client disconnected; partial output persisted", request_id)
        raise
    except GeneratorExit:
        logger.info("chatkit stream %s: client disconnected; partial output persisted", request_id)
        raise
    except NotFoundError as exc:
        yield _error_event(str(exc) or "Not found.")
    except OUTAGES as exc:
        logger.warning("chatkit stream %s: database unavailable (%s)", request_id, type(exc).__name__)
        yield _error_event(UNAVAILABLE, allow_retry=True)
    except Exception:
        logger.exception("chatkit stream %s failed", request_id)
        yield _error_event("Something went wrong while answering. Please try again.", allow_retry=True)
    finally:
        if on_end is not None:
            await on_end()


def _error_event(message: str, *, allow_retry: bool = False) -> bytes:
    payload = {"type": "error", "code": "custom", "message": message, "allow_retry": allow_retry}
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


@router.post("/chatkit", auth=async_session_auth, summary="ChatKit protocol endpoint (JSON or SSE)")
async def chatkit(request: HttpRequest) -> HttpResponse:
    server = get_server()
    try:
        parsed = refusals.parsed_request(request.body, attachments=server.attachment_store is not None)
    except RequestDataTooBig:
        return error_response("Request body is too large.", 413)
    except refusals.RequestRefused as exc:
        return error_response(exc.message, exc.status, field=exc.field)
    user = request.auth  # type: ignore[attr-defined]
    context = RequestContext(
        user=user,
        locale=getattr(request, "LANGUAGE_CODE", None),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    streaming = is_streaming_req(parsed)
    slot = False
    if streaming:
        await throttling.turn_counted(user_id=user.pk)
        slot = await throttling.stream_slot_taken(user_id=user.pk)

    async def release() -> None:
        if slot:
            await throttling.stream_slot_released(user_id=user.pk)

    try:
        response = await _answered(server, parsed, context, release)
    except BaseException:
        await release()
        raise
    if not isinstance(response, StreamingHttpResponse):
        await release()
    return response


async def _answered(server: StudioServer, parsed: ChatKitReq, context: RequestContext, release: Any) -> HttpResponse:
    try:
        await refusals.vet_request(parsed, server.store, context)
        result = await server.process_parsed(parsed, context)
    except refusals.RequestRefused as exc:
        return error_response(exc.message, exc.status, field=exc.field)
    except ProtocolError as exc:
        return error_response(exc.message, exc.status)
    except NotFoundError as exc:
        return error_response(str(exc) or "Not found.", 404)
    except NotImplementedError:
        return error_response("This request type is not configured on this server.", 501)
    except ValueError as exc:  # the SDK's own refusals (a retry after an item that is not a user message)
        return error_response(str(exc), 400)
    if isinstance(result, StreamingResult):
        stream = sse_stream(result, context.request_id, on_end=release)
        response = StreamingHttpResponse(stream, content_type="text/event-stream")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"
        return response
    return HttpResponse(result.json, content_type="application/json")


@router.get("/chatkit/feedback", auth=async_session_auth, url_name="thread_feedback", summary="The user's stored feedback on a thread's items")
async def thread_feedback(request: HttpRequest, thread_id: str) -> HttpResponse:
    """`{"feedback": {item_id: "positive" | "negative"}}` for the open client's thumbs after a
    reload (its `feedback-url` attribute); another user's thread is a 404, like a missing one."""
    if len(thread_id) > THREAD_ID_MAX or "\x00" in thread_id:  # could name no thread; NUL upsets PostgreSQL
        return error_response(f"No thread {thread_id[:THREAD_ID_MAX]!r}.", 404)
    try:
        feedback = await run_db(selectors.thread_feedback, user=request.auth, thread_id=thread_id)  # type: ignore[attr-defined]
    except Thread.DoesNotExist as exc:
        return error_response(str(exc), 404)
    return JsonResponse({"feedback": feedback})
