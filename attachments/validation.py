"""Checks an upload passes before anything is stored; each refusal carries a status and a message.

The type is read from the bytes (`filetype` magic numbers, or UTF-8 text); the file name and the
browser's claimed type only have to agree with it, they never decide it.
"""
from __future__ import annotations

import io
import json
import mimetypes
import unicodedata
import warnings
from dataclasses import dataclass

import filetype
from django.template.defaultfilters import filesizeformat
from PIL import Image

# Text formats look alike in bytes; the name (or the claim) picks which one a text file is.
TEXT_TYPES = {"text/plain", "text/markdown", "text/csv", "application/json"}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
# Browsers send this (or nothing) when they do not know a type: it claims nothing.
NO_CLAIM = {"", "application/octet-stream"}
NAME_MAX = 255


class AttachmentRefused(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Limits:
    uploads_allowed: bool
    max_file_size: int
    quota_bytes: int
    allowed_types: frozenset[str]


def check_uploads_allowed(limits: Limits) -> None:
    if not limits.uploads_allowed:
        raise AttachmentRefused("File uploads are turned off for your account.", 403)


def check_size(size: int, *, limits: Limits, used: int) -> None:
    if size > limits.max_file_size:
        raise AttachmentRefused(
            f"This file is {filesizeformat(size)}; the limit is {filesizeformat(limits.max_file_size)}.", 413
        )
    if used + size > limits.quota_bytes:
        left = max(limits.quota_bytes - used, 0)
        raise AttachmentRefused(
            f"Not enough storage left: {filesizeformat(left)} of your {filesizeformat(limits.quota_bytes)} "
            "remain. Delete some attachments first.", 413
        )


def check_allowed(mime_type: str, *, limits: Limits) -> None:
    if mime_type not in limits.allowed_types:
        accepted = ", ".join(sorted(limits.allowed_types)) or "none"
        raise AttachmentRefused(f"Files of type {mime_type} are not accepted. Accepted types: {accepted}.", 415)


def display_name(raw: str) -> str:
    """The name shown to people: no folders, no control characters, at most 255 characters."""
    if "/" in raw or "\\" in raw or raw.strip() in {"", ".", ".."}:
        raise AttachmentRefused("File names cannot contain folders; rename the file and try again.", 400)
    name = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C").strip()
    if not name:
        raise AttachmentRefused("This file name is empty once invisible characters are removed.", 400)
    if len(name) > NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 16 else ""
        name = (name[: NAME_MAX - len(keep) - 1] + "." + keep) if keep else name[:NAME_MAX]
    return name


def claimed_type(name: str, claimed: str) -> str:
    """What the file says it is: its extension, else the browser's claim."""
    by_name = mimetypes.guess_type(name)[0] or ""
    claim = (claimed or "").split(";")[0].strip().lower()
    return by_name or ("" if claim in NO_CLAIM else claim)


def check_claims_agree(*, name: str, claimed: str) -> None:
    """Before any bytes exist (two-phase uploads): the name and the declared type must agree."""
    by_name = mimetypes.guess_type(name)[0]
    claim = (claimed or "").split(";")[0].strip().lower()
    if by_name and claim not in NO_CLAIM and not _same_kind(claim, by_name):
        raise AttachmentRefused(f"This file is named as {by_name} but declared as {claim}.", 400)


def sniff_type(data: bytes, *, name: str, claimed: str) -> str:
    """The type the bytes show, refusing a name or claim that says otherwise."""
    kind = filetype.guess(data)
    if kind is not None:
        sniffed = kind.mime
    elif _is_text(data):
        sniffed = _text_type(data, name=name, claimed=claimed)
    else:
        sniffed = "application/octet-stream"
    _check_agreement(sniffed, name=name, claimed=claimed)
    return sniffed


def check_image_pixels(data: bytes, *, max_pixels: int) -> None:
    """Reads only the header, so a small file that would decode to gigabytes is refused first.

    400, not 413: the upload itself may be tiny; what is wrong is what its header claims."""
    too_big = f"This image has too many pixels to process; images may have at most {max_pixels:,} pixels."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we apply our own limit
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError as exc:  # Pillow's hard stop, far above any sane limit
        raise AttachmentRefused(too_big, 400) from exc
    except Exception as exc:
        raise AttachmentRefused("This image could not be read; it may be damaged.", 400) from exc
    if width * height > max_pixels:
        raise AttachmentRefused(f"This image is {width}×{height} pixels. " + too_big.split("; ")[1].capitalize(), 400)


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _text_type(data: bytes, *, name: str, claimed: str) -> str:
    wanted = claimed_type(name, claimed)
    text_type = wanted if wanted in TEXT_TYPES else "text/plain"
    if text_type == "application/json":
        try:
            json.loads(data.decode("utf-8"))
        except ValueError as exc:
            raise AttachmentRefused("This file is named as JSON but does not contain valid JSON.", 400) from exc
    return text_type


def _check_agreement(sniffed: str, *, name: str, claimed: str) -> None:
    by_name = mimetypes.guess_type(name)[0]
    claim = (claimed or "").split(";")[0].strip().lower()
    for said, what in ((by_name, "its name"), (None if claim in NO_CLAIM else claim, "its declared type")):
        if said and not _same_kind(said, sniffed):
            raise AttachmentRefused(
                f"This file's contents are {sniffed}, but {what} says {said}. Upload it under its real type.", 400
            )


def _same_kind(said: str, sniffed: str) -> bool:
    if said == sniffed or {said, sniffed} == {"image/jpg", "image/jpeg"}:
        return True
    # Any text name fits any text content: a .txt may hold Markdown, a .py is plain text too.
    return (said in TEXT_TYPES or said.startswith("text/")) and sniffed in TEXT_TYPES
