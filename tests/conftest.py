from __future__ import annotations

import os
import shutil
from collections.abc import Collection
from pathlib import Path

import pytest

import argmap

TESTS = Path(__file__).parent
DATA = TESTS / "data"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def nov29() -> argmap.ArgumentMap:
    """The bundled map of telegram 1180."""
    return argmap.datasets.load("1962-11-28-new-york")


@pytest.fixture
def hint_lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names looked up for a "did you mean" while the test runs, in order."""
    import argmap._util

    looked_up: list[str] = []
    real = argmap._util.did_you_mean

    def counted(word: str, known: Collection[str]) -> str:
        looked_up.append(word)
        return real(word, known)

    monkeypatch.setattr(argmap._util, "did_you_mean", counted)
    return looked_up


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: The official Argdown CLI, which `make test` installs from npm (tests/tools/argdown).
ARGDOWN_CLI = TESTS / "tools" / "argdown" / "node_modules" / ".bin" / "argdown"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests whose program is missing on a developer's machine, but never in CI.

    The README's test command installs Graphviz and Chromium, so in CI a missing
    one fails the tests that need it instead.
    """
    if IN_CI:
        return
    missing = {
        "needs_dot": None if shutil.which("dot") else "Graphviz 'dot' is not installed",
        "needs_chromium": None if CHROMIUM else "Chromium is not installed",
        "needs_argdown": None if ARGDOWN_CLI.exists() else "the Argdown CLI is not installed",
    }
    for item in items:
        for marker, reason in missing.items():
            if reason and marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=f"{reason} (make test installs it)"))
