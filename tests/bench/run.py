"""The benchmark: our app (SQLite and PostgreSQL) against two FastAPI stacks built on the SDK.

    python -m tests.bench.run                      # full run
    python -m tests.bench.run --quick              # a few minutes, same shape
    python -m tests.bench.run --smoke              # seconds; used by the test suite
    python -m tests.bench.run --quick --compare main~1   # this tree against a commit, side by side
    python -m tests.bench.run --quick --asgi daphne,uvicorn,hypercorn   # our PostgreSQL stack under each server

The two others: the SDK's in-memory sample shape (`reference_app`, the ceiling) and a persistent
peer (`peer_app`: the SDK server with a plain PostgreSQL store on psycopg's async pool). Our
stacks run under uvicorn (the production command) unless `--asgi` says otherwise.

Prints a table and one line `BENCH_JSON {...}` with every figure, our/reference ratios and the
targets. Progress goes to stderr.

`--compare REV` serves the committed tree of REV next to this working tree, both on PostgreSQL
(each on its own database, migrated by its own code, run by this virtualenv), with rounds
interleaved, and adds this tree / REV for each figure. Separate runs of the same code differ here
by more than most single changes do, so this is how to judge a change. It leaves out SQLite and
the store-scaling phase.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import psutil

from tests.processes import ASGI_SERVERS, PYTHON, ROOT

from . import scaling
from .stacks import Stack, app_env_for, our_stack, peer_stack, reference_stack

MODES = {
    "smoke": {"users": 2, "followups": 1, "single_turns": 2, "rounds": 1, "hold": 20, "sizes": [], "repeats": 0, "deltas": 50},
    "quick": {"users": 20, "followups": 3, "single_turns": 20, "rounds": 2, "hold": 100, "sizes": [1000, 10000], "repeats": 15, "deltas": 200},
    "full": {"users": 50, "followups": 3, "single_turns": 40, "rounds": 3, "hold": 500, "sizes": [1000, 10000, 100000], "repeats": 30, "deltas": 200},
}


_STARTED = time.monotonic()


def progress(message: str) -> None:
    print(f"[bench {time.monotonic() - _STARTED:5.1f}s] {message}", file=sys.stderr, flush=True)


def loadgen(
    stack: Stack, *, users: int, followups: int, on_start: Callable[[], None] = lambda: None
) -> tuple[dict[str, Any], float]:
    """Run the load generator; returns its figures and the server CPU seconds spent on the turns.

    `on_start` runs once every user is logged in, just before the turns begin (the profiler hooks in).
    """
    command = [PYTHON, "-m", "tests.bench.loadgen", "--base", stack.base, "--path", stack.path,
               "--users", str(users), "--followups", str(followups), "--login", stack.login]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready = process.stdout.readline()  # type: ignore[union-attr]
    if ready.strip() != "READY":
        raise RuntimeError(f"load generator failed before starting: {ready}{process.stderr.read()[-2000:]}")  # type: ignore[union-attr]
    on_start()
    cpu_before = stack.cpu_seconds()
    out, err = process.communicate("go\n", timeout=600)
    cpu = stack.cpu_seconds() - cpu_before
    if process.returncode != 0:
        raise RuntimeError(err[-2000:])
    return json.loads(out), cpu


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def load_phase(stack: Stack, *, users: int, followups: int) -> dict[str, Any]:
    run, cpu = loadgen(stack, users=users, followups=followups)
    return {
        "users": users,
        "turns_per_s": run["turns"] / run["wall"],
        "events_per_s": run["events"] / run["wall"],
        "ttfe_p50_ms": percentile(run["ttfe"], 0.5) * 1000,
        "ttfe_p99_ms": percentile(run["ttfe"], 0.99) * 1000,
        "turn_p50_ms": percentile(run["latency"], 0.5) * 1000,
        "turn_p99_ms": percentile(run["latency"], 0.99) * 1000,
        "cpu_s_per_1k_events": cpu / max(run["events"], 1) * 1000,
        "turns": run["turns"],
        "events": run["events"],
        "errors": run["error_count"],
        "error_samples": run["errors"][:3],
    }


def best_of(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure from the round least disturbed by other work on the machine.

    Rates take the highest round, costs and latencies the lowest; errors add up over rounds.
    """
    best = dict(rounds[0])
    for key in best:
        values = [r[key] for r in rounds]
        if key in ("turns_per_s", "events_per_s"):
            best[key] = max(values)
        elif key.endswith(("_ms", "_events")):
            best[key] = min(values)
        elif key in ("turns", "events", "errors"):
            best[key] = sum(values)
        elif key == "error_samples":
            best[key] = [sample for r in rounds for sample in r[key]][:3]
    best["rounds"] = len(rounds)
    return best


