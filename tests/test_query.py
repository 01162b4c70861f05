from __future__ import annotations

import pickle
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import query
from argmap.query import Thread, compare, concessions, pending_proposals, threads, unresolved
from tests.strategies import maps
from tests.util import make_map


def consume(gen: object) -> list[object]:
    return list(gen)  # type: ignore[call-overload]


def test_disagreements_are_attacks_across_parties_only() -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a"},
        {"id": "own", "kind": "objection", "by": "a", "attacks": ["c"]},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]},
    ])
    found = consume(query.disagreements(m))
    assert [(d.attacker, d.target, d.attacker_party, d.target_party) for d in found] == [
        ("o", "c", "b", "a")]


@pytest.mark.parametrize(
    ("agreeing", "settled_by"),
    [
        ({"id": "k", "kind": "concession", "by": "a", "agrees": ["o"]}, ("k",)),  # P(t) gives way
        ({"id": "k", "kind": "concession", "by": "b", "agrees": ["c"]}, ("k",)),  # P(a) gives way
        ({"id": "k", "kind": "claim", "by": "b", "agrees": ["o"]}, ()),  # own side agreeing: no
    ],
    ids=["target-side-agrees", "attacker-side-agrees", "same-side"],
)
def test_a_disagreement_is_settled_when_either_side_gives_way(
    agreeing: dict[str, object], settled_by: tuple[str, ...]
) -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]},
        agreeing,
    ])
    (d,) = query.disagreements(m)
    assert d.settled_by == settled_by
    assert d.is_open is (not settled_by)
    assert len(unresolved(m)) == (0 if settled_by else 1)


def test_unanswered_and_contested_threads_and_last_word() -> None:
    m = make_map([
        {"id": "c1", "kind": "claim", "by": "a", "issue": "i"},
        {"id": "o1", "kind": "objection", "by": "b", "attacks": ["c1"]},
        {"id": "c2", "kind": "claim", "by": "a", "issue": "j"},
        {"id": "o2", "kind": "objection", "by": "b", "attacks": ["c2"]},
        {"id": "r2", "kind": "rebuttal", "by": "a", "attacks": ["o2"]},
    ], issues=("i", "j"))
    assert consume(threads(m)) == [
        Thread("c1", "i", "unanswered", ("c1", "o1"), ("b",), ("o1",)),
        Thread("c2", "j", "contested", ("c2", "o2", "r2"), ("a",), ("r2",)),
    ]


def test_a_reply_settled_by_concession_leaves_the_thread() -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]},
        {"id": "r", "kind": "rebuttal", "by": "a", "attacks": ["o"]},
        {"id": "k", "kind": "concession", "by": "b", "agrees": ["r"]},
    ])
    (t,) = threads(m)
    # b conceded the rebuttal, so r -> o is settled; o -> c stays open and unanswered
    assert (t.root, t.status, t.points, t.last_word) == ("c", "unanswered", ("c", "o"), ("b",))


