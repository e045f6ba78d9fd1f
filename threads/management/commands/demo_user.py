"""Create (or reset) the demo login and print its credentials."""
from __future__ import annotations

import os
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create or reset the demo user and print how to log in."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", ""))

    def handle(self, *args: Any, username: str, password: str, **options: Any) -> None:
        password = password or secrets.token_urlsafe(9)
        user, created = get_user_model().objects.get_or_create(username=username)
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(self.style.SUCCESS(f"{verb} demo login -> username: {username}  password: {password}"))
