"""The server-rendered pages: login, the chat page's options, docs, and the security header."""
from __future__ import annotations

import json

import pytest
from django.test import Client

from chatkit_site.csp import content_security_policy

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
    assert response.content.count(b"<script") == 2  # the module and the JSON data block, nothing inline


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
    settings.CHATKIT_CLIENT = "official"
    assert "script-src 'self' https://cdn.platform.openai.com" in content_security_policy()


def test_it_warns_at_startup_when_production_lacks_a_domain_key(settings):
    from chatkit_site.checks import check_domain_key

    settings.DEBUG, settings.CHATKIT_CLIENT, settings.ALLOWED_HOSTS = False, "official", ["chat.example.com"]
    settings.CHATKIT_DOMAIN_KEY = "domain_pk_localhost_dev"
    assert [w.id for w in check_domain_key(None)] == ["chatkit.W001"]
    settings.CHATKIT_DOMAIN_KEY = "domain_pk_registered"
    assert check_domain_key(None) == []
    settings.CHATKIT_DOMAIN_KEY, settings.CHATKIT_CLIENT = "", "open"
    assert check_domain_key(None) == []


def test_it_tells_the_page_when_the_domain_key_is_missing(alice_browser, settings):
    settings.CHATKIT_CLIENT, settings.CHATKIT_DOMAIN_KEY = "official", "domain_pk_localhost_dev"
    settings.ALLOWED_HOSTS = ["chat.example.com", "testserver"]
    assert page_data(alice_browser.get("/", HTTP_HOST="chat.example.com"))["domainKeyMissing"] is True
    assert page_data(alice_browser.get("/"))["domainKeyMissing"] is False
