"""Helpers the readers share: ids made from free text, and kinds derived from relations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from argmap.model import ID_PATTERN, Kind

__all__ = ["derive_kinds", "slug", "unique_id"]

_ID: Final = re.compile(ID_PATTERN)


def slug(text: str) -> str:
    """Return *text* as an id: lower case, runs of other characters made one ``-``."""
    made = re.sub(r"[^A-Za-z0-9_.-]+", "-", text.strip()).strip("-._").lower()
    return made or "x"


def unique_id(raw: str, taken: set[str]) -> str:
    """Return *raw* as an id not in *taken* (``-2``, ``-3`` ... added if need be), and take it."""
    base = raw if _ID.fullmatch(raw) else slug(raw)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def derive_kinds(points: list[dict[str, Any]], party_of: Mapping[str, str]) -> None:
    """Give each point without a kind the one its relations imply (rules in :mod:`argmap.io.aif`)."""
    attacking = {p["id"] for p in points if p["attacks"]}
    kinds = {p["id"]: p["kind"] for p in points}
    for p in points:
        if p["kind"] is not None:
            try:
                Kind(p["kind"])
                continue
            except (TypeError, ValueError):
                pass
        own = party_of[p["id"]]
        if p["attacks"]:
            rebuttal = p["id"] not in p["attacks"] and all(
                t in attacking and kinds.get(t) in (None, "objection", "rebuttal")
                for t in p["attacks"])
            p["kind"] = "rebuttal" if rebuttal else "objection"
        elif p["agrees"] and all(party_of.get(t, own) != own for t in p["agrees"]):
            p["kind"] = "concession"  # an unknown target is reported when the map is built
        elif p["supports"] and all(party_of.get(t) == own for t in p["supports"]):
            p["kind"] = "reason"
        else:
            p["kind"] = "claim"
    # a rebuttal must attack objections or rebuttals only: settle any left undecided
    final = {p["id"]: p["kind"] for p in points}
    for p in points:
        if p["kind"] == "rebuttal" and not all(
                final.get(t) in ("objection", "rebuttal") for t in p["attacks"]):
            p["kind"] = "objection"


