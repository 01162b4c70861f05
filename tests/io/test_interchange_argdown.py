"""Argdown as Argdown reads it: the official CLI (@argdown/cli from npm) over what argmap writes.

Every map of the interchange set (tests/interchange.py) is written as Argdown and
handed, all in one run, to ``argdown json``: the CLI must accept every file, and what it
reads must be what argmap wrote: one node per point with the point's text, the
relations argmap wrote, and the quote and note in the ``argmap`` data.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from argmap import ArgumentMap
from argmap.io.argdown import dumps_argdown
from tests.conftest import ARGDOWN_CLI
from tests.interchange import argdown_relations, every_map, exported_relations

pytestmark = pytest.mark.needs_argdown


def argdown_json(folder: Path) -> tuple[dict[str, dict[str, Any]], str]:
    """Run ``argdown json`` once over every ``.argdown`` file in *folder*; return JSON by stem, and stderr."""
    out = folder / "json"
    done = subprocess.run([str(ARGDOWN_CLI), "json", "*.argdown", str(out)], cwd=folder,
                          capture_output=True, text=True, check=False, timeout=600)
    found = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    return found, done.stdout + done.stderr


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, ArgumentMap],
                                                               dict[str, dict[str, Any]], str]:
    folder = tmp_path_factory.mktemp("argdown-out")
    maps = dict(every_map())
    for name, amap in maps.items():
        (folder / f"{name}.argdown").write_text(dumps_argdown(amap), encoding="utf-8")
    exported, log = argdown_json(folder)
    return maps, exported, log


def test_the_argdown_cli_accepts_every_file_argmap_writes(
        written: tuple[dict[str, ArgumentMap], dict[str, dict[str, Any]], str]) -> None:
    maps, exported, log = written
    assert "syntax error" not in log.lower(), log
    assert sorted(exported) == sorted(maps)


@pytest.mark.parametrize("name", [name for name, _ in every_map()])
def test_the_argdown_cli_reads_what_argmap_wrote(
        name: str, written: tuple[dict[str, ArgumentMap], dict[str, dict[str, Any]], str]) -> None:
    maps, exported, _ = written
    amap, found = maps[name], exported[name]
    nodes = {**found["statements"], **found["arguments"]}
    assert len(found["statements"]) + len(found["arguments"]) == len(amap.points)
    for point in amap.points:
        meta = point.meta.get("argdown", {})
        node = nodes[meta.get("title", point.id)]
        texts = [fold(m["text"]) for m in node["members"] if fold(m.get("text") or "")]
        data = node.get("data", {}).get("argmap", {})
        if meta.get("described") is not False:
            # Argdown's text keeps Markdown emphasis and links as written; argmap's is their words
            assert texts, point.id
            if "markup" not in meta:
                assert texts[0] == fold(data.get("text", point.text)), point.id
        assert data.get("quote") == point.quote, point.id
        assert data.get("note") == point.note, point.id
    # Argdown drops a node's relation to itself when the node was named before it (its model's
    # test for a relation already there matches the earlier one); argmap's reader keeps it
    assert without_self(exported_relations(found)) == without_self(argdown_relations(amap))


def without_self(relations: Counter[tuple[str, str, str]]) -> Counter[tuple[str, str, str]]:
    return Counter({key: n for key, n in relations.items() if key[0] != key[1]})
