"""Short-lived signed links to an attachment's preview and download, bound to one user.

A link only works together with a session that passes `attachment_for_user`; the signature
keeps links from being guessable and from outliving ATTACHMENTS_URL_TTL_SECONDS.
"""
from __future__ import annotations

import enum
from typing import Literal
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.urls import reverse

Kind = Literal["preview", "download"]
_SIGNER_SALT = "attachments.links"


class LinkCheck(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


def _value(attachment_id: str, user_id: int, kind: Kind) -> str:
    return f"{attachment_id}/{user_id}/{kind}"


def link_signature(*, attachment_id: str, user_id: int, kind: Kind) -> str:
    signed = signing.TimestampSigner(salt=_SIGNER_SALT).sign(_value(attachment_id, user_id, kind))
    return signed.rsplit(":", 2)[-2] + ":" + signed.rsplit(":", 2)[-1]


def link_check(*, signature: str, attachment_id: str, user_id: int, kind: Kind) -> LinkCheck:
    signer = signing.TimestampSigner(salt=_SIGNER_SALT)
    signed = f"{_value(attachment_id, user_id, kind)}:{signature}"
    try:
        signer.unsign(signed, max_age=settings.ATTACHMENTS_URL_TTL_SECONDS)
    except signing.SignatureExpired:
        return LinkCheck.EXPIRED
    except signing.BadSignature:
        return LinkCheck.INVALID
    return LinkCheck.VALID


def link_path(*, attachment_id: str, user_id: int, kind: Kind) -> str:
    path = reverse(f"api:attachment_{kind}", kwargs={"attachment_id": attachment_id})
    sig = link_signature(attachment_id=attachment_id, user_id=user_id, kind=kind)
    return f"{path}?{urlencode({'sig': sig})}"


def upload_path(*, attachment_id: str) -> str:
    return reverse("api:attachment_upload_bytes", kwargs={"attachment_id": attachment_id})


def absolute(base_url: str | None, path: str) -> str:
    """PUBLIC_BASE_URL wins (behind a proxy the request's host may be an internal one)."""
    base = settings.PUBLIC_BASE_URL or (base_url or "http://localhost").rstrip("/")
    return base + path