def test_one_point_in_several_threads() -> None:
    m = make_map([
        {"id": "c1", "kind": "claim", "by": "a"},
        {"id": "c2", "kind": "claim", "by": "a"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c1", "c2"]},
    ])
    assert [(t.root, t.points) for t in threads(m)] == [("c1", ("c1", "o")), ("c2", ("c2", "o"))]


def test_a_cycle_with_no_way_out_is_rooted_at_its_first_point_in_file_order() -> None:
    m = make_map([
        {"id": "x", "kind": "claim", "by": "b", "attacks": ["y"]},
        {"id": "y", "kind": "claim", "by": "a", "attacks": ["x"]},
    ])
    (t,) = threads(m)
    assert (t.root, t.status, t.points, t.last_word, t.ends) == (
        "x", "contested", ("x", "y"), ("a", "b"), ())
    reordered = attrs.evolve(m, points=m.points[::-1])
    (t2,) = threads(reordered)
    assert t2.root == "y"  # the documented tie-break: file order


def test_a_cycle_attacked_from_outside_gives_the_last_word_to_the_outsider() -> None:
    m = make_map([
        {"id": "x", "kind": "claim", "by": "a", "attacks": ["y"]},
        {"id": "y", "kind": "claim", "by": "b", "attacks": ["x"]},
        {"id": "z", "kind": "claim", "by": "c", "attacks": ["x"]},
    ], parties=("a", "b", "c"))
    (t,) = threads(m)
    assert (t.root, t.points, t.ends, t.last_word) == ("x", ("x", "y", "z"), ("z",), ("c",))


def test_a_thread_hanging_off_a_cycle_is_part_of_it() -> None:
    m = make_map([
        {"id": "x", "kind": "claim", "by": "a", "attacks": ["y"]},
        {"id": "y", "kind": "claim", "by": "b", "attacks": ["x"]},
        {"id": "w", "kind": "claim", "by": "a", "attacks": ["z"]},
        {"id": "z", "kind": "claim", "by": "b", "attacks": ["w", "x"]},
    ])
    # z attacks x (in the cycle) and w attacks z: one thread, rooted at the cycle
    assert [(t.root, t.points) for t in threads(m)] == [("x", ("x", "y", "w", "z"))]


def test_pending_proposals() -> None:
    m = make_map([
        {"id": "p1", "kind": "proposal", "by": "a"},
        {"id": "p2", "kind": "proposal", "by": "a"},
        {"id": "p3", "kind": "proposal", "by": "a"},
        {"id": "p4", "kind": "proposal", "by": "a"},
        {"id": "own", "kind": "objection", "by": "a", "attacks": ["p4"]},
        {"id": "k", "kind": "concession", "by": "b", "agrees": ["p2"]},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["p3"]},
        {"id": "s", "kind": "reason", "by": "b", "supports": ["o"]},
    ])
    assert [t.root for t in pending_proposals(m)] == ["p1", "p4"]
    u = unresolved(m)
    assert [(t.root, t.status) for t in u] == [
        ("p1", "pending"), ("p3", "unanswered"), ("p4", "pending")]
    assert u.caption == "1 open thread and 2 pending proposals in test"


def test_unresolved_counts_without_building_and_is_its_tuple_of_threads(
        nov29: argmap.ArgumentMap) -> None:
    u = unresolved(nov29)
    assert len(u) == 12
    assert u.caption == "10 open threads and 2 pending proposals in 1962-11-28-new-york"
    assert u._counts() == (10, 2)
    assert u.items._build is not None  # type: ignore[attr-defined]  # counting built no record
    built = tuple(threads(nov29)) + tuple(pending_proposals(nov29))
    assert sorted(u.items, key=lambda t: t.root) == sorted(built, key=lambda t: t.root)
    assert u.items[0] == u.items[:1][0] == next(iter(u))
    assert u.items == tuple(u)
    assert tuple(u) == u.items
    assert u == unresolved(nov29)
    assert hash(u.items) == hash(tuple(u))
    assert repr(u.items) == repr(tuple(u))
    again = pickle.loads(pickle.dumps(u))
    assert again == u
    assert type(again.items) is tuple
    assert again.caption == u.caption


def test_a_party_that_says_nothing_and_an_empty_map() -> None:
    m = make_map([{"id": "c", "kind": "claim", "by": "a", "issue": "i"}],
                 parties=("a", "b", "c"), issues=("i", "j"))
    c = compare(m, "b", "c")
    assert [(r.issue, r.status) for r in c] == [("i", "silent"), ("j", "silent")]
    empty = make_map([])
    assert len(unresolved(empty)) == 0
    assert str(unresolved(empty)) == "0 open threads and 0 pending proposals in test"
    assert consume(query.disagreements(empty)) == []
    assert len(compare(empty, "a", "b")) == 0


