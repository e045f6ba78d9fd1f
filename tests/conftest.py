"""Shared fixtures: named users (alice owns, bob is someone else, a moderator) and clients."""
from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.chatkit_client import ChatKitClient
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_offline_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pacing only exists so people can watch text stream; tests need the events, not the wait.
    monkeypatch.setattr(settings, "CHATKIT_OFFLINE_PACE", 0.0)


@pytest.fixture
def alice(db: Any) -> Any:
    return UserFactory(username="alice")


@pytest.fixture
def bob(db: Any) -> Any:
    return UserFactory(username="bob")


@pytest.fixture
async def alice_client(alice: Any) -> ChatKitClient:
    return await ChatKitClient(alice).login()


@pytest.fixture
async def bob_client(bob: Any) -> ChatKitClient:
    return await ChatKitClient(bob).login()
