"""argmap reads Argdown's own example documents as the official Argdown CLI does.

``argdown json`` (tests/tools/argdown) exports each document; argmap's reading of the
same document must have the same statements and arguments, by title, and the same
relations, by their two ends and type (the premise-conclusion structures, which
argmap keeps as supports, left out, as Argdown's export leaves them out).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
from typing import Any

import pytest

import argmap
from argmap import ArgumentMap
from tests.conftest import ARGDOWN_CLI, DATA
from tests.interchange import argdown_relations, argdown_title, exported_relations

pytestmark = pytest.mark.needs_argdown

#: Argdown's example documents (tests/data/argdown/README.md says where each comes from).
EXAMPLES = ["argdown-primer", "state-censorship", "greenspan-schefczyk_hardwrap", "veggie_debate",
            "legalisation-softdrugs", "Populism-Core-Argument-Argdown-Example", "semmelweis_betz",
            "intro", "lexer-indentation", "lexer-windows-line-endings",
            *(f"review-{n}" for n in ("list", "olist", "heading-wrap", "arg-pcs-relation", "indent",
                                      "untitled-pcs", "strict", "undefined-arg"))]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("argdown-in")
    for name in EXAMPLES:
        shutil.copy(DATA / "argdown" / f"{name}.argdown", folder)
    done = subprocess.run([str(ARGDOWN_CLI), "json", "*.argdown", "json"], cwd=folder,
                          capture_output=True, text=True, check=False, timeout=600)
    found = {p.stem: json.loads(p.read_text(encoding="utf-8"))
             for p in (folder / "json").glob("*.json")}
    assert sorted(found) == sorted(EXAMPLES), done.stdout + done.stderr
    return found


def nodes(amap: ArgumentMap, kind: str) -> set[str]:
    return {argdown_title(p) for p in amap.points
            if p.meta.get("argdown", {}).get("type", "statement") == kind}


def read(name: str) -> ArgumentMap:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an argument used but never defined: a warning
        return argmap.load(DATA / "argdown" / f"{name}.argdown", allow_outside=True)


@pytest.mark.parametrize("name", EXAMPLES)
def test_argmap_reads_the_nodes_argdown_reads(name: str, exported: dict[str, dict[str, Any]]) -> None:
    amap, export = read(name), exported[name]
    assert nodes(amap, "statement") == set(export["statements"])
    assert nodes(amap, "argument") == set(export["arguments"])


@pytest.mark.parametrize("name", EXAMPLES)
def test_argmap_reads_the_relations_argdown_reads(
        name: str, exported: dict[str, dict[str, Any]]) -> None:
    assert argdown_relations(read(name)) == exported_relations(exported[name])


@pytest.mark.parametrize("name", EXAMPLES)
def test_argmap_reads_the_texts_argdown_reads(name: str, exported: dict[str, dict[str, Any]]) -> None:
    amap, export = read(name), exported[name]
    by_title = {argdown_title(p): p for p in amap.points}
    for kind in ("statements", "arguments"):
        for key, node in export[kind].items():
            texts = [" ".join(m["text"].split()) for m in node["members"]
                     if not m.get("isReference") and (m.get("text") or "").strip()]
            if texts:  # Argdown's JSON text, like argmap's, is the words without the Markdown
                assert by_title[key].text == texts[0], key
