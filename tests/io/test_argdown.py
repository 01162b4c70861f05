from __future__ import annotations

import json
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import argmap
from argmap import ArgumentMap, FormatError, Point
from argmap.io._shared import slug
from argmap.io.argdown import ArgdownWarning, dumps_argdown, loads_argdown
from tests.conftest import DATA
from tests.interchange import ARGDOWN_EXAMPLES
from tests.strategies import maps

ARGDOWN = DATA / "argdown"
CORPUS = sorted(ARGDOWN.glob("*.argdown"))
PRIMER = ARGDOWN / "argdown-primer.argdown"


def fold(text: str) -> str:
    return " ".join(text.split())


def by_title(amap: ArgumentMap) -> dict[tuple[str, str], Point]:
    """The points keyed as Argdown keys them: (statement or argument, title)."""
    out = {}
    for p in amap.points:
        meta = p.meta.get("argdown", {})
        out[(meta.get("type", "statement"), meta.get("title", p.id))] = p
    return out


def pcs_edges(amap: ArgumentMap) -> set[tuple[str, str]]:
    edges = set()
    for p in amap.points:
        members = [i["point"] for i in p.meta.get("argdown", {}).get("pcs", ()) if "point" in i]
        edges |= {(m, p.id) for m in members[:-1]}
        if members:
            edges.add((p.id, members[-1]))
    return edges


def relations(amap: ArgumentMap) -> Counter[tuple[str, str, str]]:
    """Every relation the document states, typed as Argdown types them; PCS edges left out."""
    structure = pcs_edges(amap)
    found: Counter[tuple[str, str, str]] = Counter()
    for p in amap.points:
        meta = p.meta.get("argdown", {})
        for relation, target in p.relations():
            if (p.id, target) in structure:
                continue
            if target in meta.get("contradicts", ()):
                kind = "contradictory"
            elif target in meta.get("undercuts", ()):
                kind = "undercut"
            else:
                kind = {"attacks": "attack", "supports": "support"}[relation.value]
            found[(p.id, target, kind)] += 1
    return found


@pytest.fixture(scope="module")
def primer() -> ArgumentMap:
    return argmap.load(PRIMER)


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ARGDOWN / "argdown-primer.json").read_text())
    return data


def test_the_primer_has_argdowns_statements_node_for_node(
        primer: ArgumentMap, reference: dict[str, Any]) -> None:
    ours = {title: p for (kind, title), p in by_title(primer).items() if kind == "statement"}
    # untitled statements carry Argdown's own numbering in their ids
    ours = {("Untitled " + p.id.split("-")[1] if p.id.startswith("untitled-") else t): p
            for t, p in ours.items()}
    assert set(ours) == set(reference["statements"])
    for title, statement in reference["statements"].items():
        texts = [fold(m["text"]) for m in statement["members"]
                 if not m.get("isReference") and fold(m.get("text", ""))]
        point = ours[title]
        assert point.text == texts[0], title
        assert list(point.meta.get("argdown", {}).get("texts", ())) == texts[1:], title
        assert list(point.meta.get("argdown", {}).get("tags", ())) == statement.get("tags", []), title


def test_the_primer_has_argdowns_arguments_node_for_node(
        primer: ArgumentMap, reference: dict[str, Any]) -> None:
    ours = {title: p for (kind, title), p in by_title(primer).items() if kind == "argument"}
    assert set(ours) == set(reference["arguments"])
    for title, argument in reference["arguments"].items():
        point = ours[title]
        described = [fold(m["text"]) for m in argument["members"] if fold(m.get("text", ""))]
        if described:
            assert point.text == described[0]
        else:  # no description: the title stands for it
            assert point.text == title
            assert point.meta["argdown"]["described"] is False
        assert list(point.meta.get("argdown", {}).get("tags", ())) == argument.get("tags", [])
        pcs = point.meta.get("argdown", {}).get("pcs", ())
        roles = [(i["point"], i["role"]) for i in pcs if "point" in i]
        expected = [(slug(m["title"]),
                     "conclusion" if "conclusion" in m["role"] else "premise")
                    for m in argument["pcs"]]
        assert roles == expected
        rules = [r for i in pcs if "inference" in i for r in i["inference"]["rules"]]
        want = [r for m in argument["pcs"] if "inference" in m
                for r in m["inference"]["inferenceRules"]]
        assert rules == want


