"""The maps the interchange tests hand to other tools: every map the test suite reads, and more.

The peers' own tools (the Argdown CLI, the GraphML schema, networkx, igraph, clingo)
must open every file argmap writes; these are the maps the tests write for them:

- the bundled maps and cases;
- every map in ``tests/data`` and ``examples`` (YAML, AIF, Argdown, Kialo);
- one small map per awkward text (editorial brackets, angle brackets, intra-word
  underscores, braces, comment openers, line breaks ...), the text put in each of a
  point's text, quote and note (the interchange review's hostile texts);
- seeded random maps with cycles, self-attacks, agreements and every kind.
"""

from __future__ import annotations

import random
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import argmap
from argmap import ArgumentMap, Issue, Kind, Party, Point

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"

#: Argdown's own example documents in tests/data/argdown (the others there are lexer cases).
ARGDOWN_EXAMPLES = ("argdown-primer", "state-censorship", "greenspan-schefczyk_hardwrap",
                    "veggie_debate", "legalisation-softdrugs", "Populism-Core-Argument-Argdown-Example",
                    "semmelweis_betz", "intro")

#: Texts that one tool or another has read differently from argmap, or refused.
AWKWARD = (
    "The US [sic] agreed.", "see [text] here", "[Mikoyan]: aside", "<b> is bold", "1 < 3 > 2",
    "snake_case_name", "a {b: c} d", "a } b", "{party: us}", "x #tag y", "#(two words)",
    "a * b * c", "_x_", "__init__", "**bold** and *italic*", "trailing *", "// not a comment",
    "/* nor this */", "<!-- nor this -->", "-> arrow", "+> and <+", "(1) numbered", "# heading",
    "@[X] mention", "back\\slash", "ends with a backslash\\", "[link](http://example.org/a_b)",
    "===", "----", "-- rule --", "line one\nline two", "tab\there", "old Mac\rending",
    "no\u00a0break", "emoji 🙂", "漢字と仮名", ":smile:", ".^. and .v.", "a, b; c: d.",
    "* first item", "1. first", "<>", "[]", "a > b", "100% < 200%", "x_1 and y_2",
    "http://example.org/?q=a_b&r=[1]", "\\[escaped\\]", "'single' \"double\"",
)


def bundled() -> Iterator[tuple[str, ArgumentMap]]:
    for name in argmap.datasets.names():
        yield name, argmap.datasets.load(name)


def files() -> Iterator[tuple[str, ArgumentMap]]:
    paths = [DATA / "design-example.yaml", ROOT / "examples" / "two-coders" / "1180-coder-b.yaml",
             *sorted((DATA / "aif").glob("*.json")),
             *(DATA / "argdown" / f"{name}.argdown" for name in ARGDOWN_EXAMPLES),
             DATA / "kialo" / "school-uniforms.txt"]
    for path in paths:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", argmap.FormatWarning)  # intro.argdown's undefined arguments
            yield path.name, argmap.load(path, allow_outside=True)


def awkward() -> Iterator[tuple[str, ArgumentMap]]:
    for i, text in enumerate(AWKWARD):
        points = [Point("plain", "claim", "us", "A plain claim.", issue="i"),
                  Point("odd", "objection", "them", text, attacks=["plain"], issue="i",
                        quote=text, note=text)]
        yield f"awkward-{i}", ArgumentMap(f"awkward-{i}", text, parties=[Party("us"), Party("them")],
                                          issues=[Issue("i", title=text)], points=points)


