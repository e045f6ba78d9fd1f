"""Store scaling on PostgreSQL: page latency must not grow with thread or history size."""
from __future__ import annotations

import statistics
import time

from tests.processes import login

from .stacks import PASSWORD, Stack

SEED = """
import datetime, json
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from threads.models import Thread, ThreadItem
U = get_user_model()
t0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
for n in {sizes!r}:
    user = U.objects.create(username=f"scale{{n}}", password=make_password({password!r}))
    big = Thread.objects.create(id=f"thr_scale_{{n}}", owner=user, created_at=t0, data={{}})
    items = []
    for k in range(n):
        item_id = f"msg_{{n}}_{{k}}"
        data = {{"id": item_id, "thread_id": big.id, "created_at": t0.isoformat(), "type": "user_message",
                "content": [{{"type": "input_text", "text": "hello"}}], "attachments": [], "inference_options": {{}}}}
        items.append(ThreadItem(thread=big, item_id=item_id, type="user_message", created_at=t0, data=data, text="hello"))
    ThreadItem.objects.bulk_create(items, batch_size=5000)
    threads = [Thread(id=f"thr_{{n}}_{{k}}", owner=user, created_at=t0 + datetime.timedelta(seconds=k), data={{}}) for k in range(n - 1)]
    Thread.objects.bulk_create(threads, batch_size=5000)
# Planner statistics, as autovacuum keeps them in a live database. Without them PostgreSQL
# guesses a thread holds a handful of items and sorts all of them instead of using the
# (thread, sequence) index: 0.4 ms at 1k items, 3.7 ms at 10k, measured with EXPLAIN ANALYZE.
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
"""


def seed_code(sizes: list[int]) -> str:
    """Code for `manage shell` creating a scale<n> user with an n-item thread and n threads."""
    return SEED.format(sizes=sizes, password=PASSWORD) if sizes else ""


def _sample_ms(client, body: dict) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    response = client.post("/api/chatkit", json=body)
    assert response.status_code == 200, response.text[:200]
    return (time.perf_counter() - started) * 1000


def measure(stack: Stack, sizes: list[int], *, repeats: int) -> dict[str, dict[str, float]]:
    """Median latency of each page request per size, the sizes' samples taken in turn.

    Interleaved, a slow spell of the machine lands on every size alike; measured one size after
    the other, one spell made the 100k first page read as 2x the 1k one in a full run (25.5 vs
    12.8 ms), where a rerun of the same code gave 0.9-1.4x.
    """
    requests = {n: _page_requests(n) for n in sizes}
    clients = {n: login(stack.base, f"scale{n}", PASSWORD) for n in sizes}
    samples: dict[int, dict[str, list[float]]] = {n: {name: [] for name in requests[n]} for n in sizes}
    try:
        for _ in range(repeats):
            for n in sizes:
                for name, body in requests[n].items():
                    samples[n][name].append(_sample_ms(clients[n], body))
    finally:
        for client in clients.values():
            client.close()
    return {str(n): {name: statistics.median(values) for name, values in samples[n].items()} for n in sizes}


def _page_requests(n: int) -> dict[str, dict]:
    """The first and a deep page of the n-item thread and of the n threads, by figure name."""
    return {
        "items_first_ms": {"type": "items.list", "params": {"thread_id": f"thr_scale_{n}", "limit": 20}},
        "items_deep_ms": {"type": "items.list", "params": {"thread_id": f"thr_scale_{n}", "limit": 20, "after": f"msg_{n}_{int(n * 0.9)}"}},
        "threads_first_ms": {"type": "threads.list", "params": {"limit": 20}},
        "threads_deep_ms": {"type": "threads.list", "params": {"limit": 20, "after": f"thr_{n}_{int(n * 0.1)}"}},
    }
