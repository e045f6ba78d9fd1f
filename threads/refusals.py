"""Every refusal a ChatKit request can get before the SDK sees it, in one place.

They run before any stream starts or any row is written, so a request the database or the model
could not take is refused whole, with a 4xx naming the field, instead of failing half-way.

`parsed_request` reads the body once, checks it and returns the SDK's request model:

- a body within `CHATKIT_MAX_REQUEST_BYTES` (dictation may use the larger audio limit);
- no NUL character in any string or key (PostgreSQL refuses it in text and in jsonb);
- ids no longer than their column (`Thread.id`, `ThreadItem.item_id`);
- `limit` clamped to 1..`PAGE_LIMIT_MAX` (a huge one overflowed bigint, a negative one paged forever);
- a thread title within `CHATKIT_MAX_TITLE_CHARS`, and no string (a message's text above all,
  which the model would answer at length) longer than `CHATKIT_MAX_MESSAGE_CHARS`;
- request types this server offers (attachments, dictation).

`vet_request` then asks the store what the SDK would otherwise only find out mid-stream: the
thread exists and is active (a locked or closed thread takes no messages, actions or renames),
and the attachments, items, structured input or client tool call the request names are there.
"""
from __future__ import annotations

import json
import re
from typing import Any

from chatkit.store import Store
from chatkit.types import (
    ChatKitReq,
    ClientToolCallItem,
    StructuredInputItem,
    ThreadMetadata,
    ThreadsAddClientToolOutputReq,
    ThreadsAddStructuredInputReq,
    ThreadsAddUserMessageReq,
    ThreadsCreateReq,
    ThreadsCustomActionReq,
    ThreadsRetryAfterItemReq,
    ThreadsUpdateReq,
)
from django.conf import settings
from pydantic import TypeAdapter, ValidationError

from agents_app import transcription
from chatkit_site.protocol import ProtocolError

from .models import Thread, ThreadItem

PAGE_LIMIT_MAX = 100
ID_MAX = min(Thread._meta.get_field("id").max_length, ThreadItem._meta.get_field("item_id").max_length)  # type: ignore[type-var]
TITLE_COLUMN_MAX = Thread._meta.get_field("title").max_length or 255
ID_FIELDS = frozenset({"thread_id", "item_id", "after", "attachment_id"})
_REQUEST = TypeAdapter[ChatKitReq](ChatKitReq)  # built once: building it costs milliseconds
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


class RequestRefused(ProtocolError):
    """A request refused before processing; `field` says where (`params.input.content[0].text`)."""

    def __init__(self, message: str, *, field: str | None, status: int = 400) -> None:
        super().__init__(message, status=status)
        self.field = field


