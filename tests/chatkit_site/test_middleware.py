"""Django's stock middleware under daphne: sessions, CSRF and messages as Django documents them."""
from __future__ import annotations

import httpx
import pytest

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
