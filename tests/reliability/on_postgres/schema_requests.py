"""Hypothesis strategies for ChatKit requests, built from the SDK's own JSON schema
(`TypeAdapter(ChatKitReq).json_schema()`), and mutations that bend them out of shape."""
from __future__ import annotations

import json
import math
from typing import Any

from chatkit.types import ChatKitReq
from hypothesis import strategies as st
from pydantic import TypeAdapter

SCHEMA = TypeAdapter(ChatKitReq).json_schema()
DEFS = SCHEMA.get("$defs", {})
MAX_DEPTH = 6

json_scalars = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=20)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


def from_schema(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    if "$ref" in schema:
        return st.deferred(lambda: from_schema(DEFS[schema["$ref"].rsplit("/", 1)[1]], depth + 1))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return st.one_of([from_schema(option, depth + 1) for option in schema[key]])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return from_schema(schema["allOf"][0], depth)
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": one}, depth) for one in kind])
    if kind == "object" or "properties" in schema:
        return _object(schema, depth)
    if kind == "array":
        if depth > MAX_DEPTH:
            return st.just([])
        return st.lists(from_schema(schema.get("items", {}), depth + 1), max_size=3)
    if kind == "string":
        return st.text(min_size=schema.get("minLength", 0), max_size=max(schema.get("minLength", 0), 30))
    if kind == "integer":
        return st.integers(schema.get("minimum", -10), schema.get("maximum", 200))
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False, width=32)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return json_values  # no type: any JSON value


def _object(schema: dict[str, Any], depth: int) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    # A constant (the request's `type`) has a default, but the union picks its member by it.
    required = set(schema.get("required", [])) | {k for k, v in properties.items() if "const" in v}
    if depth > MAX_DEPTH:  # deep enough: only what must be there
        properties = {k: v for k, v in properties.items() if k in required}
    return st.fixed_dictionaries(
        {k: from_schema(v, depth + 1) for k, v in properties.items() if k in required},
        optional={k: from_schema(v, depth + 1) for k, v in properties.items() if k not in required},
    )


valid_requests = from_schema(SCHEMA)

# What used to break the server: NUL, integers past bigint, ids past their column, text past the
# limits, odd floats, wrong types, missing keys.
nasty = st.sampled_from([
    "\u0000", "thr_\u0000", "a" * 65, "t" * 300, "x" * 25_000, 2**63, -(2**63) - 1, 10**30, -1, 0,
    1e308, 1.5, math.inf, [], {}, None, True, "", "\ud800", "\ud7ff", "../../etc/passwd", "<script>",
])


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*path, index))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replaced(copy[head], rest, new)
    return copy


def _dropped(value: Any, path: tuple[Any, ...]) -> Any:
    if len(path) == 1 and isinstance(value, dict):
        return {k: v for k, v in value.items() if k != path[0]}
    if len(path) <= 1:
        return value
    return _replaced(value, path[:-1], _dropped(_get(value, path[:-1]), path[-1:]))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


@st.composite
def mutated_requests(draw: st.DrawFn, real_ids: dict[str, list[str]]) -> bytes:
    """A schema-valid request, with real ids swapped in (so requests reach rows), then up to three
    mutations; sometimes not JSON at all."""
    request = draw(valid_requests)
    for path in _paths(request):
        if path and path[-1] in real_ids and draw(st.booleans()):
            request = _replaced(request, path, draw(st.sampled_from(real_ids[path[-1]])))
    # About half stay valid (so they reach the store and the model), the rest get 1-3 mutations.
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))):
        paths = _paths(request)
        path = paths[draw(st.integers(0, len(paths) - 1))]
        if path and draw(st.integers(0, 4)) == 0:
            request = _dropped(request, path)
        else:
            request = _replaced(request, path, draw(nasty))
    body = json.dumps(request).encode()
    if draw(st.integers(0, 30)) == 0:
        body = body[: draw(st.integers(0, len(body)))]  # cut short: malformed JSON
    return body
