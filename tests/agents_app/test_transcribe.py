"""`input.transcribe` (dictation) through the real endpoint.

With an OpenAI-compatible provider the recording goes over real HTTP to a local stub of the
transcription API (`POST /v1/audio/transcriptions`, multipart), standing in for OpenAI's,
which these machines cannot reach. Offline, the answer is a clear 501 and the page leaves
dictation off.
"""
from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.chatkit_client import ChatKitClient

pytestmark = pytest.mark.django_db(transaction=True)

AUDIO = b"\x1aE\xdf\xa3 not really opus, the stub only counts bytes"


@dataclass
class StubTranscriptionAPI:
    """Answers like OpenAI's transcription endpoint and records what it was sent."""

    url: str = ""
    answer_status: int = 200
    received: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def transcription_stub(settings) -> Iterator[StubTranscriptionAPI]:
    stub = StubTranscriptionAPI()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body
            )
            parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
            audio = parts["file"]
            stub.received.append({
                "path": self.path, "authorization": self.headers.get("Authorization"),
                "model": parts["model"].get_content().strip(), "filename": audio.get_filename(),
                "content_type": audio.get_content_type(), "bytes": audio.get_payload(decode=True),
            })
            reply = {"text": f"  heard {len(stub.received[-1]['bytes'])} bytes  "} if stub.answer_status == 200 else {
                "error": {"message": "stub refuses", "type": "server_error"}}
            payload = json.dumps(reply).encode()
            self.send_response(stub.answer_status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = stub.url
    settings.CHATKIT_TRANSCRIBE_MODEL = "whisper-stub"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()


async def transcribe(client: ChatKitClient, mime_type: str, audio: bytes = AUDIO) -> tuple[int, Any]:
    return await client.request("input.transcribe", audio_base64=base64.b64encode(audio).decode(), mime_type=mime_type)


@pytest.mark.parametrize(("mime_type", "file_name"), [
    ("audio/webm;codecs=opus", "dictation.webm"),
    ("audio/ogg;codecs=opus", "dictation.ogg"),
    ("audio/mp4", "dictation.mp4"),
    ("audio/wav", "dictation.wav"),
])
async def test_a_stubbed_compatible_provider_turns_the_recording_into_text(alice_client, transcription_stub, mime_type, file_name):
    status, body = await transcribe(alice_client, mime_type)
    assert status == 200, body
    assert body == {"text": f"heard {len(AUDIO)} bytes"}
    (sent,) = transcription_stub.received
    assert sent["path"] == "/v1/audio/transcriptions"
    assert sent["model"] == "whisper-stub"
    assert sent["filename"] == file_name  # the provider tells formats apart by the name
    assert sent["content_type"] == mime_type.split(";")[0]
    assert sent["bytes"] == AUDIO


async def test_the_page_enables_dictation_only_with_a_provider(alice_client, transcription_stub, settings):
    async def page_dictation() -> bool:
        html = (await alice_client.http.get("/")).content.decode()
        start = html.index('id="chat-page-data" type="application/json">') + len('id="chat-page-data" type="application/json">')
        return json.loads(html[start:html.index("</script>", start)])["dictation"]

    assert await page_dictation() is True
    settings.OPENAI_BASE_URL = ""
    assert await page_dictation() is False


async def test_audio_it_cannot_send_or_too_much_of_it_is_refused_before_the_provider(alice_client, transcription_stub, settings):
    status, body = await transcribe(alice_client, "audio/flac")
    assert status == 415 and "audio/flac" in body["error"] and "webm" in body["error"]
    settings.CHATKIT_MAX_AUDIO_BYTES = 10
    status, body = await transcribe(alice_client, "audio/webm")
    assert status == 413 and "limit is 10" in body["error"]
    status, body = await alice_client.request("input.transcribe", audio_base64="not base64!", mime_type="audio/webm")
    assert status == 400
    assert transcription_stub.received == []


async def test_a_provider_failure_is_a_503_not_a_500(alice_client, transcription_stub):
    transcription_stub.answer_status = 500
    status, body = await transcribe(alice_client, "audio/webm")
    assert status == 503 and "type instead" in body["error"]


async def test_a_recording_bigger_than_other_requests_may_be_is_accepted(alice_client, transcription_stub, settings):
    settings.CHATKIT_MAX_REQUEST_BYTES = 1000
    status, body = await transcribe(alice_client, "audio/webm", b"x" * 3000)
    assert status == 200 and body["text"] == "heard 3000 bytes"
    status, body = await alice_client.request("threads.list", limit=20, order="desc", padding="y" * 2000)
    assert status == 413


async def test_offline_it_answers_a_clear_501(alice_client, settings):
    settings.OPENAI_API_KEY = settings.OPENAI_BASE_URL = ""
    status, body = await transcribe(alice_client, "audio/webm")
    assert status == 501
    assert "offline model cannot transcribe" in body["error"] and "OPENAI_BASE_URL" in body["error"]
