"""Checks a widget definition (from a model) against the SDK's widget models, node by node.

The SDK's `WidgetRoot` union ends in a permissive dynamic model that accepts any `type`, so a
typo would pass. We validate each node against its strict class instead, and report the path.
"""
from __future__ import annotations

import json
from typing import Any, get_args

from chatkit.widgets import (
    BasicRoot,
    Card,
    DynamicWidgetRoot,
    ListView,
    StrictWidgetComponent,
    WidgetComponentBase,
)
from pydantic import ValidationError

MAX_NODES = 200
MAX_DEPTH = 12


class WidgetDefinitionError(ValueError):
    """A definition the SDK would not render; the message says where and why."""


def _type_name(cls: type[WidgetComponentBase]) -> str:
    return str(cls.model_fields["type"].default)


_COMPONENTS: dict[str, type[WidgetComponentBase]] = {
    _type_name(cls): cls for cls in get_args(get_args(StrictWidgetComponent)[0])
}
_ROOTS: dict[str, type[WidgetComponentBase]] = {_type_name(c): c for c in (Card, ListView, BasicRoot)}


def widget_from_definition(definition: str | dict[str, Any]) -> DynamicWidgetRoot:
    """A renderable root for `definition` (JSON text or a dict), or WidgetDefinitionError."""
    if isinstance(definition, str):
        try:
            definition = json.loads(definition)
        except json.JSONDecodeError as exc:
            raise WidgetDefinitionError(f"The widget is not valid JSON: {exc.msg} at position {exc.pos}.") from exc
    if not isinstance(definition, dict):
        raise WidgetDefinitionError("The widget must be a JSON object with a 'type'.")
    root_type = definition.get("type")
    if root_type not in _ROOTS:
        raise WidgetDefinitionError(
            f"widget: the root must be one of {', '.join(sorted(_ROOTS))}, not {root_type!r}."
        )
    _check(definition, _ROOTS[root_type], "widget", depth=0, budget=[MAX_NODES])
    return DynamicWidgetRoot.model_validate(definition)


def _check(node: dict[str, Any], cls: type[WidgetComponentBase], path: str, *, depth: int, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise WidgetDefinitionError(f"The widget is too large (at most {MAX_NODES} components, {MAX_DEPTH} levels).")
    try:
        cls.model_validate(node)
    except ValidationError as exc:
        raise WidgetDefinitionError(_describe(exc, f"{path} ({_type_name(cls)})")) from exc
    children = node.get("children") or []
    for index, child in enumerate(children if isinstance(children, list) else [children]):
        where = f"{path}.children[{index}]"
        child_type = child.get("type") if isinstance(child, dict) else None
        if child_type not in _COMPONENTS:
            known = ", ".join(sorted(_COMPONENTS))
            raise WidgetDefinitionError(f"{where}: unknown component type {child_type!r}. Known types: {known}.")
        _check(child, _COMPONENTS[child_type], where, depth=depth + 1, budget=budget)


def _describe(exc: ValidationError, where: str) -> str:
    problems = []
    for error in exc.errors()[:3]:
        # Skip the union branch names pydantic puts in the location; keep the field path.
        loc = ".".join(str(part) for part in error["loc"] if not str(part)[:1].isupper())
        problems.append(f"{loc or 'value'}: {error['msg']}")
    return f"{where}: " + "; ".join(problems) + "."
