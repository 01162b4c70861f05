"""Hypothesis strategies for maps that keep every rule of the model."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

import argmap
from argmap import Kind

# Any text a person might write, except what YAML and JSON cannot carry at all.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() != "")
OPTIONAL_TEXT = st.none() | TEXT
SCALARS = (st.none() | st.booleans() | st.integers(-(10**12), 10**12)
           | st.floats(allow_nan=False, allow_infinity=False) | TEXT)
META = st.dictionaries(
    TEXT, st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6),
    max_size=3,
)


@st.composite
def maps(draw: st.DrawFn, max_points: int = 8, any_relations: bool = False) -> argmap.ArgumentMap:
    """Draw a valid map.

    With *any_relations*, points are claims and proposals with arbitrary attacks and
    agreements among all points (cycles included), for the query properties.
    """
    n_parties = draw(st.integers(1, 3))
    parties = [argmap.Party(f"p{i}", name=draw(OPTIONAL_TEXT), meta=draw(META))
               for i in range(n_parties)]
    actors = [argmap.Actor(f"a{i}", party=f"p{draw(st.integers(0, n_parties - 1))}",
                           name=draw(OPTIONAL_TEXT), role=draw(OPTIONAL_TEXT))
              for i in range(draw(st.integers(0, 3)))]
    issues = [argmap.Issue(f"i{i}", title=draw(OPTIONAL_TEXT), description=draw(OPTIONAL_TEXT))
              for i in range(draw(st.integers(0, 3)))]
    speakers = [p.id for p in parties] + [a.id for a in actors]
    actor_party = {a.id: a.party for a in actors}
    n = draw(st.integers(0, max_points))
    ids = [f"x{i}" for i in range(n)]
    by = [draw(st.sampled_from(speakers)) for _ in ids]
    party = [actor_party.get(b, b) for b in by]
    kinds: list[Kind] = []
    points = []
    for i, pid in enumerate(ids):
        rel: dict[str, list[str]] = {"attacks": [], "supports": [], "agrees": []}
        if any_relations:
            kind = draw(st.sampled_from([Kind.CLAIM, Kind.PROPOSAL]))
            for name in ("attacks", "agrees"):
                rel[name] = draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
        else:
            kind = draw(st.sampled_from(list(Kind)))
            earlier = list(range(i))
            if kind is Kind.OBJECTION:
                choices = [ids[j] for j in earlier]
                key = "attacks"
            elif kind is Kind.REBUTTAL:
                choices = [ids[j] for j in earlier if kinds[j] in (Kind.OBJECTION, Kind.REBUTTAL)]
                key = "attacks"
            elif kind is Kind.CONCESSION:
                choices = [ids[j] for j in earlier if party[j] != party[i]]
                key = "agrees"
            elif kind is Kind.REASON:
                choices = [ids[j] for j in earlier if party[j] == party[i]]
                key = "supports"
            else:
                choices, key = [ids[j] for j in earlier], "attacks"
            if kind is not Kind.CLAIM and kind is not Kind.PROPOSAL:
                if not choices:
                    kind = Kind.CLAIM
                else:
                    rel[key] = draw(st.lists(st.sampled_from(choices), unique=True,
                                             min_size=1, max_size=2))
        kinds.append(kind)
        extra: dict[str, Any] = {}
        if issues and draw(st.booleans()):
            extra["issue"] = draw(st.sampled_from([x.id for x in issues]))
        if draw(st.booleans()):
            extra["on_behalf_of"] = draw(st.sampled_from([p.id for p in parties]))
        points.append(argmap.Point(
            pid, kind, by[i], draw(TEXT), quote=draw(OPTIONAL_TEXT), note=draw(OPTIONAL_TEXT),
            meta=draw(META), **rel, **extra,
        ))
    source = draw(st.none() | st.builds(
        argmap.Source, TEXT, date=st.none() | st.dates(), citation=OPTIONAL_TEXT,
        series=OPTIONAL_TEXT, classification=OPTIONAL_TEXT, url=OPTIONAL_TEXT, meta=META))
    return argmap.ArgumentMap(
        draw(st.sampled_from(["m", "1962-11-28-new-york", "A.b_c-1"])), draw(TEXT),
        date=draw(st.none() | st.dates()), description=draw(OPTIONAL_TEXT), source=source,
        parties=parties, actors=actors, issues=issues, points=points, meta=draw(META),
    )
