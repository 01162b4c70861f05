"""Laying a diagram out with Graphviz: the one place the ``dot`` program runs."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any, Final

import graphviz

from argmap._util import write_atomically
from argmap.errors import RenderError, UnsupportedFormatError
from argmap.model import ArgumentMap
from argmap.render.choices import ENGINES, FORMATS, MAX_POINTS
from argmap.render.columns import columns_in_order, party_columns
from argmap.render.dot import to_graphviz

__all__ = ["FORMATS", "render"]

#: Resolution of PNG output, in dots per inch: sharp on a projector and on paper.
PNG_DPI: Final = 150


def _count_points(dot: graphviz.Digraph) -> int:
    return sum(1 for line in dot.body if "label=<<TABLE BORDER='0'" in line)


def _format_for(path: Path, format: str | None) -> str:
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt == "gv":
        fmt = "dot"
    if fmt not in FORMATS:
        raise UnsupportedFormatError(
            f"cannot draw {str(path)!r} as {fmt or 'a file without extension'!r}; "
            f"use one of {', '.join(FORMATS)}, as the file's extension or as the format "
            "(format= in Python, --format on the command line)"
        )
    return fmt


def pipe(dot: graphviz.Digraph, format: str, engine: str = "dot") -> bytes:
    """Lay *dot* out with Graphviz and return the output bytes.

    Raises
    ------
    graphviz.ExecutableNotFound
        If the Graphviz programs are not installed.
    RenderError
        If Graphviz fails; the message carries what it said.
    """
    if engine not in ENGINES or engine not in graphviz.ENGINES:
        why = (" (it overlaps the boxes inside the party columns)" if engine == "fdp" else "")
        raise ValueError(f"argmap does not lay out with {engine!r}{why}; use one of "
                         f"{', '.join(ENGINES)}: dot for party columns and issue bands, the "
                         "others for a layout by force")
    if engine != "dot":
        # the other engines place boxes by force and let them overlap unless told: remove the
        # overlaps (prism, with a margin) and route the edges around the boxes
        dot = dot.copy()
        dot.attr(overlap="prism", overlap_scaling="-4", sep="+14", splines="true")
    if format == "dot":
        source: str = dot.source
        return source.encode("utf-8")
    if format == "png" and "dpi" not in dot.graph_attr:  # a fitted diagram has its own
        dot = dot.copy()
        dot.attr(dpi=str(PNG_DPI))
    try:
        data = _in_column_order(dot, format) if engine == "dot" else None
        if data is None:
            data = bytes(dot.pipe(format=format, engine=engine, quiet=True))
    except subprocess.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace").strip() if exc.stderr else ""
        raise RenderError(f"Graphviz ({engine}) failed: {stderr or exc}") from None
    except BrokenPipeError:  # Graphviz stopped reading: it failed before it said why
        raise RenderError(f"Graphviz ({engine}) stopped reading the diagram and gave no reason; "
                          "check the map's texts for anything unusual") from None
    return data


def _in_column_order(dot: graphviz.Digraph, format: str) -> bytes | None:
    """Return *dot* drawn with its party columns in the map's order, or None if dot keeps it.

    dot lays the diagram out; where it put the columns in reverse order, the layout is
    mirrored and drawn as placed (:mod:`argmap.render.columns`).
    """
    parties = party_columns(dot.source)
    if len(parties) < 2:
        return None
    laid = graphviz.pipe("dot", "dot", dot.source.encode("utf-8"), quiet=True).decode("utf-8")
    mirrored = columns_in_order(laid, parties)
    if mirrored is None:
        return None
    return bytes(graphviz.pipe("neato", format, mirrored.encode("utf-8"), neato_no_op=2, quiet=True))


def render(
    amap: ArgumentMap, path: str | Path, *, format: str | None = None, engine: str = "dot",
    max_points: int | None = MAX_POINTS, size: str | None = None, **options: Any,
) -> Path:
    """Draw *amap* to *path* and return the path.

    Parameters
    ----------
    amap : ArgumentMap
    path : path
        The file to write; replaced whole, never left half-written.
    format : {"svg", "png", "pdf", "dot", "html"}, optional
        By default the file's extension.
    engine : str
        The Graphviz layout program, ``dot`` by default.
    max_points : int or None
        Refuse to lay out more points than this (500 by default; None for no limit):
        ``dot`` takes minutes on thousands of points. Filter by *issue* or *party*,
        pass ``only_unresolved=True``, or use ``engine="sfdp"`` instead.
    size : str, optional
        Lay the diagram out to be read at this size (:data:`argmap.render.fit.SIZES`:
        ``"16:9"``, ``"4:3"``, ``"a4"``, ``"letter"`` ...): the layout whose body
        text is largest there, as an overview with short labels if the full texts
        would be too small (:func:`argmap.render.fit.fitted`). ``None`` or
        ``"poster"`` (the default): the diagram at full size, whatever its size.
    **options
        Passed to :func:`argmap.render.to_graphviz` (theme, issue, party,
        highlight, label, direction, ...).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    graphviz.ExecutableNotFound
        If Graphviz is not installed (``apt-get install graphviz``,
        ``brew install graphviz``, or ``pip install 'argmap[render]'``).
    RenderError
        If Graphviz fails on the diagram.
    UnsupportedFormatError
        If the format is not one of :data:`FORMATS`.

    Warns
    -----
    SizeWarning
        With *size*, when the diagram is drawn as an overview, or when even the
        overview's text is smaller than the size asks for (the message says how
        small, and what to draw instead).

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> from argmap.render import render
    >>> out = render(amap, folder / "map.svg", issue="guantanamo")
    >>> out.read_text().count("<svg")
    1
    """
    path = Path(path)
    fmt = _format_for(path, format)
    if fmt == "html":
        from argmap.render.html import page_options

        options = page_options(options)
    if engine != "dot":  # the issue bands are ranks, which only dot has
        options.setdefault("by_issue", False)
    fitting = size not in (None, "poster") and fmt not in ("html", "dot")
    if size not in (None, "poster"):
        from argmap.render.fit import size_named

        size_named(size)  # an unknown size fails before any work
    dot = to_graphviz(amap, **options)
    count = _count_points(dot)
    if fmt != "dot" and max_points is not None and count > max_points:
        raise RenderError(
            f"the diagram would have {count:,} points; Graphviz takes minutes beyond "
            f"{max_points:,}. Draw part of it (issue=..., party=...; --issue, --party), only "
            "what is still open (only_unresolved=True; --only-unresolved), or raise the limit "
            "(max_points=...; --max-points), perhaps with engine='sfdp'")
    if fitting:
        from argmap.render.fit import fitted, warn_if_small

        fit = fitted(amap, str(size), engine=engine, **options)
        warn_if_small(fit)
        dot = fit.dot
    if fmt == "html":
        from argmap.render.html import page

        data = page(amap, dot, engine, options).encode("utf-8")
    else:
        data = pipe(dot, fmt, engine)
    write_atomically(path, data)
    return path