def generated(count: int = 40, seed: int = 1962) -> Iterator[tuple[str, ArgumentMap]]:
    """Random maps: claims and proposals attacking anything (cycles and self-attacks), reasons,
    objections, rebuttals and concessions, over up to three parties and issues."""
    rng = random.Random(seed)
    for m in range(count):
        parties = [Party(f"p{i}") for i in range(rng.randint(1, 3))]
        issues = [Issue(f"i{i}", title=rng.choice(AWKWARD)) for i in range(rng.randint(0, 3))]
        points: list[Point] = []
        for i in range(rng.randint(1, 12)):
            by = rng.choice(parties).id
            earlier = [p.id for p in points]
            kind = rng.choice(list(Kind)) if earlier else Kind.CLAIM
            rel: dict[str, list[str]] = {}
            if kind in (Kind.CLAIM, Kind.PROPOSAL):
                rel["attacks"] = rng.sample([*earlier, f"x{i}"], k=min(len(earlier) + 1,
                                                                     rng.randint(0, 2)))
            elif kind is Kind.REASON:
                same = [p.id for p in points if p.by == by]
                kind = Kind.REASON if same else Kind.CLAIM
                rel["supports"] = rng.sample(same, k=min(len(same), 1))
            elif kind is Kind.CONCESSION:
                other = [p.id for p in points if p.by != by]
                kind = Kind.CONCESSION if other else Kind.CLAIM
                rel["agrees"] = rng.sample(other, k=min(len(other), 1))
            else:
                kind = Kind.OBJECTION
                rel["attacks"] = rng.sample(earlier, k=1)
            text = rng.choice(AWKWARD) if rng.random() < 0.5 else f"Point {i} of map {m}."
            points.append(Point(
                f"x{i}", kind, by, text, issue=rng.choice([None, *[s.id for s in issues]]),
                quote=rng.choice([None, rng.choice(AWKWARD)]), **rel))  # type: ignore[arg-type]
        yield f"generated-{m}", ArgumentMap(f"generated-{m}", f"Generated map {m}", parties=parties,
                                            issues=issues, points=points)


def every_map() -> list[tuple[str, ArgumentMap]]:
    """Return (name, map) for every map above."""
    return [*bundled(), *files(), *awkward(), *generated()]


def argdown_title(point: argmap.Point) -> str:
    return str(point.meta.get("argdown", {}).get("title", point.id))


def argdown_relations(amap: ArgumentMap) -> Counter[tuple[str, str, str]]:
    """A map's relations as Argdown types them, by title: premise-conclusion structures and
    agreements left out, a contradiction or contrary once whichever way it is written."""
    titles = {p.id: argdown_title(p) for p in amap.points}
    structure: set[tuple[str, str]] = set()
    for p in amap.points:
        members = [i["point"] for i in p.meta.get("argdown", {}).get("pcs", ()) if "point" in i]
        structure |= {(m, p.id) for m in members[:-1]}
        if members:
            structure.add((p.id, members[-1]))
    found: Counter[tuple[str, str, str]] = Counter()
    symmetric: set[tuple[str, ...]] = set()
    for p in amap.points:
        meta = p.meta.get("argdown", {})
        typed = {t: k for k in ("undercuts", "contradicts", "contrary", "entails")
                 for t in meta.get(k, ())}
        for relation, target in p.relations():
            if relation.value == "agrees" or (p.id, target) in structure:
                continue
            kind = {"undercuts": "undercut", "contradicts": "contradictory", "contrary": "contrary",
                    "entails": "entails"}.get(typed.get(target, ""),
                                              {"attacks": "attack", "supports": "support"}[relation.value])
            if kind in ("contradictory", "contrary"):
                symmetric.add((*sorted((titles[p.id], titles[target])), kind))
            else:
                found[(titles[p.id], titles[target], kind)] += 1
    found.update(symmetric)
    return found


def exported_relations(export: dict[str, Any]) -> Counter[tuple[str, str, str]]:
    """The relations of Argdown's JSON export, counted as :func:`argdown_relations` counts them."""
    found: Counter[tuple[str, str, str]] = Counter()
    symmetric: set[tuple[str, ...]] = set()
    for r in export["relations"]:
        if r["relationType"] in ("contradictory", "contrary"):
            symmetric.add((*sorted((r["from"], r["to"])), r["relationType"]))
        else:
            found[(r["from"], r["to"], r["relationType"])] += 1
    found.update(symmetric)
    return found
