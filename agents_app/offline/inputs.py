"""Reads one model call's input items into what the offline planner needs to decide."""
from __future__ import annotations

import base64
import binascii
import io
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from agents_app.converter import IMAGE_LABEL

# Blocks our converter writes (see agents_app.converter); anything else from the user is their text.
_NOTE_PREFIXES = ("<TAG", "<WIDGET", "<SYSTEM_ACTION", "<ATTACHMENT", "# User-provided context", "Hidden context", "The following",
                  "A message was displayed")  # the last: the SDK's text for a task item
# The SDK's text for an answered (or skipped) structured input form (ThreadItemConverter).
STRUCTURED_INPUT_PREFIX = "A structured input request was displayed"
_TAG = re.compile(r"<TAG\b[^>]*>\n?(.*?)\n?</TAG>", re.S)
Anchor = Literal["none", "user", "widget_action", "system_action", "structured_input"]


@dataclass(frozen=True)
class ToolResult:
    name: str
    arguments: dict[str, Any]
    output: str

    def data(self) -> dict[str, Any]:
        try:
            parsed = json.loads(self.output)
        except (TypeError, ValueError):
            return {"text": self.output}
        return parsed if isinstance(parsed, dict) else {"value": parsed}


@dataclass(frozen=True)
class AttachmentInput:
    """What the model input carries for one attached file, read the way a model would see it."""
    kind: Literal["text", "pdf", "image", "opaque"]
    name: str = ""
    mime_type: str = ""
    text: str = ""  # the extracted text of a text file or PDF
    size: int = 0  # bytes, when the input carries the data
    width: int = 0
    height: int = 0


@dataclass
class Turn:
    question: str = ""
    previous_questions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    anchor: Anchor = "none"
    anchor_text: str = ""
    results: list[ToolResult] = field(default_factory=list)
    theme: str | None = None  # the page's theme as its switch_theme client tool last reported it
    attachments: list[AttachmentInput] = field(default_factory=list)  # on the current question


