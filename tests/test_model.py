from __future__ import annotations

import datetime
import pickle

import attrs
import networkx as nx
import pytest

import argmap
from argmap import ArgumentMap, Issue, Kind, Party, Point, Relation, Source
from argmap.errors import UnknownReferenceError, ValidationError
from tests.util import make_map


def test_point_kind_is_converted_and_relations_are_tuples() -> None:
    p = Point("o", "objection", "a", "No.", attacks=["c", "d"])
    assert p.kind is Kind.OBJECTION
    assert p.attacks == ("c", "d")
    assert p.targets(Relation.ATTACKS) == ("c", "d")
    assert list(p.relations()) == [(Relation.ATTACKS, "c"), (Relation.ATTACKS, "d")]


def test_model_objects_are_frozen() -> None:
    p = Point("c", "claim", "a", "Yes.")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.text = "No."  # type: ignore[misc]
    with pytest.raises(TypeError):
        p.meta["x"] = 1  # type: ignore[index]


def test_meta_is_deeply_read_only_and_compares_equal_to_plain_data() -> None:
    p = Point("c", "claim", "a", "Yes.", meta={"tags": ["x", {"k": 1}]})
    assert p.meta == {"tags": ("x", {"k": 1})}
    with pytest.raises(TypeError):
        p.meta["tags"][1]["k"] = 2


@pytest.mark.parametrize(
    ("bad_id", "message"),
    [
        ("has space", "is not a valid id"),
        ("-leading", "is not a valid id"),
        ("a:b", "is not a valid id"),
        ("", "is not a valid id"),
    ],
)
def test_ids_must_be_slugs(bad_id: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Party(bad_id)


def test_a_single_string_is_not_taken_for_a_list_of_ids() -> None:
    with pytest.raises(TypeError, match=r"write \[abc\]"):
        Point("o", "objection", "a", "No.", attacks="abc")  # type: ignore[arg-type]


def test_text_is_required_and_not_blank() -> None:
    with pytest.raises(ValueError, match="text must not be empty"):
        Point("c", "claim", "a", "   ")


def test_map_reports_every_rule_it_breaks_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        make_map([
            {"id": "c", "kind": "claim", "by": "a", "issue": "nope"},
            {"id": "o", "kind": "objection", "by": "zz"},
            {"id": "r", "kind": "rebuttal", "by": "b", "attacks": ["c"]},
            {"id": "k", "kind": "concession", "by": "a", "agrees": ["c"]},
            {"id": "s", "kind": "reason", "by": "b", "supports": ["c"]},
            {"id": "c", "kind": "claim", "by": "a"},
        ])
    messages = [(p.json_path, p.message) for p in info.value.problems]
    assert messages == [
        ("$.points[5].id", "duplicate point id 'c'"),
        ("$.points[0].issue", "unknown issue 'nope'"),
        ("$.points[1].by", "unknown party or actor 'zz'"),
        ("$.points[1].kind", "an objection must attack a point: add 'attacks: [...]'"),
        ("$.points[2].attacks[0]",
         "a rebuttal attacks objections or rebuttals, but 'c' is a claim; make this point an "
         "objection, or attack the objection"),
        ("$.points[3].agrees[0]",
         "a concession agrees with another party's point, but 'c' is 'a''s own; use a reason "
         "(supports) instead"),
        ("$.points[4].supports[0]",
         "a reason supports its own party's point, but 'c' is 'a''s; use a concession (agrees) "
         "instead"),
    ]


def test_unknown_reference_suggests_the_closest_id() -> None:
    with pytest.raises(ValidationError, match=r"unknown point 'clam' \(did you mean 'claim'\?\)"):
        make_map([{"id": "claim", "kind": "claim", "by": "a"},
                  {"id": "o", "kind": "objection", "by": "b", "attacks": ["clam"]}])


def test_parties_and_actors_share_a_namespace() -> None:
    with pytest.raises(ValidationError, match="parties and actors share one namespace"):
        make_map([], parties=("a",), actors={"a": "a"})


def test_an_actor_must_belong_to_a_party_not_an_actor() -> None:
    with pytest.raises(ValidationError, match="which is an actor, not a party"):
        make_map([], parties=("a",), actors={"x": "a", "y": "x"})


def test_a_map_needs_a_party() -> None:
    with pytest.raises(ValidationError, match="at least one party"):
        ArgumentMap("m", "M")


def test_lookups_and_party_of() -> None:
    m = make_map([{"id": "c", "kind": "claim", "by": "x"},
                  {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]}],
                 actors={"x": "a"})
    assert m.party_of("c") == "a"
    assert m.party_of(m.point("o")) == "b"
    assert m.speaker_of("c") == m.actor("x")
    assert m.speaker_of("o") is None
    with pytest.raises(UnknownReferenceError, match="has no point 'q'") as info:
        m.point("q")
    assert info.value.ref_id == "q"
    assert isinstance(info.value, KeyError)
    assert [p.id for p in m.points_by("a")] == ["c"]
    assert [p.id for p in m.points_by("x")] == ["c"]
    assert [p.id for p in m.points_of_kind("objection")] == ["o"]


