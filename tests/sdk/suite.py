"""The ChatKit SDK's own store and server tests, staged from the pinned sdist and run on `DjangoStore`.

The tests are never part of this repository: `stage()` downloads the sdist of the installed
`openai-chatkit` from PyPI (`pip download --no-binary :all:`), takes `tests/test_store.py` and
`tests/test_chatkit_server.py` from it, and puts our adapter (`tests/sdk/adapter/`) beside them
as the helper modules they import. `run()` runs them in a child pytest on the database that
`DATABASE_URL` names, the way `tests/postgres/test_suites_on_postgres.py` runs our own suites.
"""
from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.processes import ROOT

SDK_TESTS = ("tests/test_store.py", "tests/test_chatkit_server.py")
ADAPTER = Path(__file__).resolve().parent / "adapter"
DEVIATIONS = Path(__file__).resolve().parent / "deviations.py"
CACHE = Path(os.environ.get("CHATKIT_SDK_SUITE_CACHE", Path(tempfile.gettempdir()) / "chatkit-sdk-suite"))
PYTEST_INI = """[pytest]
asyncio_mode = auto
asyncio_default_fixture_loop_scope = function
DJANGO_SETTINGS_MODULE = chatkit_site.settings
django_find_project = false
addopts = -p no:cacheprovider -p no:randomly
"""


def sdk_version() -> str:
    return importlib.metadata.version("openai-chatkit")


def sdist_tests(version: str) -> Path:
    """The SDK's test files of `version`, downloaded once per machine into CACHE."""
    target = CACHE / version
    if all((target / name).exists() for name in SDK_TESTS):
        return target
    with tempfile.TemporaryDirectory(dir=CACHE.parent if CACHE.parent.exists() else None) as scratch:
        download = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:", "--no-deps",
             f"openai-chatkit=={version}", "--dest", scratch],
            capture_output=True, text=True, timeout=300,
        )
        if download.returncode != 0:
            raise RuntimeError(
                f"Could not download the openai-chatkit {version} sdist from PyPI for its test suite"
                f" (set CHATKIT_SDK_SUITE_CACHE to a directory holding {'/'.join(SDK_TESTS)}):\n{download.stderr[-2000:]}"
            )
        (archive,) = Path(scratch).glob("openai_chatkit-*.tar.gz")
        unpacked = Path(scratch) / "unpacked"
        unpacked.mkdir()
        with tarfile.open(archive) as tar:
            for name in SDK_TESTS:
                member = tar.getmember(f"{archive.name.removesuffix('.tar.gz')}/{name}")
                (unpacked / Path(name).name).write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
        (unpacked / "tests").mkdir()
        for name in SDK_TESTS:
            (unpacked / Path(name).name).rename(unpacked / name)
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = CACHE / f".{version}-{uuid.uuid4().hex[:8]}"
        shutil.move(unpacked, partial)
        try:
            partial.rename(target)  # atomic: a parallel run that got there first keeps its copy
        except OSError:
            shutil.rmtree(partial, ignore_errors=True)
    return target


def stage(into: Path, version: str | None = None) -> Path:
    """A directory where `pytest` runs the SDK's tests against `DjangoStore`."""
    source = sdist_tests(version or sdk_version())
    tests = into / "tests"
    tests.mkdir(parents=True)
    (into / "helpers").mkdir()
    for name in SDK_TESTS:
        shutil.copyfile(source / name, into / name)
    (tests / "__init__.py").write_text("")
    shutil.copyfile(ADAPTER / "_types.py", tests / "_types.py")
    shutil.copyfile(ADAPTER / "stage_conftest.py", tests / "conftest.py")
    shutil.copyfile(DEVIATIONS, tests / "_deviations.py")
    shutil.copyfile(ADAPTER / "helpers" / "__init__.py", into / "helpers" / "__init__.py")
    shutil.copyfile(ADAPTER / "helpers" / "mock_store.py", into / "helpers" / "mock_store.py")
    (into / "pytest.ini").write_text(PYTEST_INI)
    return into


@dataclass(frozen=True)
class Outcome:
    passed: int
    failed: int
    xfailed: int
    xpassed: int
    skipped: int
    errors: int
    returncode: int
    output: str

    @property
    def summary(self) -> str:
        return self.output.strip().splitlines()[-1] if self.output.strip() else ""


def run(into: Path, *, database_url: str | None = None, test_database: str | None = None, extra: tuple[str, ...] = ()) -> Outcome:
    """Run the staged suite in a child pytest (cwd is the stage, so `tests` is the SDK's package)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["PYTHONPATH"] = os.pathsep.join([str(into), str(ROOT)])
    if database_url:
        env.update(DATABASE_URL=database_url, TEST_DATABASE_NAME=test_database or f"test_chatkit_sdk_{uuid.uuid4().hex[:10]}")
    else:  # a SQLite file of the run's own, never the developer's database
        env["DATABASE_URL"] = f"sqlite:///{into / 'sdk.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *SDK_TESTS, "-rfEX", "-W", "ignore", *(extra or ("-q",))],
        cwd=into, env=env, capture_output=True, text=True, timeout=900,
    )
    output = result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    def count(word: str) -> int:
        found = re.search(rf"(\d+) {word}", summary)
        return int(found.group(1)) if found else 0

    return Outcome(
        passed=count("passed"), failed=count("failed"), xfailed=count("xfailed"), xpassed=count("xpassed"),
        skipped=count("skipped"), errors=count("error"), returncode=result.returncode, output=output,
    )


if __name__ == "__main__":  # python -m tests.sdk.suite [DATABASE_URL]: stage, run, print the summary
    with tempfile.TemporaryDirectory() as where:
        outcome = run(stage(Path(where)), database_url=sys.argv[1] if len(sys.argv) > 1 else None)
        print(outcome.output)
