"""The benchmark itself works: every stack answers and the JSON line is complete.

Speed targets live in the benchmark run (`python -m tests.bench.run`), never in unit tests.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.processes import ROOT

pytestmark = pytest.mark.integration


def test_it_measures_both_stacks_and_prints_one_json_line():
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.run", "--smoke"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON ")]
    assert len(lines) == 1
    figures = json.loads(lines[0][len("BENCH_JSON "):])
    assert set(figures["stacks"]) == {"reference", "peer-postgres", "ours-sqlite", "ours-postgres"}
    for name, stack in figures["stacks"].items():
        for phase in ("single", "concurrent"):
            assert stack[phase]["errors"] == 0, (name, phase, stack[phase]["error_samples"])
            assert stack[phase]["turns"] > 0 and stack[phase]["events_per_s"] > 0
    assert all(idle["opened"] == idle["requested"] for idle in figures["idle_streams"].values())
    assert set(figures["ratios"]) == {"vs_peer", "vs_reference", "idle_stream_memory_pg"}
    assert set(figures["ratios"]["vs_peer"]) == {"ours-sqlite", "ours-postgres"}
    assert "turns/s" in result.stdout  # the human-readable table came first


def test_compare_serves_a_commit_beside_this_tree_and_reports_the_change():
    short = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.run", "--smoke", "--compare", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout.split("BENCH_JSON ", 1)[1])
    baseline = f"ours-postgres@{short}"
    assert set(figures["stacks"]) == {"reference", "peer-postgres", baseline, "ours-postgres"}
    assert set(figures["idle_streams"]) == {"reference", baseline, "ours-postgres"}
    for name, stack in figures["stacks"].items():
        for phase in ("single", "concurrent"):
            assert stack[phase]["errors"] == 0, (name, phase, stack[phase]["error_samples"])
            assert stack[phase]["turns"] > 0
    changes = figures["compare"]["changes"]
    assert set(changes) >= {"throughput", "cpu_per_1k_events", "ttfe_p50_single", "idle_kb_per_stream"}
    assert all(0 < value < float("inf") for value in changes.values()), changes
    assert f"this tree / {short}" in result.stdout


def test_compare_with_no_such_commit_says_so_before_starting_anything():
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.run", "--smoke", "--compare", "no-such-rev"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "names no commit" in result.stderr
    assert "[bench" not in result.stderr  # no stack was started
