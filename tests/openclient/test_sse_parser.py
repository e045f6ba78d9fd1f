"""Runs the open client's JavaScript unit tests (SSE parser, thread model) with node's test runner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE = shutil.which("node") or "/usr/bin/node"


def run_node_tests(path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NODE, "--test", path],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(not Path(NODE).exists(), reason="node is not installed")
@pytest.mark.parametrize("suite", ["sse.test.mjs", "thread-state.test.mjs", "citations.test.mjs"])
def test_node_suite_passes(suite: str) -> None:
    result = run_node_tests(f"tests/openclient/{suite}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
