"""The checks every `/api/chatkit` request passes before the SDK sees it.

They run before any stream starts or any row is written, so a request the database or the model
could not take is refused whole, with a 4xx naming the field, instead of failing half-way:

- no NUL character in any string or key (PostgreSQL refuses it in text and in jsonb);
- ids no longer than their column (`Thread.id`, `ThreadItem.item_id`);
- `limit` clamped to 1..`PAGE_LIMIT_MAX` (a huge one overflowed bigint, a negative one paged forever);
- a thread title within `CHATKIT_MAX_TITLE_CHARS`, and no string (a message's text above all,
  which the model would answer at length) longer than `CHATKIT_MAX_MESSAGE_CHARS`.

A body that is not JSON at all is passed through untouched: the SDK's own parsing refuses it
with its readable message.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, get_args

from chatkit.store import Store
from chatkit.types import StreamingReq, StructuredInputItem
from django.conf import settings

from .models import Thread, ThreadItem

PAGE_LIMIT_MAX = 100
ID_MAX = min(Thread._meta.get_field("id").max_length, ThreadItem._meta.get_field("item_id").max_length)  # type: ignore[type-var]
TITLE_COLUMN_MAX = Thread._meta.get_field("title").max_length or 255
ID_FIELDS = frozenset({"thread_id", "item_id", "after", "attachment_id"})
STREAMING_TYPES = frozenset(model.model_fields["type"].default for model in get_args(StreamingReq))
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


class RequestRefused(Exception):
    """A request refused before processing; `field` says where (`params.input.content[0].text`)."""

    def __init__(self, message: str, *, field: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


@dataclass(frozen=True)
class CheckedRequest:
    body: bytes  # what the SDK gets: the original bytes, or re-encoded when `limit` was clamped
    type: str | None
    params: dict[str, Any] | None = None  # None unless the body is an object with object params

    @property
    def streaming(self) -> bool:
        return self.type in STREAMING_TYPES


def checked_request(body: bytes) -> CheckedRequest:
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return CheckedRequest(body=body, type=None)  # the SDK says what is malformed
    if not isinstance(payload, dict):
        return CheckedRequest(body=body, type=None)
    _check_strings(payload)
    type_ = payload.get("type") if isinstance(payload.get("type"), str) else None
    params = payload.get("params")
    if not isinstance(params, dict):
        return CheckedRequest(body=body, type=type_)
    _check_ids(params)
    if type_ == "threads.update" and isinstance(params.get("title"), str):
        _check_title(params["title"])
    if isinstance(params.get("input"), dict) and isinstance(params["input"].get("content"), list):
        _check_message_text(params["input"]["content"])
    if _clamp_limit(params):
        body = json.dumps(payload).encode()
    return CheckedRequest(body=body, type=type_, params=params)


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


def _clamp_limit(params: dict[str, Any]) -> bool:
    """Brings a numeric `limit` into 1..PAGE_LIMIT_MAX; True when it changed. Non-numbers are
    left for the SDK to refuse."""
    value = params.get("limit")
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, float):
        if not value.is_integer():
            return False
        number = int(value)
    elif isinstance(value, str) and _INTEGER.fullmatch(value):
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        return False
    clamped = max(1, min(number, PAGE_LIMIT_MAX))
    if clamped == value and type(value) is int:
        return False
    params["limit"] = clamped
    return True


async def check_structured_input_target(store: Store[Any], *, thread_id: str, item_id: str, context: Any) -> None:
    """`threads.add_structured_input` must name a pending structured input, or the SDK fails mid-stream."""
    item = await store.load_item(thread_id, item_id, context)  # NotFoundError: 404 for foreign or missing ids
    if not isinstance(item, StructuredInputItem):
        raise RequestRefused(f"Item {item_id!r} is not a structured input.", field="params.item_id", status=409)
    if item.status != "pending":
        raise RequestRefused(f"Item {item_id!r} was already {item.status}.", field="params.item_id", status=409)
