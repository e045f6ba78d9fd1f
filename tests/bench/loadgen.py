"""Load generator: N concurrent users, each creating a thread and sending follow-ups over SSE.

Runs as its own process (so its CPU is not the server's) and prints one JSON object:
per-turn time to first event, full-turn latency, event counts and errors.

    python -m tests.bench.loadgen --base http://127.0.0.1:8000 --path /api/chatkit \
        --users 50 --followups 3 --login bench:password
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from yarl import URL


def message(text: str) -> dict[str, Any]:
    return {"content": [{"type": "input_text", "text": text}], "attachments": [], "inference_options": {}}


@dataclass
class Results:
    ttfe: list[float] = field(default_factory=list)
    latency: list[float] = field(default_factory=list)
    events: int = 0
    turns: int = 0
    errors: list[str] = field(default_factory=list)


def new_session(*, total_timeout: float) -> aiohttp.ClientSession:
    # unsafe=True: aiohttp otherwise drops cookies set by an IP-address host such as 127.0.0.1.
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0),
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        timeout=aiohttp.ClientTimeout(total=total_timeout),
    )


async def login(session: aiohttp.ClientSession, base: str, username: str, password: str) -> dict[str, str]:
    """Django session login; returns the headers every ChatKit request needs (CSRF)."""
    async with session.get(f"{base}/login/") as response:
        await response.read()
    token = session.cookie_jar.filter_cookies(URL(base))["csrftoken"].value
    form = {"username": username, "password": password, "csrfmiddlewaretoken": token}
    async with session.post(f"{base}/login/", data=form, headers={"Referer": f"{base}/login/"}, allow_redirects=False) as response:
        await response.read()
        if response.status != 302:
            raise RuntimeError(f"login failed for {username}: {response.status}")
    return {"X-CSRFToken": session.cookie_jar.filter_cookies(URL(base))["csrftoken"].value}


async def user_headers(session: aiohttp.ClientSession, args: argparse.Namespace, index: int) -> dict[str, str]:
    if not args.login:
        return {}
    username, password = args.login.split(":", 1)
    return await login(session, args.base, f"{username}{index + args.offset}", password)


async def turn(session: aiohttp.ClientSession, url: str, headers: dict[str, str], body: dict[str, Any], results: Results) -> str | None:
    """One streamed turn; returns the thread id announced by `thread.created`, if any."""
    started = time.perf_counter()
    first_event_at: float | None = None
    buffer, events, thread_id = b"", 0, None
    async with session.post(url, json=body, headers=headers) as response:
        if response.status != 200:
            results.errors.append(f"HTTP {response.status}: {(await response.text())[:200]}")
            return None
        async for chunk in response.content.iter_any():
            buffer += chunk
            complete = buffer.count(b"\n\n")
            if not complete:
                continue
            if first_event_at is None:
                first_event_at = time.perf_counter()
                first = json.loads(buffer.split(b"\n\n", 1)[0][len(b"data: "):])
                thread_id = first.get("thread", {}).get("id")
            if b'"type":"error"' in buffer:
                results.errors.append("error event in stream")
            events += complete
            buffer = buffer[buffer.rfind(b"\n\n") + 2 :]
    results.ttfe.append((first_event_at or time.perf_counter()) - started)
    results.latency.append(time.perf_counter() - started)
    results.events += events
    results.turns += 1
    return thread_id


async def user_turns(session: aiohttp.ClientSession, headers: dict[str, str], args: argparse.Namespace, results: Results) -> None:
    url = args.base + args.path
    try:
        thread_id = await turn(session, url, headers, {"type": "threads.create", "params": {"input": message("Hello")}}, results)
        for n in range(args.followups if thread_id else 0):
            body = {"type": "threads.add_user_message", "params": {"thread_id": thread_id, "input": message(f"More {n}")}}
            await turn(session, url, headers, body, results)
    except Exception as exc:  # a benchmark reports failures; it does not stop at the first
        results.errors.append(f"{type(exc).__name__}: {exc}"[:200])


async def wait_for_go() -> None:
    """Tell the parent every user is logged in, then wait for its go (it samples server CPU)."""
    print("READY", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


async def hold_streams(args: argparse.Namespace) -> dict[str, Any]:
    """Open `--hold` streams at once against a slow responder and keep them, idle, until told to stop."""
    async with new_session(total_timeout=600) as session:
        headers = await user_headers(session, args, 0)
        opened, errors = 0, []
        responses = []

        async def open_one() -> None:
            nonlocal opened
            try:
                response = await session.post(args.base + args.path, json={"type": "threads.create", "params": {"input": message("hold")}}, headers=headers)
                if response.status != 200:
                    errors.append(f"HTTP {response.status}")
                    return
                # Idle means waiting on the model: the assistant message has been added and its
                # words are slow to come. Counting a stream at its first event measured servers
                # still carrying hundreds of requests on their way there.
                while True:
                    event = json.loads((await response.content.readuntil(b"\n\n"))[len(b"data: "):])
                    if event["type"] == "thread.item.added":
                        break
                responses.append(response)
                opened += 1
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}"[:200])

        await asyncio.gather(*(open_one() for _ in range(args.hold)))
        print(json.dumps({"opened": opened, "errors": errors[:5], "error_count": len(errors)}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, input)  # parent says when to let go
        for response in responses:
            response.close()
        return {}


async def main_async(args: argparse.Namespace) -> None:
    if args.hold:
        await hold_streams(args)
        return
    results = Results()
    sessions = [new_session(total_timeout=300) for _ in range(args.users)]
    try:
        # Log in first: password hashing is login cost, not chat cost, so it stays out of the window.
        # A few at a time: 50 simultaneous password checks on two cores outlast the DB pool's
        # 10 s checkout timeout and the login view answers 500 (seen on PostgreSQL).
        gate = asyncio.Semaphore(8)

        async def log_in(session: aiohttp.ClientSession, n: int) -> dict[str, str]:
            async with gate:
                return await user_headers(session, args, n)

        headers = await asyncio.gather(*(log_in(session, n) for n, session in enumerate(sessions)))
        await wait_for_go()
        started = time.perf_counter()
        await asyncio.gather(*(user_turns(s, h, args, results) for s, h in zip(sessions, headers, strict=True)))
        wall = time.perf_counter() - started
    finally:
        await asyncio.gather(*(session.close() for session in sessions))
    print(json.dumps({
        "wall": wall, "turns": results.turns, "events": results.events, "ttfe": results.ttfe,
        "latency": results.latency, "errors": results.errors[:10], "error_count": len(results.errors),
    }))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--path", default="/api/chatkit")
    parser.add_argument("--users", type=int, default=1)
    parser.add_argument("--offset", type=int, default=0, help="first user index (bench<offset>)")
    parser.add_argument("--followups", type=int, default=3)
    parser.add_argument("--login", default="", help="username-prefix:password; empty for no auth")
    parser.add_argument("--hold", type=int, default=0, help="open this many idle streams instead")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
