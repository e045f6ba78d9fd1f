"""Renders a widget definition as the equivalent JSX, for people to copy into a front end."""
from __future__ import annotations

import json
from typing import Any

_INDENT = "  "


def widget_jsx(definition: dict[str, Any]) -> str:
    return "\n".join(_element(definition, 0))


def _element(node: dict[str, Any], depth: int) -> list[str]:
    pad = _INDENT * depth
    tag = str(node.get("type", "Basic"))
    props = " ".join(_prop(key, value) for key, value in node.items() if key not in {"type", "children"} and value is not None)
    opening = f"{pad}<{tag}{' ' + props if props else ''}"
    children = node.get("children") or []
    children = children if isinstance(children, list) else [children]
    if not children:
        return [f"{opening} />"]
    lines = [f"{opening}>"]
    for child in children:
        lines.extend(_element(child, depth + 1))
    return [*lines, f"{pad}</{tag}>"]


def _prop(key: str, value: Any) -> str:
    if value is True:
        return key
    if isinstance(value, str):
        return f"{key}={json.dumps(value, ensure_ascii=False)}"
    return f"{key}={{{json.dumps(value, ensure_ascii=False)}}}"
