"""How the doctests run: docstrings with ``argmap`` imported, docs pages as a reader runs them.

A docstring's examples assume ``import argmap``, as NumPy's assume ``import numpy as np``;
everything else they use, they define. A page of ``docs/`` (and the README) runs in a plain
interpreter with nothing defined, in the folder the page says: the root of a clone of argmap,
or, on a page that says ``<!-- doctest: in a new, empty folder -->``, an empty temporary
folder, into which the page's file blocks (a code block right after a line
"Save this as `NAME`:") are written first, as a reader saves them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parent
EMPTY_FOLDER = "<!-- doctest: in a new, empty folder -->"
FILE_BLOCK = re.compile(r"^Save this as `(?P<name>[\w.-]+)`:\n\n```\w*\n(?P<body>.*?)^```", re.S | re.M)


def file_blocks(page: str) -> dict[str, str]:
    """Return the file blocks of a docs page: file name to its text, as a reader would save it."""
    return {m["name"]: m["body"] for m in FILE_BLOCK.finditer(page)}


@pytest.fixture(autouse=True)
def _doctest_namespace(
    request: pytest.FixtureRequest, doctest_namespace: dict[str, object], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doctest_namespace.clear()
    path = Path(str(getattr(request.node, "path", "")))
    if path.suffix != ".md":
        doctest_namespace["argmap"] = argmap
        return
    page = path.read_text(encoding="utf-8")
    if EMPTY_FOLDER in page:
        for name, body in file_blocks(page).items():
            (tmp_path / name).write_text(body, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(ROOT)