def measure_stacks(stacks: list[Stack], mode: dict[str, Any]) -> dict[str, Any]:
    """Rounds interleave the stacks, so a burst of outside load hits all of them alike."""
    for stack in stacks:
        progress(f"{stack.name}: warm-up")
        loadgen(stack, users=2, followups=1)
    single: dict[str, list[dict[str, Any]]] = {s.name: [] for s in stacks}
    concurrent: dict[str, list[dict[str, Any]]] = {s.name: [] for s in stacks}
    for number in range(1, mode["rounds"] + 1):
        for stack in stacks:
            progress(f"round {number}/{mode['rounds']} {stack.name}: 1 user x {mode['single_turns']} turns, "
                     f"{mode['users']} users x {1 + mode['followups']} turns")
            single[stack.name].append(load_phase(stack, users=1, followups=mode["single_turns"] - 1))
            concurrent[stack.name].append(load_phase(stack, users=mode["users"], followups=mode["followups"]))
    return {
        s.name: {"single": best_of(single[s.name]), "concurrent": best_of(concurrent[s.name]), "peak_rss_mb": s.peak_rss_bytes() / 2**20}
        for s in stacks
    }


WARM_STREAMS = 20  # more than the database threads, so each has made its connection


def hold(stack: Stack, count: int) -> tuple[dict[str, Any], Callable[[], None]]:
    """Open `count` streams against a responder that barely speaks; returns the result and a release."""
    holder = subprocess.Popen(
        [PYTHON, "-m", "tests.bench.loadgen", "--base", stack.base, "--path", stack.path, "--hold", str(count), "--login", stack.login],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    opened = json.loads(holder.stdout.readline())  # type: ignore[union-attr]

    def release() -> None:
        holder.communicate("\n", timeout=60)

    return opened, release


def idle_streams(stack_factory: Any, count: int) -> dict[str, Any]:
    """Memory per open stream: what each of `count` more idle streams adds to a serving process.

    A server's first streams also pay once for what it sets up lazily (a connection per database
    thread, the first model call's imports, allocator arenas): several MB on both stacks, which
    spread over 100 streams read as 40-60 KB "per stream". So `WARM_STREAMS` open first and stay
    open while the `count` streams are measured (nothing they freed can be reused); the one-time
    part is reported on its own as `first_use_mb`.
    """
    with stack_factory() as stack:
        httpx.get(stack.base + "/", timeout=10)  # the process is up and has served a request
        cold = stack.rss_bytes()
        warm, release_warm = hold(stack, WARM_STREAMS)
        baseline = stack.rss_bytes()
        opened, release = hold(stack, count)
        held = stack.rss_bytes()
        threads = psutil.Process(stack.pid).num_threads()
        release()
        release_warm()
    per_stream = (held - baseline) / max(opened["opened"], 1)
    return {
        "requested": count, "opened": opened["opened"], "errors": opened["error_count"] + warm["error_count"],
        "error_samples": opened["errors"] + warm["errors"], "kb_per_stream": per_stream / 1024,
        "first_use_mb": (baseline - cold - warm["opened"] * per_stream) / 2**20, "server_threads": threads,
    }


def ratio(ours: float, reference: float) -> float:
    return ours / reference if reference else float("nan")


def export_tree(rev: str, dest: Path) -> str:
    """Write the files committed at `rev` into `dest`; returns the commit's short name."""
    short = subprocess.run(["git", "rev-parse", "--short", f"{rev}^{{commit}}"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    archive = subprocess.run(["git", "archive", "--format=tar", short], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return short


def run(mode_name: str, *, compare: str | None = None, rounds: int | None = None, asgi: tuple[str, ...] = ("uvicorn",)) -> dict[str, Any]:
    mode = {**MODES[mode_name], **({"rounds": rounds} if rounds else {})}
    figures: dict[str, Any] = {"mode": mode_name, "deltas": mode["deltas"], "rounds": mode["rounds"], "stacks": {}}
    with tempfile.TemporaryDirectory(prefix="chatkit-bench-") as tmp, ExitStack() as stack:
        # Each of our stacks: (database, source tree, extra seed code). The store-scaling rows go
        # into PostgreSQL while SQLite migrates alongside.
        plan: dict[str, tuple[str, Path, str]]
        if compare:
            short = export_tree(compare, Path(tmp) / "baseline-src")
            baseline = f"ours-postgres@{short}"
            figures["compare"] = {"rev": short, "stack": baseline}
            plan = {baseline: ("postgres", Path(tmp) / "baseline-src", ""), "ours-postgres": ("postgres", ROOT, "")}
            mode["sizes"] = []
        else:
            plan = {"ours-sqlite": ("sqlite", ROOT, ""), "ours-postgres": ("postgres", ROOT, scaling.seed_code(mode["sizes"]))}
        progress("migrating and seeding " + ", ".join(plan))
        with ThreadPoolExecutor(len(plan)) as pool:  # mostly waiting on subprocesses
            pending = {name: pool.submit(stack.enter_context, app_env_for(db, Path(tmp) / name, users=mode["users"], extra_seed=seed, root=root))
                       for name, (db, root, seed) in plan.items()}
            envs = {name: future.result() for name, future in pending.items()}
        figures["asgi"] = list(asgi)
        with ExitStack() as servers:
            stacks = [servers.enter_context(reference_stack(deltas=mode["deltas"])), servers.enter_context(peer_stack(deltas=mode["deltas"]))]
            for name, app_env in envs.items():
                for server in asgi if name == "ours-postgres" else asgi[:1]:
                    label = name if server == asgi[0] else f"{name}-{server}"
                    stacks.append(servers.enter_context(our_stack(app_env, label, deltas=mode["deltas"], asgi_server=server)))
            figures["stacks"] = measure_stacks(stacks, mode)
            if mode["sizes"]:
                progress(f"store scaling on PostgreSQL: paging threads of {mode['sizes']} items, users of as many threads")
                figures["store_scaling"] = scaling.measure(stacks[-1], mode["sizes"], repeats=mode["repeats"])
        progress(f"idle streams: {mode['hold']} per stack")
        figures["idle_streams"] = {"reference": idle_streams(partial(reference_stack, deltas=mode["deltas"], pace=60), mode["hold"])}
        for name in (name for name in envs if "postgres" in name):
            figures["idle_streams"][name] = idle_streams(partial(our_stack, envs[name], name, deltas=mode["deltas"], pace=60, asgi_server=asgi[0]), mode["hold"])
    figures["ratios"] = ratios(figures)
    figures["targets"] = targets(figures)
    if compare:
        figures["compare"]["changes"] = changes(figures, figures["compare"]["stack"])
    return figures


def changes(figures: dict[str, Any], baseline: str) -> dict[str, float]:
    """This tree / the compared commit, measured in the same rounds."""
    new, old = figures["stacks"]["ours-postgres"], figures["stacks"][baseline]
    idle = figures["idle_streams"]
    return {
        "throughput": ratio(new["concurrent"]["turns_per_s"], old["concurrent"]["turns_per_s"]),
        "cpu_per_1k_events": ratio(new["concurrent"]["cpu_s_per_1k_events"], old["concurrent"]["cpu_s_per_1k_events"]),
        "ttfe_p50_single": ratio(new["single"]["ttfe_p50_ms"], old["single"]["ttfe_p50_ms"]),
        "ttfe_p99_concurrent": ratio(new["concurrent"]["ttfe_p99_ms"], old["concurrent"]["ttfe_p99_ms"]),
        "turn_p50_concurrent": ratio(new["concurrent"]["turn_p50_ms"], old["concurrent"]["turn_p50_ms"]),
        "idle_kb_per_stream": ratio(idle["ours-postgres"]["kb_per_stream"], idle[baseline]["kb_per_stream"]),
    }


def ratios(figures: dict[str, Any]) -> dict[str, Any]:
    """Each of our stacks over the in-memory reference (`vs_reference`) and over the persistent peer (`vs_peer`)."""
    idle = figures["idle_streams"]
    out: dict[str, Any] = {"idle_stream_memory_pg": ratio(idle["ours-postgres"]["kb_per_stream"], idle["reference"]["kb_per_stream"])}
    for name, ours in figures["stacks"].items():
        if name in ("reference", "peer-postgres"):
            continue
        for other, key in (("reference", "vs_reference"), ("peer-postgres", "vs_peer")):
            theirs = figures["stacks"][other]
            out.setdefault(key, {})[name] = {
                "throughput": ratio(ours["concurrent"]["turns_per_s"], theirs["concurrent"]["turns_per_s"]),
                "cpu_per_1k_events": ratio(ours["concurrent"]["cpu_s_per_1k_events"], theirs["concurrent"]["cpu_s_per_1k_events"]),
                "ttfe_p99_concurrent": ratio(ours["concurrent"]["ttfe_p99_ms"], theirs["concurrent"]["ttfe_p99_ms"]),
                "ttfe_p50_single": ratio(ours["single"]["ttfe_p50_ms"], theirs["single"]["ttfe_p50_ms"]),
            }
    return out


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    """The floors, as ratios in the same run: against the persistent peer, and for what only the
    in-memory reference can show (memory per idle stream, the embedded SQLite default)."""
    peer = figures["ratios"]["vs_peer"]["ours-postgres"]
    idle = figures["idle_streams"]["ours-postgres"]
    result = {
        "throughput_vs_peer_ge_0.9x": peer["throughput"] >= 0.9,
        "cpu_vs_peer_le_1.15x": peer["cpu_per_1k_events"] <= 1.15,
        "ttfe_p99_vs_peer_le_1.3x": peer["ttfe_p99_concurrent"] <= 1.3,
        "idle_streams_ok": idle["errors"] == 0 and idle["opened"] == idle["requested"],
        "idle_stream_memory_vs_reference_le_1.6x": figures["ratios"]["idle_stream_memory_pg"] <= 1.6,
    }
    sqlite = figures["ratios"]["vs_reference"].get("ours-sqlite")
    if sqlite:  # the embedded default; not served by --compare runs
        result["ttfe_p99_sqlite_vs_reference_le_3x"] = sqlite["ttfe_p99_concurrent"] <= 3.0
    scaling_figures = figures.get("store_scaling")
    if scaling_figures:
        small, large = scaling_figures[min(scaling_figures, key=int)], scaling_figures[max(scaling_figures, key=int)]
        result["store_paging_flat_le_1.5x"] = all(large[k] <= 1.5 * small[k] for k in small)
    return result


def table(figures: dict[str, Any]) -> str:
    width = max(16, *(len(name) for name in figures["stacks"]))
    rows = [f"{'stack':{width}} phase          turns/s  events/s  ttfe p50  ttfe p99  turn p50  turn p99  cpu s/1k ev  errors"]
    for name, stack in figures["stacks"].items():
        for phase in ("single", "concurrent"):
            f = stack[phase]
            rows.append(
                f"{name:{width}} {phase + '(' + str(f['users']) + ')':14} {f['turns_per_s']:7.1f} {f['events_per_s']:9.0f} "
                f"{f['ttfe_p50_ms']:7.1f}ms {f['ttfe_p99_ms']:7.1f}ms {f['turn_p50_ms']:7.1f}ms {f['turn_p99_ms']:7.1f}ms "
                f"{f['cpu_s_per_1k_events']:11.3f} {f['errors']:7d}"
            )
        rows.append(f"{name:{width}} peak RSS {stack['peak_rss_mb']:.0f} MB")
    for name, idle in figures["idle_streams"].items():
        rows.append(f"idle streams {name}: {idle['opened']}/{idle['requested']} open, {idle['errors']} errors, {idle['kb_per_stream']:.1f} KB/stream"
                    f" (first use {idle['first_use_mb']:.1f} MB)")
    for size, f in figures.get("store_scaling", {}).items():
        rows.append(f"store {size:>6}: items first {f['items_first_ms']:.1f}ms deep {f['items_deep_ms']:.1f}ms | threads first {f['threads_first_ms']:.1f}ms deep {f['threads_deep_ms']:.1f}ms")
    for key in ("vs_peer", "vs_reference"):
        for name, r in figures["ratios"][key].items():
            rows.append(f"{name} {key}: " + ", ".join(f"{k} {v:.2f}x" for k, v in r.items()))
    rows.append(f"idle stream memory, ours-postgres vs_reference: {figures['ratios']['idle_stream_memory_pg']:.2f}x")
    rows.append("targets: " + ", ".join(f"{k}={'PASS' if v else 'MISS'}" for k, v in figures["targets"].items()))
    if "compare" in figures:
        rows.append(f"this tree / {figures['compare']['rev']} (throughput: higher is better; the rest: lower is better): "
                    + ", ".join(f"{k} {v:.2f}x" for k, v in figures["compare"]["changes"].items()))
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true")
    group.add_argument("--smoke", action="store_true")
    parser.add_argument("--compare", metavar="REV", help="also serve this commit's tree and compare it with the working tree")
    parser.add_argument("--rounds", type=int, help="rounds of load per stack (default: the mode's)")
    parser.add_argument("--asgi", default="uvicorn", help="comma-separated ASGI servers for our PostgreSQL stack: daphne, uvicorn, hypercorn (the first also serves the others)")
    args = parser.parse_args()
    if args.compare and subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{args.compare}^{{commit}}"], cwd=ROOT, capture_output=True).returncode:
        parser.error(f"--compare: {args.compare!r} names no commit in {ROOT}")
    if args.rounds is not None and args.rounds < 1:
        parser.error("--rounds must be at least 1")
    servers = tuple(name.strip() for name in args.asgi.split(",") if name.strip())
    unknown = set(servers) - set(ASGI_SERVERS)
    if unknown or not servers:
        parser.error(f"--asgi: choose from {', '.join(ASGI_SERVERS)}")
    figures = run("smoke" if args.smoke else "quick" if args.quick else "full", compare=args.compare, rounds=args.rounds, asgi=servers)
    print(table(figures))
    print("BENCH_JSON " + json.dumps(figures, default=float))


if __name__ == "__main__":
    main()
