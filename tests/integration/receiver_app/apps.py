from __future__ import annotations

import os
from typing import Any

from django.apps import AppConfig
from django.core.signals import request_started


def count_users(sender: Any, **kwargs: Any) -> None:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.count()  # a query, as an audit or tenancy receiver makes
    with open(os.environ["RECEIVER_LOG"], "a") as log:
        log.write(f"{users}\n")


class ReceiverAppConfig(AppConfig):
    name = "tests.integration.receiver_app"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        request_started.connect(count_users)
