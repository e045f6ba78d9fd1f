"""Server-rendered pages of the threads app."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from agents_app.demos import DEMOS
from agents_app.providers import provider_label
from chatkit_site.checks import domain_key_missing


def chat_page_data(request: HttpRequest) -> dict[str, Any]:
    """Everything the page's scripts need, passed as JSON (no inline script)."""
    return {
        "client": settings.CHATKIT_CLIENT,
        "scriptUrl": settings.CHATKIT_JS_URL,
        "fallbackMs": settings.CHATKIT_CLIENT_FALLBACK_MS,
        "openClientUrl": settings.STATIC_URL + "openclient/chatkit-open.js",
        "apiUrl": reverse("api:chatkit"),
        "entitiesUrl": "/api/entities",
        "domainKey": settings.CHATKIT_DOMAIN_KEY,
        "domainKeyMissing": domain_key_missing(request.get_host()),
        "locale": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "docsUrl": reverse("docs_index"),
        "prompts": [{"label": demo.title, "prompt": demo.prompt, "icon": demo.icon} for demo in DEMOS],
    }


@login_required
def chat_page(request: HttpRequest) -> HttpResponse:
    return render(request, "chat.html", {"provider_label": provider_label(), "page_data": chat_page_data(request)})
