"""The on-loop middleware: every stock entry is swapped under ASGI, and the hooks that can touch
the database still reach it (a changed session is saved, messages survive a redirect)."""
from __future__ import annotations

from typing import Any

import httpx
import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpResponse
from django.test import AsyncRequestFactory

from chatkit_site.middleware import ON_LOOP, OnLoopASGIHandler, SessionMiddleware, on_loop_paths
from chatkit_site.sessions import SessionStore
from tests.processes import login


def test_every_stock_middleware_in_settings_runs_on_the_loop():
    swapped = on_loop_paths(settings.MIDDLEWARE)
    assert not [path for path in swapped if path.startswith(("django.", "whitenoise."))]
    assert len(swapped) == len(settings.MIDDLEWARE) and set(ON_LOOP) <= set(settings.MIDDLEWARE)


def test_the_asgi_handler_loads_them_and_leaves_settings_alone():
    handler = OnLoopASGIHandler()
    assert settings.MIDDLEWARE[0] == "django.middleware.security.SecurityMiddleware"
    assert handler._middleware_chain is not None


@pytest.mark.django_db(transaction=True)
async def test_a_changed_session_is_saved_from_async_mode():
    async def view(request: Any) -> HttpResponse:
        request.session["seen"] = "yes"
        return HttpResponse("ok")

    request = AsyncRequestFactory().get("/")
    response = await SessionMiddleware(view)(request)
    key = response.cookies[settings.SESSION_COOKIE_NAME].value
    stored = await sync_to_async(SessionStore(session_key=key).load)()
    assert stored == {"seen": "yes"}


@pytest.mark.integration
def test_csrf_sessions_and_messages_work_under_daphne(live_app):
    """The real ASGI app (OnLoopASGIHandler) on daphne: login saves a session, logout's notice
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