def test_compare_statuses_in_order_of_precedence() -> None:
    m = make_map([
        # disputed: an open thread on d holds points of both
        {"id": "d1", "kind": "claim", "by": "a", "issue": "d"},
        {"id": "d2", "kind": "objection", "by": "b", "attacks": ["d1"]},
        # agreed: b agrees with a's point on g (and also disputes nothing)
        {"id": "g1", "kind": "proposal", "by": "a", "issue": "g"},
        {"id": "g2", "kind": "concession", "by": "b", "agrees": ["g1"]},
        # agreed wins over unengaged, disputed wins over agreed
        {"id": "d3", "kind": "concession", "by": "a", "issue": "d", "agrees": ["d2"]},
        # unengaged: both said something, nothing more
        {"id": "u1", "kind": "claim", "by": "a", "issue": "u"},
        {"id": "u2", "kind": "claim", "by": "b", "issue": "u"},
        # one-sided
        {"id": "o1", "kind": "claim", "by": "a", "issue": "o"},
        # a point without any issue
        {"id": "n1", "kind": "claim", "by": "b"},
    ], issues=("d", "g", "u", "o", "s"))
    c = compare(m, "a", "b")
    assert [(r.issue, r.status, r.a_points, r.b_points) for r in c] == [
        ("d", "agreed", ("d1", "d3"), ("d2",)),
        ("g", "agreed", ("g1",), ("g2",)),
        ("u", "unengaged", ("u1",), ("u2",)),
        ("o", "one-sided", ("o1",), ()),
        ("s", "silent", (), ()),
        (None, "one-sided", (), ("n1",)),
    ]
    # d3 conceded d2, settling the only disagreement on d; without it d is disputed
    m2 = attrs.evolve(m, points=[p for p in m.points if p.id != "d3"])
    assert compare(m2, "a", "b")["d"].status == "disputed"
    assert c.to_records()[0] == {"issue": "d", "title": "d", "status": "agreed",
                                 "a": ["d1", "d3"], "b": ["d2"], "constructed": []}


def test_a_conditional_concession_answers_but_settles_nothing() -> None:
    m = make_map([
        {"id": "p", "kind": "proposal", "by": "a", "issue": "i"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["p"]},
        {"id": "k", "kind": "concession", "by": "b", "agrees": ["p"], "condition": "if ever"},
    ], issues=("i",))
    assert [t.root for t in pending_proposals(m)] == []  # answered
    assert [(t.root, t.status) for t in threads(m)] == [("p", "unanswered")]  # not settled
    assert compare(m, "a", "b")["i"].status == "disputed"
    unconditional = attrs.evolve(m, points=[*m.points[:2], attrs.evolve(m.points[2], condition=None)])
    assert list(threads(unconditional)) == []
    assert compare(unconditional, "a", "b")["i"].status == "agreed"
    assert [c.condition for c in concessions(m)] == ["if ever"]


def test_constructed_points_count_for_the_status_but_not_as_said() -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a", "issue": "i", "constructed": True},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]},
    ], issues=("i",))
    row = compare(m, "a", "b")["i"]
    assert (row.status, row.a_points, row.a_constructed, row.b_points) == (
        "disputed", (), ("c",), ("o",))
    assert compare(m, "a", "b").to_records()[0]["constructed"] == ["c"]
    assert "0 (+1)" in compare(m, "a", "b").to_text()


def test_a_condition_needs_an_agreement() -> None:
    with pytest.raises(argmap.ValidationError, match="a condition qualifies an agreement"):
        make_map([{"id": "c", "kind": "claim", "by": "a", "condition": "if"}])


def test_compare_needs_two_known_parties() -> None:
    m = make_map([])
    with pytest.raises(argmap.UnknownReferenceError, match="has no party 'zz'"):
        compare(m, "a", "zz")
    with pytest.raises(ValueError, match="two different parties"):
        compare(m, "a", "a")


def test_several_parties_each_pair_compared_on_its_own() -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a", "issue": "i"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]},
        {"id": "x", "kind": "claim", "by": "c", "issue": "i"},
    ], parties=("a", "b", "c"), issues=("i",))
    assert compare(m, "a", "b")["i"].status == "disputed"
    assert compare(m, "a", "c")["i"].status == "unengaged"
    assert compare(m, "b", "c")["i"].status == "unengaged"


def test_replies_tree_and_concessions() -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]},
        {"id": "s", "kind": "reason", "by": "b", "supports": ["o"]},
        {"id": "r", "kind": "rebuttal", "by": "a", "attacks": ["o"]},
        {"id": "k", "kind": "concession", "by": "b", "agrees": ["c"]},
    ])
    tree = query.replies(m, "c")
    assert [(d, n.point, n.relation) for d, n in tree.walk()] == [
        (0, "c", None), (1, "o", argmap.Relation.ATTACKS), (2, "s", argmap.Relation.SUPPORTS),
        (2, "r", argmap.Relation.ATTACKS), (1, "k", argmap.Relation.AGREES),
    ]
    (k,) = query.concessions(m)
    assert (k.point, k.party, k.agrees_with, k.conceded_to) == ("k", "b", ("c",), ("a",))


