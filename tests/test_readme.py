"""The README's first two commands are the contract with a new user; CI must run the second."""
from __future__ import annotations

import re

from tests.processes import ROOT


def readme_commands() -> list[str]:
    blocks = re.findall(r"```\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    return [block.strip() for block in blocks]


def test_it_opens_with_the_run_and_test_commands() -> None:
    run, test = readme_commands()[:2]
    assert "manage.py quickstart" in run and "\n" not in run
    assert "pytest" in test and "\n" not in test


def test_it_runs_the_readme_test_command_in_ci() -> None:
    test = readme_commands()[1]
    assert test in (ROOT / ".ci" / "run").read_text().splitlines()
