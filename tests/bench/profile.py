"""Profile our server under load with py-spy (`pip install py-spy`): samples of the GIL holder only,
so the figures track CPU spent in Python rather than waiting; writes a collapsed-stack file.

    python -m tests.bench.profile [--db postgres|sqlite] [--users 20] [--out var/bench-profile.txt]

Prints the hottest frames (self time and inclusive time) so a regression is easy to place.
"""
from __future__ import annotations

import argparse
import collections
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.processes import ROOT

from .run import loadgen, progress
from .stacks import app_env_for, our_stack


def summarize(collapsed: Path, top: int = 25) -> str:
    own: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        n = int(count)
        total += n
        own[frames[-1]] += n
        for frame in set(frames):
            inclusive[frame] += n
    rows = [f"total samples {total}", "-- self --"]
    rows += [f"{n / total:6.1%} {frame}" for frame, n in own.most_common(top)]
    rows += ["-- inclusive --"]
    rows += [f"{n / total:6.1%} {frame}" for frame, n in inclusive.most_common(top * 2)]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="postgres", choices=["postgres", "sqlite"])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--followups", type=int, default=3)
    parser.add_argument("--deltas", type=int, default=200)
    parser.add_argument("--rate", type=int, default=200, help="samples per second")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--gil", action="store_true", help="only samples of the GIL holder (py-spy can misattribute these)")
    parser.add_argument("--threads", action="store_true", help="keep thread ids, to tell the event loop from the database threads")
    parser.add_argument("--out", default=str(ROOT / "var" / "bench-profile.txt"))
    args = parser.parse_args()
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    with tempfile.TemporaryDirectory(prefix="chatkit-profile-") as tmp:
        with app_env_for(args.db, Path(tmp), users=args.users) as app_env, our_stack(app_env, "ours", deltas=args.deltas) as stack:
            loadgen(stack, users=2, followups=1)
            recorder: list[subprocess.Popen[bytes]] = []

            def start() -> None:  # after the logins, so password hashing stays out of the profile
                recorder.append(subprocess.Popen(
                    [spy, "record", "--pid", str(stack.pid), "--format", "raw", "--rate", str(args.rate), *(["--gil"] if args.gil else []),
                     *(["--threads"] if args.threads else []), "--output", args.out,
                     "--nonblocking"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                ))

            progress(f"profiling {args.users} users")
            loadgen(stack, users=args.users, followups=args.followups, on_start=start)
            recorder[0].send_signal(signal.SIGINT)
            recorder[0].wait(timeout=60)
    print(summarize(Path(args.out), top=args.top))


if __name__ == "__main__":
    main()
