from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings

import argmap
from argmap import Case, diff
from argmap.cli import main
from tests.strategies import maps
from tests.util import make_map

DATA = argmap.datasets.data_dir()


def meeting(map_id: str, date: str, points: list[dict[str, object]],
            issues: tuple[str, ...] = ("i", "j", "k")) -> argmap.ArgumentMap:
    return attrs.evolve(make_map(points, issues=issues), id=map_id, date=date)


FIRST = meeting("m1", "1962-10-30", [
    {"id": "c", "kind": "claim", "by": "a", "issue": "i"},
    {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]},
    {"id": "x", "kind": "claim", "by": "a", "issue": "k"},
])
SECOND = meeting("m2", "1962-11-29", [
    {"id": "c2", "kind": "claim", "by": "a", "issue": "i", "restates": ["m1#c"]},
    {"id": "k2", "kind": "concession", "by": "b", "agrees": ["c2"], "answers": ["m1#c"]},
    {"id": "p", "kind": "proposal", "by": "b", "issue": "j"},
    {"id": "o2", "kind": "objection", "by": "a", "attacks": ["p"]},
])


def test_diff_pins_every_rule() -> None:
    d = diff(FIRST, SECOND)
    assert (d.a, d.b) == ("a", "b")
    assert d.appeared == ("j",)
    assert d.disappeared == ("k",)
    assert d.status_changes == (("i", "disputed", "agreed"), ("k", "one-sided", "silent"),
                                ("j", "silent", "disputed"))
    assert d.restated == (("c2", "m1#c"),)
    assert d.answered == (("k2", "m1#c"),)
    assert d.new_objections == ("o2",)
    assert d.new_concessions == ("k2",)
    record = d.to_record()
    assert record["status_changes"][0] == {"issue": "i", "before": "disputed", "after": "agreed"}
    assert json.dumps(record)


def test_a_case_hints_at_unknown_references_within_a_budget(hint_lookups: list[str]) -> None:
    first = meeting("m1", "1962-10-30", [{"id": f"p{i}", "kind": "claim", "by": "a", "issue": "i"}
                                          for i in range(1000)])
    later = meeting("m2", "1962-11-29", [
        {"id": f"r{i}", "kind": "claim", "by": "a", "issue": "i", "restates": [f"m1#q{i}"]}
        for i in range(1000)])
    with pytest.raises(argmap.ValidationError) as caught:
        Case("c", "A case", [first, later])
    said = [line for line in str(caught.value).splitlines() if "m1 has no point" in line]
    assert len(said) == 1000  # every one reported
    assert "m1 has no point 'q12' (did you mean 'p12'?)" in said[12]
    assert hint_lookups == [f"q{i}" for i in range(200)]  # 200 names x 1,000 ids: the budget
    assert said[-1].endswith("m1 has no point 'q999' @ $.m2.points[999].restates[0]")  # no hint


def test_a_case_checks_order_references_and_shared_ids() -> None:
    case = Case("c", "A case", [FIRST, SECOND])
    assert [r.status for r in case.timeline("i")] == ["disputed", "agreed"]
    assert case.positions("a", "i") == [("m1", ("c",)), ("m2", ("c2",))]
    with pytest.raises(argmap.ValidationError, match="maps must be in date order"):
        Case("c", "A case", [SECOND, FIRST])
    broken = attrs.evolve(SECOND, points=[*SECOND.points[:1], argmap.Point(
        "z", "claim", "a", "x", restates=["m1#cc"])])
    with pytest.raises(argmap.ValidationError,
                       match=r"m1 has no point 'cc' \(did you mean 'c'\?\)"):
        Case("c", "A case", [FIRST, broken])
    renamed = attrs.evolve(SECOND, parties=[argmap.Party("a", name="Alpha"), argmap.Party("b")])
    first = attrs.evolve(FIRST, parties=[argmap.Party("a", name="Aleph"), argmap.Party("b")])
    with pytest.raises(argmap.ValidationError, match="party 'a' is 'Aleph' in m1 but 'Alpha' in m2"):
        Case("c", "A case", [first, renamed])


def test_a_party_revises_only_its_own_position() -> None:
    later = meeting("m2", "1962-11-28", [
        {"id": "r", "kind": "claim", "by": "a", "issue": "i", "revises": ["m1#c"]},
        {"id": "w", "kind": "claim", "by": "b", "issue": "i", "revises": ["m1#c"]},
    ])
    with pytest.raises(argmap.ValidationError) as info:
        Case("c", "C", [FIRST, later])
    assert [p.message for p in info.value.problems] == [
        "w revises 'm1#c', but that is 'a''s point and w is 'b''s: a party revises only its own "
        "position (use answers for a reply to another party)"]
    ok = Case("c", "C", [FIRST, meeting("m2", "1962-11-28", [
        {"id": "r", "kind": "claim", "by": "a", "issue": "i", "revises": ["m1#c"]}])])
    assert ok.diff("m1", "m2").revised == (("r", "m1#c"),)