def _plain(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    return item.model_dump() if hasattr(item, "model_dump") else {}


def _texts(item: dict[str, Any]) -> list[str]:
    content = item.get("content")
    if isinstance(content, str):
        return [content]
    if isinstance(content, list):
        return [part.get("text", "") for part in content if isinstance(part, dict) and "text" in part]
    return []


def read_turn(items: list[Any]) -> Turn:
    turn = Turn()
    calls: dict[str, tuple[str, dict[str, Any]]] = {}
    for raw in items:
        item = _plain(raw)
        kind = item.get("type", "message")
        if kind == "function_call":
            try:
                arguments = json.loads(item.get("arguments") or "{}")
            except ValueError:
                arguments = {}
            calls[item.get("call_id", "")] = (item.get("name", ""), arguments)
        elif kind == "function_call_output":
            name, arguments = calls.get(item.get("call_id", ""), ("", {}))
            output = item.get("output")
            turn.results.append(ToolResult(name, arguments, output if isinstance(output, str) else json.dumps(output)))
        elif kind == "message" and item.get("role") == "user":
            _read_user_message(turn, _texts(item))
            if turn.anchor == "user" and isinstance(item.get("content"), list):
                attached = read_attachments(item["content"])
                if attached:
                    turn.attachments = attached
    return turn


_THEME_REPORT = re.compile(r"client tool switch_theme\((\{.*?\})\) and reported: (.*)$", re.M)


def reported_theme(text: str) -> tuple[str | None, str | None]:
    """(theme, previous) from a switch_theme <SYSTEM_ACTION> note: what the page says it did."""
    match = _THEME_REPORT.search(text)
    if not match:
        return None, None
    try:
        requested = json.loads(match.group(1))
    except ValueError:
        requested = {}
    try:
        report = json.loads(match.group(2))
    except ValueError:
        report = {}
    report = report if isinstance(report, dict) else {}
    theme = report.get("theme") or requested.get("theme")
    previous = report.get("previous")
    return (theme if theme in {"light", "dark"} else None), (previous if previous in {"light", "dark"} else None)


def _read_user_message(turn: Turn, texts: list[str]) -> None:
    text = texts[0].strip() if texts else ""
    if text.startswith("<SYSTEM_ACTION"):
        turn.theme = reported_theme(text)[0] or turn.theme
    if text.startswith("<WIDGET_ACTION"):
        turn.anchor, turn.anchor_text, turn.results = "widget_action", text, []
    elif text.startswith("<SYSTEM_ACTION"):
        turn.anchor, turn.anchor_text, turn.results = "system_action", text, []
    elif text.startswith(STRUCTURED_INPUT_PREFIX):
        turn.anchor, turn.anchor_text, turn.results = "structured_input", text, []
    elif text.startswith(_NOTE_PREFIXES):
        turn.tags.extend(match.strip() for part in texts for match in _TAG.findall(part))
    else:
        if turn.question:
            turn.previous_questions.append(turn.question)
        turn.question, turn.tags, turn.anchor, turn.anchor_text, turn.results = text, [], "user", "", []
        turn.attachments = []


_ATTACHMENT_BLOCK = re.compile(r'^<ATTACHMENT name="([^"]*)" type="([^"]*)">\n?(.*?)\n?</ATTACHMENT>$', re.S)
_DATA_URL = re.compile(r"^data:([\w.+/-]+);base64,(.*)$", re.S)


def read_attachments(parts: list[Any]) -> list[AttachmentInput]:
    """The attachments among a user message's content parts. An image's name is on the label the
    converter puts before it (agents_app.converter.image_label)."""
    found: list[AttachmentInput] = []
    label = ""
    for part in parts:
        attachment = read_attachment(part)
        if attachment is None:
            continue
        if attachment.kind == "text" and attachment.text == IMAGE_LABEL:
            label = attachment.name
            continue
        if attachment.kind == "image" and label:
            attachment = replace(attachment, name=label)
        label = ""
        found.append(attachment)
    return found


def read_attachment(part: Any) -> AttachmentInput | None:
    """One content part of a user message as an attachment, or None for the message's own text."""
    if not isinstance(part, dict):
        return None
    kind = part.get("type")
    if kind == "input_text":
        block = _ATTACHMENT_BLOCK.match(str(part.get("text", "")).strip())
        if not block:
            return None
        name, mime, body = block.groups()
        if body.startswith("The user attached this file; its contents"):
            return AttachmentInput("opaque", name=name, mime_type=mime)
        return AttachmentInput("text", name=name, mime_type=mime, text=body, size=len(body.encode()))
    if kind == "input_file":
        mime, data = _decode(str(part.get("file_data") or ""))
        return AttachmentInput("pdf", name=str(part.get("filename") or ""), mime_type=mime or "application/pdf",
                               text=_pdf_text(data), size=len(data))
    if kind == "input_image":
        mime, data = _decode(str(part.get("image_url") or ""))
        width, height = _image_size(data)
        return AttachmentInput("image", mime_type=mime, size=len(data), width=width, height=height)
    return None


def _decode(url: str) -> tuple[str, bytes]:
    match = _DATA_URL.match(url)
    if not match:
        return "", b""
    try:
        return match.group(1), base64.b64decode(match.group(2), validate=False)
    except (ValueError, binascii.Error):
        return match.group(1), b""


def _pdf_text(data: bytes) -> str:
    if not data:
        return ""
    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages[:20]).strip()
    except (PdfReadError, ValueError, OSError):
        return ""


def _image_size(data: bytes) -> tuple[int, int]:
    if not data:
        return 0, 0
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return 0, 0


_FORM_LINE = re.compile(r"^- (.+?): (.*)$", re.M)


def form_answers(anchor_text: str) -> dict[str, str]:
    """Question -> answer from the SDK's text for a structured input ("skipped", "unanswered" or values)."""
    return {question: answer.strip() for question, answer in _FORM_LINE.findall(anchor_text)}