def test_the_primer_has_argdowns_relations_relation_for_relation(
        primer: ArgumentMap, reference: dict[str, Any]) -> None:
    ids = {}
    for (_kind, title), p in by_title(primer).items():
        ids[title if not p.id.startswith("untitled-") else "Untitled " + p.id.split("-")[1]] = p.id
    expected = Counter((ids[r["from"]], ids[r["to"]], r["relationType"])
                       for r in reference["relations"])
    assert relations(primer) == expected
    assert len(reference["relations"]) == 10


def test_the_primers_sections_become_issues(primer: ArgumentMap, reference: dict[str, Any]) -> None:
    titles = []
    stack = list(reference["sections"])
    while stack:
        section = stack.pop(0)
        titles.append((section["title"].replace("❤", ":heart:"), section["level"]))
        stack[:0] = section["children"]
    assert [(i.label, i.meta["argdown"]["level"]) for i in primer.issues] == titles
    # each statement's issue is the section Argdown puts it in
    section_title = {}
    stack = list(reference["sections"])
    while stack:
        section = stack.pop(0)
        section_title[section["id"]] = section["title"].replace("❤", ":heart:")
        stack[:0] = section["children"]
    for title, statement in reference["statements"].items():
        pid = slug(title) if title.startswith("Untitled") else by_title(primer)[
            ("statement", title)].id
        assert primer.issue(primer.point(pid).issue).label == section_title[statement["section"]]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_argdown_example_loads_renders_and_round_trips(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArgdownWarning)  # intro's undefined arguments, tested below
        amap = argmap.load(path)
    if path.stem in ARGDOWN_EXAMPLES:
        assert len(amap.points) > 10
    assert amap.to_graphviz().source.startswith("digraph")
    text = dumps_argdown(amap)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArgdownWarning)
        again = loads_argdown(text)
    if "argdown" not in amap.meta and "argdown" in again.meta:
        # a bare document (no frontmatter, no tags): the map gains how argmap wrote it
        assert {k: v for k, v in again.meta.items() if k != "argdown"} == amap.meta
        again = attrs.evolve(again, meta=amap.meta)
    assert again == amap
    assert dumps_argdown(again) == text
    assert relations(again) == relations(amap)


def test_argdown_written_by_argmap_matches_the_reference_again(reference: dict[str, Any]) -> None:
    again = loads_argdown(dumps_argdown(argmap.load(PRIMER)))
    assert sum(relations(again).values()) == len(reference["relations"])
    assert len([p for p in again.points if p.meta.get("argdown", {}).get("type") == "argument"]) \
        == len(reference["arguments"])


def test_state_censorship_reads_frontmatter_parties_and_structures() -> None:
    amap = argmap.load(ARGDOWN / "state-censorship.argdown")
    assert amap.title == "Censorship from the State"
    assert amap.meta["argdown"]["frontmatter"]["author"] == "Gregor Betz"
    assert [p.id for p in amap.parties] == ["author", "con", "pro"]
    freedom = amap.point("argument-from-freedom-of-speech")
    assert freedom.by == "con"
    assert freedom.meta["argdown"]["data"] == {"source": "C1a"}
    # removeTagsFromText: the tags are gone from the text, kept in meta
    assert "#con" not in freedom.text
    assert "tags" not in freedom.meta["argdown"]
    # the premises take the party of their argument; the conclusion attacks [Censorship]
    pcs = freedom.meta["argdown"]["pcs"]
    assert [i.get("role") for i in pcs] == ["premise", "premise", "premise", None, "conclusion"]
    conclusion = amap.point(pcs[-1]["point"])
    assert conclusion.by == "con"
    assert conclusion.attacks == ("Censorship",)
    assert pcs[3]["inference"] == {"rules": ("Specification", "Modus ponens"),
                                   "data": {"uses": (1, 2, 3)}}
    # a disagreement between the sides and the author's central claims
    assert {(d.attacker, d.target) for d in amap.disagreements()} >= {
        (conclusion.id, "Censorship")}


def test_hard_wrapped_lines_and_inference_data() -> None:
    amap = argmap.load(ARGDOWN / "greenspan-schefczyk_hardwrap.argdown")
    assert amap.title == "Why the Fed didn't Intervene to Prevent the 2008 Financial Crisis"
    point = amap.point("no-bubbles-no-preemption")
    assert point.text == ("There is no need for preemptive policies against bubbles because there "
                          "are no bubbles on the housing market in the first place. #basic")
    assert point.supports == ("against-preemption",)
    contra = amap.point("bubbles-impossible")
    assert contra.meta["argdown"]["contradicts"] == ("untitled-25",)
    assert amap.point("untitled-25").attacks == ("bubbles-impossible",)
    issue = amap.issue("greenspan-s-arguments-in-2002")
    assert issue.meta["argdown"]["data"] == {"isGroup": False}


