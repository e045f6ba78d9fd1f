"""Provider choice, and the OpenAI-compatible path speaking real HTTP to a local stub server."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from agents_app import providers
from agents_app.offline.model import OfflineModel
from tests.chatkit_client import assistant_text, user_input

STUB_WORDS = ["Hello ", "from ", "the ", "stub."]


class ChatCompletionsStub(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body})
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        base = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": 0, "model": body["model"]}
        chunks = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": w}, "finish_reason": None}]} for w in STUB_WORDS]
        chunks.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        chunks.append({**base, "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9}})
        for chunk in chunks:
            self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def stub_server() -> Iterator[str]:
    ChatCompletionsStub.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), ChatCompletionsStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture
def fresh_client() -> Iterator[None]:
    providers._compatible_client.cache_clear()
    yield
    providers._compatible_client.cache_clear()


def test_it_picks_the_provider_from_settings(settings):
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "", ""
    assert providers.provider_kind() == "offline" and isinstance(providers.model_for("m"), OfflineModel)
    settings.OPENAI_BASE_URL = "http://127.0.0.1:9/v1"
    assert providers.provider_kind() == "compatible"
    settings.OPENAI_API_KEY = "sk-test"
    assert providers.provider_kind() == "openai" and providers.model_for("gpt-x") == "gpt-x"


@pytest.mark.django_db(transaction=True)
async def test_it_speaks_http_to_an_openai_compatible_server_with_the_openai_api_stubbed(
    alice_client, settings, stub_server, fresh_client
):
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.CHATKIT_MODEL = "", stub_server, "local-llama"
    events = await alice_client.stream("threads.create", input=user_input("How do widgets work?"))
    assert assistant_text(events) == "Hello from the stub."
    deltas = [e["update"]["delta"] for e in events if e["type"] == "thread.item.updated"
              and e["update"]["type"] == "assistant_message.content_part.text_delta"]
    assert deltas == STUB_WORDS
    # The guide's turn, then the title agent after the answer: both go to the configured server.
    request, title_request = ChatCompletionsStub.requests
    assert title_request["body"]["model"] == settings.CHATKIT_TITLE_MODEL
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "local-llama" and request["body"]["stream"] is True
    assert request["body"]["messages"][-1] == {"role": "user", "content": [{"type": "text", "text": "How do widgets work?"}]}
    tool_names = {tool["function"]["name"] for tool in request["body"]["tools"]}
    assert {"search_docs", "sample_widget", "switch_theme", "thinking_agent_handoff"} <= tool_names
