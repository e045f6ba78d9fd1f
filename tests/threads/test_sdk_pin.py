"""`threads.server.StudioServer.process` calls two private methods of the SDK's `ChatKitServer`.

Why: `ChatKitServer.process` builds a new TypeAdapter over the whole request union on every
call (milliseconds of CPU per request) to parse a body we have already parsed for our checks,
and no public method takes a parsed request. A private method may change in any release, so
these tests fail when the installed SDK is not the one this was checked against, or when
`process`, or what it dispatches to, changes: then re-read `ChatKitServer.process` and update
`StudioServer.process` (or drop the private calls if a public route appeared).
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import typing

from chatkit.server import ChatKitServer
from chatkit.types import NonStreamingReq, StreamingReq

from threads.server import StudioServer

CHECKED_VERSION = "1.6.5"
# sha256 of `inspect.getsource(ChatKitServer.process)` in CHECKED_VERSION: parse, then
# `StreamingResult(self._process_streaming(...))` or `NonStreamingResult(await self._process_non_streaming(...))`.
PROCESS_SOURCE_SHA256 = "ca6328c8189fdb02b19347d1126dc38937d499874ffef900d9230cf97166f9dd"


def test_the_installed_sdk_is_the_checked_one():
    assert importlib.metadata.version("openai-chatkit") == CHECKED_VERSION


def test_process_still_only_parses_and_dispatches_to_the_two_methods():
    source = inspect.getsource(ChatKitServer.process)
    assert hashlib.sha256(source.encode()).hexdigest() == PROCESS_SOURCE_SHA256, source
    assert "self._process_streaming(parsed_request, context)" in source
    assert "self._process_non_streaming(parsed_request, context)" in source


def test_the_private_methods_take_a_parsed_request_and_the_context():
    for name, request_type in (("_process_streaming", StreamingReq), ("_process_non_streaming", NonStreamingReq)):
        method = getattr(ChatKitServer, name)
        assert list(inspect.signature(method).parameters) == ["self", "request", "context"], name
        hints = typing.get_type_hints(method)
        assert hints["request"] == request_type, name
        assert getattr(StudioServer, name) is method, f"StudioServer must not override {name}"

