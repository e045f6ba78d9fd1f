"""What each way of surviving a dead pooled connection costs a database call on PostgreSQL.

    python -m tests.bench.connection_check [--calls 3000]

Serves `run_db` calls of one small ORM read, interleaved in rounds, with the pool's documented
check on checkout (`pool_check=1`: a round trip per call) and without it (the default: a call
whose connection had died is run once more, `chatkit_site.db`). Prints microseconds per call.
Each variant runs in its own process, because settings are read once at startup.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from tests.processes import PYTHON, ROOT, postgres_database

CHILD = """
import asyncio, json, os, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from chatkit_site.db import run_db
from threads import selectors
call_command("migrate", interactive=False, verbosity=0)
user, _ = get_user_model().objects.get_or_create(username="bench-check")
calls = int(sys.argv[1])

async def main():
    for _ in range(200):  # warm every database thread's connection
        await run_db(selectors.threads_page, user=user, after=None, limit=1, order="desc")
    started = time.perf_counter()
    for _ in range(calls):
        await run_db(selectors.threads_page, user=user, after=None, limit=1, order="desc")
    return (time.perf_counter() - started) / calls * 1e6

print(json.dumps(asyncio.run(main())))
"""


def measure(url: str, calls: int) -> float:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "chatkit_site.settings", "LOG_LEVEL": "WARNING"}
    out = subprocess.run([PYTHON, "-c", CHILD, str(calls)], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"retry after a dead connection (default)": [], "pool check on checkout": []}
    with postgres_database() as url:
        for number in range(args.rounds):
            for name, suffix in (("retry after a dead connection (default)", ""), ("pool check on checkout", "?pool_check=1")):
                results[name].append(measure(url + suffix, args.calls))
                print(f"round {number + 1}: {name}: {results[name][-1]:.0f} us per call", file=sys.stderr, flush=True)
    best = {name: min(values) for name, values in results.items()}
    for name, value in best.items():
        print(f"{name:42} {value:7.0f} us per call (best of {args.rounds})")
    print("CHECK_JSON " + json.dumps(best))


if __name__ == "__main__":
    main()
