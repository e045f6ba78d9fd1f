"""`/ws/updates/` through channels' communicator: owners hear about their threads, nobody else."""
from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator
from django.test import Client

from chatkit_site.asgi import application
from threads.live import anotify_thread_changed

pytestmark = pytest.mark.django_db(transaction=True)


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def communicator(cookie: bytes | None = None, origin: bytes = b"http://testserver") -> WebsocketCommunicator:
    headers = [(b"origin", origin)] + ([(b"cookie", cookie)] if cookie else [])
    return WebsocketCommunicator(application, "/ws/updates/", headers=headers)


async def test_it_tells_the_owner_and_nobody_else(alice, bob):
    from asgiref.sync import sync_to_async

    alice_socket = communicator(await sync_to_async(session_cookie)(alice))
    bob_socket = communicator(await sync_to_async(session_cookie)(bob))
    assert (await alice_socket.connect())[0] and (await bob_socket.connect())[0]
    await anotify_thread_changed(user_id=alice.pk, thread_id="thr_x", reason="title")
    assert await alice_socket.receive_json_from(timeout=2) == {"type": "thread.changed", "thread_id": "thr_x", "reason": "title"}
    assert await bob_socket.receive_nothing(timeout=0.3)
    await alice_socket.disconnect()
    await bob_socket.disconnect()


async def test_it_refuses_anonymous_sockets(db):
    connected, code = await communicator().connect()
    assert not connected and code == 4401


async def test_it_refuses_foreign_origins(alice):
    from asgiref.sync import sync_to_async

    connected, _ = await communicator(await sync_to_async(session_cookie)(alice), origin=b"https://evil.example").connect()
    assert not connected
