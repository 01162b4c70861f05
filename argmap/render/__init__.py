"""Diagrams of maps: DOT text built in :mod:`argmap.render.dot`, laid out by Graphviz.

Examples
--------
>>> amap = argmap.datasets.load("1962-11-28-new-york")
>>> dot = argmap.render.to_graphviz(amap, theme="print")
>>> dot.source.startswith("digraph")
True
"""

from __future__ import annotations

from argmap.render.dot import DIRECTIONS, LABELS, to_graphviz
from argmap.render.html import to_html
from argmap.render.output import ENGINES, FORMATS, pipe, render
from argmap.render.themes import THEMES, Theme, get_theme

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
