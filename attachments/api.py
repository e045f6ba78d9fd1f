"""Upload, preview and download endpoints under /api/attachments/ (session auth, CSRF on POST).

Direct upload: `POST /api/attachments/upload` (multipart `file`) answers the SDK attachment.
Two-phase: `attachments.create` over /api/chatkit, then the bytes to `POST .../<id>/upload`.
Previews and downloads need both a session allowed by `attachment_for_user` and a signed link.
"""
from __future__ import annotations

from typing import Literal

from chatkit.types import ImageAttachment
from django.core.exceptions import RequestDataTooBig
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from ninja import Router
from ninja.security import django_auth

from chatkit_site import throttling
from chatkit_site.protocol import new_id

from . import services
from .links import LinkCheck, link_check, link_path
from .models import Attachment
from .payloads import attachment_payload, download_url, payload_json
from .selectors import attachment_for_user
from .validation import IMAGE_TYPES, AttachmentRefused

_ID_MAX = Attachment._meta.get_field("id").max_length
router = Router(tags=["attachments"], auth=django_auth)
NOT_FOUND = "Attachment not found."


def error(message: str, status: int, *, field: str | None = None) -> JsonResponse:
    return JsonResponse({"error": message, **({"field": field} if field else {})}, status=status)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _uploaded(request: HttpRequest, attachment_id: str | None) -> HttpResponse:
    try:
        files = request.FILES  # MultiPartParserError: answered as JSON by the NinjaAPI (chatkit_site/api.py)
    except RequestDataTooBig:
        return error("This upload is larger than the server accepts.", 413, field="file")
    uploads = files.getlist("file")
    if not uploads:
        return error("Send the file as multipart form data in a field named 'file'.", 400, field="file")
    if len(uploads) > 1 or len(files) > 1:
        return error("Send one file per upload.", 400, field="file")
    upload = uploads[0]
    if attachment_id is not None and len(attachment_id) > _ID_MAX:
        return error(NOT_FOUND, 404)
    throttling.upload_counted(user_id=request.user.pk)  # Throttled: 429 (chatkit_site/api.py)
    try:
        if attachment_id is None:
            attachment = services.attachment_upload_direct(
                user=request.user, attachment_id=new_id("attachment"), upload=upload, base_url=_base_url(request)
            )
        else:
            attachment = services.attachment_upload_bytes(
                user=request.user, attachment_id=attachment_id, upload=upload, base_url=_base_url(request)
            )
    except AttachmentRefused as exc:
        return error(exc.message, exc.status)
    except Attachment.DoesNotExist:
        return error(NOT_FOUND, 404)
    payload = attachment_payload(attachment, user_id=request.user.pk, base_url=_base_url(request))
    return JsonResponse(payload_json(payload))


@router.post("/attachments/upload", url_name="attachment_upload", summary="Direct upload (multipart 'file')")
def upload_direct(request: HttpRequest) -> HttpResponse:
    return _uploaded(request, None)


@router.post("/attachments/{attachment_id}/upload", url_name="attachment_upload_bytes", summary="Two-phase upload: the bytes")
def upload_bytes(request: HttpRequest, attachment_id: str) -> HttpResponse:
    return _uploaded(request, attachment_id)


@router.get("/attachments/{attachment_id}", url_name="attachment_detail", summary="An attachment, with links signed for you")
def detail(request: HttpRequest, attachment_id: str) -> HttpResponse:
    try:
        attachment = attachment_for_user(user=request.user, attachment_id=attachment_id)
    except Attachment.DoesNotExist:
        return error(NOT_FOUND, 404)
    base_url = _base_url(request)
    body = payload_json(attachment_payload(attachment, user_id=request.user.pk, base_url=base_url))
    body.update(download_url=download_url(attachment, user_id=request.user.pk, base_url=base_url), status=attachment.status, size=attachment.size)
    return JsonResponse(body)


@router.get("/attachments/{attachment_id}/links", url_name="attachment_links", summary="Fresh signed links for you")
def links(request: HttpRequest, attachment_id: str) -> HttpResponse:
    """For grantees (and anyone whose link expired): links signed for the requesting user."""
    try:
        attachment = attachment_for_user(user=request.user, attachment_id=attachment_id)
    except Attachment.DoesNotExist:
        return error(NOT_FOUND, 404)
    base_url = _base_url(request)
    body = {"download_url": download_url(attachment, user_id=request.user.pk, base_url=base_url)}
    payload = attachment_payload(attachment, user_id=request.user.pk, base_url=base_url)
    if isinstance(payload, ImageAttachment):
        body["preview_url"] = str(payload.preview_url)
    return JsonResponse(body)


@router.get("/attachments/{attachment_id}/preview", url_name="attachment_preview", summary="Image preview (signed link)")
def preview(request: HttpRequest, attachment_id: str, sig: str = "") -> HttpResponse:
    return _serve(request, attachment_id, sig, "preview")


@router.get("/attachments/{attachment_id}/download", url_name="attachment_download", summary="The file (signed link)")
def download(request: HttpRequest, attachment_id: str, sig: str = "") -> HttpResponse:
    return _serve(request, attachment_id, sig, "download")


def _serve(request: HttpRequest, attachment_id: str, sig: str, kind: Literal["preview", "download"]) -> HttpResponse:
    try:
        attachment = attachment_for_user(user=request.user, attachment_id=attachment_id)
    except Attachment.DoesNotExist:
        return error(NOT_FOUND, 404)
    check = link_check(signature=sig, attachment_id=attachment_id, user_id=request.user.pk, kind=kind)
    if check is LinkCheck.INVALID:
        return error("This link is not valid for you. Open the attachment from the chat again.", 403)
    if check is LinkCheck.EXPIRED:
        # Links stored in old messages expire; someone still allowed in gets a fresh one.
        return HttpResponseRedirect(link_path(attachment_id=attachment_id, user_id=request.user.pk, kind=kind))
    return _file_response(attachment, kind)


def _file_response(attachment: Attachment, kind: str) -> HttpResponse:
    if kind == "preview":
        if attachment.mime_type not in IMAGE_TYPES:
            return error("This file has no preview.", 404)
        stored, content_type = (attachment.preview, "image/webp") if attachment.preview else (attachment.file, attachment.mime_type)
    else:
        stored, content_type = attachment.file, attachment.mime_type
    if not stored:
        return error("This attachment's bytes have not been uploaded.", 404)
    response = FileResponse(
        stored.open("rb"), as_attachment=kind == "download", filename=attachment.name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    # Even a mislabelled file must never run as a page on our origin.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
