"""`POST /api/chatkit`: the whole ChatKit protocol behind one session-authenticated operation."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

from chatkit.server import StreamingResult
from chatkit.store import NotFoundError
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from ninja import Router
from pydantic import ValidationError

from chatkit_site.auth import async_session_auth

from .chatkit_server import get_server
from .context import RequestContext
from .server import ProtocolError
from .sse import coalesce

logger = logging.getLogger(__name__)
router = Router(tags=["chatkit"])


def error_response(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def describe_validation_error(exc: ValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    if first.get("type") == "union_tag_invalid":
        return f"Unknown request type. {first.get('msg', '')}".strip()
    return f"Malformed ChatKit request at '{where or 'body'}': {first.get('msg', 'invalid')}"


async def sse_stream(result: StreamingResult, request_id: str) -> AsyncIterator[bytes]:
    """The SDK's already-framed SSE bytes; a failure mid-stream becomes a final error event."""
    try:
        async for chunk in coalesce(aiter(result)):
            yield chunk
    except asyncio.CancelledError:
        logger.info("chatkit stream %s: client disconnected; partial output persisted", request_id)
        raise
    except NotFoundError as exc:
        yield _error_event(str(exc) or "Not found.")
    except Exception:
        logger.exception("chatkit stream %s failed", request_id)
        yield _error_event("Something went wrong while answering. Please try again.", allow_retry=True)


def _error_event(message: str, *, allow_retry: bool = False) -> bytes:
    payload = {"type": "error", "code": "custom", "message": message, "allow_retry": allow_retry}
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


@router.post("/chatkit", auth=async_session_auth, summary="ChatKit protocol endpoint (JSON or SSE)")
async def chatkit(request: HttpRequest) -> HttpResponse:
    try:
        body = request.body
    except RequestDataTooBig:
        return error_response("Request body is too large.", 413)
    context = RequestContext(
        user=request.auth,  # type: ignore[attr-defined]
        locale=getattr(request, "LANGUAGE_CODE", None),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    try:
        result = await get_server().process(body, context)
    except ValidationError as exc:
        return error_response(describe_validation_error(exc), 400)
    except ProtocolError as exc:
        return error_response(exc.message, exc.status)
    except NotFoundError as exc:
        return error_response(str(exc) or "Not found.", 404)
    except NotImplementedError:
        return error_response("This request type is not configured on this server.", 501)
    except ValueError as exc:
        return error_response(str(exc), 400)
    if isinstance(result, StreamingResult):
        response = StreamingHttpResponse(sse_stream(result, context.request_id), content_type="text/event-stream")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"
        return response
    return HttpResponse(result.json, content_type="application/json")
