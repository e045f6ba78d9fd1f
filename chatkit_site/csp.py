"""Content-Security-Policy: exactly what the configured chat client needs, nothing more.

The open client is plain modules from our own origin. ChatKit.js additionally loads its script
from OpenAI's CDN and renders its UI in frames served from there, talking to our API from them.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import sync_and_async_middleware


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy() -> str:
    script = ["'self'"]
    frame = ["'none'"]
    connect = ["'self'"]
    if settings.CHATKIT_CLIENT in {"official", "auto"}:
        cdn = _origin(settings.CHATKIT_JS_URL)
        script.append(cdn)
        frame = [cdn]
        connect.append(cdn)
    # Deployment-specific additions (a proxy's origin, new ChatKit.js origins), from settings.
    connect += settings.CSP_EXTRA_CONNECT_SRC
    if settings.CSP_EXTRA_FRAME_SRC:
        frame = [origin for origin in frame if origin != "'none'"] + settings.CSP_EXTRA_FRAME_SRC
    directives = {
        "default-src": ["'self'"],
        "script-src": script,
        # The open client styles its shadow root with a <style> element; admin uses style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": connect,  # 'self' covers same-origin ws(s): for live updates in CSP3 browsers
        "frame-src": frame,
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


@sync_and_async_middleware
def ContentSecurityPolicyMiddleware(get_response: Callable[[HttpRequest], Any]) -> Callable[[HttpRequest], Any]:  # noqa: N802
    # Both flavours, so the async request path never hops to a thread for a header.
    policy = content_security_policy()
    if iscoroutinefunction(get_response):

        async def async_middleware(request: HttpRequest) -> HttpResponse:
            response = await get_response(request)
            response.headers.setdefault("Content-Security-Policy", policy)
            return response

        return async_middleware

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        return response

    return middleware
