"""Production static files: collectstatic with the manifest storage, served by daphne + whitenoise."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.processes import daphne_server, login, manage

pytestmark = pytest.mark.integration

HASHED = r"/static/{name}\.[0-9a-f]{{12}}\.{ext}"


def page_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script id="chat-page-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the chat page carries no page data"
    return json.loads(match.group(1))


def test_it_serves_the_open_client_under_its_hashed_name_after_collectstatic(live_app: Any, tmp_path: Path) -> None:
    static_root = tmp_path / "staticfiles"
    production = {
        "STATIC_MANIFEST": "1",
        "STATIC_ROOT": str(static_root),
        # Production serves only what collectstatic wrote, never the source folders.
        "WHITENOISE_USE_FINDERS": "0",
        "CHATKIT_CLIENT": "open",
    }
    manage("collectstatic", "--noinput", env=live_app.app_env.env(**production))
    assert (static_root / "staticfiles.json").exists()

    with daphne_server(live_app.app_env, **production) as server:
        client = login(server.url, "alice", live_app.password)
        html = client.get("/").text
        open_client_url = page_data(html)["openClientUrl"]
        assert re.fullmatch(HASHED.format(name="openclient/chatkit-open", ext="js"), open_client_url)
        assert re.search(HASHED.format(name="chat/page", ext="js"), html)
        assert re.search(HASHED.format(name="css/site", ext="css"), html)

        hashed = client.get(open_client_url)
        assert hashed.status_code == 200
        assert hashed.headers["content-type"].split(";")[0] in {"text/javascript", "application/javascript"}
        assert "customElements.define" in hashed.text
        assert "immutable" in hashed.headers["cache-control"]  # safe to cache forever: the name changes

        # The module's relative imports resolve to the unhashed copies collectstatic keeps.
        sibling = client.get("/static/openclient/conversation.js")
        assert sibling.status_code == 200
        assert client.get("/static/openclient/no-such-module.js").status_code == 404
