"""The one NinjaAPI. Each app exposes `router` from its api.py; they are mounted here.

Its exception handlers keep every failure JSON: a database error (chatkit_site.errors), a
throttled request (chatkit_site.throttling), a multipart body Django cannot parse.
"""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI

from agents_app.api import router as agents_router
from attachments.api import router as attachments_router
from threads.api import router as threads_router

from .errors import DATABASE_ERRORS, database_error_response
from .throttling import Throttled, throttled_response

api = NinjaAPI(
    title="ChatKit Studio API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/", threads_router)
api.add_router("/", agents_router)
api.add_router("/", attachments_router)


def _database_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    return database_error_response(exc)


for _error in DATABASE_ERRORS:
    api.add_exception_handler(_error, _database_error)  # type: ignore[arg-type]


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return throttled_response(exc)


@api.exception_handler(MultiPartParserError)
def _unreadable_upload(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # Django refuses a part whose headers exceed its limit (a file name of thousands of characters).
    return JsonResponse({"error": f"The upload could not be read: {exc}", "field": "file"}, status=400)
