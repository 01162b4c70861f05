"""Hostile and broken input: fuzzing the readers, limits, injection, atomic writes."""

from __future__ import annotations

import copy
import json
import os
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.io.aif import loads_aif
from tests.conftest import DATA, IN_CI

# In CI the structured fuzz runs 10,000 cases; on a developer's machine, a few hundred.
MANY = 10_000 if IN_CI else 300
SOME = 2_000 if IN_CI else 150
def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

EXAMPLE = json.loads(json.dumps(yaml.safe_load((DATA / "design-example.yaml").read_text()), default=str))
EXAMPLE.pop("source")  # no file to check quotes against in memory
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def must_fail_cleanly(call: Any) -> None:
    """Run *call*; it may succeed, or raise an ArgmapError whose every problem names a place."""
    try:
        call()
    except ArgmapError as exc:
        for problem in getattr(exc, "problems", ()):
            assert problem.file, problem
            assert problem.message, problem


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found += paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += paths(v, (*prefix, i))
    return found


@st.composite
def mutated_maps(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(EXAMPLE)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(paths(data)))
        if not where:
            data = draw(JSONISH) if draw(st.integers(0, 9)) == 0 else data
            continue
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[where[-1]] = draw(JSONISH)
        elif action == "delete":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(JSONISH)
        if not isinstance(data, dict):
            break
    return data


@fuzz(MANY)
@given(mutated_maps(), st.sampled_from(["yaml", "json"]))
def test_structured_fuzz_only_argmap_errors_escape(data: Any, fmt: str) -> None:
    text = yaml.safe_dump(data) if fmt == "yaml" else json.dumps(data)
    must_fail_cleanly(lambda: argmap.loads(text, fmt))


@fuzz(SOME)
@given(st.binary(max_size=300), st.sampled_from(
    ["map.yaml", "map.json", "map.aif.json", "map.argdown", "debate.txt"]))
def test_byte_fuzz_only_argmap_errors_escape(tmp_path_factory: pytest.TempPathFactory,
                                             data: bytes, name: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argmap.io.aif.AIFWarning)
        must_fail_cleanly(lambda: argmap.load(path))


@fuzz(SOME)
@given(st.text(max_size=300), st.sampled_from(
    ["yaml", "json", "aif", "apx", "i23", "argdown", "kialo"]))
def test_text_fuzz_only_argmap_errors_escape(text: str, fmt: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argmap.io.aif.AIFWarning)
        must_fail_cleanly(lambda: argmap.loads(text, fmt))


ARGDOWN_LINES = st.lists(st.one_of(st.sampled_from([
    "[A]: a claim #pro", "<B>: an argument #con", "  + [A]", "  - <B>", "  <- [C]: c", "  +> <B>",
    "  _ <B>", "  _> [A]", "  >< [C]", "    - [D]: nested {party: x}", "(1) [A]", "(2) premise",
    "(3) [C]", "----", "--", "rule {uses: [1]}", "# Heading {isGroup: false}", "## Sub", "===",
    "title: t", "argmap: {party_tags: [pro]}", "<!--", "-->", "/*", "*/", "// note", "",
    "{argmap: {kind: proposal}}", "@[A] and @<B>", "\\#escaped", "{", "}", "[A]", "<B>",
]), st.text(max_size=12)), max_size=25)
KIALO_LINES = st.lists(st.one_of(st.sampled_from([
    "Discussion Title: t", "1. Thesis", "1.1. Pro: yes", "1.1. Con: no", "1.1.1. Con: -> See 1.",
    "1.2. Pro: -> See 1.1.", "1.2.1. Con: deeper", "2. Another thesis", "1.3. Maybe: x", "",
]), st.text(max_size=12)), max_size=20)


