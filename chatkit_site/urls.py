from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from agents_app import views as docs_views
from threads import views as thread_views

from . import health
from .api import api

urlpatterns = [
    path("", thread_views.chat_page, name="chat"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", thread_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls),
    path("docs/", docs_views.docs_index, name="docs_index"),
    path("docs/<slug:slug>", docs_views.docs_detail, name="docs_page"),
    path("healthz", health.ready, name="healthz"),
    path("healthz/live", health.live, name="healthz_live"),
    path("healthz/ready", health.ready, name="healthz_ready"),
    path("admin/", admin.site.urls),
]

# Whatever fails outside a view (a session saved on the way out while the database is down)
# still answers JSON for the API and 503 for an outage (chatkit_site/errors.py).
handler500 = "chatkit_site.errors.server_error"
