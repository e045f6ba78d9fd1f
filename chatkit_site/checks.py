"""Startup checks that catch a deployment that would show users a blank chat."""
from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.checks import Warning, register

logger = logging.getLogger("chatkit_site.checks")

PLACEHOLDER_DOMAIN_KEY = "domain_pk_localhost_dev"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "testserver"}


def domain_key_missing(host: str | None = None) -> bool:
    """ChatKit.js refuses to run off localhost without a registered domain key."""
    if settings.CHATKIT_CLIENT == "open" or settings.CHATKIT_DOMAIN_KEY not in {"", PLACEHOLDER_DOMAIN_KEY}:
        return False
    hosts = {host.split(":")[0]} if host else set(settings.ALLOWED_HOSTS)
    return not hosts <= LOCAL_HOSTS


@register()
def check_domain_key(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if settings.DEBUG or not domain_key_missing():
        return []
    return [
        Warning(
            "CHATKIT_DOMAIN_KEY is not set, so ChatKit.js will not load on your domain.",
            hint="Register the domain with OpenAI and set CHATKIT_DOMAIN_KEY, or set CHATKIT_CLIENT=open.",
            id="chatkit.W001",
        )
    ]


def log_startup_problems() -> None:
    """ASGI servers (daphne) do not run system checks, so say it in the log as the app starts."""
    for problem in check_domain_key(None):
        logger.warning("%s (%s) %s", problem.msg, problem.id, problem.hint)
