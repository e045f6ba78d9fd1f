"""/healthz: can this process reach its database, cache, channel layer and Celery broker?

JSON for operators and load balancers; 503 as soon as one dependency is down. Each check is
bounded by a short timeout so a dead dependency cannot hang the probe.
"""
from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from kombu import Connection

Check = Callable[[], str]
TIMEOUT = 1.0  # seconds per network check; a probe must answer well within a balancer's limit


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return connection.vendor


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=5)
    if cache.get(key) != "ok":
        raise RuntimeError("value did not round-trip")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_channel_layer() -> str:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")

    async def round_trip() -> None:
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "healthz.ping"})
        await layer.receive(channel)

    async def bounded() -> None:
        # A reachable layer answers at once; without a bound a wedged one would hang the probe.
        await asyncio.wait_for(round_trip(), timeout=TIMEOUT)

    async_to_sync(bounded)()
    return type(layer).__name__


def check_broker() -> str:
    url = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER or url.startswith("memory://"):
        return "not used (tasks run in-process)"
    with Connection(url, connect_timeout=TIMEOUT) as broker:
        # No retry pause: kombu would otherwise sleep 2 s before its second attempt.
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=TIMEOUT)
        return f"{broker.transport_cls} reachable"


CHECKS: dict[str, Check] = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "broker": check_broker,
}


def run_check(check: Check) -> dict[str, object]:
    try:
        return {"ok": True, "detail": check()}
    except Exception as exc:  # every failure means "not reachable" to an operator
        return {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:300]}


def healthz(request: HttpRequest) -> JsonResponse:
    checks = {name: run_check(check) for name, check in CHECKS.items()}
    ok = all(result["ok"] for result in checks.values())
    return JsonResponse({"ok": ok, "checks": checks}, status=200 if ok else 503)
