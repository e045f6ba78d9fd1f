"""The generated-image demo on the OpenAI path, with the OpenAI API stubbed (we cannot reach it).

The stub is a local HTTP server speaking the Responses API's streaming format; everything above
it is real: the openai client parsing SSE, the Agents SDK's OpenAIResponsesModel, the hosted
ImageGenerationTool in the request, chatkit's stream conversion and our attachment storage.
"""
from __future__ import annotations

import asyncio
import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from agents import set_tracing_disabled

from agents_app.offline.events import ResponseWriter
from agents_app.offline.pictures import picture_base64
from attachments.models import Attachment
from tests.chatkit_client import assistant_text, created_thread_id, user_input

pytestmark = pytest.mark.django_db(transaction=True)
PICTURE = picture_base64("a stubbed OpenAI picture")


async def _image_response_events(with_image: bool) -> list[dict[str, Any]]:
    """A Responses stream: an image generation call (with one partial image), then a message."""
    writer = ResponseWriter(model="gpt-stub", pace=0)
    events = [writer.start()]
    if with_image:
        async for event in writer.image_generation(PICTURE):
            events.append(event)
            if event.type == "response.output_item.added":  # what the hosted tool sends while drawing
                events.append({"type": "response.image_generation_call.partial_image", "item_id": event.item.id,
                               "output_index": 0, "partial_image_b64": PICTURE, "partial_image_index": 0,
                               "sequence_number": 90})
    async for event in writer.message(iter(["Here is your ", "picture." if with_image else "Stub title"])):
        events.append(event)
    events.append(writer.complete())
    return [e if isinstance(e, dict) else e.model_dump(mode="json") for e in events]


class ResponsesStub(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body})
        wants_image = any(tool.get("type") == "image_generation" for tool in body.get("tools") or [])
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for event in asyncio.run(_image_response_events(wants_image)):
            self.wfile.write(f"event: {event['type']}\ndata: {json.dumps(event)}\n\n".encode())
            self.wfile.flush()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def openai_stub(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> Iterator[type[ResponsesStub]]:
    ResponsesStub.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), ResponsesStub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # The Agents SDK builds its OpenAI client from the environment on each run.
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}/v1")
    settings.OPENAI_API_KEY, settings.MEDIA_ROOT = "sk-test", tmp_path / "media"
    set_tracing_disabled(True)  # traces would go to the real OpenAI
    yield ResponsesStub
    server.shutdown()
    server.server_close()


async def test_on_openai_the_image_tool_is_offered_and_its_image_stored_with_the_api_stubbed(alice, alice_client, openai_stub):
    events = await alice_client.stream("threads.create", input=user_input("Draw me a picture of a harbour"))
    first = openai_stub.requests[0]
    assert first["path"] == "/v1/responses"
    [tool] = [t for t in first["body"]["tools"] if t["type"] == "image_generation"]
    assert tool["quality"] == "low" and tool["partial_images"] == 1
    updated = [e for e in events if e["type"] == "thread.item.updated" and e["update"]["type"] == "generated_image.updated"]
    assert updated and updated[0]["update"]["image"]["url"].startswith("data:image/png;base64,")  # a partial: not kept
    [item] = [e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "generated_image"]
    assert "/api/attachments/" in item["image"]["url"]
    attachment = await Attachment.objects.aget(owner=alice, mime_type="image/png")
    assert attachment.thread_id == created_thread_id(events)
    assert attachment.file.read() == base64.b64decode(PICTURE)
    assert "Here is your picture." in assistant_text(events)