def test_records_dataframe_and_html() -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"], "text": "<b>&"},
    ])
    u = unresolved(m)
    assert u.to_records() == [{"root": "c", "issue": None, "status": "unanswered",
                               "points": ["c", "o"], "last_word": ["b"], "ends": ["o"]}]
    df = u.to_dataframe()
    assert list(df.columns) == list(u.COLUMNS)
    assert df.loc[0, "root"] == "c"
    html = u._repr_html_()
    assert "<td>c o</td>" in html
    assert "<caption>1 open thread" in html
    assert "<table" in compare(m, "a", "b")._repr_html_()


def test_dataframe_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError("no pandas")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(argmap.MissingDependencyError, match=r"pip install 'argmap\[pandas\]'"):
        unresolved(make_map([])).to_dataframe()


# --- properties -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(maps(max_points=10, any_relations=True))
def test_every_open_disagreement_lies_in_some_thread(m: argmap.ArgumentMap) -> None:
    found = consume(threads(m))
    for d in query.open_disagreements(m):
        assert any(d.attacker in t.points and d.target in t.points for t in found), d


@settings(max_examples=200, deadline=None)
@given(maps(max_points=10, any_relations=True), st.randoms())
def test_settling_a_disagreement_takes_it_out(m: argmap.ArgumentMap, rnd: random.Random) -> None:
    open_ = consume(query.open_disagreements(m))
    if not open_:
        return
    d = rnd.choice(open_)
    conceder = next(p for p in m.parties if p.id == d.target_party)
    settled = attrs.evolve(m, points=[*m.points, argmap.Point(
        "settles", "concession", conceder.id, "We agree.", agrees=[d.attacker])])
    after = {(x.attacker, x.target) for x in query.open_disagreements(settled)}
    assert (d.attacker, d.target) not in after
    assert after <= {(x.attacker, x.target) for x in open_}  # nothing else opens


@settings(max_examples=200, deadline=None)
@given(maps(max_points=10, any_relations=True), st.randoms())
def test_results_do_not_depend_on_file_order(m: argmap.ArgumentMap, rnd: random.Random) -> None:
    shuffled_points = list(m.points)
    rnd.shuffle(shuffled_points)
    shuffled = attrs.evolve(m, points=shuffled_points)

    def keys(x: argmap.ArgumentMap) -> list[tuple[object, ...]]:
        # the root of a cycle is the documented tie-break: there the issue is the root's
        cyclic = _cyclic_roots(x)
        return sorted(
            (tuple(sorted(t.points)), t.status, t.last_word, tuple(sorted(t.ends)),
             str(t.issue) if t.root not in cyclic else "")
            for t in unresolved(x)
        )

    assert keys(m) == keys(shuffled)
    a, b = m.parties[0].id, m.parties[-1].id
    if a != b and not _cyclic_roots(m):  # rows list points in file order: compare them as sets
        assert _rows(m, a, b) == _rows(shuffled, a, b)


def _cyclic_roots(m: argmap.ArgumentMap) -> set[str]:
    """The roots that lie in a cycle: they attack a point of their own thread."""
    open_edges = {(d.attacker, d.target) for d in query.open_disagreements(m)}
    return {t.root for t in threads(m) if any((t.root, p) in open_edges for p in t.points)}


def _rows(m: argmap.ArgumentMap, a: str, b: str) -> list[tuple[object, ...]]:
    return [(r.issue, r.status, frozenset(r.a_points), frozenset(r.b_points))
            for r in compare(m, a, b)]


@settings(max_examples=200, deadline=None)
@given(maps(max_points=10, any_relations=True))
def test_the_fast_path_finds_the_same_open_disagreements(m: argmap.ArgumentMap) -> None:
    from argmap.query import _open_edges

    assert set(_open_edges(m)) == {(d.attacker, d.target) for d in query.open_disagreements(m)}


def test_threads_built_slot_by_slot_equal_threads_built_by_attrs() -> None:
    amap = argmap.datasets.load("1962-11-28-new-york")
    found = list(query.threads(amap))
    assert found
    for thread in found:
        again = query.Thread(**attrs.asdict(thread, recurse=False))
        assert thread == again
        assert repr(thread) == repr(again)
        assert hash(thread) == hash(again)
