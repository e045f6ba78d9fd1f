from __future__ import annotations

from django.apps import AppConfig


class ChatKitSiteConfig(AppConfig):
    name = "chatkit_site"
    verbose_name = "Accounts"
