from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import argmap

TESTS = Path(__file__).parent
DATA = TESTS / "data"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def nov29() -> argmap.ArgumentMap:
    """The bundled map of telegram 1180."""
    return argmap.datasets.load("1962-11-29-new-york")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests that need Graphviz's dot where it is missing, but never in CI."""
    if shutil.which("dot"):
        return
    if IN_CI:  # the README's test command installs Graphviz: a missing dot is a failure
        return
    skip = pytest.mark.skip(reason="Graphviz 'dot' is not installed (make test installs it)")
    for item in items:
        if "needs_dot" in item.keywords:
            item.add_marker(skip)
