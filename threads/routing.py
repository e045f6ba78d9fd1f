"""Websocket routes of the threads app."""
from __future__ import annotations

from django.urls import path

from .consumers import ThreadUpdatesConsumer

websocket_urlpatterns = [path("ws/updates/", ThreadUpdatesConsumer.as_asgi())]
