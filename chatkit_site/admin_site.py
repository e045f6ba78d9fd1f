"""The admin site, branded as part of the product."""
from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class StudioAdminSite(admin.AdminSite):
    site_header = "ChatKit Studio admin"
    site_title = "ChatKit Studio admin"
    index_title = "Moderation and access"


class StudioAdminConfig(AdminConfig):
    default_site = "chatkit_site.admin_site.StudioAdminSite"
