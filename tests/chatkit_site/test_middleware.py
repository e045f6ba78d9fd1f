"""Django's stock middleware under daphne: sessions, CSRF and messages as Django documents them."""
from __future__ import annotations

import httpx
import pytest
from django.conf import settings

from tests.processes import login


@pytest.mark.integration
def test_csrf_sessions_and_messages_work_under_daphne(live_app):
    """The real ASGI app on daphne: login saves a session, logout's notice
    reaches the next page through the messages store, and a POST without the token is refused."""
    client = login(live_app.url, "alice", live_app.password)
    chat = client.post("/api/chatkit", json={"type": "threads.list", "params": {"limit": 5}})
    assert chat.status_code == 200, chat.text
    del client.headers["X-CSRFToken"]
    refused = client.post("/api/chatkit", json={"type": "threads.list", "params": {"limit": 5}})
    assert refused.status_code == 403
    login_page = httpx.post(live_app.url + "/login/", data={"username": "alice", "password": "x"})
    assert login_page.status_code == 403
    token = client.cookies["csrftoken"]
    goodbye = client.post("/logout/", data={"csrfmiddlewaretoken": token}, headers={"Referer": live_app.url + "/"}, follow_redirects=True)
    assert goodbye.status_code == 200 and "You are logged out" in goodbye.text


def test_the_stack_below_whitenoise_keeps_django_in_sync_mode_for_one_thread_switch():
    """settings.MIDDLEWARE relies on WhiteNoise being sync-only and below the stock middleware:
    Django then runs the stack in sync mode in one switch. If WhiteNoise gains async support, or
    moves up, the stack turns async with a switch per hook (docs/performance.md)."""
    from django.utils.module_loading import import_string
    from whitenoise.middleware import WhiteNoiseMiddleware

    assert getattr(WhiteNoiseMiddleware, "async_capable", False) is False
    above = settings.MIDDLEWARE[: settings.MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware")]
    assert len(above) >= 8 and all(getattr(import_string(path), "sync_capable", True) for path in above)
