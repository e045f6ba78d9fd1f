"""Admin fixtures: a moderator (in the migrated Moderators group), plain staff, and thread builders."""
from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from chatkit_site.protocol import new_id
from tests.factories import UserFactory
from threads.models import Feedback, Thread, ThreadItem
from threads.transcript import item_text


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Factories set a password on every user; these tests make hundreds and never log in by password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def moderators_group() -> Group:
    """The group the data migration creates. Transactional tests flush it away with every other
    row, so rebuild it from the migration's own permission list (the single source of truth)."""
    migration = importlib.import_module("threads.migrations.0004_moderators_group")
    group, _ = Group.objects.get_or_create(name=migration.GROUP)
    if not group.permissions.exists():
        wanted = [name.split(".") for name in migration.PERMISSIONS]
        group.permissions.set(
            [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted]
        )
    return group


@pytest.fixture
def moderator(db: Any) -> Any:
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(moderators_group())
    return user


@pytest.fixture
def staff(db: Any) -> Any:
    return UserFactory(username="staffer", is_staff=True)


def admin_client(user: Any) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_post(client: Client, url: str, data: dict[str, Any]) -> Any:
    """POST the way a browser does after loading an admin page: with the CSRF cookie's token."""
    for page in ("/admin/", "/admin/login/"):  # staff get the token on the index, others on the login form
        if "csrftoken" not in client.cookies:
            client.get(page)
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def message(thread_id: str, text: str, *, role: str = "user", at: Any = None) -> dict[str, Any]:
    item_id = new_id("message")
    base = {"id": item_id, "thread_id": thread_id, "created_at": (at or timezone.now()).isoformat()}
    if role == "user":
        return {**base, "type": "user_message", "content": [{"type": "input_text", "text": text}],
                "attachments": [], "quoted_text": None, "inference_options": {}}
    return {**base, "type": "assistant_message", "content": [{"type": "output_text", "text": text, "annotations": []}]}


def make_thread(
    owner: Any, *, title: str = "", texts: tuple[str, ...] = ("hello", "hi there"), negative: int = 0, positive: int = 0,
    thread_id: str = "",
) -> Thread:
    """A thread with alternating user/assistant messages and feedback on the assistant's first one."""
    now = timezone.now()
    thread = Thread.objects.create(id=thread_id or new_id("thread"), owner=owner, title=title, created_at=now, data={"metadata": {}})
    items = []
    for n, text in enumerate(texts):
        data = message(thread.id, text, role="user" if n % 2 == 0 else "assistant", at=now + timedelta(seconds=n))
        items.append(ThreadItem.objects.create(
            thread=thread, item_id=data["id"], type=data["type"], created_at=now + timedelta(seconds=n),
            data=data, text=item_text(data),
        ))
    for n in range(positive + negative):
        kind = "positive" if n < positive else "negative"
        Feedback.objects.create(item=items[-1], thread=items[-1].thread, item_key=items[-1].item_id, user=UserFactory(), kind=kind)
    return thread