def test_relation_symbols_in_both_directions() -> None:
    amap = loads_argdown("""
<A>: An argument.
  + [S]: Supports A.
  <- [T]: Attacks A.
  _ <U>: Undercuts A.
  +> [C]: A supports C.
  -> [D]: A attacks D.
  _> <E>: A undercuts E.

[C]
  >< [F]: Contradicts C.
""", party_tags=())
    got = relations(amap)
    assert got == Counter({
        ("S", "A", "support"), ("T", "A", "attack"), ("U", "A", "undercut"), ("A", "C", "support"),
        ("A", "D", "attack"), ("A", "E", "undercut"), ("C", "F", "contradictory"),
        ("F", "C", "contradictory")})


def test_parties_from_tags_data_and_default() -> None:
    text = """
[Fee]: Schools should charge a fee. #aff
  - [Poor]: The poor cannot pay. #neg
    - [Waiver]: Waivers exist. {side: aff}
  + [Plain]: Nobody says otherwise.
"""
    amap = loads_argdown(text, party_tags=["aff", "neg"], party_key="side", default_party="teacher")
    assert {p.id: p.by for p in amap.points} == {
        "Fee": "aff", "Poor": "neg", "Waiver": "aff", "Plain": "teacher"}
    # the teacher's supporting point is not one of aff's own: a claim, not a reason
    assert [p.kind.value for p in amap.points] == ["claim", "objection", "rebuttal", "claim"]
    # the same settings from the frontmatter
    front = "===\nargmap:\n  party_tags: {aff: yes-side, neg: no-side}\n===\n"
    amap = loads_argdown(front + text)
    assert {p.id: p.by for p in amap.points}["Poor"] == "no-side"


def test_markup_is_kept_and_written_back() -> None:
    amap = loads_argdown("[B]: A **bold** and _italic_ [link](https://x.org) with \\#hash.\n")
    point = amap.point("B")
    assert point.text == "A bold and italic link with #hash."
    assert point.meta["argdown"]["markup"] == "A **bold** and _italic_ [link](https://x.org) with \\#hash."
    assert "**bold**" in dumps_argdown(amap)
    assert loads_argdown(dumps_argdown(amap)) == amap


@pytest.mark.parametrize(("text", "line", "message"), [
    ("[A]: text\n\n- [B]: orphan\n", 3, "needs a statement or argument on the line above"),
    ("[A]: text\n  _ [B]: not an argument\n", 2, "an undercut (_) denies an argument's inference"),
    ("[A]: text {a: b: c}\n", 1, "cannot read the data"),
    ("[A]: text {party: [1}\n", 1, "is never closed"),
    ("[A]: text\n<!-- never closed\n", 2, "the comment opened with <!-- is never closed"),
    ("===\ntitle: x\n", 1, "the frontmatter opened with === is never closed"),
    ("<A>: x\n\n(1) premise\n(2) another\n", 4, "has no conclusion"),
    ("[A]: text\n  +\n", 2, "names nothing"),
    ("[A]: a #pro #con\n", 1, "the tags of two parties"),
    ("===\nargmap: {kind: x}\n===\n[A]: a\n", 1, "unknown key 'kind' under 'argmap'"),
    ("[A]: a {argmap: {kind: wish}}\n", 1, "'wish' is not a kind"),
])
def test_errors_name_the_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FormatError) as info:
        loads_argdown(text, file="debate.argdown")
    problem = info.value.problems[0]
    assert problem.file == "debate.argdown"
    assert problem.line == line
    assert message in str(info.value)


def test_the_1962_map_goes_through_argdown_and_back(tmp_path: Path) -> None:
    amap = argmap.datasets.load("1962-11-28-new-york")
    path = amap.save(tmp_path / "telegram.argdown")
    again = argmap.load(path)
    assert {p.id: p for p in again.points} == {p.id: p for p in amap.points}
    assert again.parties == amap.parties
    assert again.actors == amap.actors
    assert again.issues == amap.issues
    assert again.source == amap.source
    # one heading per issue, in the order of the map's issues, with the points of no issue first
    assert [p.id for p in again.points] == [
        p.id for issue in [None, *(i.id for i in amap.issues)] for p in amap.points
        if p.issue == issue]


