"""The "Moderators" group: exactly what the admin's moderation actions need, nothing more.

Moderators read threads, transcripts and feedback, lock/close/reopen threads, hide items, delete
threads, and manage attachment access. They get no `change_thread` / `change_threaditem` (raw
payloads stay untouched) and no permission on users or groups.
"""
from __future__ import annotations

from typing import Any

from django.db import migrations

GROUP = "Moderators"
PERMISSIONS = [
    "threads.view_thread",
    "threads.delete_thread",
    "threads.moderate_thread",
    "threads.view_threaditem",
    "threads.hide_threaditem",
    "threads.view_feedback",
    "attachments.view_attachment",
    "attachments.change_attachment",
    "attachments.delete_attachment",
]


def create_group(apps: Any, schema_editor: Any) -> None:
    # Permissions are normally created after all migrations (post_migrate); make them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = [name.split(".") for name in PERMISSIONS]
    permissions = [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted]
    group.permissions.set(permissions)


def delete_group(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("threads", "0003_text_search_indexes"),
        ("attachments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
