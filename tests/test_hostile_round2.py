"""Hostile input, round two: every reader and writer, bounded time and memory.

Each case is an input of ../shared/reviews/hostile-repro/make.sh (the review's names kept), run
through the command as a user would. None may print a traceback or hang; what is wrong is said
in one line that names the file.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.errors import ArgmapError
from tests.hostile_patterns import ONCE_QUADRATIC
from tests.test_hostile import JSONISH, SOME, fuzz

ONE_POINT = ('{"argmap": 1, "id": "m", "title": "T", "parties": [{"id": "a"}], "points": [{"id": "p", '
             '"kind": "claim", "by": "a", "text": %s}]}\n')
I_NODE = '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}], "edges": [], %s}\n'

# (file name, bytes, command after the file name, what stderr must say, the exit code)
CASES: list[tuple[str, bytes, list[str], str, int]] = [
    ("R01.apx", b"arg(<x>).\n", ["validate"], "", 0),
    ("R02.i23", "p af ²\n".encode(), ["validate"], "expected the header 'p af N'", 1),
    ("R03.i23", b"p af 1\n# 1 <b>\n", ["validate"], "", 0),
    ("R04.txt", "Discussion Title: T\n\n١. thesis\n".encode(), ["validate"], "R04.txt:3", 1),
    ("R05.aif.json", (I_NODE % '"argmap": [1]').encode(), ["validate"],
     "the 'argmap' block must be an object", 1),
    ("R06.aif.json", (I_NODE % '"id": "my map"').encode(), ["validate"], "", 0),
    ("R07.aif.json", (I_NODE % '"argmap": {"map": {"date": "nope"}}').encode(), ["validate"],
     "expected a date written YYYY-MM-DD", 1),
    ("R08.aif.json", (I_NODE % '"argmap": {"map": {"parties": [{"idx": 1}]}}').encode(), ["validate"],
     "unknown key 'idx'", 1),
    ("R09.argdown", b"[A]: a {argmap: {agrees: [zzz]}}\n", ["validate"], "unknown point 'zzz'", 1),
    ("R10.argdown", b"[A]: a {argmap: {agrees: 5}}\n", ["validate"], "'argmap' data, agrees", 1),
    ("R11.argdown", b"[A]: a {argmap: {kind: [1]}}\n", ["validate"], "'argmap' data, kind", 1),
    ("R12.argdown", b'===\nargmap: {default_party: "x y"}\n===\n[A]: a\n', ["validate"],
     "default_party: 'x y' is not a party id", 1),
    ("R13.argdown", ("[A]: " + "\\x" * 131073 + "\n").encode(), ["validate"], "", 0),
    ("R14.json", b'{"argmap": 1' + b"0" * 5000 + b', "id": "m", "title": "T", "parties": [{"id": "a"}]}\n',
     ["validate"], "R14.json:1:12: a number has more than 4,300 digits", 1),
    ("R15.yaml", b'argmap: 1\nid: m\ntitle: T\nsource: {title: s, file: "a\\0b"}\nparties: [{id: a}]\n',
     ["validate"], "holds a NUL character", 1),
    ("R16.case.yaml", "argmap-case: 1\nid: c\ntitle: café\nmaps: []\n".encode("latin-1"),
     ["validate"], "not UTF-8", 1),
    ("R17.apx", "arg(café).\n".encode("latin-1"), ["semantics", "--semantics", "grounded"],
     "not UTF-8", 1),
    ("R19.apx", b"arg(a).\narg(b).\natt(a,b).\n", ["diff", "R19.apx"], "", 0),
    ("R20.json", (ONE_POINT % '"\\ud800"').encode(), ["validate"], "lone surrogate", 1),
    ("R21.yaml", b"argmap: 1\nid: m\ntitle: T\nparties: [{id: a}]\nmeta: {x: !!binary aGVsbG8=}\n",
     ["validate"], "binary data", 1),
    ("R22.json", (ONE_POINT % '"ctl \\u0001"').encode(), ["convert", "R22.graphml"],
     "GraphML is XML, which cannot hold the control character U+0001", 1),
    ("R23.i23", b"p af 100000000\n", ["semantics", "--semantics", "grounded"],
     "a file of 15 characters holds at most 1,240", 1),
    ("R31.json", (b'{"argmap": 1, "id": "m", "title": "T", "parties": [{"id": "a"}, {"id": "b"}], '
                  b'"points": [{"id": "p", "kind": "claim", "by": "a", "text": '
                  b'"\\u001b]0;PWNED\\u0007\\u001b[2JRED"}, {"id": "q", "kind": "objection", "by": "b", '
                  b'"attacks": ["p"], "text": "y"}]}\n'), ["unresolved"], "", 0),
    ("R34.yaml", b"argmap: 1\nid: m\ntitle: T\nparties: [{id: a}]\nmeta: {1: first, 0x1: second}\n",
     ["validate"], "appears twice", 1),
]


def run(tmp_path: Path, name: str, data: bytes, command: list[str]) -> Any:
    (tmp_path / name).write_bytes(data)
    argv = [command[0], name, *command[1:]] if command[0] != "diff" else ["diff", name, command[1]]
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", argmap.io.aif.AIFWarning)
            return CliRunner().invoke(main, argv)
    finally:
        os.chdir(old)


@pytest.mark.parametrize(("name", "data", "command", "said", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_hostile_file_gets_a_clean_answer(
    tmp_path: Path, name: str, data: bytes, command: list[str], said: str, code: int,
) -> None:
    result = run(tmp_path, name, data, command)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    assert said in result.stderr


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    result = run(tmp_path, "R31.json", CASES[-2][1], ["unresolved"])
    assert "\x1b" not in result.stdout
    assert "\\x1b]0;PWNED\\x07\\x1b[2JRED" in result.stdout
    as_json = run(tmp_path, "R31.json", CASES[-2][1], ["unresolved", "--json"])
    assert "\x1b" not in as_json.stdout
    assert json.loads(as_json.stdout)[0]["root"] == "p"


def test_devices_fifos_and_oversized_files_are_refused_at_once(tmp_path: Path) -> None:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.yaml")
    for name, kind in (("zero.yaml", "a device"), ("fifo.yaml", "a FIFO")):
        with pytest.raises(argmap.FormatError, match=f"the map file is {kind}, not a regular file"):
            argmap.load(tmp_path / name)
    (tmp_path / "big.yaml").write_bytes(b"#" * 2000)
    with pytest.raises(argmap.FormatError, match="larger than 1,000 bytes"):
        argmap.load(tmp_path / "big.yaml", max_bytes=1000)
    map_text = "argmap: 1\nid: m\ntitle: T\nsource: {title: s, file: src.txt}\nparties: [{id: a}]\n"
    (tmp_path / "m.yaml").write_text(map_text)
    os.mkfifo(tmp_path / "src.txt")
    with pytest.raises(argmap.FormatError, match=r"source file 'src\.txt': the source file is a FIFO"):
        argmap.load(tmp_path / "m.yaml")


def test_a_yaml_document_of_too_many_values_is_refused_without_building_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argmap.io import yaml_format

    monkeypatch.setattr(yaml_format, "MAX_YAML_NODES", 1000)
    monkeypatch.setattr(yaml_format, "_COUNT_ABOVE", 100)
    text = "argmap: 1\nid: m\ntitle: T\nparties: [{id: a}]\nmeta: {x: [" + "a, " * 2000 + "]}\n"
    with pytest.raises(argmap.FormatError, match="holds more than 1,000 values"):
        argmap.loads(text)


def test_the_case_file_is_never_overwritten(tmp_path: Path) -> None:
    data = argmap.datasets.data_dir()
    for f in [*data.glob("*.yaml")]:
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "sources").symlink_to(data / "sources")
    case = tmp_path / "1962-cuba.case.yaml"
    before = case.read_bytes()
    result = CliRunner().invoke(main, ["render", str(case), "-o", str(case), "--format", "dot"])
    assert result.exit_code == 2
    assert "would overwrite the input case" in result.stderr
    assert case.read_bytes() == before


def test_commands_work_on_a_case_and_maps_with_one_party(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("argmap: 1\nid: one\ntitle: T\nparties: [{id: a}]\npoints:\n"
                                       "  - {id: p, kind: claim, by: a, text: x}\n")
    (tmp_path / "one.case.yaml").write_text("argmap-case: 1\nid: c\ntitle: C\nmaps: [one.yaml]\n")
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(tmp_path / "one.yaml"), str(tmp_path / "one.yaml"), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["status_changes"] == []
    for command in (["case", "timeline", str(tmp_path / "one.case.yaml")],
                    ["render", str(tmp_path / "one.case.yaml"), "-o", str(tmp_path / "c.svg")]):
        result = runner.invoke(main, command)
        assert result.exit_code == 1
        assert "has 1 party (a); a timeline sets two parties' positions side by side" in result.stderr


def test_the_pages_own_ids_cannot_be_taken_by_a_point() -> None:
    for pid in ("argmap-data", "details", "threads", "graph0", "clust1"):
        amap = argmap.loads(
            f"argmap: 1\nid: m\ntitle: T\nparties: [{{id: a}}, {{id: b}}]\npoints:\n"
            f"  - {{id: {pid}, kind: claim, by: a, text: hello}}\n"
            f"  - {{id: o, kind: objection, by: b, attacks: [{pid}], text: nope}}\n")
        page = amap.to_html()
        svg_id = pid.replace("-", "&#45;")  # as Graphviz writes it in SVG
        assert sum(page.count(f'id="{x}"') for x in {pid, svg_id}) == 1, pid
    for own in ("_argmap-data", "_details", "_threads"):
        assert page.count(f'id="{own}"') == 1, own


def test_csv_cells_are_never_formulas() -> None:
    amap = argmap.loads(json.dumps({"argmap": 1, "id": "m", "title": "T", "parties": [{"id": "a"}],
                                    "points": [{"id": "p", "kind": "claim", "by": "a",
                                                "text": "=cmd|' /C calc'!A0"}]}), "json")
    assert ",'=cmd|' /C calc'!A0," in argmap.dumps(amap, "csv")


def test_a_very_long_text_is_drawn_shortened() -> None:
    amap = argmap.loads(json.dumps({"argmap": 1, "id": "m", "title": "T", "parties": [{"id": "a"}],
                                    "points": [{"id": "p", "kind": "claim", "by": "a",
                                                "text": "word " * 20000}]}), "json")
    svg = argmap.render.output.pipe(amap.to_graphviz(), "svg")
    assert b"more characters)" in svg


def test_a_failed_write_names_the_file_asked_for(tmp_path: Path) -> None:
    amap = argmap.datasets.load("1962-10-30-moscow")
    with pytest.raises(OSError, match="No such file or directory") as info:
        amap.save(tmp_path / "missing" / "out.yaml")
    assert info.value.filename == str(tmp_path / "missing" / "out.yaml")


def test_usage_errors_are_json_when_json_was_asked_for() -> None:
    bundled = str(argmap.datasets.path("1962-11-28-new-york"))
    result = CliRunner().invoke(main, ["compare", bundled, "us", "nope", "--json"])
    assert result.exit_code == 2
    assert "has no party 'nope'" in json.loads(result.stderr)["error"]


def test_unknown_output_extensions_are_usage_errors(tmp_path: Path) -> None:
    bundled = str(argmap.datasets.path("1962-11-28-new-york"))
    assert CliRunner().invoke(main, ["render", bundled, "-o", str(tmp_path / "x.xyz")]).exit_code == 2
    assert CliRunner().invoke(main, ["convert", bundled, str(tmp_path / "x.xyz")]).exit_code == 2


def test_extension_enumeration_is_bounded() -> None:
    pairs = [(f"a{i}", f"b{i}") for i in range(16)]
    af = argmap.semantics.Framework([x for p in pairs for x in p],
                                    [e for a, b in pairs for e in ((a, b), (b, a))])
    with pytest.raises(argmap.ValidationError, match="more than 10,000 complete extensions"):
        argmap.semantics.extensions(af, "complete")
    assert len(argmap.semantics.extensions(af, "grounded")) == 1


# --- patterns that were quadratic: read right (their time is benchmarks/hostile.py's) ----------

@pytest.mark.parametrize("case", sorted(c for c, (fmt, _) in ONCE_QUADRATIC.items() if fmt != "json"))
def test_a_once_quadratic_pattern_is_read_as_argdown_reads_it(case: str) -> None:
    fmt, make = ONCE_QUADRATIC[case]
    text = make(100_000)
    if case.endswith("comments"):
        with pytest.raises(ArgmapError, match=r"<string>:1:1: the comment opened with .* is never closed"):
            argmap.loads(text, fmt)
        return
    amap = argmap.loads(text, fmt)
    expected = "a" if fmt == "aif" else text.removeprefix("[A]: ").strip()
    assert [p.text for p in amap.points] == [expected]


def test_every_unknown_reference_is_reported_and_the_hints_stay_within_a_budget(
        hint_lookups: list[str]) -> None:
    _, make = ONCE_QUADRATIC["json-unknown-references"]
    text = make(100_000)  # 1,250 points, each attacking a different point that is not there
    with pytest.raises(ArgmapError) as caught:
        argmap.loads(text, "json")
    said = str(caught.value).splitlines()
    unknown = [line for line in said if "unknown point" in line]
    assert len(unknown) == 1250  # every one reported, in order, with its place
    assert "<string>:1:" in unknown[0]
    assert "unknown point 'q0'" in unknown[0]
    assert unknown[12].endswith("unknown point 'q12' (did you mean 'p12'?) @ $.points[12].attacks[0]")
    # each name is compared with the 1,250 ids: 160 names make the 200,000 comparisons allowed
    assert hint_lookups == [f"q{i}" for i in range(160)]
    assert unknown[163].endswith("unknown point 'q163' @ $.points[163].attacks[0]")  # no hint


def test_a_name_repeated_is_looked_up_once_and_hinted_alike(hint_lookups: list[str]) -> None:
    text = json.dumps({"argmap": 1, "id": "m", "title": "T", "parties": [{"id": "a"}], "points": [
        {"id": f"p{i}", "kind": "objection", "by": "a", "text": "x", "attacks": ["p10x"]}
        for i in range(300)]})
    with pytest.raises(ArgmapError) as caught:
        argmap.loads(text, "json")
    hinted = [line for line in str(caught.value).splitlines() if "unknown point 'p10x'" in line]
    assert len(hinted) == 300
    assert all("(did you mean 'p10'?)" in line for line in hinted)
    assert hint_lookups == ["p10x"]


# --- the project's fuzz reaches every reader's own data ---------------------------------------

FIELDS = st.sampled_from(["kind", "by", "issue", "quote", "note", "agrees", "restates", "answers",
                          "meta", "condition", "constructed", "on_behalf_of", "text"])


@fuzz(SOME)
@given(st.dictionaries(FIELDS, JSONISH, max_size=3), st.dictionaries(
    st.sampled_from(["id", "title", "date", "description", "meta", "parties", "actors", "issues",
                     "source"]), JSONISH, max_size=3), JSONISH)
def test_aif_side_block_fuzz(point: dict[str, Any], side_map: dict[str, Any], outer: Any) -> None:
    document = {"nodes": [{"nodeID": "1", "type": "I", "text": "a"}], "edges": [],
                "argmap": {"map": side_map, "points": {"1": point}}, "id": outer, "title": outer}
    read_write_read(json.dumps(document, default=str), "aif")


@fuzz(SOME)
@given(st.dictionaries(FIELDS, JSONISH, max_size=3))
def test_argdown_data_fuzz(fields: dict[str, Any]) -> None:
    data = json.dumps({"argmap": fields}, default=str)
    read_write_read(f"[A]: a {data}\n[B]: b\n  - [A]\n", "argdown")


@fuzz(SOME)
@given(st.text(min_size=1, max_size=10), st.text(max_size=6), st.integers(-3, 10**9))
def test_iccma_names_and_numbers_fuzz(name: str, digits: str, size: int) -> None:
    read_write_read(f"arg({name}).\narg(b).\natt(b,{name}).\n", "apx")
    read_write_read(f"p af {digits or size}\n# 1 {name}\n1 1\n", "i23")


@fuzz(SOME)
@given(st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=3), st.text(max_size=10))
def test_kialo_numbering_fuzz(number: str, text: str) -> None:
    read_write_read(f"Discussion Title: T\n\n1. thesis\n1.{number}. Con: {text}\n", "kialo")


def read_write_read(text: str, fmt: str) -> None:
    """Read *text*; what loads is written in every format, and what argmap reads it reads back."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argmap.io.aif.AIFWarning)
        try:
            amap = argmap.loads(text, fmt)
        except ArgmapError:
            return
        for out in ("yaml", "json", "aif", "argdown", "graphml", "csv", "apx", "i23"):
            try:
                written = argmap.dumps(amap, out)
            except ArgmapError:
                continue
            if out in ("yaml", "json", "aif", "argdown"):
                again = argmap.loads(written, out)
                assert [p.id for p in again.points] == [p.id for p in amap.points], out
