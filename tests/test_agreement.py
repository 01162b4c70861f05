"""argmap.agreement: two codings of one source, aligned by quote and compared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import argmap
from argmap.agreement import CATEGORIES, nominal_alpha
from tests.util import dedent

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "two-coders"

SOURCE = dedent("""
    Heading
    A said the draft is fine. B said the draft is not fine. A replied it is. B proposed a talk.
    Footer
""")

HEAD = dedent("""
    argmap: 1
    id: {id}
    title: t
    source: {{title: s, file: source.txt, body: {body}}}
    parties: [{{id: a}}, {{id: b}}]
    issues: [{{id: {i1}}}, {{id: {i2}}}]
    points:
""")


def write(tmp_path: Path, name: str, points: str, i1: str = "draft", i2: str = "talk",
          source: str = SOURCE, body: str = "[[2, 2]]") -> argmap.ArgumentMap:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "source.txt").write_text(source, encoding="utf-8")
    path = tmp_path / f"{name}.yaml"
    path.write_text(HEAD.format(id=name, i1=i1, i2=i2, body=body) + dedent(points), encoding="utf-8")
    return argmap.load(path)


CODER_A = """
  - {id: fine, kind: claim, by: a, issue: draft, text: x, quote: the draft is fine}
  - {id: notfine, kind: objection, by: b, attacks: [fine], text: x, quote: the draft is not fine}
  - {id: is, kind: rebuttal, by: a, attacks: [notfine], text: x, quote: A replied it is}
  - {id: talk, kind: proposal, by: b, issue: talk, text: x, quote: B proposed a talk}
  - {id: bare, kind: claim, by: a, text: no quote here}
"""

CODER_B = """
  - {id: b1, kind: claim, by: a, issue: form, text: x, quote: A said the draft is fine.}
  - {id: b2, kind: claim, by: b, issue: form, text: x, quote: B said the draft is not fine}
  - {id: b3, kind: objection, by: a, attacks: [b2], text: x, quote: replied it is}
  - {id: b4, kind: claim, by: b, issue: form, text: x, quote: B said}
