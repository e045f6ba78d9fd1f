"""Sources on a real provider: answers cite the docs passages `search_docs` returned.

The provider is an OpenAI-compatible server stubbed on loopback (real HTTP, Chat Completions
streaming): it calls `search_docs` first, then answers in plain text without citations, as
a local LLM would. The answer must still carry the passages as URL sources to `/docs/…`.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from agents_app import providers
from agents_app.knowledge import docs_search
from tests.chatkit_client import created_thread_id, user_input

pytestmark = pytest.mark.django_db(transaction=True)
QUERY = "widget actions"
ANSWER = "Widget actions reach the server's action handler."


class ToolCallingStub(BaseHTTPRequestHandler):
    """Stands in for an OpenAI-compatible server: a search_docs call, then a plain answer."""

    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        tools = {tool["function"]["name"] for tool in body.get("tools", [])}
        answered_tool = any(message.get("role") == "tool" for message in body["messages"])
        base = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": 0, "model": body["model"]}
        if "search_docs" in tools and not answered_tool:
            call = {"index": 0, "id": "call_1", "type": "function",
                    "function": {"name": "search_docs", "arguments": json.dumps({"query": QUERY})}}
            chunks = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "tool_calls": [call]}, "finish_reason": None}]},
                      {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}]
        else:
            text = ANSWER if "search_docs" in tools else "Widget actions"  # the guide, or the title agent
            chunks = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}]},
                      {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
        self.wfile.write(b"data: [DONE]\n\n")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def compatible_provider(settings) -> Iterator[None]:
    ToolCallingStub.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), ToolCallingStub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.OPENAI_API_KEY, settings.CHATKIT_MODEL = "", "local-llama"
    settings.OPENAI_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}/v1"
    providers._compatible_client.cache_clear()
    yield
    providers._compatible_client.cache_clear()
    server.shutdown()
    server.server_close()


async def test_an_uncited_answer_from_a_stubbed_compatible_provider_cites_the_passages(alice_client, compatible_provider):
    events = await alice_client.stream("threads.create", input=user_input("How do widget actions work?"))
    answer = next(e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "assistant_message")
    assert answer["content"][0]["text"] == ANSWER
    expected = [hit.url for hit in docs_search(QUERY, limit=4)]
    sources = [a["source"] for a in answer["content"][0]["annotations"]]
    assert expected and [s["url"] for s in sources] == expected
    assert all(s["type"] == "url" and s["url"].startswith("/docs/") and s["title"] for s in sources)
    # The tool result the model saw is what is cited.
    tool_result = next(m for m in ToolCallingStub.requests[1]["messages"] if m.get("role") == "tool")
    assert [p["url"] for p in json.loads(tool_result["content"])["passages"]] == expected
    # Stored with the answer, so a reload shows them too.
    status, page = await alice_client.request("items.list", thread_id=created_thread_id(events), limit=20)
    stored = next(i for i in page["data"] if i["id"] == answer["id"])
    assert [a["source"]["url"] for a in stored["content"][0]["annotations"]] == expected


async def test_the_offline_models_own_citations_are_left_as_they_are(alice_client):
    events = await alice_client.stream("threads.create", input=user_input("How do widget actions work?"))
    answer = next(e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "assistant_message")
    urls = [a["source"]["url"] for a in answer["content"][0]["annotations"]]
    assert urls and len(urls) == len(set(urls)) and all(url.startswith("/docs/") for url in urls)
