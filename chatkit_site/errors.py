"""Database failures answered as JSON, never as Django's HTML 500 page.

One mapping, `database_error_response`, serves three places: the NinjaAPI's exception handlers
(chatkit_site/api.py), `DatabaseErrorMiddleware` for the other views (Django's documented
`process_exception` hook), and `server_error` (`handler500`) for what fails outside any view,
such as a session saved on the way out.

An outage (`OperationalError`, `InterfaceError`: no connection, pool exhausted, server gone) is
`503` with `Retry-After`; a value the database cannot store is `400`; a conflicting write `409`.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import psycopg
from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.db import DatabaseError, DataError, IntegrityError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

logger = logging.getLogger(__name__)

UNAVAILABLE = "The database is unavailable, try again shortly."
RETRY_AFTER_SECONDS = 5
# Django wraps its own connections' errors; psycopg's are the same failures where they reach us
# unwrapped.
OUTAGES: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)
DATABASE_ERRORS: tuple[type[BaseException], ...] = (DatabaseError, psycopg.Error)


def database_unavailable() -> JsonResponse:
    response = JsonResponse({"error": UNAVAILABLE}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def database_error_response(exc: BaseException) -> JsonResponse:
    if isinstance(exc, OUTAGES):
        logger.warning("database unavailable: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return database_unavailable()
    if isinstance(exc, DataError | psycopg.DataError):
        return JsonResponse({"error": "The request holds a value the database cannot store."}, status=400)
    if isinstance(exc, IntegrityError | psycopg.IntegrityError):
        return JsonResponse({"error": "This change conflicts with another one; reload and try again."}, status=409)
    logger.error("database error", exc_info=exc)
    return JsonResponse({"error": "A database error stopped this request."}, status=500)


class DatabaseErrorMiddleware:
    """For views outside the NinjaAPI (pages, admin, health): a database error becomes JSON."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)  # a coroutine under ASGI: the caller awaits it

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            return database_error_response(exception)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: Django calls it inside its `except` block, so the exception is at hand."""
    exc = sys.exc_info()[1]
    if exc is not None and isinstance(exc, DATABASE_ERRORS):
        return database_error_response(exc)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "Something went wrong on our side; try again."}, status=500)
    return defaults.server_error(request)
