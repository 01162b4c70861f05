from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

import argmap
from argmap.errors import FormatError
from tests.conftest import DATA
from tests.util import dedent

EXAMPLE = DATA / "design-example.yaml"


def problems(text: str, tmp_path: Path, name: str = "map.yaml") -> list[str]:
    """Write *text* beside a copy of the example's source and return the problems, one per line."""
    shutil.copytree(DATA / "sources", tmp_path / "sources", dirs_exist_ok=True)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        argmap.load(path)
    return [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]


def test_the_design_example_loads() -> None:
    m = argmap.load(EXAMPLE)
    assert m.id == "1962-11-28-new-york"
    assert m.date == datetime.date(1962, 11, 28)
    assert m.source is not None
    assert m.source.date == datetime.date(1962, 11, 30)
    assert [p.id for p in m.points] == ["us-draft-lapse", "mikoyan-lapse-is-retreat"]
    assert m.point("mikoyan-lapse-is-retreat").attacks == ("us-draft-lapse",)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("attacks: [us-draft-lapse]", "attacks: [us-draft-lapes]",
         "map.yaml:30:15: unknown point 'us-draft-lapes' (did you mean 'us-draft-lapse'?) "
         "@ $.points[1].attacks[0]"),
        ("    kind: objection\n", "    kind: objection\n    atacks: []\n",
         "map.yaml:28:5: unknown key 'atacks' (did you mean 'attacks'?); allowed here: id, kind, "
         "by, issue, on_behalf_of, attacks, supports, agrees, restates, answers, revises, text, quote, "
         "condition, constructed, note, meta (free-form "
         "data goes under 'meta') @ $.points[1].atacks"),
        ("quote: this is direct retreat", "quote: this is a direct retreat",
         "map.yaml:32:5: quote not found in sources/1962-11-30-telegram-1180.txt (compared with "
         "whitespace folded): it matches up to 'this is ', then the quote has 'a direct retreat "
         "from…' where the source has 'direct retreat from…' @ $.points[1].quote"),
        ("quote: this is direct retreat from statement", "quote: this is direct retreat from the statement",
         "map.yaml:32:5: quote not found in sources/1962-11-30-telegram-1180.txt (compared with "
         "whitespace folded): it matches up to 'this is direct retreat from ', then the quote has "
         "'the statement in…' where the source has \"statement in President's…\" @ $.points[1].quote"),
        ("    kind: objection\n", "    kind: rebuttal\n",
         "map.yaml:30:15: a rebuttal attacks objections or rebuttals, but 'us-draft-lapse' is a "
         "claim; make this point an objection, or attack the objection @ $.points[1].attacks[0]"),
    ],
    ids=["broken-reference", "unknown-key", "misquote", "misquote-far-in", "misfit-kind"],
)
def test_each_broken_copy_of_the_example_gives_one_located_problem(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    text = EXAMPLE.read_text()
    assert old in text
    assert problems(text.replace(old, new, 1), tmp_path) == [expected]


def test_every_problem_is_reported_at_once_in_line_order(tmp_path: Path) -> None:
    text = dedent("""
        argmap: 1
        id: m
        title: T
        date: 1962-13-01
        parties:
          - {id: us}
          - {id: ussr, nme: Soviet Union}
        actors:
          - {id: stevenson, party: uss}
        points:
          - {id: a, kind: claim, by: us, text: x}
          - {id: b, kind: objectin, by: stevenson, attacks: [a], text: x}
          - {id: c, kind: objection, by: ussr, attacks: a, text: 12}
          - {id: a, kind: claim, by: us, text: x, text: y}
          - [1, 2]
        """)
    assert problems(text, tmp_path) == [
        "map.yaml:4:1: expected a date written YYYY-MM-DD, not the text '1962-13-01' @ $.date",
        "map.yaml:7:16: unknown key 'nme' (did you mean 'name'?); allowed here: id, name, "
        "description, meta (free-form data goes under 'meta') @ $.parties[1].nme",
        "map.yaml:9:21: unknown party 'uss' (did you mean 'us'?) @ $.actors[0].party",
        "map.yaml:12:13: unknown kind 'objectin' (did you mean 'objection'?); use one of claim, "
        "proposal, objection, rebuttal, concession, reason @ $.points[1].kind",
        "map.yaml:13:40: expected a list of point ids, not the text 'a'; write [a] "
        "@ $.points[2].attacks",
        "map.yaml:13:52: expected text, not a number (12); put it in quotes @ $.points[2].text",
        "map.yaml:14:6: duplicate point id 'a' @ $.points[3].id",
        "map.yaml:14:43: key 'text' appears twice in one mapping; the first would be lost",
        "map.yaml:15:5: each point must be a mapping (key: value pairs), not a list @ $.points[4]",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: m\ntitle: T\nparties: [{id: a}]\n",
         ["map.yaml:1:1: missing required key 'argmap': add 'argmap: 1' at the top"]),
        ("argmap: 2\nid: m\ntitle: T\nparties: [{id: a}]\n",
         ["map.yaml:1:1: unsupported format version 2: this argmap reads version 1 @ $.argmap"]),
        ("argmap: 1\nid: m\ntitle: T\nparties: []\n",
         ["map.yaml:4:1: a map needs at least one party under 'parties' @ $.parties"]),
        ("argmap: 1\nid: m\ntitle: T\nparties: {id: a}\n",
         ["map.yaml:4:1: parties must be a list, not a mapping @ $.parties"]),
        ("argmap: 1\nid: m\ntitle: T\nparties: [{id: a}]\nsource: {date: 1962-01-01}\n",
         ["map.yaml:5:1: missing required key 'title' @ $.source"]),
        ("- just\n- a list\n",
         ["map.yaml:1:1: a map file must be a mapping with at least 'argmap: 1', 'id', 'title' and "
          "'parties', not a list"]),
        ("argmap: 1\nid: [m\n",
         ["map.yaml:3:1: YAML syntax error: while parsing a flow sequence did not find expected "
          "',' or ']'; this usually means a list in brackets is not closed on its line, or an item "
          "in it holds a colon or a bracket: close it with ']', or put the item in quotes"]),
        ("argmap: 1\nid: m\ntitle: Mikoyan said: no\n",
         ["map.yaml:3:20: YAML syntax error: mapping values are not allowed in this context; this "
          "usually means a colon followed by a space inside a text that is not in quotes (put the "
          "text in quotes: text: \"Mikoyan said: no\"), or a line indented deeper than the key "
          "above it"]),
        ("argmap: 1\nid: m\nparties:\n\t- {id: a}\n",
         ["map.yaml:4:1: YAML syntax error: while scanning for the next token found character "
          "that cannot start any token; this usually means a tab: YAML indents with spaces only; "
          "replace the tab with spaces"]),
        ("argmap: 1\nparties:\n  - {id: a}\n - {id: b}\n",
         ["map.yaml:4:2: YAML syntax error: while parsing a block mapping did not find expected "
          "key; this usually means this line is not lined up with the lines above it: the keys of "
          "one mapping start in the same column, and an item of a list starts with '- '"]),
        ("argmap: 1\nid: m\ntitle: T\nparties: [{id: a}]\nsource: {title: S, file: ../x.txt}\n",
         ["map.yaml:5:20: source file '../x.txt' lies outside the map's folder '{dir}'; move it "
          "beside the map (or pass allow_outside=True if you trust this file) @ $.source.file"]),
        ("argmap: 1\nid: m\ntitle: T\nparties: [{id: a}]\nsource: {title: S, file: no.txt}\n",
         ["map.yaml:5:20: source file 'no.txt' not found (looked for 'no.txt'); the path "
          "is relative to the map's file @ $.source.file"]),
        ("argmap: 1\nid: m\ntitle: T\nparties: [{id: a, meta: [1]}]\n",
         ["map.yaml:4:19: meta must be a mapping (key: value pairs), not a list "
          "@ $.parties[0].meta"]),
    ],
    ids=["no-version", "version-2", "no-party", "parties-not-list", "source-title-missing",
         "not-a-mapping", "syntax", "syntax-colon", "syntax-tab", "syntax-indent",
         "source-outside", "source-missing", "meta-not-mapping"],
)
def test_errors_name_the_place_and_what_to_do(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    expected = [e.replace("{dir}", str(tmp_path.resolve())) for e in expected]
    assert problems(text, tmp_path) == expected


def test_json_errors_carry_lines_too(tmp_path: Path) -> None:
    data = {"argmap": 1, "id": "m", "title": "T", "parties": [{"id": "a"}],
            "points": [{"id": "c", "kind": "claim", "by": "b", "text": "x"}]}
    text = json.dumps(data, indent=2)
    assert problems(text, tmp_path, "map.json") == [
        "map.json:14:7: unknown party or actor 'b' @ $.points[0].by"
    ]
    assert problems('{"argmap": 1,\n "id": }', tmp_path, "map.json") == [
        "map.json:2:8: JSON syntax error: Expecting value"
    ]
    assert "map.json:1:15: key 'argmap' appears twice in one object; the first would be lost" in problems(
        '{"argmap": 1, "argmap": 1}', tmp_path, "map.json")


def test_alias_bombs_are_refused_without_expanding(tmp_path: Path) -> None:
    lines = ["argmap: 1", "id: m", "title: T", "parties: [{id: a}]", "meta:", "  a0: &a0 [x, x]"]
    for i in range(1, 30):
        lines.append(f"  a{i}: &a{i} [*a{i-1}, *a{i-1}]")
    found = problems("\n".join(lines) + "\n", tmp_path)
    assert len(found) == 1
    assert "expands to more than 5,000,000 nodes through YAML aliases" in found[0]


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(b"argmap: 1\nid: caf\xe9\n")
    with pytest.raises(FormatError, match=r"map.yaml:2:1: the file is not UTF-8 text"):
        argmap.load(path)


def test_size_limit(tmp_path: Path) -> None:
    with pytest.raises(FormatError,
                       match=r"design-example.yaml: the map file is larger than 100 bytes; if you trust "
                             r"it, raise the limit: max_bytes= in Python, .argmap --max-bytes SIZE"):
        argmap.load(EXAMPLE, max_bytes=100)
    with pytest.raises(FormatError, match="<string>: the input is 12 bytes, over the limit of 10"):
        argmap.loads("argmap: 1\nid", max_bytes=10)


def test_unsupported_extension() -> None:
    with pytest.raises(argmap.UnsupportedFormatError, match=r"cannot tell the format of 'x\.docx'"):
        argmap.load("x.docx")


def test_loads_without_a_file_resolves_sources_against_base_dir() -> None:
    text = EXAMPLE.read_text()
    assert argmap.loads(text, base_dir=DATA) == argmap.load(EXAMPLE)


def test_save_writes_the_same_structure_back(tmp_path: Path) -> None:
    m = argmap.load(EXAMPLE)
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    for name in ("copy.yaml", "copy.json"):
        path = m.save(tmp_path / name)
        assert argmap.load(path) == m
    data = json.loads((tmp_path / "copy.json").read_text())
    assert list(data) == ["argmap", "id", "title", "date", "source", "parties", "actors",
                          "issues", "points"]
    assert data["points"][1] == {
        "id": "mikoyan-lapse-is-retreat", "kind": "objection", "by": "mikoyan",
        "issue": "invasion", "attacks": ["us-draft-lapse"],
        "text": "That lapse clause retreats from the President's letter of October 27.",
        "quote": "this is direct retreat from statement in President's letter",
    }
    yaml_text = (tmp_path / "copy.yaml").read_text()
    assert "  attacks: [us-draft-lapse]\n" in yaml_text
    assert "date: 1962-11-28\n" in yaml_text


def test_save_keeps_meta_everywhere(tmp_path: Path) -> None:
    text = dedent("""
        argmap: 1
        id: m
        title: T
        meta: {coder: ab, version: 3, tags: [x, y], nested: {deep: [1, {k: null}]}}
        parties:
          - {id: a, meta: {colour: red}}
        points:
          - {id: c, kind: claim, by: a, text: x, meta: {confidence: 0.5}}
        """)
    m = argmap.loads(text)
    assert m.meta == {"coder": "ab", "version": 3, "tags": ("x", "y"),
                      "nested": {"deep": (1, {"k": None})}}
    again = argmap.loads(m.dumps())
    assert again == m
    assert again.point("c").meta == {"confidence": 0.5}
    assert argmap.loads(m.dumps("json"), "json") == m


def test_save_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    m = argmap.load(EXAMPLE)
    target = tmp_path / "out.yaml"
    target.write_text("old")
    target.chmod(0o640)
    m.save(target)
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_quotes_are_checked_against_the_body_and_may_drop_footnote_markers(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(
        "A Publisher's Heading\n\nThe letter of October 27(1) said so. Nothing else.\n\n1 See Document 95.\n")
    def write(quote: str, body: str = "[[3, 3]]") -> Path:
        path = tmp_path / "m.yaml"
        path.write_text(dedent(f"""
            argmap: 1
            id: m
            title: M
            source: {{title: Doc, file: doc.txt, body: {body}, excerpt: the first lines only}}
            parties: [{{id: a}}]
            points:
              - {{id: p, kind: claim, by: a, text: T, quote: "{quote}"}}
            """))
        return path
    m = argmap.load(write("The letter of October 27 said so"))
    assert m.source is not None
    assert (m.source.body, m.source.excerpt) == (((3, 3),), "the first lines only")
    assert argmap.loads(m.dumps(), base_dir=tmp_path) == m
    argmap.load(write("The letter of October 27(1) said so"))
    with pytest.raises(argmap.FormatError, match=r"quote not found in doc.txt \(its body lines\)"):
        argmap.load(write("A Publisher's Heading"))
    with pytest.raises(argmap.FormatError, match=r"lie past the end of doc\.txt"):
        argmap.load(write("x", "[[40, 41]]"))
    past = r"body lines \[3, 9\] lie past the end of doc\.txt \(5 lines\)"
    with pytest.raises(argmap.FormatError, match=past):
        argmap.load(write("x", "[[1, 1], [3, 9]]"))
    with pytest.raises(argmap.FormatError, match=r"first line before last"):
        argmap.load(write("x", "[[3, 1]]"))
