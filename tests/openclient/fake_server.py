"""A fake ChatKit backend for developing and testing the open client in isolation.

Stdlib only. It serves the repo's ``static/`` directory, ``harness.html``, and answers
``POST /api/chatkit`` with canned streams chosen by keywords in the user's message
(``widget``, ``workflow``, ``tool``, ``lock``, ``error``, ``notice``, ``unknown``,
``image``, ``slow``; anything else gets a cited Markdown answer). It is NOT the real
server: the Django app's own tests exercise that.

Run it by hand with ``python tests/openclient/fake_server.py`` and open the printed URL.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

try:
    from .fake_scenarios import (
        action_events,
        assistant_message_events,
        counter_root,
        respond_events,
    )
except ImportError:  # imported as a top-level module or run as a script
    from fake_scenarios import action_events, assistant_message_events, counter_root, respond_events

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
STATIC = REPO / "static"

Event = dict[str, Any]


def now() -> str:
    return datetime.now(UTC).isoformat()


class FakeStore:
    """Threads, items and a log of every request, shared by all handler threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.threads: dict[str, dict[str, Any]] = {}
        self.items: dict[str, list[dict[str, Any]]] = {}
        self.attachments: dict[str, dict[str, Any]] = {}
        self.requests: list[dict[str, Any]] = []
        self.counter = 0

    def next_id(self, prefix: str) -> str:
        with self.lock:
            self.counter += 1
            return f"{prefix}_{self.counter:04d}"

    def thread_json(self, thread_id: str, with_items: bool = False) -> dict[str, Any]:
        thread = dict(self.threads[thread_id])
        data = self.items[thread_id] if with_items else []
        thread["items"] = {"data": data, "has_more": False}
        return thread

    def save_item(self, thread_id: str, item: dict[str, Any]) -> None:
        items = self.items[thread_id]
        for index, existing in enumerate(items):
            if existing["id"] == item["id"]:
                items[index] = item
                return
        items.append(item)


STORE = FakeStore()


