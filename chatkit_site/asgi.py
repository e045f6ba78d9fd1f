"""ASGI entry point: HTTP through Django, websockets through the channels router."""
from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatkit_site.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402  (needs Django set up first)

from .checks import log_startup_problems  # noqa: E402
from .routing import websocket_application  # noqa: E402

log_startup_problems()  # ASGI servers skip system checks; a blank chat should not be the first sign

application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": websocket_application()})
