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
    assert set(figures["stacks"]) == {"reference", "ours-sqlite", "ours-postgres"}
    for name, stack in figures["stacks"].items():
        for phase in ("single", "concurrent"):
            assert stack[phase]["errors"] == 0, (name, phase, stack[phase]["error_samples"])
            assert stack[phase]["turns"] > 0 and stack[phase]["events_per_s"] > 0
    assert all(idle["opened"] == idle["requested"] for idle in figures["idle_streams"].values())
    assert set(figures["ratios"]) == {"ours-sqlite", "ours-postgres", "idle_stream_memory_pg"}
    assert "turns/s" in result.stdout  # the human-readable table came first
