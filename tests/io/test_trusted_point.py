"""The fast way points are loaded builds exactly what the checked way builds, or leaves it alone."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.io._convert import converter, structure_item, trusted_point
from argmap.model import Point

IDS = st.sampled_from(["p1", "us-draft", "a.b_c", "x", "9", "", " p", "a b", "-x", "é", "p1#q"])
REFS = st.sampled_from(["m#p", "1962-11-28-new-york#us-draft-lapse", "m", "#p", "m#"])
TEXTS = st.sampled_from(["It is so.", "", "  ", "\t", "Ça va.", "\ud800 lone", "line\nbreak"])
ODD = st.sampled_from([None, 1, 2.5, True, [], {}, ["p1"], "p1"])


def values(key: str) -> st.SearchStrategy[Any]:
    if key in ("id", "by", "issue", "on_behalf_of"):
        return st.one_of(IDS, ODD)
    if key == "kind":
        return st.one_of(st.sampled_from(["claim", "proposal", "objection", "rebuttal", "concession",
                                          "reason", "Claim", "other"]), ODD)
    if key in ("attacks", "supports", "agrees"):
        return st.one_of(st.lists(IDS, max_size=3), ODD)
    if key in ("restates", "answers", "revises"):
        return st.one_of(st.lists(REFS, max_size=2), ODD)
    if key in ("text", "quote", "condition", "note"):
        return st.one_of(TEXTS, ODD)
    if key == "constructed":
        return st.one_of(st.booleans(), ODD)
    return st.one_of(st.dictionaries(st.sampled_from(["a", "b"]), st.integers(), max_size=2), ODD)


KEYS = ["id", "kind", "by", "text", "issue", "on_behalf_of", "attacks", "supports", "agrees",
        "restates", "answers", "revises", "quote", "condition", "constructed", "note", "meta", "extra"]


@st.composite
def raw_points(draw: st.DrawFn) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": "p1", "kind": "claim", "by": "us", "text": "It is so."}
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=6, unique=True)):
        raw[key] = draw(values(key))
    for key in draw(st.lists(st.sampled_from(["id", "kind", "by", "text"]), max_size=1)):
        del raw[key]
    return raw


@settings(max_examples=600, deadline=None)
@given(raw_points())
def test_the_fast_way_agrees_with_the_checked_way(raw: dict[str, Any]) -> None:
    fast = trusted_point(raw)
    checked, problems = structure_item(raw, Point, ("points", 0))
    if fast is None:
        return  # left to the checked way, which then says what is wrong (or builds it)
    assert not problems, f"the fast way built a point the checked way refuses: {problems}"
    assert fast == checked
    for field in attrs.fields(Point):  # every slot filled, with the checked way's value and type
        assert getattr(fast, field.name) == getattr(checked, field.name)
        assert type(getattr(fast, field.name)) is type(getattr(checked, field.name))


@pytest.mark.parametrize("raw", [
    {"id": "p1", "kind": "objection", "by": "us", "text": "No.", "attacks": ["p0"]},
    {"id": "p1", "kind": "concession", "by": "us", "text": "Yes.", "agrees": ["p0"],
     "condition": "If so.", "quote": "yes", "note": "n", "constructed": True, "issue": "i",
     "on_behalf_of": "cuba", "restates": ["m#p"], "answers": [], "revises": ["m#q"]},
])
def test_a_well_formed_point_takes_the_fast_way(raw: dict[str, Any]) -> None:
    fast = trusted_point(raw)
    assert fast is not None
    assert fast == converter.structure(raw, Point)
    assert repr(fast) == repr(converter.structure(raw, Point))


@pytest.mark.parametrize("raw", [
    {"id": "p1", "kind": "claim", "by": "us", "text": "x", "meta": {"a": 1}},  # meta: checked way
    {"id": "p1", "kind": "claim", "by": "us", "text": "x", "attacks": None},
    {"id": "a b", "kind": "claim", "by": "us", "text": "x"},
    {"id": "p1", "kind": "claim", "by": "us", "text": " "},
    {"id": "p1", "kind": "claim", "by": "us", "text": "x", "constructed": 1},
])
def test_anything_unusual_takes_the_checked_way(raw: dict[str, Any]) -> None:
    assert trusted_point(raw) is None
