"""Server-rendered pages of the threads app: the chat page and the data its scripts need."""
from __future__ import annotations

import mimetypes
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from agents_app.composer import COMPOSER_TOOLS, composer_models
from agents_app.demos import DEMOS
from agents_app.providers import provider_label
from agents_app.transcription import transcription_available
from attachments.selectors import attachment_policy_for
from chatkit_site.checks import domain_key_missing


def upload_strategy() -> dict[str, str]:
    if settings.CHATKIT_UPLOAD_STRATEGY == "two_phase":
        return {"type": "two_phase"}
    return {"type": "direct", "uploadUrl": reverse("api:attachment_upload")}


MAX_ATTACHMENTS_PER_MESSAGE = 4  # a composer limit only: a message's attachments are few by nature


def attachment_options(user: Any) -> dict[str, Any]:
    """The composer's limits, from the user's policy, so the browser refuses what the server would.

    The size limit is also capped by what is left of the user's quota.
    """
    policy = attachment_policy_for(user=user)
    limits = policy.limits
    accept = {mime: sorted(set(mimetypes.guess_all_extensions(mime))) for mime in sorted(limits.allowed_types)}
    return {
        "enabled": limits.uploads_allowed and policy.remaining_bytes > 0,
        "maxSize": min(limits.max_file_size, policy.remaining_bytes),
        "maxCount": MAX_ATTACHMENTS_PER_MESSAGE,
        "accept": accept,
    }


def chat_page_data(request: HttpRequest) -> dict[str, Any]:
    """Everything the page's scripts need, passed as JSON (no inline script)."""
    return {
        "client": settings.CHATKIT_CLIENT,
        "scriptUrl": settings.CHATKIT_JS_URL,
        "fallbackMs": settings.CHATKIT_CLIENT_FALLBACK_MS,
        "openClientUrl": static("openclient/chatkit-open.js"),
        "apiUrl": reverse("api:chatkit"),
        "entitiesUrl": "/api/entities",
        "domainKey": settings.CHATKIT_DOMAIN_KEY,
        "domainKeyMissing": domain_key_missing(request.get_host()),
        "uploadStrategy": upload_strategy(),
        "attachments": attachment_options(request.user),
        "composerTools": list(COMPOSER_TOOLS),
        "composerModels": composer_models(),  # empty unless CHATKIT_MODELS offers a choice
        "dictation": transcription_available(),  # the page turns on composer.dictation only then
        "locale": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "docsUrl": reverse("docs_index"),
        "prompts": [{"label": demo.title, "prompt": demo.prompt, "icon": demo.icon} for demo in DEMOS],
    }


@login_required
def chat_page(request: HttpRequest) -> HttpResponse:
    return render(request, "chat.html", {"provider_label": provider_label(), "page_data": chat_page_data(request)})


class LogoutView(auth_views.LogoutView):
    """Django's logout, saying so on the login page it lands on."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are logged out. See you soon.")
        return response
