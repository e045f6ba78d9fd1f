"""Django's stock middleware, run on the event loop under ASGI, and the handler that uses them.

`MiddlewareMixin` runs every hook through `sync_to_async` on the request's own thread: about
twenty thread hops per request, and a thread that lives as long as a stream does. The hooks
below only read headers, cookies and settings, so they run on the loop. The two that can touch
the database keep a hop, but only when they will: the session save (when the session changed)
and the messages fallback into the session (when messages were used or added). WhiteNoise,
which is sync-only and made Django bridge the whole chain through a thread, gets an async path.

The handler also sends the request signals on the loop unless the request used its own thread
(see `OnLoopASGIHandler.handle`), so a ChatKit request never creates one.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from asgiref.sync import SyncToAsync, iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.http import HttpRequest, HttpResponseBase
from django.middleware import clickjacking, common, csrf, locale, security
from django.test.utils import override_settings
from django.urls import set_script_prefix
from whitenoise.middleware import WhiteNoiseMiddleware as StockWhiteNoise


class OnLoop:
    """For a MiddlewareMixin whose hooks never block: call them directly in async mode."""

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.process_request(request) if hasattr(self, "process_request") else None
        response = response or await self.get_response(request)  # type: ignore[attr-defined]
        if hasattr(self, "process_response"):
            if self.response_may_block(request):
                return await sync_to_async(self.process_response)(request, response)
            response = self.process_response(request, response)
        return response

    def response_may_block(self, request: HttpRequest) -> bool:
        return False


class SecurityMiddleware(OnLoop, security.SecurityMiddleware):
    pass


class LocaleMiddleware(OnLoop, locale.LocaleMiddleware):
    pass


class CommonMiddleware(OnLoop, common.CommonMiddleware):
    pass


class AuthenticationMiddleware(OnLoop, auth.AuthenticationMiddleware):
    pass  # sets lazy request.user / request.auser; nothing is read until a view asks


class XFrameOptionsMiddleware(OnLoop, clickjacking.XFrameOptionsMiddleware):
    pass


class SessionMiddleware(OnLoop, sessions.SessionMiddleware):
    def response_may_block(self, request: HttpRequest) -> bool:
        return request.session.modified or settings.SESSION_SAVE_EVERY_REQUEST


class MessageMiddleware(OnLoop, messages.MessageMiddleware):
    def response_may_block(self, request: HttpRequest) -> bool:
        storage = getattr(request, "_messages", None)
        return storage is not None and (storage.used or storage.added_new)


class CsrfViewMiddleware(OnLoop, csrf.CsrfViewMiddleware):
    # Django awaits an async process_view directly instead of hopping to a thread for it.
    async def process_view(self, request: HttpRequest, callback: Any, args: Any, kwargs: Any) -> Any:  # type: ignore[override]
        if request.method == "POST" and request.content_type == "multipart/form-data":
            # Reading the token from the form parses the upload: file work, so off the loop.
            return await sync_to_async(super().process_view)(request, callback, args, kwargs)
        return super().process_view(request, callback, args, kwargs)


class WhiteNoiseMiddleware(StockWhiteNoise):
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(get_response, *args, **kwargs)
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self._acall(request)
        return super().__call__(request)

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        static_file = self.find_file(request.path_info) if self.autorefresh else self.files.get(request.path_info)
        if static_file is not None:
            return await sync_to_async(self.serve, thread_sensitive=False)(static_file, request)
        return await self.get_response(request)


ON_LOOP = {
    "django.middleware.security.SecurityMiddleware": SecurityMiddleware,
    "whitenoise.middleware.WhiteNoiseMiddleware": WhiteNoiseMiddleware,
    "django.contrib.sessions.middleware.SessionMiddleware": SessionMiddleware,
    "django.middleware.locale.LocaleMiddleware": LocaleMiddleware,
    "django.middleware.common.CommonMiddleware": CommonMiddleware,
    "django.middleware.csrf.CsrfViewMiddleware": CsrfViewMiddleware,
    "django.contrib.auth.middleware.AuthenticationMiddleware": AuthenticationMiddleware,
    "django.contrib.messages.middleware.MessageMiddleware": MessageMiddleware,
    "django.middleware.clickjacking.XFrameOptionsMiddleware": XFrameOptionsMiddleware,
}


def on_loop_paths(paths: list[str]) -> list[str]:
    return [f"{__name__}.{ON_LOOP[path].__name__}" if path in ON_LOOP else path for path in paths]


class OnLoopASGIHandler(ASGIHandler):
    """Django's ASGI handler with each stock middleware in MIDDLEWARE swapped for its subclass above.

    MIDDLEWARE itself keeps the stock dotted paths, which Django's deploy checks look for by name.
    """

    def load_middleware(self, is_async: bool = False) -> None:
        with override_settings(MIDDLEWARE=on_loop_paths(settings.MIDDLEWARE)):
            super().load_middleware(is_async)

    async def handle(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        """Django's request cycle, with `request_started` and `request_finished` sent on the loop.

        Django sends both through the request's own thread, which creates that thread for every
        request. Their stock receivers reset the calling thread's query log and connections, and
        caches: on a thread that never ran ORM code they have nothing to do. So only a request
        whose code did use its thread (a sync view, a session save) closes on that thread.
        """
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        try:
            set_script_prefix(get_script_prefix(scope))
            signals.request_started.send(sender=self.__class__, scope=scope)  # no thread exists yet
            request, error_response = self.create_request(scope, body_file)
            if request is None:
                await self.send_response(error_response, send)
                await _on_request_thread_if_used(error_response.close)
                return
            responding = asyncio.create_task(self._respond(request, send))
            hang_up = asyncio.create_task(self.listen_for_disconnect(receive))
            await asyncio.wait([hang_up, responding], return_when=asyncio.FIRST_COMPLETED)
            for task in (hang_up, responding):  # a hang-up cancels the view, as in Django
                if not task.done():
                    task.cancel()
                with suppress(RequestAborted, asyncio.CancelledError):
                    await task
            if responding.cancelled():
                await _on_request_thread_if_used(signals.request_finished.send, sender=self.__class__)
            else:
                await _on_request_thread_if_used(responding.result().close)
        finally:
            body_file.close()

    async def _respond(self, request: HttpRequest, send: Callable[..., Any]) -> HttpResponseBase:
        response = await self.run_get_response(request)
        with suppress(asyncio.CancelledError):  # the client left while we were sending
            await self.send_response(response, send)
        return response


async def _on_request_thread_if_used(fn: Callable[..., Any], /, **kwargs: Any) -> None:
    context = SyncToAsync.thread_sensitive_context.get(None)
    if context is not None and context in SyncToAsync.context_to_thread_executor:
        await sync_to_async(fn)(**kwargs)  # close the connections that thread opened, on it
    else:
        fn(**kwargs)
