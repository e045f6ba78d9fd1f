"""Health probes for operators and load balancers.

- `/healthz/live`: the process answers; no I/O at all, so a database outage never restarts it.
- `/healthz/ready` (and `/healthz`): can it reach its database, cache, channel layer and Celery
  broker? 503 as soon as one is down. Each check runs on a thread of its own and is given up on
  after `TIMEOUT`, so a dead dependency cannot hang the probe. Anonymous callers see each
  dependency's name and state only; staff also see what failed and why.
"""
from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTimedOut

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from kombu import Connection

Check = Callable[[], str]
TIMEOUT = 1.0  # seconds per network check; a probe must answer well within a balancer's limit


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return connection.vendor
    finally:
        connection.close()  # the probe's thread must not keep a connection (or a pool slot)


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


# Checks that hang are abandoned, not waited for; a few threads bound how many can pile up.
_CHECKERS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="healthz")


def run_checks() -> dict[str, dict[str, object]]:
    """All checks at once, each given up on when `TIMEOUT` has passed since the probe began."""
    futures = {name: _CHECKERS.submit(check) for name, check in CHECKS.items()}
    deadline = time.monotonic() + TIMEOUT
    results: dict[str, dict[str, object]] = {}
    for name, future in futures.items():
        try:
            results[name] = {"ok": True, "detail": future.result(timeout=max(deadline - time.monotonic(), 0))}
        except CheckTimedOut:
            future.cancel()  # still queued behind hung checks: never start it
            results[name] = {"ok": False, "detail": f"no answer within {TIMEOUT:g} s"}
        except Exception as exc:  # every failure means "not reachable" to an operator
            results[name] = {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:300]}
    return results


def live(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"ok": True})


def ready(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    ok = all(result["ok"] for result in checks.values())
    if not _is_staff(request):
        checks = {name: {"ok": result["ok"]} for name, result in checks.items()}
    return JsonResponse({"ok": ok, "checks": checks}, status=200 if ok else 503)


def _is_staff(request: HttpRequest) -> bool:
    """Staff get the details; reading the session must not make the probe fail with the database."""
    try:
        return bool(request.user.is_active and request.user.is_staff)
    except Exception:
        return False


healthz = ready
