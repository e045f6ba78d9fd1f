"""ASGI entry point: HTTP through Django's stock ASGI handler, websockets through the channels router."""
from __future__ import annotations

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatkit_site.settings")
django_asgi_app = get_asgi_application()  # sets Django up; must come before importing app code

from channels.routing import ProtocolTypeRouter  # noqa: E402  (needs Django set up first)

from .checks import log_startup_problems  # noqa: E402
from .routing import websocket_application  # noqa: E402

log_startup_problems()  # ASGI servers skip system checks; a blank chat should not be the first sign

application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": websocket_application()})

# Everything loaded so far (Django, the SDKs, the docs index) lives as long as the process. Left in
# the collector's generations, every full collection would rescan it; frozen, collections only walk
# what requests allocate (docs/performance.md has the measurement).
gc.freeze()