"""


def test_a_map_agrees_with_itself_everywhere() -> None:
    for name in argmap.datasets.names():
        m = argmap.datasets.load(name)
        result = argmap.agreement(m, m)
        assert result.a_unaligned == result.b_unaligned == ()
        assert [(p.a, p.jaccard) for p in result.pairs] == [(p.id, 1.0) for p in m.points]
        assert result.unitizing.alpha == 1.0
        for c in result.categories:
            assert c.percent == 100.0
            values = {x for x, _, _ in c.confusion}
            assert c.alpha == (1.0 if len(values) > 1 else None), (name, c.category)
        assert all(r.a_in_b == r.a_total and r.b_in_a == r.b_total for r in result.relations)
        assert all(o.same for o in result.issues)
        assert all(t.same for t in result.threads)


def test_changing_kinds_lowers_only_the_kind_alpha() -> None:
    m = argmap.datasets.load("1962-11-28-new-york")
    swap = {argmap.Kind.CLAIM: argmap.Kind.PROPOSAL, argmap.Kind.PROPOSAL: argmap.Kind.CLAIM}
    changed = attrs.evolve(m, id="changed", points=[
        attrs.evolve(p, kind=swap.get(p.kind, p.kind)) if i % 3 == 0 else p
        for i, p in enumerate(m.points)])
    assert changed.source is not None
    assert changed.source.text is not None
    result = argmap.agreement(m, changed)
    kind = result.category("kind")
    assert kind.alpha is not None
    assert kind.alpha < 0.9
    assert kind.agreeing < kind.pairs
    assert {(x, y) for x, y, _ in kind.confusion if x != y} == {("claim", "proposal"), ("proposal", "claim")}
    for name in CATEGORIES[1:]:
        assert result.category(name).alpha == 1.0, name
    assert result.unitizing.alpha == 1.0
    assert not result.a_unaligned
    assert not result.b_unaligned


def test_alignment_pairs_by_overlap_one_to_one(tmp_path: Path) -> None:
    a = write(tmp_path, "a", CODER_A)
    b = write(tmp_path, "b", CODER_B, i1="form", i2="meet")
    result = argmap.agreement(a, b)
    assert [(p.a, p.b, p.shared) for p in result.pairs] == [
        ("fine", "b1", 17), ("notfine", "b2", 21), ("is", "b3", 13)]
    # b4 quotes words ("B said") that no point of A quotes; A quoted the proposal, B did not
    assert result.b_unaligned == ("b4",)
    assert result.a_unaligned == ("talk",)
    assert result.a_not_placed == ("bare",)
    assert result.pairs[0].jaccard == pytest.approx(17 / 25)
    kind = result.category("kind")
    assert (kind.pairs, kind.agreeing) == (3, 1)
    assert kind.confusion == (("claim", "claim", 1), ("objection", "claim", 1),
                              ("rebuttal", "objection", 1))
    assert result.category("by").percent == 100.0
    # A's "draft" is read as B's "form": the aligned points are on it, two of them by inheritance
    assert dict(result.issue_map) == {"draft": "form"}
    assert result.category("issue").confusion == (("form", "form", 3),)
    attacks = next(r for r in result.relations if r.relation == "attacks")
    assert (attacks.a_total, attacks.a_in_b, attacks.b_total, attacks.b_in_a) == (2, 1, 1, 1)  # is->notfine


def test_unitizing_alpha_is_krippendorffs_over_words(tmp_path: Path) -> None:
    # ten words; A covers the first five, B the first four
    source = "Head\none two three four five six seven eight nine ten\n"
    body = "  - {{id: p, kind: claim, by: a, text: x, quote: {quote}}}\n"
    a = write(tmp_path / "x", "a",
              body.format(quote="one two three four five"), source=source)
    b = write(tmp_path / "x", "b", body.format(quote="one two three four"), source=source)
    result = argmap.agreement(a, b)
    assert (result.unitizing.words, result.unitizing.agreeing) == (10, 9)
    # by hand: coincidences o11 = 8, o00 = 10, o01 = o10 = 1; n = 20, n1 = 9, n0 = 11
    assert result.unitizing.alpha == pytest.approx(1 - 19 * 2 / (2 * 9 * 11))


def test_nominal_alpha_matches_krippendorffs_worked_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section A: two observers,
    # binary data, no missing values; alpha = 0.095
    a = list("0100000010")
    b = list("1110010000")
    assert nominal_alpha(a, b) == pytest.approx(1 - 19 * 8 / (2 * 14 * 6))
    assert round(nominal_alpha(a, b) or 0, 3) == 0.095
    assert nominal_alpha(["x"], ["x"]) is None


def test_different_sources_are_refused_with_where_they_part(tmp_path: Path) -> None:
    a = write(tmp_path / "one", "a", CODER_A)
    b = write(tmp_path / "two", "b", CODER_B, i1="form",
              source=SOURCE.replace("B proposed", "B suggested"))
    with pytest.raises(argmap.SourceError) as info:
        argmap.agreement(a, b)
    assert str(info.value) == (
        "a and b quote different texts: source.txt and source.txt part at line 2 of source.txt "
        "('proposed a talk.'); agreement compares two codings of one document")


def test_whitespace_does_not_make_a_different_source(tmp_path: Path) -> None:
    a = write(tmp_path / "one", "a", CODER_A)
    rewrapped = SOURCE.replace("fine. B said", "fine.\r\nB   said").replace("Footer", "\nFooter")
    b = write(tmp_path / "two", "b", CODER_B, i1="form", source=rewrapped, body="[[2, 3]]")
    result = argmap.agreement(a, b)
    assert [p.a for p in result.pairs] == ["fine", "notfine", "is"]


def test_parties_must_exist_in_both(tmp_path: Path) -> None:
    a = write(tmp_path, "a", CODER_A)
    with pytest.raises(argmap.UnknownReferenceError):
        argmap.agreement(a, a, parties=("a", "c"))


def test_the_worked_example_of_docs() -> None:
    bundled = argmap.datasets.load("1962-11-28-new-york")
    second = argmap.load(EXAMPLES / "1180-coder-b.yaml")
    result = argmap.agreement(bundled, second)
    assert (len(result.pairs), len(result.a_unaligned), len(result.b_unaligned)) == (17, 18, 0)
    assert all(p.startswith("mccloy") or p.endswith(("finish-quickly", "meet-again-friday"))
               for p in result.a_not_placed)
    assert (result.category("kind").agreeing, result.category("kind").pairs) == (7, 17)
    assert dict(result.issue_map)["castro-points"] == "castro"
    lapse = next(t for t in result.threads if t.a_root == "us-draft-lapse")
    assert (lapse.b_root, lapse.a_status, lapse.b_status) == ("b-mikoyan-lapse", "contested", "unanswered")
    assert {o.a_issue for o in result.issues} >= {"invasion", "inspection"}
    assert "quarantine" not in {o.a_issue for o in result.issues}  # McCloy's paragraph: B did not code it


def test_the_result_is_the_same_in_every_process() -> None:
    script = ("import argmap, json; a = argmap.agreement(argmap.datasets.load('1962-11-28-new-york'), "
              f"argmap.load({str(EXAMPLES / '1180-coder-b.yaml')!r})); print(json.dumps(a.to_json()))")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(outputs) == 1


def test_records_and_json(tmp_path: Path) -> None:
    a = write(tmp_path, "a", CODER_A)
    result = argmap.agreement(a, a)
    records = result.to_records()
    assert [r["measure"] for r in records][:6] == ["unitizing (words)", *CATEGORIES]
    assert records[-1]["measure"] == "agrees, B's in A"
    data = result.to_json()
    assert list(data) == ["a", "b", "source", "alignment", "unitizing", "categories", "relations",
                          "issue_map", "parties", "issues", "threads"]
    assert data["parties"] == ["a", "b"]
    frame = result.to_dataframe()
    assert list(frame.columns) == ["measure", "units", "agreeing", "percent", "alpha"]
    assert repr(result).startswith("<Agreement a / a: 4 pairs")


def test_a_huge_cluster_of_overlapping_quotes_is_matched_in_seconds(tmp_path: Path) -> None:
    words = " ".join(f"w{i}" for i in range(700))
    source = f"Head\n{words}.\n"
    points = "".join(
        f"  - {{id: p{i}, kind: claim, by: a, text: x, quote: \"{' '.join(words.split()[i:i + 300])}\"}}\n"
        for i in range(0, 400))
    a = write(tmp_path / "one", "a", points, source=source)
    b = write(tmp_path / "two", "b", points, source=source)
    result = argmap.agreement(a, b)  # 800 points in one cluster: greedy, heaviest overlap first
    assert len(result.pairs) == 400
    assert all(p.a == p.b for p in result.pairs)
