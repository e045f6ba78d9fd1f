"""Websocket routes. Each app contributes `websocket_urlpatterns`; this wraps them in auth."""
from __future__ import annotations

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator


def websocket_application():  # type: ignore[no-untyped-def]
    from threads.routing import websocket_urlpatterns

    return AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