@fuzz(SOME)
@given(ARGDOWN_LINES)
def test_argdown_fuzz_only_argmap_errors_escape(lines: list[str]) -> None:
    text = "\n".join(lines)
    must_fail_cleanly(lambda: argmap.loads(text, "argdown"))
    try:
        amap = argmap.loads(text, "argdown")
    except argmap.ArgmapError:
        return
    again = argmap.loads(argmap.dumps(amap, "argdown"), "argdown")  # and what loads, writes

    def content(m: argmap.ArgumentMap) -> dict[str, Any]:
        # Markdown that ends in a lone backslash is written escaped: the text stays, its markup not
        return {p.id: (attrs.evolve(p, meta={}), {k: v for k, v in p.meta.get("argdown", {}).items()
                                                  if not (k == "markup" and v.endswith("\\"))})
                for p in m.points}

    assert content(again) == content(amap)


@fuzz(SOME)
@given(KIALO_LINES)
def test_kialo_fuzz_only_argmap_errors_escape(lines: list[str]) -> None:
    must_fail_cleanly(lambda: argmap.loads("\n".join(lines), "kialo"))


NODE = st.fixed_dictionaries({
    "nodeID": st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]), st.integers(0, 5)),
    "type": st.sampled_from(["I", "L", "RA", "CA", "MA", "PA", "YA", "TA", "X"]),
    "text": st.one_of(st.text(max_size=20), st.sampled_from(["Mikoyan : yes", "Conceding", "Agreeing"])),
})
EDGE = st.fixed_dictionaries({"fromID": st.sampled_from(["1", "2", "3", "4", "5", "9"]),
                              "toID": st.sampled_from(["1", "2", "3", "4", "5", "9"])})


@fuzz(SOME)
@given(st.lists(NODE, max_size=8), st.lists(EDGE, max_size=10), st.booleans())
def test_aif_structure_fuzz(nodes: list[Any], edges: list[Any], wrapped: bool) -> None:
    doc: Any = {"nodes": nodes, "edges": edges}
    if wrapped:
        doc = {"AIF": doc}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argmap.io.aif.AIFWarning)
        must_fail_cleanly(lambda: loads_aif(json.dumps(doc)))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_deep_nesting_is_refused_quickly(fmt: str) -> None:
    depth = 100_000
    nested = "[" * depth + "]" * depth
    text = (f"argmap: 1\nmeta: {{x: {nested}}}\n" if fmt == "yaml"
            else f'{{"argmap": 1, "meta": {{"x": {nested}}}}}')
    with pytest.raises(argmap.FormatError, match="nest"):
        argmap.loads(text, fmt)


def test_a_symlink_cannot_lead_the_source_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret words")
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    text = ("argmap: 1\nid: m\ntitle: T\nsource: {title: S, file: link.txt}\nparties: [{id: a}]\n"
            "points: [{id: p, kind: claim, by: a, text: x, quote: secret words}]\n")
    (folder / "map.yaml").write_text(text)
    with pytest.raises(argmap.FormatError, match="lies outside the map's folder"):
        argmap.load(folder / "map.yaml")
    assert argmap.load(folder / "map.yaml", allow_outside=True).point("p").quote == "secret words"


def test_a_failed_write_leaves_the_old_file_whole(
    nov29: argmap.ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "map.yaml"
    target.write_text("the old map\n")

    def crash(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        nov29.save(target)
    with pytest.raises(OSError, match="disk full"):
        nov29.render(tmp_path / "map.dot")
    assert target.read_text() == "the old map\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]


def test_json_errors_are_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nid: m\ntitle: T\nparties: [{id: a}]\n"
                   "points: [{id: p, kind: clam, by: a, text: x}]\n")
    result = CliRunner().invoke(main, ["unresolved", str(bad), "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    error = json.loads(result.stderr)
    assert error["problems"] == [{
        "file": str(bad), "line": 5, "column": 18, "path": "$.points[0].kind",
        "message": "unknown kind 'clam' (did you mean 'claim'?); use one of claim, proposal, "
                   "objection, rebuttal, concession, reason"}]
    semantics = CliRunner().invoke(main, ["semantics", str(bad), "--semantics", "grounded", "--json"])
    assert semantics.exit_code == 1
    assert json.loads(semantics.stderr)["problems"][0]["line"] == 5
