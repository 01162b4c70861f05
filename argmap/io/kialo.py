"""Kialo discussion exports (the ``.txt`` file Kialo's "Export discussion" gives): read.

An export opens with ``Discussion Title: ...`` and lists the claims one per
numbered line, the thesis first::

    Discussion Title: Should schools require uniforms?

    1. Schools should require uniforms.
    1.1. Pro: Uniforms stop competition over clothes.
    1.1.1. Con: Pupils compete over shoes and phones instead.
    1.2. Con: Uniforms cost poor families money.
    1.2.1. Pro: -> See 1.1.1.

What each thing becomes:

- the thesis and every claim become points, with the claim's number as id
  (``1.1.1``) and its text (lines without a number continue the claim above);
- ``Pro:`` becomes ``supports`` on the claim above it, ``Con:`` ``attacks``;
- two parties, ``for`` and ``against`` the thesis: the thesis is ``for``, and a
  claim's side follows from the parity of the ``Con`` steps on its path to the
  thesis (a Con of a Con is for the thesis again), so that objections, rebuttals
  and unresolved threads read as a debate between the two sides;
- a link (``-> See 1.1.1.``) is not a point of its own: the linked claim also
  supports or attacks the claim above the link, and ``meta.kialo.links`` of the
  linked claim names the link's number; claims under a link bear on the linked claim;
- kinds follow from the relations by the rules of :mod:`argmap.io.aif`;
- the thesis is the map's one issue, ``thesis``, and every claim is on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, Final

from argmap.errors import FormatError, Problem, ValidationError
from argmap.io._shared import _ID, derive_kinds, slug
from argmap.model import ArgumentMap, Issue, Party, Point

__all__ = ["loads_kialo"]

_TITLE: Final = re.compile(r"^\s*Discussion Title:\s*(.*?)\s*$")
_CLAIM: Final = re.compile(r"^([0-9]+(?:\.[0-9]+)*)\.[ \t]+(?:(Pro|Con):[ \t]*)?(.*)$")
_LINK: Final = re.compile(r"^->\s*See\s+([0-9]+(?:\.[0-9]+)*)\.?\s*$")


def loads_kialo(
    text: str, *, file: str = "<string>", parties: Sequence[str] = ("for", "against"),
    map_id: str | None = None, **_: Any,
) -> ArgumentMap:
    """Return the map of a Kialo discussion export (the mapping is in the module's docs).

    Parameters
    ----------
    text : str
        The export.
    file : str
        The name problems are reported against.
    parties : pair of str
        The ids of the side for the thesis and the side against it.
    map_id : str, optional
        The map's id; by default the file's name, or the discussion's title.

    Raises
    ------
    FormatError
        With the file and line: a text that is not a Kialo export, a claim
        without ``Pro:`` or ``Con:``, a number whose parent claim is missing, a
        repeated number, a link to a claim that does not exist.

    Examples
    --------
    >>> m = loads_kialo('''Discussion Title: Homework
    ...
    ... 1. Homework should be banned.
    ... 1.1. Pro: It crowds out sleep.
    ... 1.1.1. Con: Most homework takes under an hour.
    ... ''')
    >>> [(p.id, p.kind.value, p.by) for p in m.points]
    [('1', 'claim', 'for'), ('1.1', 'reason', 'for'), ('1.1.1', 'objection', 'against')]
    """
    problems: list[Problem] = []

    def problem(message: str, line: int | None) -> None:
        problems.append(Problem(message, (), file, line))

    if len(parties) != 2 or parties[0] == parties[1] or not all(_ID.fullmatch(str(p)) for p in parties):
        raise ValidationError([Problem(
            f"parties must be two different ids (letters, digits, - _ .), not {parties!r}")])
    if map_id is not None and not _ID.fullmatch(str(map_id)):
        raise ValidationError([Problem(
            f"map_id must be an id (letters, digits, - _ .), not {map_id!r}")])
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    title_match = _TITLE.match(lines[start]) if start is not None else None
    if start is None or title_match is None:
        problem("this is not a Kialo discussion export: it should open with a line "
                "'Discussion Title: ...' (export it from Kialo with 'Export discussion')",
                (start or 0) + 1)
        raise FormatError(problems)
    title = title_match[1] or "Kialo discussion"

    claims: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    for number, line in enumerate(lines[start + 1:], start=start + 2):
        match = _CLAIM.match(line)
        if match is None:
            if current is not None:
                current["text"].append(line.strip())
            elif line.strip():
                problem("a line before the thesis: the claims start with '1. ' and the thesis",
                        number)
            continue
        key, stance, body = match[1], match[2], match[3].strip()
        depth = key.count(".") + 1
        parent = key.rsplit(".", 1)[0] if depth > 1 else None
        if key in claims:
            problem(f"claim {key}. appears twice; each number is one claim", number)
            current = None
            continue
        if depth > 1 and stance is None:
            problem(f"claim {key}. says neither 'Pro:' nor 'Con:'; write '{key}. Pro: ...' or "
                    f"'{key}. Con: ...'", number)
        if depth == 1 and stance is not None:
            problem(f"{key}. is a thesis and cannot be {stance}; a thesis is written '{key}. ...'",
                    number)
        if parent is not None and parent not in claims:
            problem(f"claim {key}. answers {parent}., which does not come before it", number)
        current = claims[key] = {"id": key, "stance": stance, "parent": parent, "line": number,
                                 "text": [body]}
    if not claims:
        problem("the export lists no claims: the thesis should follow as '1. ...'",
                start + 1)
    if problems:
        raise FormatError(problems)

    def target(key: str) -> str:
        """Return the claim a number stands for: itself, or the claim its link points to."""
        seen: set[str] = set()
        while (link := claims[key].get("link")) is not None and key not in seen:
            seen.add(key)
            key = link
        return key

    for claim in claims.values():
        claim["text"] = "\n".join(claim["text"]).strip()
        link = _LINK.match(claim["text"])
        if link is not None:
            if link[1] not in claims:
                problem(f"claim {claim['id']}. links to {link[1]}., which is not in the export",
                        claim["line"])
            elif claim["parent"] is None:
                problem("a thesis cannot be a link", claim["line"])
            else:
                claim["link"] = link[1]
        elif not claim["text"]:
            problem(f"claim {claim['id']}. has no text", claim["line"])
    for claim in claims.values():
        if "link" in claim and target(claim["id"]) == claim["id"]:
            problem(f"claim {claim['id']}. is part of a circle of links", claim["line"])
    if problems:
        raise FormatError(problems)

    side: dict[str, int] = {}
    for key, claim in claims.items():  # parents come first
        if claim["parent"] is None:
            side[key] = 0
        else:
            side[key] = side[claim["parent"]] ^ (claim["stance"] == "Con")
    party_of = {key: parties[side[key]] for key in claims}
    points: list[dict[str, Any]] = []
    index: dict[str, dict[str, Any]] = {}
    for key, claim in claims.items():
        if "link" in claim:
            continue
        meta: dict[str, Any] = {}
        if claim["stance"] is not None:
            meta["stance"] = claim["stance"].lower()
        index[key] = {
            "id": key, "kind": None, "by": party_of[key], "text": claim["text"],
            "issue": "thesis",
            "attacks": [], "supports": [], "agrees": [], "meta": {"kialo": meta} if meta else {},
        }
        points.append(index[key])
    for key, claim in claims.items():
        if claim["parent"] is None:
            continue
        source = index[target(key)]
        aim = target(claim["parent"])
        relation = "supports" if claim["stance"] == "Pro" else "attacks"
        if aim == source["id"]:
            problem(f"claim {key}. makes {source['id']} bear on itself", claim["line"])
            continue
        if aim not in source[relation]:
            source[relation].append(aim)
        if "link" in claim:
            kialo = source["meta"].setdefault("kialo", {})
            kialo.setdefault("links", []).append(key)
    if problems:
        raise FormatError(problems)
    derive_kinds(points, {p["id"]: p["by"] for p in points})
    thesis = points[0]
    stem = PurePath(file).name.removesuffix(".txt") if file != "<string>" else ""
    try:
        return ArgumentMap(
            map_id or slug(stem or title), title,
            parties=[Party(parties[0], name="For the thesis"),
                     Party(parties[1], name="Against the thesis")],
            issues=[Issue("thesis", title=thesis["text"])],
            points=[Point(**p) for p in points],
            meta={"kialo": {"title": title}},
        )
    except ValidationError as exc:
        for p in exc.problems:
            where = None
            if p.path[:1] == ("points",) and len(p.path) > 1:
                where = claims[points[int(p.path[1])]["id"]]["line"]
            problem(p.message, where)
        raise FormatError(problems) from None
