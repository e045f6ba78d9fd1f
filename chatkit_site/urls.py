from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from agents_app import views as docs_views
from threads import views as thread_views

from .api import api
from .health import healthz

urlpatterns = [
    path("", thread_views.chat_page, name="chat"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", thread_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls),
    path("docs/", docs_views.docs_index, name="docs_index"),
    path("docs/<slug:slug>", docs_views.docs_detail, name="docs_page"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