@settings(max_examples=200, deadline=None)
@given(maps())
def test_any_map_goes_through_argdown_and_back(amap: ArgumentMap) -> None:
    again = loads_argdown(dumps_argdown(amap))
    assert {p.id: p for p in again.points} == {p.id: p for p in amap.points}
    assert (again.id, again.title, again.date, again.description, again.source) == (
        amap.id, amap.title, amap.date, amap.description, amap.source)
    # the map's meta gains only how it was written as Argdown
    assert {k: v for k, v in again.meta.items() if k != "argdown"} == amap.meta
    assert (again.parties, again.actors, again.issues) == (amap.parties, amap.actors, amap.issues)


def test_an_argument_used_but_never_defined_is_a_point_with_a_warning_as_argdown_accepts_it() -> None:
    with pytest.warns(ArgdownWarning, match=r"<string>: 2 used but never given a text .*: "
                      r"<Ghost> \(line 2\), \[Shade\] \(line 3\);"):
        amap = loads_argdown("[A]: text\n  -> <Ghost>\n  + [Shade]\n")
    ghost = amap.point("Ghost")
    assert (ghost.text, ghost.meta["argdown"]) == ("Ghost", {"type": "argument", "described": False})
    assert amap.point("A").attacks == ("Ghost",)
    assert amap.point("Shade").supports == ("A",)
    with pytest.warns(ArgdownWarning):
        assert loads_argdown(dumps_argdown(amap)) == amap


def test_headings_run_on_to_the_blank_line_and_lists_are_a_statement_per_item() -> None:
    amap = loads_argdown("# Heading that\ncontinues here\n\n[S]: text\n\n* first item\n* second\n"
                         "  item\n\n1. one\n2. two\n")
    assert [(i.id, i.label) for i in amap.issues] == [
        ("heading-that-continues-here", "Heading that continues here")]
    assert [(p.id, p.text) for p in amap.points] == [
        ("S", "text"), ("untitled-1", "first item"), ("untitled-2", "second item"),
        ("untitled-3", "one"), ("untitled-4", "two")]


def test_relations_of_a_reconstructed_argument_leave_from_its_conclusion() -> None:
    amap = loads_argdown("[T]: thesis\n  + <Arg>\n\n<Arg>\n\n(1) [P]: p\n----\n(2) [C]: c\n")
    assert amap.point("C").supports == ("T",)
    assert amap.point("Arg").supports == ("C",)  # the argument's structure: it supports its conclusion
    assert amap.point("P").supports == ("Arg",)
    off = loads_argdown("===\nmodel:\n  transformArgumentRelations: false\n===\n\n"
                        "[T]: thesis\n  + <Arg>\n\n<Arg>\n\n(1) [P]: p\n----\n(2) [C]: c\n")
    assert off.point("Arg").supports == ("T", "C")


def test_indentation_closes_blocks_as_argdowns_lexer_does() -> None:
    amap = loads_argdown("[A]: a\n  - [C]: c\n      <+ [D]: d\n    -> [G]: g\n      + [H]: h\n")
    # the dedent to 4 closes C's block: G is A's; the line at 6 is then deeper than 2, so H is G's
    assert amap.point("A").attacks == ("G",)
    assert amap.point("C").attacks == ("A",)
    assert amap.point("D").supports == ("C",)
    assert amap.point("G").attacks == ()
    assert amap.point("H").supports == ("G",)


def test_strict_mode_keeps_contrary_and_entails() -> None:
    amap = loads_argdown("===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  - [B]: b\n  + [C]: c\n")
    assert amap.point("B").attacks == ("A",)
    assert amap.point("B").meta["argdown"]["contrary"] == ("A",)
    assert amap.point("C").meta["argdown"]["entails"] == ("A",)
    assert loads_argdown(dumps_argdown(amap)) == amap


def test_untitled_nodes_share_one_count_as_in_argdown() -> None:
    amap = loads_argdown("(1) A\n----\n(2) B\n")
    assert {p.id: p.text for p in amap.points} == {
        "untitled-1": "Untitled 1", "untitled-2": "A", "untitled-3": "B"}
    assert amap.point("untitled-1").meta["argdown"]["type"] == "argument"
