"""Diagrams laid out for the screen or page they are shown on: ``size="16:9"``, ``"a4"`` ...

A diagram is drawn at a *target*: a projector's 1920 × 1080 pixels, a sheet of A4 or
Letter, or a poster (no limit). Graphviz lays the diagram out in points; shrunk to fit
the target, its body text (13 pt in the layout) comes out at some height. Each target
asks for a smallest height its readers can read: 18 pixels on a projector, 8 points on
paper. :func:`fitted` tries the layouts argmap can make of the same points (top to
bottom or left to right, narrower or wider boxes), measures each from Graphviz's own
coordinates (``-Tjson``), and keeps the first that is readable at the target, or else
draws an *overview*: the same points with short labels (speaker, kind and the first
words; the whole text is in the tooltip and the page). Where even the overview is too
small, :func:`slides` splits the map by issue into several diagrams that are each
readable.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from typing import Any, Final

import attrs
import graphviz

from argmap.model import ArgumentMap
from argmap.render.choices import POSTER, SIZES, Size, SizeWarning
from argmap.render.dot import _as_tuple, to_graphviz

__all__ = ["SIZES", "Fit", "Size", "SizeWarning", "fitted", "slides"]

#: The size of Graphviz's SVG, in its output units (pixels at a screen's dpi, else points).
_SVG_SIZE: Final = re.compile(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')
#: Inches of blank Graphviz leaves around a fitted diagram (its ``pad``).
PAD: Final = 0.1


@attrs.frozen
class Fit:
    """A diagram laid out for a target, with what it measured.

    Attributes
    ----------
    dot : graphviz.Digraph
        The diagram, with Graphviz's ``size`` set so that it comes out at the target.
    size : Size
    text : float
        The height of the body text at the target, in the target's unit.
    overview : bool
        Whether the boxes have short labels (the layout with full texts was too small).
    readable : bool
        Whether *text* is at least the target's smallest readable height.
    options : dict
        The options of :func:`argmap.render.to_graphviz` that made it.
    """

    dot: graphviz.Digraph
    size: Size
    text: float
    overview: bool
    readable: bool
    options: dict[str, Any]


def size_named(name: str) -> Size:
    """Return the target called *name* (one of :data:`SIZES`)."""
    try:
        return SIZES[name]
    except KeyError:
        raise ValueError(f"unknown size {name!r}; use one of {', '.join([*SIZES, POSTER])}") from None


def measure(dot: graphviz.Digraph, engine: str = "dot") -> tuple[float, float]:
    """Return the width and height, in points, of Graphviz's layout of *dot*."""
    from argmap.render.output import pipe

    layout = json.loads(pipe(dot, "json", engine))
    x0, y0, x1, y1 = (float(v) for v in layout["bb"].split(","))
    return x1 - x0, y1 - y0


def scale_at(width: float, height: float, size: Size) -> float:
    """Return the target's units per layout point once a *width* × *height* layout is fitted.

    A layout is shrunk to fit within the target less Graphviz's pad, or enlarged on
    a screen; on paper it is never enlarged beyond its own size.
    """
    pad = 2 * PAD * size.per_inch
    scale = min((size.width - pad) / width, (size.height - pad) / height)
    if size.unit == "px":
        return scale
    return min(scale, 1.0)


def text_height(width: float, height: float, size: Size) -> float:
    """Return the height, at *size*, of the text *size* measures (:class:`Size`)."""
    return size.font * scale_at(width, height, size)


#: The layouts tried, in order: full texts in narrower and wider boxes, down or across, then
#: overviews; across, each also with the replies to a point that has many spread over two
#: columns (``stagger``), tried only where a point has many. (Staggered down, the long edges
#: to the lower rows ran through the boxes of the upper ones.)
_STAGGER: Final = {"TB": (1,), "LR": (1, 2)}
_FULL: Final = tuple({"direction": d, "wrap": w, "stagger": s}
                     for d in ("TB", "LR") for w in (34, 24, 48) for s in _STAGGER[d])
_OVERVIEW: Final = tuple({"direction": d, "label": "short", "wrap": w, "by_issue": b, "stagger": s}
                         for b in (True, False) for w in (24, 16) for d in ("TB", "LR")
                         for s in _STAGGER[d])


