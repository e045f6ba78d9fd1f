"""`/ws/updates/` through channels' communicator: owners hear about their threads, nobody else."""
from __future__ import annotations

import uuid

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client

from chatkit_site.asgi import application
from chatkit_site.live import notify_thread_changed
from tests.processes import free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def redis_channel_layer(settings):
    """The production layer (Redis), under a prefix of this run's own so parallel runs never mix."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:6379/12"], "prefix": f"test-live-{uuid.uuid4().hex[:8]}"},
        }
    }
    layer = get_channel_layer()
    yield
    async_to_sync(layer.flush)()


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def communicator(cookie: bytes | None = None, origin: bytes = b"http://testserver") -> WebsocketCommunicator:
    headers = [(b"origin", origin)] + ([(b"cookie", cookie)] if cookie else [])
    return WebsocketCommunicator(application, "/ws/updates/", headers=headers)


async def test_it_tells_the_owner_and_nobody_else(alice, bob):
    alice_socket = communicator(await sync_to_async(session_cookie)(alice))
    bob_socket = communicator(await sync_to_async(session_cookie)(bob))
    assert (await alice_socket.connect())[0] and (await bob_socket.connect())[0]
    assert type(get_channel_layer()).__name__ == "RedisChannelLayer"
    # The sync form, as a Celery worker calls it.
    await sync_to_async(notify_thread_changed)(user_id=alice.pk, thread_id="thr_x", reason="title")
    assert await alice_socket.receive_json_from(timeout=2) == {"type": "thread.changed", "thread_id": "thr_x", "reason": "title"}
    assert await bob_socket.receive_nothing(timeout=0.3)
    await alice_socket.disconnect()
    await bob_socket.disconnect()


async def test_it_refuses_anonymous_sockets(db):
    socket = communicator()
    await socket.connect()
    # Closed just after the handshake, so a browser sees 4401 ("log in") rather than a bare 1006.
    assert await socket.receive_output(timeout=2) == {"type": "websocket.close", "code": 4401}


async def test_it_refuses_foreign_origins(alice):
    connected, _ = await communicator(await sync_to_async(session_cookie)(alice), origin=b"https://evil.example").connect()
    assert not connected


def test_it_never_raises_when_the_channel_layer_is_down(settings, caplog):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [f"redis://127.0.0.1:{free_port()}/0"]}}
    }
    notify_thread_changed(user_id=1, thread_id="thr_x", reason="title")
    assert any("not sent" in record.getMessage() for record in caplog.records)


async def test_it_never_raises_when_called_inside_an_event_loop(alice, caplog):
    # async_to_sync refuses to run in a thread with a running loop; callers must still carry on.
    notify_thread_changed(user_id=alice.pk, thread_id="thr_x", reason="title")
    assert any("not sent" in record.getMessage() for record in caplog.records)