class Handler(SimpleHTTPRequestHandler):
    server_version = "FakeChatKit/1.0"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(REPO), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path in ("/", "/harness.html") or self.path.startswith("/harness.html?"):
            self.path = "/tests/openclient/harness.html"
        elif self.path == "/_test/requests":
            return self.send_json(STORE.requests)
        elif not self.path.startswith(("/static/", "/tests/openclient/")):
            return self.send_error(404)
        super().do_GET()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.path == "/api/chatkit":
            return self.handle_chatkit(json.loads(body))
        if self.path == "/upload" or self.path.startswith("/upload/"):
            return self.handle_upload(body)
        self.send_error(404)

    do_PUT = do_POST

    # ---- uploads ----

    def handle_upload(self, body: bytes) -> None:
        name, mime, data = parse_multipart(self.headers.get("Content-Type", ""), body)
        STORE.requests.append({"type": "upload", "path": self.path, "name": name, "size": len(data)})
        if name is None:
            return self.send_json({"error": "No file in the upload."}, status=400)
        if b"REJECT" in data:
            return self.send_json({"detail": "This file was refused by policy."}, status=403)
        attachment_id = self.path.rsplit("/", 1)[-1] if self.path.startswith("/upload/") else STORE.next_id("atc")
        attachment = {"id": attachment_id, "name": name, "mime_type": mime, "type": "file"}
        if mime.startswith("image/"):
            preview = base64.b64encode(data).decode()
            attachment.update(type="image", preview_url=f"data:{mime};base64,{preview}")
        STORE.attachments[attachment_id] = attachment
        self.send_json(attachment)

    # ---- ChatKit protocol ----

    def handle_chatkit(self, request: dict[str, Any]) -> None:
        STORE.requests.append(request)
        kind, params = request["type"], request.get("params", {})
        handler = getattr(self, "op_" + kind.replace(".", "_"), None)
        if handler is None:
            return self.send_json({"error": f"Unsupported request {kind}"}, status=400)
        result = handler(params)
        if isinstance(result, Iterator):
            self.send_stream(result)
        else:
            self.send_json(result)

    def op_threads_list(self, params: dict[str, Any]) -> dict[str, Any]:
        threads = sorted(STORE.threads.values(), key=lambda t: t["created_at"], reverse=True)
        return {"data": [STORE.thread_json(t["id"]) for t in threads], "has_more": False}

    def op_threads_get_by_id(self, params: dict[str, Any]) -> dict[str, Any]:
        return STORE.thread_json(params["thread_id"], with_items=True)

    def op_items_list(self, params: dict[str, Any]) -> dict[str, Any]:
        items = list(STORE.items.get(params["thread_id"], []))
        if params.get("order", "desc") == "desc":
            items.reverse()
        if params.get("after"):
            ids = [i["id"] for i in items]
            items = items[ids.index(params["after"]) + 1 :]
        limit = params.get("limit") or 20
        page = items[:limit]
        return {"data": page, "has_more": len(items) > limit, "after": page[-1]["id"] if page else None}

    def op_threads_update(self, params: dict[str, Any]) -> dict[str, Any]:
        STORE.threads[params["thread_id"]]["title"] = params["title"]
        return STORE.thread_json(params["thread_id"])

    def op_threads_delete(self, params: dict[str, Any]) -> dict[str, Any]:
        STORE.threads.pop(params["thread_id"], None)
        STORE.items.pop(params["thread_id"], None)
        return {}

    def op_items_feedback(self, params: dict[str, Any]) -> dict[str, Any]:
        # Stored on the thread's metadata, where the open client reads it back after a reload.
        feedback = STORE.threads[params["thread_id"]].setdefault("metadata", {}).setdefault("feedback", {})
        for item_id in params["item_ids"]:
            feedback[item_id] = params["kind"]
        return {}

    def op_threads_sync_custom_action(self, params: dict[str, Any]) -> dict[str, Any]:
        """A non-streaming action: answers with the one updated item."""
        time.sleep(0.3)  # long enough for a test to see the busy state
        items = STORE.items[params["thread_id"]]
        widget = next(i for i in items if i["id"] == params["item_id"])
        count = int((params["action"].get("payload") or {}).get("count", 0)) + 1
        widget["widget"] = counter_root(count)
        return {"updated_item": widget}

    def op_input_transcribe(self, params: dict[str, Any]) -> dict[str, Any]:
        audio = base64.b64decode(params["audio_base64"])
        return {"text": f"dictated {len(audio) > 0 and params['mime_type'].startswith('audio/')}"}

    def op_attachments_create(self, params: dict[str, Any]) -> dict[str, Any]:
        attachment_id = STORE.next_id("atc")
        host = self.headers.get("Host")
        return {
            "id": attachment_id, "name": params["name"], "mime_type": params["mime_type"], "type": "file",
            "upload_descriptor": {"url": f"http://{host}/upload/{attachment_id}", "method": "PUT", "headers": {}},
        }

    def op_attachments_delete(self, params: dict[str, Any]) -> dict[str, Any]:
        STORE.attachments.pop(params["attachment_id"], None)
        return {}

    def op_threads_create(self, params: dict[str, Any]) -> Iterator[Event]:
        thread_id = STORE.next_id("thr")
        STORE.threads[thread_id] = {"id": thread_id, "title": None, "created_at": now(), "status": {"type": "active"}}
        STORE.items[thread_id] = []
        yield {"type": "thread.created", "thread": STORE.thread_json(thread_id)}
        yield from self.user_turn(thread_id, params["input"])

    def op_threads_add_user_message(self, params: dict[str, Any]) -> Iterator[Event]:
        yield from self.user_turn(params["thread_id"], params["input"])

    def user_turn(self, thread_id: str, user_input: dict[str, Any]) -> Iterator[Event]:
        status = STORE.threads[thread_id]["status"]
        if status["type"] != "active":
            yield {"type": "error", "code": "custom", "message": "This thread is locked.", "allow_retry": False}
            return
        item = {
            "type": "user_message", "id": STORE.next_id("msg"), "thread_id": thread_id, "created_at": now(),
            "content": user_input["content"], "inference_options": user_input.get("inference_options", {}),
            "attachments": [STORE.attachments[a] for a in user_input.get("attachments", []) if a in STORE.attachments],
        }
        if user_input.get("quoted_text"):
            item["quoted_text"] = user_input["quoted_text"]
        yield from self.persist(thread_id, [{"type": "thread.item.done", "item": item}])
        yield from self.persist(thread_id, respond_events(STORE, thread_id, item))

    def op_threads_retry_after_item(self, params: dict[str, Any]) -> Iterator[Event]:
        thread_id = params["thread_id"]
        items = STORE.items[thread_id]
        index = next(i for i, it in enumerate(items) if it["id"] == params["item_id"])
        del items[index + 1 :]
        yield from self.persist(thread_id, respond_events(STORE, thread_id, items[index]))

    def op_threads_add_client_tool_output(self, params: dict[str, Any]) -> Iterator[Event]:
        thread_id = params["thread_id"]
        call = next(i for i in reversed(STORE.items[thread_id]) if i["type"] == "client_tool_call")
        call.update(status="completed", output=params["result"])
        text = f"The client tool returned: `{json.dumps(params['result'], sort_keys=True)}`"
        yield from self.persist(thread_id, assistant_text(thread_id, text))

    def op_threads_custom_action(self, params: dict[str, Any]) -> Iterator[Event]:
        yield from self.persist(params["thread_id"], action_events(STORE, params))

    def op_threads_add_structured_input(self, params: dict[str, Any]) -> Iterator[Event]:
        yield from self.persist(params["thread_id"], assistant_text(params["thread_id"], "Thanks for the answers."))

    def persist(self, thread_id: str, events: Iterator[Event] | list[Event]) -> Iterator[Event]:
        """Mirror the SDK: done/replaced items are saved, removed ones deleted."""
        for event in events:
            if event["type"] in ("thread.item.done", "thread.item.replaced"):
                STORE.save_item(thread_id, event["item"])
            elif event["type"] == "thread.item.removed":
                STORE.items[thread_id] = [i for i in STORE.items[thread_id] if i["id"] != event["item_id"]]
            elif event["type"] == "thread.updated":
                STORE.threads[thread_id].update({k: v for k, v in event["thread"].items() if k != "items"})
            yield event

    # ---- responses ----

    def send_json(self, payload: Any, status: int = 200) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_stream(self, events: Iterator[Event]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for event in events:
                delay = event.pop("_delay", 0.01)
                if delay:
                    time.sleep(delay)
                self.wfile.write(b"data: " + json.dumps(event).encode() + b"\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client pressed stop
        self.close_connection = True


def assistant_text(thread_id: str, text: str) -> list[Event]:
    return assistant_message_events(STORE, thread_id, text)


def parse_multipart(content_type: str, body: bytes) -> tuple[str | None, str, bytes]:
    """Just enough multipart parsing for one `file` field (cgi is gone from 3.13)."""
    if "boundary=" not in content_type:
        return None, "", b""
    boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
    for part in body.split(b"--" + boundary):
        head, _, data = part.partition(b"\r\n\r\n")
        if b'name="file"' not in head:
            continue
        headers = head.decode("utf-8", "replace")
        name = headers.split('filename="', 1)[1].split('"', 1)[0] if 'filename="' in headers else "file"
        mime = "application/octet-stream"
        for line in headers.splitlines():
            if line.lower().startswith("content-type:"):
                mime = line.split(":", 1)[1].strip()
        return name, mime, data.removesuffix(b"\r\n")
    return None, "", b""


def start(port: int = 0) -> ThreadingHTTPServer:
    """Start on 127.0.0.1 (random port by default) in a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    srv = start()
    print(f"Fake ChatKit server: http://127.0.0.1:{srv.server_address[1]}/harness.html", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        srv.shutdown()