def fitted(amap: ArgumentMap, size: str | Size, *, engine: str = "dot", part: str = "",
           **options: Any) -> Fit:
    """Return the diagram of *amap* laid out to be read at *size*.

    Parameters
    ----------
    amap : ArgumentMap
    size : str or Size
        ``"16:9"``, ``"4:3"`` (a projector), ``"a4"``, ``"letter"`` (and their
        ``-landscape``), or a :class:`Size`.
    engine : str
        The Graphviz layout program.
    part : str
        Said after the title (``part 2 of 3``).
    **options
        Passed to :func:`argmap.render.to_graphviz`; ``direction``, ``wrap`` and
        ``label`` are chosen here unless given.

    Returns
    -------
    Fit
        The first layout readable at *size*; else the first readable overview;
        else the layout with the largest text, ``readable`` false.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.render.fit import fitted
    >>> fit = fitted(amap, "16:9", issue="guantanamo")
    >>> fit.readable, fit.overview, round(fit.text) >= 18
    (True, False, True)
    """
    target = size if isinstance(size, Size) else size_named(size)
    best: tuple[Fit, tuple[float, float]] | None = None
    for overview, chosen, dot in candidates(amap, target, engine, options):
        if options.get("title", True):
            dot.attr(label=_title(amap, _as_tuple(chosen.get("issue")), part,
                                  width=60 if target.width < target.height else 90),
                     labelloc="t", labeljust="c")
        layout = measure(dot, engine)
        height = text_height(*layout, target)
        fit = Fit(dot, target, height, overview, height >= target.smallest, chosen)
        if fit.readable:
            return _sized(fit, layout)
        if best is None or height > best[0].text:
            best = (fit, layout)
    assert best is not None
    return _sized(*best)


def candidates(amap: ArgumentMap, target: Size, engine: str, options: dict[str, Any],
               ) -> Iterator[tuple[bool, dict[str, Any], graphviz.Digraph]]:
    """Yield the layouts to try for *target*, in order.

    Each is whether it is an overview, the options of
    :func:`argmap.render.to_graphviz` that make it, and its diagram, without a
    title (:func:`fitted` adds its own; the page has none).
    """
    tried = set()
    for overview, tries in ((False, _FULL), (True, _OVERVIEW)):
        for choice in tries:
            chosen = {**choice, **options}
            if target.width < target.height:  # a portrait page: a narrow key
                chosen.setdefault("legend_columns", 1)
            if engine != "dot" or len(_as_tuple(options.get("issue"))) == 1:
                chosen["by_issue"] = False  # one issue: the title names it, no band needed
            dot = to_graphviz(amap, **{**chosen, "title": False})
            if dot.source not in tried:  # staggering changes nothing where no point has many replies
                tried.add(dot.source)
                yield overview, chosen, dot


def warn_if_small(fit: Fit) -> None:
    """Say, as a :class:`SizeWarning`, what a fitted diagram gave up to fit, or that it did not."""
    unit = fit.size.unit
    if not fit.readable:
        warnings.warn(SizeWarning(
            f"the diagram's text is {fit.text:.1f} {unit} high at {fit.size.name}, below the "
            f"{fit.size.smallest:g} {unit} it needs to be read: draw one issue at a time "
            "(--issue), or split it with 'argmap slides'"), stacklevel=3)
    elif fit.overview:
        warnings.warn(SizeWarning(
            f"drawn as an overview (speaker, kind and first words): the full texts are too "
            f"small to read at {fit.size.name}; they are in the tooltips and the page, and "
            "in one issue at a time (--issue) or at --size poster"), stacklevel=3)


def _title(amap: ArgumentMap, issues: tuple[str, ...], part: str = "", width: int = 140) -> str:
    """Return a title of two short lines: the issues drawn (or the map), then the map and its date."""
    from argmap.render.dot import text

    head = " · ".join(amap.issue(i).label for i in issues) if issues else amap.title
    if part:
        head += f" ({part})"
    sub = [amap.title] if issues else []
    if amap.date:
        sub.append(amap.date.isoformat())
    if amap.source is not None:
        sub.append(amap.source.title)
    from argmap.render.dot import _lines

    second = "<BR/>".join(text(line) for line in _lines(" · ".join(sub), width)[:2])
    if not second:  # Graphviz refuses an empty <FONT> element: a map without date or source
        return f"<<FONT POINT-SIZE='20'><B>{text(head)}</B></FONT>>"
    return (f"<<FONT POINT-SIZE='20'><B>{text(head)}</B></FONT><BR/>"
            f"<FONT POINT-SIZE='12'>{second}</FONT>>")


def _sized(fit: Fit, layout: tuple[float, float]) -> Fit:
    """Return *fit* with Graphviz's size set to the target, and its text as drawn there.

    The text's height is read back from the SVG Graphviz draws at that size (its
    width and height less the pad, over the *layout*'s width and height, as
    :func:`measure` found them), so that what is said is what comes out.
    """
    from argmap.render.output import pipe

    dot = fit.dot.copy()
    width, height = fit.size.inches
    dot.attr(pad=f"{PAD:g}")  # after to_graphviz's own pad, so that it wins
    dot.graph_attr["size"] = f"{width:.3f},{height:.3f}" + ("!" if fit.size.unit == "px" else "")
    if fit.size.unit == "px":  # a PNG of the target's pixels (argmap's own PNGs are 150 dpi)
        dot.graph_attr["dpi"] = f"{fit.size.dpi:g}"
    drawn = pipe(dot, "svg").decode("utf-8")
    match = _SVG_SIZE.search(drawn)
    if match:  # the drawing's size less the pad, over the layout's: output units per point
        width, height = layout
        pad = 2 * PAD * fit.size.per_inch + 1  # and a unit for the SVG's rounding to whole ones
        scale = min((float(match[1]) - pad) / width, (float(match[2]) - pad) / height)
        text = fit.size.font * scale
    else:
        text = fit.text
    return attrs.evolve(fit, dot=dot, text=text, readable=text >= fit.size.smallest)