def test_a_reference_must_name_a_map_and_a_point() -> None:
    with pytest.raises(ValueError, match="write map-id#point-id"):
        argmap.Point("z", "claim", "a", "x", restates=["just-a-point"])


def test_the_bundled_case_shows_positions_moving() -> None:
    case = argmap.datasets.load_case("1962-cuba")
    assert [(r.date, r.status) for r in case.timeline("settlement-form")] == [
        ("1962-10-30", "disputed"), ("1962-10-31", "silent"), ("1962-11-01", "disputed"),
        ("1962-11-05", "silent"), ("1962-11-24", "disputed"), ("1962-11-28", "agreed")]
    assert [(r.date, r.status) for r in case.timeline("inspection")] == [
        ("1962-10-30", "silent"), ("1962-10-31", "disputed"), ("1962-11-01", "one-sided"),
        ("1962-11-05", "silent"), ("1962-11-24", "one-sided"), ("1962-11-28", "disputed")]
    revised = case.diff("1962-11-01-new-york", "1962-11-24-new-york").revised
    assert revised == (("us-draft-declaration", "1962-11-01-new-york#us-agreement-in-correspondence"),)
    d = case.diff("1962-10-30-moscow", "1962-11-28-new-york")
    assert ("stevenson-cannot-discuss-castro-points",
            "1962-10-30-moscow#kohler-letters-are-agreement") in d.restated
    frame = case.timeline().to_dataframe()
    assert list(frame.columns) == ["issue", "map", "date", "status", "us", "ussr"]


def test_case_file_errors_name_the_file_and_line(tmp_path: Path) -> None:
    for name in ("1962-10-30-moscow.yaml", "1962-11-28-new-york.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    case_file = tmp_path / "c.case.yaml"
    case_file.write_text("argmap-case: 1\nid: c\ntitle: C\nmaps:\n  - 1962-11-28-new-york.yaml\n"
                         "  - nope.yaml\nmpas: []\n")
    with pytest.raises(argmap.FormatError) as info:
        argmap.load_case(case_file)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems] == [
        "c.case.yaml:6:5: map file 'nope.yaml' not found (looked for 'nope.yaml') @ $.maps[1]",
        "c.case.yaml:7:1: unknown key 'mpas' (did you mean 'maps'?); allowed here: argmap-case, "
        "id, title, description, maps, meta @ $.mpas",
    ]
    # the November map restates points of the October one, which this case leaves out
    case_file.write_text("argmap-case: 1\nid: c\ntitle: C\nmaps: [1962-11-28-new-york.yaml]\n")
    with pytest.raises(argmap.FormatError) as info:
        argmap.load_case(case_file)
    first = str(info.value.problems[0]).replace(str(tmp_path) + "/", "")
    assert first.startswith("1962-11-28-new-york.yaml:")
    assert "restates '1962-10-30-moscow#gromyko-agreement-quickly', but '1962-10-30-moscow' is " \
           "not an earlier map of the case" in first


def test_case_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    case_file = str(DATA / "1962-cuba.case.yaml")
    result = runner.invoke(main, ["case", "timeline", case_file, "--issue", "settlement-form",
                                  "--json"])
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in json.loads(result.stdout)] == [
        "disputed", "silent", "disputed", "silent", "disputed", "agreed"]
    text = runner.invoke(main, ["case", "timeline", case_file])
    assert text.stdout.startswith("us and ussr, issue by issue, meeting by meeting")
    bad = runner.invoke(main, ["case", "timeline", case_file, "--issue", "inspektion"])
    assert bad.exit_code == 2
    assert "did you mean 'inspection'" in bad.stderr
    changed = runner.invoke(main, ["diff", str(DATA / "1962-10-30-moscow.yaml"),
                                   str(DATA / "1962-11-28-new-york.yaml"), "--json"])
    assert json.loads(changed.stdout)["status_changes"][0] == {
        "issue": "settlement-form", "before": "disputed", "after": "agreed"}


@pytest.mark.needs_dot
def test_the_case_diagram(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(DATA / "1962-cuba.case.yaml"), "-o",
                                       str(tmp_path / "case.svg"), "--theme", "print"])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "case.svg").read_text()
    assert "Inspection and safeguards" in svg
    assert "disputed" in svg


@settings(max_examples=60, deadline=None)
@given(maps())
def test_a_map_diffed_with_itself_shows_no_change(amap: argmap.ArgumentMap) -> None:
    if len(amap.parties) < 2:
        return
    d = diff(amap, amap)
    assert (d.appeared, d.disappeared, d.status_changes) == ((), (), ())
    assert (d.new_objections, d.new_concessions) == ((), ())
    assert (d.restated, d.answered, d.revised) == ((), (), ())
