"""Server-rendered pages of the threads app."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agents_app.providers import provider_label


@login_required
def chat_page(request: HttpRequest) -> HttpResponse:
    return render(request, "chat.html", {"provider_label": provider_label()})