def parsed_request(body: bytes, *, attachments: bool) -> ChatKitReq:
    """The body as the SDK's request model, or `RequestRefused`. `attachments`: whether this
    server has an attachment store."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise RequestRefused(f"Malformed ChatKit request at 'body': not JSON ({exc}).", field="body") from None
    type_ = payload.get("type") if isinstance(payload, dict) else None
    type_ = type_ if isinstance(type_, str) else None
    if len(body) > settings.CHATKIT_MAX_REQUEST_BYTES and type_ != "input.transcribe":
        raise RequestRefused("Request body is too large.", field="body", status=413)
    if isinstance(payload, dict):
        _check_payload(payload)
    if type_ in {"attachments.create", "attachments.delete"} and not attachments:
        raise RequestRefused("Attachments are not configured on this server.", field="type", status=501)
    if type_ == "input.transcribe" and not transcription.transcription_available():
        # Said before the SDK decodes megabytes of base64 it could do nothing with.
        raise RequestRefused(transcription.NOT_CONFIGURED, field="type", status=501)
    try:
        return _REQUEST.validate_python(payload)
    except ValidationError as exc:
        raise RequestRefused(_described(exc), field=_where(exc)) from None


def _check_payload(payload: dict[str, Any]) -> None:
    _check_strings(payload)
    params = payload.get("params")
    if not isinstance(params, dict):
        return
    _check_ids(params)
    if payload.get("type") == "threads.update" and isinstance(params.get("title"), str):
        _check_title(params["title"])
    if isinstance(params.get("input"), dict) and isinstance(params["input"].get("content"), list):
        _check_message_text(params["input"]["content"])
    _clamp_limit(params)


def _where(exc: ValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {}
    return ".".join(str(part) for part in first.get("loc", ())) or "body"


def _described(exc: ValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {}
    if first.get("type") == "union_tag_invalid":
        return f"Unknown request type. {first.get('msg', '')}".strip()
    return f"Malformed ChatKit request at '{_where(exc)}': {first.get('msg', 'invalid')}"


def _check_strings(payload: dict[str, Any]) -> None:
    """Walks the whole request (iteratively: nesting depth is the sender's choice)."""
    longest = settings.CHATKIT_MAX_MESSAGE_CHARS
    stack: list[tuple[str, Any]] = [("", payload)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                where = f"{path}.{key}" if path else str(key)
                if "\x00" in key:
                    raise RequestRefused("Field names cannot contain NUL characters.", field=where)
                stack.append((where, child))
        elif isinstance(value, list):
            stack.extend((f"{path}[{n}]", child) for n, child in enumerate(value))
        elif isinstance(value, str):
            if "\x00" in value:
                raise RequestRefused("Text cannot contain NUL characters (\\u0000).", field=path)
            if len(value) > longest:
                raise RequestRefused(f"This text is {len(value):,} characters; the limit is {longest:,}.", field=path, status=413)


def _check_ids(params: dict[str, Any]) -> None:
    ids: list[tuple[str, Any]] = [(f"params.{name}", params[name]) for name in ID_FIELDS if name in params]
    if isinstance(params.get("item_ids"), list):
        ids += [(f"params.item_ids[{n}]", value) for n, value in enumerate(params["item_ids"])]
    message = params.get("input")
    if isinstance(message, dict) and isinstance(message.get("attachments"), list):
        ids += [(f"params.input.attachments[{n}]", value) for n, value in enumerate(message["attachments"])]
    for field, value in ids:
        if isinstance(value, str) and len(value) > ID_MAX:
            raise RequestRefused(f"Ids are at most {ID_MAX} characters; this one has {len(value):,}.", field=field)


def _check_title(title: str) -> None:
    most = min(settings.CHATKIT_MAX_TITLE_CHARS, TITLE_COLUMN_MAX)
    if len(title) > most:
        raise RequestRefused(f"Titles are at most {most} characters; this one has {len(title):,}.", field="params.title")


def _check_message_text(content: list[Any]) -> None:
    most = settings.CHATKIT_MAX_MESSAGE_CHARS
    total = sum(len(part["text"]) for part in content if isinstance(part, dict) and isinstance(part.get("text"), str))
    if total > most:
        raise RequestRefused(
            f"This message is {total:,} characters; the limit is {most:,}. Send it in parts.",
            field="params.input.content", status=413,
        )


def _clamp_limit(params: dict[str, Any]) -> None:
    """Brings a numeric `limit` into 1..PAGE_LIMIT_MAX. Non-numbers are left for the SDK's model
    to refuse."""
    value = params.get("limit")
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, float):
        if not value.is_integer():
            return
        number = int(value)
    elif isinstance(value, str) and _INTEGER.fullmatch(value):
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        return
    params["limit"] = max(1, min(number, PAGE_LIMIT_MAX))


async def vet_request(request: ChatKitReq, store: Store[Any], context: Any) -> None:
    """The refusals that need the store. A foreign or missing id raises the store's `NotFoundError`."""
    params: Any = getattr(request, "params", None)
    if isinstance(request, ThreadsCreateReq | ThreadsAddUserMessageReq):
        for attachment_id in params.input.attachments:
            await store.load_attachment(attachment_id, context)
    if isinstance(request, ThreadsCreateReq) or not hasattr(params, "thread_id"):
        return
    if isinstance(request, ThreadsUpdateReq) or request.type in _CHANGES_A_THREAD:
        _refuse_unless_active(await store.load_thread(params.thread_id, context))
    if isinstance(request, ThreadsRetryAfterItemReq | ThreadsCustomActionReq) and params.item_id:
        await store.load_item(params.thread_id, params.item_id, context)
    if isinstance(request, ThreadsAddStructuredInputReq):
        await _check_structured_input_target(store, thread_id=params.thread_id, item_id=params.item_id, context=context)
    if isinstance(request, ThreadsAddClientToolOutputReq):
        latest = await store.load_thread_items(params.thread_id, None, 1, "desc", context)
        if not any(isinstance(i, ClientToolCallItem) and i.status == "pending" for i in latest.data):
            raise RequestRefused("No client tool call is waiting for output in this thread.", field=None, status=409)


# Every request that streams into an existing thread, and the in-place widget update.
_CHANGES_A_THREAD = frozenset({
    "threads.add_user_message", "threads.add_client_tool_output", "threads.add_structured_input",
    "threads.retry_after_item", "threads.custom_action", "threads.sync_custom_action",
})


def _refuse_unless_active(thread: ThreadMetadata) -> None:
    if thread.status.type != "active":
        reason = getattr(thread.status, "reason", None) or "no reason given"
        raise RequestRefused(f"This thread is {thread.status.type}: {reason}", field=None, status=409)


async def _check_structured_input_target(store: Store[Any], *, thread_id: str, item_id: str, context: Any) -> None:
    """`threads.add_structured_input` must name a pending structured input, or the SDK fails mid-stream."""
    item = await store.load_item(thread_id, item_id, context)
    if not isinstance(item, StructuredInputItem):
        raise RequestRefused(f"Item {item_id!r} is not a structured input.", field="params.item_id", status=409)
    if item.status != "pending":
        raise RequestRefused(f"Item {item_id!r} was already {item.status}.", field="params.item_id", status=409)
