"""Helpers for building maps in tests."""

from __future__ import annotations

import textwrap
from typing import Any

import argmap


def make_map(points: list[dict[str, Any]], parties: tuple[str, ...] = ("a", "b"),
             issues: tuple[str, ...] = (), actors: dict[str, str] | None = None) -> argmap.ArgumentMap:
    """Build a map from short point dicts: {"id", "kind", "by", and relations}."""
    return argmap.ArgumentMap(
        "test", "A test map",
        parties=[argmap.Party(p) for p in parties],
        actors=[argmap.Actor(a, party=p) for a, p in (actors or {}).items()],
        issues=[argmap.Issue(i) for i in issues],
        points=[argmap.Point(text=p.pop("text", f"Point {p['id']}."), **p) for p in
                (dict(q) for q in points)],
    )


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")
