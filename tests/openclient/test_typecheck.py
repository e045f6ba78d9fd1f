"""<chatkit-open>'s JavaScript, type-checked against ChatKit.js's own published types.

`npm ci` installs the dev dependencies pinned in package.json / package-lock.json
(`@openai/chatkit` 1.9.0's type definitions and TypeScript) from the npm registry; then
`tsc --noEmit --checkJs` checks static/openclient against them. The element class is declared
`@implements {OpenAIChatKit}`, option-map.js is typed `{ [K in keyof Required<ChatKitOptions>]: … }`
and every dispatched event by ChatKitEvents, so a missing method, option or event field fails here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE = shutil.which("node") or "/usr/bin/node"
NPM = shutil.which("npm") or "/usr/bin/npm"
TSC = REPO / "node_modules" / ".bin" / "tsc"

needs_node = pytest.mark.skipif(not (Path(NODE).exists() and Path(NPM).exists()), reason="node and npm are not installed")


def installed_matches_lock() -> bool:
    """npm writes node_modules/.package-lock.json; equal package versions mean no new install is needed."""
    installed = REPO / "node_modules" / ".package-lock.json"
    if not installed.exists() or not TSC.exists():
        return False
    wanted = json.loads((REPO / "package-lock.json").read_text())["packages"]
    have = json.loads(installed.read_text())["packages"]
    return all(have.get(path, {}).get("version") == meta.get("version") for path, meta in wanted.items() if path)


@pytest.fixture(scope="module")
def node_modules() -> Path:
    if not installed_matches_lock():
        result = subprocess.run([NPM, "ci", "--no-audit", "--no-fund"], cwd=REPO, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
    return REPO / "node_modules"


@needs_node
def test_the_open_client_type_checks_against_chatkit_js_1_9_types(node_modules: Path) -> None:
    types = json.loads((node_modules / "@openai" / "chatkit" / "package.json").read_text())
    assert types["version"] == "1.9.0"
    result = subprocess.run(
        [str(TSC), "-p", "static/openclient/tsconfig.json", "--noEmit", "--checkJs"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The checked program really is the component (not an empty include).
    listed = subprocess.run(
        [str(TSC), "-p", "static/openclient/tsconfig.json", "--noEmit", "--listFilesOnly"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    ).stdout
    assert "static/openclient/chatkit-open.js" in listed and "@openai/chatkit/types/index.d.ts" in listed


@needs_node
def test_the_readme_option_table_is_the_one_the_option_map_gives() -> None:
    script = "import('./static/openclient/option-map.js').then((m) => process.stdout.write(m.optionTable()))"
    result = subprocess.run([NODE, "--input-type=module", "-e", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert "| `composer.tools[].persistent` | supported |" in table and "| `api.getClientSecret` | not supported |" in table
    readme = (REPO / "static" / "openclient" / "README.md").read_text()
    assert table in readme, "static/openclient/README.md's option table is out of date: paste optionTable()'s output"
