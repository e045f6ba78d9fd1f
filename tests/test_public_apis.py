"""App code reaches Django, asgiref, ninja, psycopg, whitenoise and the SDKs through their public
APIs only. Two checks: ruff's SLF001 (private member access) must be clean, and an AST scan finds
every underscore name the app uses that the app does not define itself (an inherited private
method, a private attribute of a library object, a private import). The allowed list below is
the whole exception, with its reason; a new private use fails here."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_DIRS = ["chatkit_site", "threads", "attachments", "agents_app"]

# (file, name): why it is allowed.
ALLOWED = {
    ("threads/server.py", "_process_streaming"): "the SDK's own dispatch, after our pre-stream checks (see tests/threads/test_sdk_pin.py)",
    ("threads/server.py", "_process_non_streaming"): "the SDK's own dispatch of a request we already parsed (see tests/threads/test_sdk_pin.py)",
}


def app_files() -> list[Path]:
    return [path for folder in APP_DIRS for path in sorted((ROOT / folder).rglob("*.py")) if "migrations" not in path.parts]


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def names_the_app_defines(trees: dict[Path, ast.AST]) -> set[str]:
    defined: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                defined.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                defined.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                defined.add(node.attr)
            elif isinstance(node, ast.arg):
                defined.add(node.arg)
            elif isinstance(node, ast.alias) and node.asname:
                defined.add(node.asname)
    return defined


def private_uses() -> set[tuple[str, str]]:
    trees = {path: ast.parse(path.read_text(), str(path)) for path in app_files()}
    ours = names_the_app_defines(trees)
    found: set[tuple[str, str]] = set()
    for path, tree in trees.items():
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and is_private(node.attr) and node.attr != "_meta" and node.attr not in ours:
                found.add((where, node.attr))
            elif isinstance(node, ast.ImportFrom) and not (node.module or "").startswith(tuple(APP_DIRS)) and node.level == 0:
                found.update((where, alias.name) for alias in node.names if is_private(alias.name))
    return found


def test_ruff_slf001_is_clean_on_app_code():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "SLF001", "--no-cache", *APP_DIRS],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_only_private_names_used_are_the_listed_ones():
    assert private_uses() == set(ALLOWED)


def test_app_code_has_no_vendor_branch_and_no_raw_sql():
    """One implementation per statement, on the ORM, on every database (migrations aside)."""
    asks = ("connection.vendor", "cursor.execute(", ".raw(")
    found = {str(path.relative_to(ROOT)) for path in app_files() if any(ask in path.read_text() for ask in asks)}
    assert found <= {"chatkit_site/health.py"}, found
