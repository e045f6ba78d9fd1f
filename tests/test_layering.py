"""No import cycles between the apps. `threads` sits on `attachments` and `agents_app`; what they
share (the request context, the protocol's error and ids, moderation and admin building blocks,
live updates) lives in the `chatkit_site` modules below, which import no app."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["threads", "attachments", "agents_app"]
SHARED = ["chatkit_site/protocol.py", "chatkit_site/moderation.py", "chatkit_site/admin_tools.py",
          "chatkit_site/live.py", "chatkit_site/db.py", "chatkit_site/converter.py", "chatkit_site/auth.py", "chatkit_site/env.py"]


def imported_packages(path: Path) -> set[str]:
    """Top-level packages a module imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def app_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {app: set() for app in APPS}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                graph[app] |= (imported_packages(path) & set(APPS)) - {app}
    return graph


def test_the_apps_import_each_other_in_one_direction_only():
    graph = app_graph()
    cycles = sorted((a, b) for a in APPS for b in graph[a] if a in graph[b])
    assert cycles == [], graph
    assert "threads" not in graph["attachments"] and "threads" not in graph["agents_app"], graph


def test_the_shared_modules_import_no_app():
    for name in SHARED:
        assert not imported_packages(ROOT / name) & set(APPS), name
