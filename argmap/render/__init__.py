"""Diagrams of maps: DOT text built in :mod:`argmap.render.dot`, laid out by Graphviz.

Examples
--------
>>> amap = argmap.datasets.load("1962-11-28-new-york")
>>> dot = argmap.render.to_graphviz(amap, theme="print")
>>> dot.source.startswith("digraph")
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from argmap.render.choices import DIRECTIONS, ENGINES, FORMATS, LABELS
from argmap.render.themes import THEMES, Theme, get_theme

if TYPE_CHECKING:  # pragma: no cover
    from argmap.render.dot import to_graphviz
    from argmap.render.html import to_html
    from argmap.render.output import pipe, render

#: What draws, imported when first used: Graphviz's package and the layout code take a tenth
#: of a second, which the command line's --help and a notebook's import need not pay.
_LAZY: dict[str, str] = {"to_graphviz": "dot", "to_html": "html", "pipe": "output", "render": "output"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"argmap.render.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'argmap.render' has no attribute {name!r}")

__all__ = [
    "DIRECTIONS",
    "ENGINES",
    "FORMATS",
    "LABELS",
    "THEMES",
    "Theme",
    "get_theme",
    "pipe",
    "render",
    "to_graphviz",
    "to_html",
]
