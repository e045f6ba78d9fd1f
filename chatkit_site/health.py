"""/healthz: whether the database is reachable, as JSON (503 when a dependency is down)."""
from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any failure means "not reachable" to an operator
        return False


def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database_ok()}
    return JsonResponse({"ok": all(checks.values()), "checks": checks}, status=200 if all(checks.values()) else 503)