def slides(amap: ArgumentMap, size: str | Size, *, engine: str = "dot",
           **options: Any) -> list[tuple[str, Fit]]:
    """Return the whole map as few diagrams as are each readable at *size*.

    One diagram if the map (or its overview) is readable at *size*; else the
    issues in 2, 3 ... groups of consecutive issues, each drawn with
    :func:`fitted`, until every group is readable or holds one issue; an issue
    still too large is drawn in parts, its threads (the points its relations
    connect) shared out between them.

    Returns
    -------
    list of (str, Fit)
        A name for each diagram (``overview``, the issue ids joined by ``+``, and
        ``-1``, ``-2`` ... for an issue's parts) and the diagram.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-10-31-new-york")
    >>> from argmap.render.fit import slides
    >>> [(name, fit.readable, fit.overview) for name, fit in slides(amap, "16:9")]
    [('overview', True, True)]
    >>> big = argmap.datasets.load("1962-11-28-new-york")
    >>> [name for name, _ in slides(big, "16:9")][:4]
    ['settlement-form', 'invasion', 'subversion', 'inspection-1']
    """
    whole = fitted(amap, size, engine=engine, **options)
    issues = [i.id for i in amap.issues if any(amap.issue_of(p) == i.id for p in amap.points)]
    if whole.readable or len(issues) < 2 or any(amap.issue_of(p) is None for p in amap.points):
        return [("overview", whole)]
    out: list[tuple[str, Fit]] = []
    for parts in range(2, len(issues) + 1):
        groups = _split(amap, issues, parts)
        out = [("+".join(g), fitted(amap, size, engine=engine, issue=g, **options)) for g in groups]
        if all(fit.readable for _, fit in out):
            return out
    # one issue per diagram, and some too large: their threads in parts
    done: list[tuple[str, Fit]] = []
    for name, fit in out:
        done += [(name, fit)] if fit.readable else _threads(amap, name, size, engine, options)
    return done


def _threads(amap: ArgumentMap, issue: str, size: str | Size, engine: str,
             options: dict[str, Any]) -> list[tuple[str, Fit]]:
    """Return *issue* drawn in as few parts as are readable.

    The issue's points are put in thread order (each point, then the replies to
    it, depth first, from the points that reply to nothing in the issue) and cut
    into consecutive parts, so that a part holds whole threads or whole branches
    of one; the points a part's points answer are drawn with it again, and the
    points of other issues they relate to are left out.
    """
    ids = [p.id for p in amap.points if amap.issue_of(p) == issue]
    inside = set(ids)
    replies: dict[str, list[str]] = {pid: [] for pid in ids}
    answers_something = set()
    for pid in ids:
        for _, target in amap.point(pid).relations():
            if target in inside and target != pid:
                replies[target].append(pid)
                answers_something.add(pid)
    order: list[str] = []
    seen: set[str] = set()
    for start in [pid for pid in ids if pid not in answers_something] + ids:
        stack = [start]
        while stack:
            pid = stack.pop()
            if pid in seen:
                continue
            seen.add(pid)
            order.append(pid)
            stack.extend(reversed(replies[pid]))
    best: list[tuple[str, Fit]] = []
    for parts in range(2, len(order) + 1):
        cuts = [order[len(order) * n // parts:len(order) * (n + 1) // parts] for n in range(parts)]
        # each part with the points its points answer, but not their other replies, which
        # are in the other parts; a part whose points all come with another part (a claim
        # cut off from its objections) is left out
        drawn = [_with_answered(amap, cut) for cut in cuts]
        sets = [set(points) for points in drawn]
        shares = [points for n, points in enumerate(drawn) if not any(
            sets[n] < other or (sets[n] == other and m < n) for m, other in enumerate(sets))]
        best = [(f"{issue}-{n}", fitted(amap, size, engine=engine, issue=issue, points=points,
                                        part=f"part {n} of {len(shares)}",
                                        **{"context": False, **options}))
                for n, points in enumerate(shares, start=1)]
        if all(fit.readable for _, fit in best):
            break
    return best


def _with_answered(amap: ArgumentMap, share: list[str]) -> list[str]:
    """Return *share* with the points of the same issue that its points reply to."""
    out = dict.fromkeys(share)
    issue = amap.issue_of(share[0])
    for pid in share:
        for _, target in amap.point(pid).relations():
            if amap.issue_of(target) == issue:
                out.setdefault(target)
    return list(out)


def _split(amap: ArgumentMap, issues: list[str], parts: int) -> list[list[str]]:
    """Return *issues* in *parts* consecutive groups of about equal numbers of points."""
    counts = {i: sum(1 for p in amap.points if amap.issue_of(p) == i) for i in issues}
    total = sum(counts.values())
    groups: list[list[str]] = [[]]
    done = 0
    for issue in issues:
        if groups[-1] and len(groups) < parts and done >= total * len(groups) / parts:
            groups.append([])
        groups[-1].append(issue)
        done += counts[issue]
    return groups

