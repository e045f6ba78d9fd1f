"""Reads of attachments. `attachment_for_user` is the one access rule every path uses."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.db.models import Q, Sum
from pydantic import TypeAdapter

from .models import Attachment, AttachmentPolicy, AttachmentStatus
from .payloads import SdkAttachment, attachment_payload
from .validation import Limits

VIEW_ANY = "attachments.view_any_attachment"
_SDK_ATTACHMENT: TypeAdapter[SdkAttachment] = TypeAdapter(SdkAttachment)
Purpose = Literal["read", "attach", "write"]


def attachment_for_user(*, user: Any, attachment_id: str, purpose: Purpose = "read") -> Attachment:
    """The attachment if `user` may use it for `purpose`; otherwise DoesNotExist, as for a missing id.

    read:   the owner and users with a grant, unless it is revoked; staff with `view_any_attachment`
            always (they moderate revoked ones).
    attach: the owner and users with a grant, once its bytes are uploaded, unless it is revoked
            (moderators read revoked files but never put them on a message).
    write:  the owner only (delete, upload the bytes), unless it is revoked.
    """
    rows = Attachment.objects.select_related("owner")
    if purpose == "read" and _is_moderator(user):
        return rows.get(id=attachment_id)
    rows = rows.exclude(status=AttachmentStatus.REVOKED)
    if purpose == "write":
        return rows.get(id=attachment_id, owner=user)
    attachment = rows.filter(Q(owner=user) | Q(grants__user=user)).distinct().get(id=attachment_id)
    if purpose == "attach" and attachment.status == AttachmentStatus.AWAITING_UPLOAD:
        raise Attachment.DoesNotExist(f"The upload of {attachment.name} has not finished yet.")
    return attachment


def attachment_payload_for_user(*, user: Any, attachment_id: str, base_url: str | None) -> SdkAttachment:
    """The attachment as `user` may put it on a message, its preview link signed for them.

    Its `metadata` is the one last saved through `Store.save_attachment`. An attachment that
    another `AttachmentStore` made (no bytes stored here, see `services.attachment_metadata_save`)
    comes back exactly as it was saved, links included.
    """
    attachment = attachment_for_user(user=user, attachment_id=attachment_id, purpose="attach")
    stored = attachment.data or {}
    if not attachment.file and attachment.status == AttachmentStatus.READY and stored:
        return _SDK_ATTACHMENT.validate_python(stored)
    payload = attachment_payload(attachment, user_id=user.pk, base_url=base_url)
    metadata = stored.get("metadata")
    return payload.model_copy(update={"metadata": metadata}) if metadata is not None else payload


@dataclass(frozen=True)
class EffectivePolicy:
    """A user's limits after their AttachmentPolicy overrides, and what they already use."""

    limits: Limits
    used_bytes: int

    @property
    def remaining_bytes(self) -> int:
        return max(self.limits.quota_bytes - self.used_bytes, 0)


def attachment_policy_for(*, user: Any) -> EffectivePolicy:
    return EffectivePolicy(limits=attachment_limits_for_user(user=user), used_bytes=attachment_bytes_used(user=user))


def attachment_limits_for_user(*, user: Any) -> Limits:
    policy = AttachmentPolicy.objects.filter(user=user).first()
    limits = Limits(
        uploads_allowed=True,
        max_file_size=settings.ATTACHMENTS_MAX_FILE_SIZE,
        quota_bytes=settings.ATTACHMENTS_QUOTA_BYTES,
        allowed_types=frozenset(settings.ATTACHMENTS_ALLOWED_TYPES),
    )
    if policy is None:
        return limits
    return Limits(
        uploads_allowed=policy.uploads_allowed,
        max_file_size=limits.max_file_size if policy.max_file_size is None else policy.max_file_size,
        quota_bytes=limits.quota_bytes if policy.quota_bytes is None else policy.quota_bytes,
        allowed_types=frozenset(policy.allowed_types) if policy.allowed_types else limits.allowed_types,
    )


def attachment_bytes_used(*, user: Any, excluding: str | None = None) -> int:
    """Bytes counted against the quota: every attachment the user has, pending uploads included."""
    rows = Attachment.objects.filter(owner=user)
    if excluding:
        rows = rows.exclude(id=excluding)
    return rows.aggregate(total=Sum("size"))["total"] or 0


def attachment_for_processing(*, attachment_id: str) -> Attachment | None:
    return Attachment.objects.filter(id=attachment_id).first()


def _is_moderator(user: Any) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(VIEW_ANY))
