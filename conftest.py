"""Doctest namespace shared by the package's docstrings and the docs pages."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import argmap


@functools.cache
def _bundled() -> argmap.ArgumentMap:
    return argmap.datasets.load("1962-11-28-new-york")


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, object], tmp_path: Path) -> None:
    amap = _bundled()
    doctest_namespace.update(
        argmap=argmap,
        amap=amap,
        data_dir=argmap.datasets.data_dir(),
        tmp_path=tmp_path,
    )
    from argmap import query

    for name in query.__all__:
        doctest_namespace.setdefault(name, getattr(query, name))
    from argmap.io import format_for
    from argmap.render import render, to_graphviz

    doctest_namespace.update(format_for=format_for, render=render, to_graphviz=to_graphviz)