def test_issue_is_inherited_along_the_chain_and_none_in_a_loop() -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a", "issue": "i"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]},
        {"id": "r", "kind": "rebuttal", "by": "a", "attacks": ["o"]},
        {"id": "s", "kind": "reason", "by": "a", "supports": ["r"]},
        {"id": "x", "kind": "claim", "by": "a", "attacks": ["y"]},
        {"id": "y", "kind": "claim", "by": "b", "attacks": ["x"]},
        {"id": "lone", "kind": "claim", "by": "b"},
    ], issues=("i",))
    assert [m.issue_of(p) for p in ("c", "o", "r", "s")] == ["i"] * 4
    assert m.issue_of("x") is None
    assert m.issue_of("y") is None
    assert m.issue_of("lone") is None
    assert [p.id for p in m.points_on("i")] == ["c", "o", "r", "s"]
    assert [p.id for p in m.points_on(None)] == ["x", "y", "lone"]


def test_inheritance_takes_the_first_target_attacks_before_supports() -> None:
    m = make_map([
        {"id": "c1", "kind": "claim", "by": "a", "issue": "i"},
        {"id": "c2", "kind": "claim", "by": "b", "issue": "j"},
        {"id": "x", "kind": "claim", "by": "b", "supports": ["c2"], "attacks": ["c1"]},
    ], issues=("i", "j"))
    assert m.issue_of("x") == "i"


def test_graph_is_a_frozen_multidigraph_keyed_by_relation() -> None:
    m = make_map([
        {"id": "c", "kind": "claim", "by": "a", "issue": "i"},
        {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"], "agrees": ["c"]},
    ], issues=("i",))
    g = m.graph
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted(g.edges(keys=True)) == [("o", "c", "agrees"), ("o", "c", "attacks")]
    assert g.nodes["o"] == {"kind": "objection", "by": "b", "party": "b", "issue": "i"}
    with pytest.raises(nx.NetworkXError):
        g.add_node("z")


def test_maps_are_hashable_picklable_and_compare_by_value() -> None:
    a = make_map([{"id": "c", "kind": "claim", "by": "a"}])
    b = make_map([{"id": "c", "kind": "claim", "by": "a"}])
    assert a == b
    assert hash(a) == hash(b)
    assert pickle.loads(pickle.dumps(a)) == a
    assert attrs.evolve(a, title="Other") != a


def test_source_and_map_dates_accept_iso_text() -> None:
    s = Source("T", date="1962-11-30")  # type: ignore[arg-type]
    assert s.date == datetime.date(1962, 11, 30)


def test_public_api_is_sorted_and_complete() -> None:
    assert argmap.__all__ == sorted(argmap.__all__)
    for name in argmap.__all__:
        assert hasattr(argmap, name), name
    assert issubclass(argmap.FormatError, argmap.ArgmapError)
    assert issubclass(argmap.UnknownReferenceError, KeyError)
    assert Issue("x").label == "x"


def test_reprs_fit_a_screen() -> None:
    m = argmap.datasets.load("1962-11-28-new-york")
    case = argmap.datasets.load_case("1962-cuba")
    assert repr(m) == "<ArgumentMap '1962-11-28-new-york': 46 points, 11 issues, 3 parties>"
    assert repr(m.unresolved()) == (
        "<Unresolved: 10 open threads and 2 pending proposals in 1962-11-28-new-york>")
    assert repr(m.compare("us", "ussr")) == "<Comparison of us and ussr in 1962-11-28-new-york: 11 issues>"
    assert repr(case) == "<Case '1962-cuba': 6 maps from 1962-10-30-moscow to 1962-11-28-new-york>"
    assert repr(argmap.semantics.framework(m)) == "<Framework: 46 arguments, 17 attacks>"
    assert repr(case.timeline()).startswith("<Timeline of us and ussr: ")
    header = str(m.unresolved()).splitlines()[2].split()
    assert header == ["STATUS", "ISSUE", "LAST", "WORD", "POINTS", "ROOT"]
    assert all(len(repr(x)) < 120 for x in (m, m.unresolved(), m.compare("us", "ussr"), case))
