"""Moderators may open any user's attachment from the chat's links, and manage grants and policies."""
from __future__ import annotations

from typing import Any

from django.db import migrations

CODENAMES = [
    "view_any_attachment",
    *(f"{action}_{model}" for model in ("attachmentgrant", "attachmentpolicy") for action in ("view", "add", "change", "delete")),
]


def grant(apps: Any, schema_editor: Any) -> None:
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("attachments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="attachments", codename__in=CODENAMES)
    assert permissions.count() == len(CODENAMES)
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(*permissions)


def ungrant(apps: Any, schema_editor: Any) -> None:
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="attachments", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("attachments", "0002_grants_policies_permissions"),
        ("threads", "0004_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, ungrant)]
