"""What every moderation service shares (threads and attachments): the error, the permission
check and the reason rule. Here rather than in either app so that neither imports the other's
internals for them."""
from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


class ModerationError(ValueError):
    """An action that cannot be taken as asked (no reason given, nothing to change)."""


def require_permission(actor: Any, permission: str) -> None:
    """Staff who hold `permission`."""
    if not (actor.is_active and actor.is_staff and actor.has_perm(permission)):
        raise PermissionDenied(f"{actor} may not do this ({permission}).")


def require_reason(reason: str, *, where: str = "it is shown to the owner and kept in the admin log") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(f"Give a reason: {where}.")
    return reason
