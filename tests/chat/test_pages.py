"""The server-rendered pages: login, the chat page's options, docs, and the security header."""
from __future__ import annotations

import json

import pytest
from django.test import AsyncClient, Client

from attachments.models import AttachmentPolicy
from chatkit_site.csp import content_security_policy
from tests.attachments.factories import uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_browser(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def page_data(response) -> dict:
    html = response.content.decode()
    start = html.index('id="chat-page-data"')
    payload = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(payload)


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/"


def test_it_renders_the_login_form(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content and b"csrfmiddlewaretoken" in response.content


def test_it_passes_the_chat_options_as_json_without_inline_script(alice_browser, settings):
    settings.CHATKIT_CLIENT = "open"
    settings.CHATKIT_DOMAIN_KEY = "domain_pk_example"
    response = alice_browser.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    data = page_data(response)
    assert data["client"] == "open" and data["apiUrl"] == "/api/chatkit"
    assert data["domainKey"] == "domain_pk_example"
    assert data["locale"] == "fr"
    assert {p["label"] for p in data["prompts"]} >= {"Sample widget: email draft", "Chain of thought"}
    assert b"Offline model" in response.content
    assert b'<script type="module" src="/static/chat/page.js">' in response.content
    # The colour-scheme boot script, the module and the JSON data block: nothing inline.
    assert response.content.count(b"<script") == 3
    assert all(b"src=" in tag or b'type="application/json"' in tag for tag in _script_tags(response.content))


def _script_tags(html: bytes) -> list[bytes]:
    return [html[start : html.index(b">", start)] for start in _find_all(html, b"<script")]


def _find_all(html: bytes, needle: bytes) -> list[int]:
    found, start = [], html.find(needle)
    while start != -1:
        found.append(start)
        start = html.find(needle, start + 1)
    return found


def test_it_passes_upload_strategy_attachment_limits_and_tools(alice_browser, alice, settings):
    settings.ATTACHMENTS_MAX_FILE_SIZE = 5_000_000
    data = page_data(alice_browser.get("/"))
    assert data["uploadStrategy"] == {"type": "direct", "uploadUrl": "/api/attachments/upload"}
    assert data["attachments"]["enabled"] is True and data["attachments"]["maxSize"] == 5_000_000
    assert data["attachments"]["accept"]["image/png"] == [".png"]
    assert ".md" in data["attachments"]["accept"]["text/markdown"]
    assert {tool["id"] for tool in data["composerTools"]} >= {"search_docs"}
    assert data["openClientUrl"] == "/static/openclient/chatkit-open.js"

    settings.CHATKIT_UPLOAD_STRATEGY = "two_phase"
    AttachmentPolicy.objects.create(user=alice, max_file_size=1234, allowed_types=["application/pdf"])
    data = page_data(alice_browser.get("/"))
    assert data["uploadStrategy"] == {"type": "two_phase"}
    assert data["attachments"]["maxSize"] == 1234 and list(data["attachments"]["accept"]) == ["application/pdf"]

    AttachmentPolicy.objects.filter(user=alice).update(uploads_allowed=False)
    assert page_data(alice_browser.get("/"))["attachments"]["enabled"] is False


def test_it_caps_the_upload_size_by_what_is_left_of_the_quota(alice_browser, alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    uploaded(alice, "notes.txt", b"x" * 600, "text/plain")
    AttachmentPolicy.objects.create(user=alice, max_file_size=1000, quota_bytes=1000)
    assert page_data(alice_browser.get("/"))["attachments"]["maxSize"] == 400
    uploaded(alice, "more.txt", b"y" * 400, "text/plain")
    data = page_data(alice_browser.get("/"))
    assert data["attachments"]["enabled"] is False and data["attachments"]["maxSize"] == 0


def test_it_logs_out_with_a_notice_on_the_login_page(alice_browser):
    response = alice_browser.post("/logout/", follow=True)
    assert response.redirect_chain == [("/login/", 302)]
    assert b"You are logged out" in response.content
    assert alice_browser.get("/").status_code == 302


def test_it_serves_docs_pages_and_404s_unknown_ones(alice_browser):
    index = alice_browser.get("/docs/")
    assert index.status_code == 200 and b"/docs/widgets" in index.content
    page = alice_browser.get("/docs/widgets")
    assert page.status_code == 200 and b"<h2" in page.content and b"Back to the chat" in page.content
    assert alice_browser.get("/docs/no-such-page").status_code == 404


def test_it_sends_a_csp_that_allows_only_what_the_client_needs(alice_browser, settings):
    header = alice_browser.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in header and "frame-ancestors 'none'" in header
    settings.CHATKIT_CLIENT = "open"
    assert "cdn.platform.openai.com" not in content_security_policy()
    assert "frame-src 'none'" in content_security_policy() and "connect-src 'self';" in content_security_policy()
    settings.CHATKIT_CLIENT = "official"
    policy = content_security_policy()
    assert "script-src 'self' https://cdn.platform.openai.com;" in policy
    assert "frame-src https://cdn.platform.openai.com;" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    settings.CSP_EXTRA_CONNECT_SRC, settings.CSP_EXTRA_FRAME_SRC = ["wss://chat.example.com"], ["https://frames.example"]
    policy = content_security_policy()
    assert "connect-src 'self' https://cdn.platform.openai.com wss://chat.example.com;" in policy
    assert "frame-src https://cdn.platform.openai.com https://frames.example;" in policy


def test_it_warns_at_startup_when_production_lacks_a_domain_key(settings):
    from chatkit_site.checks import check_domain_key

    settings.DEBUG, settings.CHATKIT_CLIENT, settings.ALLOWED_HOSTS = False, "official", ["chat.example.com"]
    settings.CHATKIT_DOMAIN_KEY = "domain_pk_localhost_dev"
    assert [w.id for w in check_domain_key(None)] == ["chatkit.W001"]
    settings.CHATKIT_DOMAIN_KEY = "domain_pk_registered"
    assert check_domain_key(None) == []
    settings.CHATKIT_DOMAIN_KEY, settings.CHATKIT_CLIENT = "", "open"
    assert check_domain_key(None) == []
    settings.DEBUG, settings.CHATKIT_CLIENT = True, "official"  # developers on DEBUG are not nagged
    assert check_domain_key(None) == []


def test_it_logs_a_missing_domain_key_when_the_asgi_app_starts(settings, caplog):
    from chatkit_site.checks import log_startup_problems

    settings.DEBUG, settings.CHATKIT_CLIENT, settings.ALLOWED_HOSTS = False, "auto", ["chat.example.com"]
    settings.CHATKIT_DOMAIN_KEY = ""
    log_startup_problems()
    assert "CHATKIT_DOMAIN_KEY is not set" in caplog.text and "chatkit.W001" in caplog.text


def test_it_tells_the_page_when_the_domain_key_is_missing(alice_browser, settings):
    settings.CHATKIT_CLIENT, settings.CHATKIT_DOMAIN_KEY = "official", "domain_pk_localhost_dev"
    settings.ALLOWED_HOSTS = ["chat.example.com", "testserver"]
    assert page_data(alice_browser.get("/", HTTP_HOST="chat.example.com"))["domainKeyMissing"] is True
    assert page_data(alice_browser.get("/"))["domainKeyMissing"] is False


def _meta_csrf_token(html: str) -> str:
    marker = '<meta name="csrf-token" content="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.mark.django_db(transaction=True)  # the API is async: its queries run outside the test's transaction
@pytest.mark.parametrize("setting", ["CSRF_USE_SESSIONS", "CSRF_COOKIE_HTTPONLY"])
async def test_the_chat_page_carries_a_csrf_token_the_api_accepts_when_no_cookie_is_readable(alice, settings, setting):
    # Django's docs: with either setting, JavaScript must read the token from the DOM, not a cookie.
    setattr(settings, setting, True)
    browser = AsyncClient(enforce_csrf_checks=True)
    await browser.aforce_login(alice)
    token = _meta_csrf_token((await browser.get("/")).content.decode())
    body = json.dumps({"type": "threads.list", "params": {"limit": 5}})
    refused = await browser.post("/api/chatkit", body, content_type="application/json")
    accepted = await browser.post("/api/chatkit", body, content_type="application/json", headers={"X-CSRFToken": token})
    assert refused.status_code == 403
    assert accepted.status_code == 200 and "data" in json.loads(accepted.content)


def test_the_chat_script_reads_the_csrf_token_from_the_page_not_the_cookie():
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "static/chat/api-fetch.js").read_text()
    assert 'meta[name="csrf-token"]' in source and "document.cookie" not in source


def test_every_page_names_a_favicon_that_is_served(alice_browser, client):
    from django.contrib.staticfiles import finders

    for page in (alice_browser.get("/"), client.get("/login/")):
        assert b'<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page.content
    assert finders.find("favicon.svg"), "static/favicon.svg is missing"


def test_the_admin_thread_list_has_text_headers_one_line_titles_and_short_dates(alice):
    from django.utils import timezone

    from tests.factories import UserFactory
    from threads.models import Thread

    Thread.objects.create(id="thr_admin_list", owner=alice, title="A very long title " * 6, created_at=timezone.now())
    staff = UserFactory(username="root", is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(staff)
    html = browser.get("/admin/threads/thread/").content.decode()
    assert ">Good</a>" in html and ">Bad</a>" in html
    assert "👍" not in html and "👎" not in html
    assert '<span class="one-line" title="A very long title' in html
    assert '<link rel="icon" href="/static/favicon.svg"' in html
