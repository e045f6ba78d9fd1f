"""One command from a fresh clone to a running app: migrate, demo login, serve over ASGI."""
from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Apply migrations, create the demo login, and serve the app with daphne."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        self.stdout.write("1/3 Applying migrations…")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("2/3 Preparing the demo login…")
        call_command("demo_user")
        self.stdout.write(f"3/3 Serving on http://{addrport}/ (Ctrl+C to stop)")
        call_command("runserver", addrport, use_reloader=False)
