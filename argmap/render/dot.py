"""Building the diagram of a map as DOT text: pure, no Graphviz binary needed.

One column (cluster) per party; a box per point headed by its speaker and
kind; an edge per relation, drawn from the point that says it up to the point
it is about. Kinds differ by border (thick for objections and rebuttals,
dashed for rebuttals, double for proposals and concessions, rounded for
reasons and concessions), relations by line and arrowhead (attacks: solid
line, filled arrow; supports: dashed line, hollow arrow; agrees: dotted line,
hollow circle), so the diagram reads without colour.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import attrs
import graphviz

from argmap._util import did_you_mean
from argmap.errors import RenderError
from argmap.model import ArgumentMap, Kind, Point, Relation
from argmap.render.choices import DIRECTIONS, LABELS
from argmap.render.themes import Theme, get_theme

__all__ = ["DIRECTIONS", "LABELS", "to_graphviz"]

#: Words of the paraphrase a ``short`` label shows.
SHORT_WORDS: Final = 5
#: Values of ``highlight``.
HIGHLIGHTS: Final = ("unresolved",)

_FONT: Final = "DejaVu Sans,Helvetica,Arial,sans-serif"
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@attrs.frozen
class _KindStyle:
    style: str
    penwidth: float
    peripheries: int = 1


_KIND_STYLES: Final = {
    Kind.CLAIM: _KindStyle("filled", 1.2),
    Kind.PROPOSAL: _KindStyle("filled", 1.2, peripheries=2),
    Kind.OBJECTION: _KindStyle("filled,bold", 2.8),
    Kind.REBUTTAL: _KindStyle("filled,bold,dashed", 2.8),
    Kind.CONCESSION: _KindStyle("filled,rounded", 1.2, peripheries=2),
    Kind.REASON: _KindStyle("filled,rounded", 1.2),
}

# (line style, arrowhead at the point the relation is about, pen width)
_RELATION_STYLES: Final = {
    Relation.ATTACKS: ("solid", "normal", 2.2),
    Relation.SUPPORTS: ("dashed", "empty", 1.6),
    Relation.AGREES: ("dotted", "odot", 2.4),
}


def text(value: str) -> str:
    r"""Return *value* safe inside a Graphviz HTML-like label.

    ``&``, ``<`` and ``>`` become entities, control characters go, and backslashes
    are doubled: Graphviz expands escapes such as ``\\N`` (the node's name) even in
    HTML-like labels.
    """
    return html.escape(_CONTROL.sub("", value), quote=False).replace("\\", "\\\\")


#: The most characters of one text a diagram shows (Graphviz refuses a string of 16,384 or
#: more; a box this long is unreadable anyway). The page and the map keep the whole text.
MAX_SHOWN: Final = 2000


def _shortened(value: str, limit: int = MAX_SHOWN) -> str:
    """Return *value* cut at a word before *limit* characters, saying how much was left out."""
    if len(value) <= limit:
        return value
    cut = value.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return f"{value[:cut]} … ({len(value) - cut:,} more characters)"


def _lines(value: str, width: int) -> list[str]:
    """Return *value* in lines of at most *width* characters, broken at spaces (or in a longer word)."""
    value = _shortened(value)
    out: list[str] = []
    for paragraph in value.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            while len(word) > width:  # a word longer than a line is cut, as textwrap cuts it
                if line:
                    out.append(line)
                    line = ""
                out.append(word[:width])
                word = word[width:]
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def _name(amap: ArgumentMap, by: str) -> str:
    """Return the name of the actor or party *by*."""
    actor = amap._index.actors.get(by)
    return actor.label if actor else amap.party(by).label


def _speaker(amap: ArgumentMap, point: Point) -> str:
    name = _name(amap, point.by)
    if point.on_behalf_of:
        name += f" for {amap.party(point.on_behalf_of).label}"
    return name


def _short_label(amap: ArgumentMap, point: Point, width: int, color: str,
                 status: str | None) -> str:
    words = point.text.split()
    head = " ".join(words[:SHORT_WORDS]) + (" …" if len(words) > SHORT_WORDS else "")
    lines = "<BR ALIGN='LEFT'/>".join(text(line) for line in _lines(head, width))
    kind = point.kind.value + (" (conditional)" if point.condition else "")
    return (f"<<TABLE BORDER='0' CELLBORDER='0' CELLSPACING='0' CELLPADDING='1'>"
            f"<TR><TD ALIGN='LEFT'><B>{text(_speaker(amap, point))}</B>"
            f"<FONT POINT-SIZE='10' COLOR='{color}'>  {kind.upper()}</FONT>"
            + (f"  <B>{text(status)}</B>" if status else "")
            + f"</TD></TR><TR><TD ALIGN='LEFT' BALIGN='LEFT'>{lines}</TD></TR></TABLE>>")


def _node_label(
    amap: ArgumentMap, point: Point, label: str, width: int, color: str, status: str | None = None,
) -> str:
    if label == "short":
        return _short_label(amap, point, width, color, status)
    body: list[str] = []
    if label in ("text", "both") or not point.quote:
        body.append("<BR ALIGN='LEFT'/>".join(text(line) for line in _lines(point.text, width)))
    if label in ("quote", "both") and point.quote:
        quoted = _lines(f"“{point.quote}”", width)
        body.append(
            "<I>" + "<BR ALIGN='LEFT'/>".join(text(line) for line in quoted) + "</I>")
    if point.condition:
        cond = _lines(f"on condition: {point.condition}", width)
        body.append("<BR ALIGN='LEFT'/>".join(text(line) for line in cond))
    rows = "".join(f"<TR><TD ALIGN='LEFT' BALIGN='LEFT'>{b}</TD></TR>" for b in body)
    kind = point.kind.value.upper()
    if point.condition:
        kind = f"CONDITIONAL {kind}"
    constructed = (f"<TR><TD ALIGN='LEFT'><FONT POINT-SIZE='10' COLOR='{color}'><I>"
                   "constructed: its position in the other side's words</I></FONT></TD></TR>"
                   if point.constructed else "")
    header = (
        f"<TR><TD ALIGN='LEFT'><B>{text(_speaker(amap, point))}</B>"
        f"<FONT POINT-SIZE='10' COLOR='{color}'>  {kind}</FONT>"
        + (f"  <B>{text(status)}</B>" if status else "") + f"</TD></TR>{constructed}"
    )
    return f"<<TABLE BORDER='0' CELLBORDER='0' CELLSPACING='0' CELLPADDING='2'>{header}{rows}</TABLE>>"


def _selection(
    amap: ArgumentMap, issues: tuple[str, ...], parties: tuple[str, ...], context: bool,
    only: frozenset[str] | None = None,
) -> tuple[list[Point], set[str]]:
    """Return the points to draw, in file order, and the ids drawn only as context."""
    index = amap._index
    chosen = {  # a party's points include those voiced on its behalf (Mikoyan for Cuba)
        p.id for p in amap.points
        if (not issues or index.issues_of[p.id] in issues)
        and (not parties or index.party_of[p.id] in parties or p.on_behalf_of in parties)
        and (only is None or p.id in only)
    }
    extra: set[str] = set()
    if context and (issues or parties):
        for p in amap.points:
            for _, target in p.relations():
                if p.id in chosen and target not in chosen:
                    extra.add(target)
                elif target in chosen and p.id not in chosen:
                    extra.add(p.id)
    shown = chosen | extra
    return [p for p in amap.points if p.id in shown], extra


def _check_choice(name: str, value: str, allowed: Iterable[str]) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(
            f"unknown {name} {value!r}{did_you_mean(str(value), allowed)}; "
            f"use one of {', '.join(allowed)}"
        )


def _as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


#: Characters per line of the citation under a diagram's title.
_CITE_WIDTH: Final = 120


def _title_label(amap: ArgumentMap) -> str:
    lines = [f"<FONT POINT-SIZE='22'><B>{text(amap.title)}</B></FONT>"]
    sub = []
    if amap.date:
        sub.append(amap.date.isoformat())
    if amap.source is not None:
        sub.append(amap.source.title)
    if sub:
        lines.append(f"<FONT POINT-SIZE='14'>{text(' · '.join(sub))}</FONT>")
    if amap.source is not None and (amap.source.series or amap.source.citation):
        cite = amap.source.series or amap.source.citation or ""
        # wrapped, so that a full citation does not make the diagram wider than its title
        wrapped = "<BR/>".join(text(line) for line in _lines(cite, _CITE_WIDTH))
        lines.append(f"<FONT POINT-SIZE='11'>{wrapped}</FONT>")
    return "<" + "<BR/>".join(lines) + ">"


_LEGEND_EDGES: Final = {
    Relation.ATTACKS: "━━━▶",
    Relation.SUPPORTS: "╍╍╍▷",
    Relation.AGREES: "┉┉┉○",
}
_LEGEND_LINES: Final = {
    Relation.ATTACKS: "solid line, filled arrow",
    Relation.SUPPORTS: "dashed line, hollow arrow",
    Relation.AGREES: "dotted line, hollow circle",
}


def _box(content: str, border: str, style: str) -> str:
    return (f"<TABLE BORDER='{border}' COLOR='#1a1a1a' CELLBORDER='0' CELLPADDING='1'{style}>"
            f"<TR><TD>{content}</TD></TR></TABLE>")


def _legend_label(
    kinds: list[Kind], relations: list[Relation], theme: Theme, labelled: bool = False,
    styles: Iterable[str] = (), columns: int = 2,
) -> str:
    """Return the key as one HTML-like label.

    A swatch per kind, a sample per relation, and an entry for each other style the
    diagram uses (*styles*: keys of :data:`_STYLE_MEANING`), in *columns* columns.
    """
    # (sample, meaning) pairs
    items: list[tuple[str, str]] = []
    for kind in kinds:
        ks = _KIND_STYLES[kind]
        border = "3" if ks.penwidth > 2 else "1"
        style = " STYLE='rounded'" if "rounded" in ks.style else ""
        style = " STYLE='dashed'" if "dashed" in ks.style else style
        swatch = _box(f"  {kind.value}  ", border, style)
        if ks.peripheries > 1:
            swatch = _box(swatch, "1", style)
        items.append((f"<TD ALIGN='LEFT'>{swatch}</TD>", _KIND_MEANING[kind]))
    for rel in relations:
        color = theme.relation_colors[rel.value]
        items.append((f"<TD ALIGN='LEFT'><FONT COLOR='{color}'>{_LEGEND_EDGES[rel]}</FONT></TD>",
                      f"{rel.value}: {_LEGEND_LINES[rel]}"))
    for name in styles:
        sample, meaning = _STYLE_MEANING[name]
        if name == "settled":
            sample = (f"<TABLE BORDER='1' COLOR='{theme.muted_line}' BGCOLOR='{theme.muted_fill}' "
                      f"CELLBORDER='0' CELLPADDING='1'><TR><TD><FONT COLOR='{theme.muted_text}'>"
                      f"  {sample}  </FONT></TD></TR></TABLE>")
        elif name in ("context", "constructed"):
            sample = _box(f"  {sample}  ", "1", " STYLE='dashed'")
        items.append((f"<TD ALIGN='LEFT'>{sample}</TD>", meaning))
    if labelled:
        for name, meaning in (("IN", "accepted"), ("OUT", "defeated by an accepted point"),
                              ("UNDEC", "undecided")):
            items.append((f"<TD ALIGN='LEFT' BGCOLOR='{theme.labelling[name]}'><B>{name}</B></TD>",
                          f"{meaning} (acceptability labelling)"))
    height = -(-len(items) // max(1, columns)) or 1
    laid = [items[i:i + height] for i in range(0, len(items), height)]
    rows = [f"<TR><TD COLSPAN='{2 * len(laid)}' ALIGN='LEFT'><B>Key</B>  (an arrow points at "
            "the point replied to)</TD></TR>"]
    for row in itertools.zip_longest(*laid, fillvalue=("", "")):
        rows.append("<TR>" + "".join(f"{sample}<TD ALIGN='LEFT'>{meaning}</TD>"
                                     for sample, meaning in row if sample) + "</TR>")
    return ("<<TABLE BORDER='1' COLOR='#999999' CELLBORDER='0' CELLSPACING='3' CELLPADDING='2' "
            "STYLE='rounded'>" + "".join(rows) + "</TABLE>>")


#: The other styles a key may need to explain: a sample and what it means.
_STYLE_MEANING: Final = {
    "settled": ("settled", "greyed: settled, not in an open thread"),
    "context": ("context", "dashed, grey: context, outside the filter"),
    "constructed": ("constructed", "dashed: constructed, in the other side's words"),
    "voiced": ("<B>X for P</B>", "said by X on behalf of party P"),
}

_KIND_MEANING: Final = {
    Kind.CLAIM: "a statement of position or fact",
    Kind.PROPOSAL: "asks the other side to do or accept something",
    Kind.OBJECTION: "attacks another party's point",
    Kind.REBUTTAL: "answers an objection",
    Kind.CONCESSION: "agrees with another party's point",
    Kind.REASON: "supports a point of its own party",
}


def to_graphviz(
    amap: ArgumentMap,
    *,
    theme: str | Theme = "color",
    issue: str | Iterable[str] | None = None,
    party: str | Iterable[str] | None = None,
    highlight: str | None = None,
    label: Literal["text", "quote", "both", "short"] = "text",
    direction: str = "TB",
    wrap: int = 34,
    context: bool = True,
    by_issue: bool = True,
    legend: bool = True,
    title: bool = True,
    labelling: Mapping[str, str] | None = None,
    only_unresolved: bool = False,
    points: Iterable[str] | None = None,
    legend_columns: int = 2,
    stagger: int = 1,
) -> graphviz.Digraph:
    """Return the diagram of *amap* as a :class:`graphviz.Digraph` (DOT text, no layout yet).

    Parameters
    ----------
    amap : ArgumentMap
    theme : {"color", "print", "colorblind"} or Theme
        ``print`` is greyscale for black-and-white printers; ``colorblind`` uses
        the Okabe-Ito palette.
    issue, party : str or iterable of str, optional
        Draw only the points on these issues and of these parties.
    highlight : {"unresolved"}, optional
        Make the open threads and pending proposals stand out and mute the rest.
    label : {"text", "quote", "both", "short"}
        The paraphrase, the verbatim quote (the paraphrase where there is none), both,
        or the first words of the paraphrase (an overview; the tooltips have it whole).
    direction : {"TB", "LR", "BT", "RL"}
        Graphviz ``rankdir``; with TB the point replied to sits above its replies.
    wrap : int
        Characters per line in the boxes.
    context : bool
        With a filter, also draw (muted, dashed) the points directly related to the
        chosen ones, so that an objection is not shown without what it attacks.
    by_issue : bool
        Lay the points out in bands, one per issue in map order, each headed by the
        issue's title; otherwise Graphviz places them by their relations alone.
    legend, title : bool
        Draw the key to kinds and relations; head the diagram with the map's
        title, date and source.
    labelling : mapping of point id to "IN", "OUT" or "UNDEC", optional
        Fill points by an acceptability labelling (:mod:`argmap.semantics`).
    only_unresolved : bool
        Draw only the points of open threads and pending proposals: settled
        exchanges are left out (collapsed), which keeps large maps drawable.
    points : iterable of str, optional
        Draw only these points (with the other filters), as
        :func:`argmap.render.fit.slides` does to split a large issue by its threads.
    legend_columns : int
        Columns of the key: two (the default) keep it low, one narrow for a
        portrait page.
    stagger : int
        Ranks to spread the replies to one point over, when it has more than
        three: seven objections to one claim make a rank seven boxes long;
        staggered over two ranks, four. 1 (the default) puts every reply on the
        rank next to what it answers. :func:`argmap.render.fit.fitted` tries 2
        with ``direction="LR"``.

    Returns
    -------
    graphviz.Digraph
        Its ``.source`` is the DOT text; ``.pipe()`` or :func:`render` lays it out.

    Raises
    ------
    ValueError
        For an unknown theme, issue, party, highlight, label or direction; the
        message lists the allowed values.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.render import to_graphviz
    >>> dot = to_graphviz(amap, issue="invasion")
    >>> '"us-draft-lapse"' in dot.source
    True
    >>> "cluster_us" in dot.source and "cluster_ussr" in dot.source
    True
    """
    palette = get_theme(theme)
    issues, parties = _as_tuple(issue), _as_tuple(party)
    for value in issues:
        _check_choice("issue", value, [i.id for i in amap.issues])
    for value in parties:
        _check_choice("party", value, [p.id for p in amap.parties])
    if highlight is not None:
        _check_choice("highlight", highlight, HIGHLIGHTS)
    _check_choice("label", label, LABELS)
    _check_choice("direction", direction, DIRECTIONS)
    if not isinstance(wrap, int) or wrap < 8:
        raise ValueError(f"wrap must be a whole number of at least 8 characters, not {wrap!r}")
    if not isinstance(stagger, int) or stagger < 1:
        raise ValueError(f"stagger must be a whole number of ranks, at least 1, not {stagger!r}")

    only = None if points is None else frozenset(_as_tuple(points))
    for value in sorted(v for v in only or () if v not in amap._index.points)[:1]:
        _check_choice("point", value, amap._index.points)
    drawn, context_ids = _selection(amap, issues, parties, context, only)
    hot_points: set[str] = set()
    hot_edges: set[tuple[str, str]] = set()
    if highlight == "unresolved" or only_unresolved:
        from argmap.query import _open_edges, unresolved

        hot_points = {pid for item in unresolved(amap) for pid in item.points}
        hot_edges = set(_open_edges(amap))
    if only_unresolved:
        drawn = [p for p in drawn if p.id in hot_points]
    if not drawn and amap.points:
        raise RenderError(_nothing_drawn(amap, issues, parties, only_unresolved))
    shown = {p.id for p in drawn}

    graph = graphviz.Digraph(name=amap.id, strict=False)
    graph.attr(id="_map", rankdir=direction, newrank="true", nodesep="0.3", ranksep="0.45",
               fontname=_FONT, pad="0.3", bgcolor="white")
    if title:
        graph.attr(label=_title_label(amap), labelloc="t", labeljust="c")
    graph.attr("node", shape="box", fontname=_FONT, fontsize="13", margin="0.12,0.08",
               fontcolor=palette.text)
    graph.attr("edge", fontname=_FONT)

    index = amap._index
    bands = _bands(amap, drawn) if by_issue else {}
    if bands:
        _issue_headings(graph, amap, bands, drawn)

    for i, party_obj in enumerate(amap.parties):
        members = [p for p in drawn if index.party_of[p.id] == party_obj.id]
        if not members:
            continue
        with graph.subgraph(name=f"cluster_{party_obj.id}") as cluster:
            cluster.attr(
                label=f"<<B>{text(party_obj.label)}</B>>", fontsize="18", style="rounded,filled",
                fillcolor=palette.cluster_fill(i), color=palette.party_border(i), margin="14",
                id=f"_cluster-{party_obj.id}",
            )

            # the lines are written here, not through Digraph.node: quoting every attribute of
            # every point through the graphviz package took three quarters of the time
            cluster.body.extend(_statement(point.id, _node_attrs(
                amap, point, palette, i, label, wrap,
                muted=point.id in context_ids
                or (highlight == "unresolved" and point.id not in hot_points),
                context=point.id in context_ids,
                labelling=labelling,
            )) for point in members)

    kinds_used: set[Kind] = set()
    relations_used: set[Relation] = set()
    rows = _staggered(drawn, shown, bands, index.issues_of, stagger) if stagger > 1 else {}
    for point in drawn:
        kinds_used.add(point.kind)
        for rel, target in point.relations():
            if target not in shown:
                continue
            relations_used.add(rel)
            line, arrow, width = _RELATION_STYLES[rel]
            muted = highlight == "unresolved" and (point.id, target) not in hot_edges
            color = palette.muted_line if muted else palette.relation_colors[rel.value]
            # drawn from the point replied to, so that with TB it sits above its replies;
            # a reply to a point in a later band does not pull the bands out of order
            upward = _upward(bands, index.issues_of, point.id, target)
            graph.body.append(
                f"\t{_quote(target)} -> {_quote(point.id)} "
                f"[{_edge_style(arrow, line, width if not muted else 1.0, color)}"
                f" tooltip={_quote(f'{point.id} {rel.value} {target}')}"
                f" id={_quote(f'_edge-{point.id}-{rel.value}-{target}')}"
                f" class={_quote(f'relation {rel.value} from-{point.id} to-{target}')}"
                + (" constraint=false]\n" if upward else
                   f" minlen={rows[point.id, target]}]\n" if (point.id, target) in rows else "]\n"))
    styles_used = [name for name, used in (
        ("settled", highlight == "unresolved" and any(p.id not in hot_points for p in drawn)),
        ("context", bool(context_ids & shown)),
        ("constructed", any(p.constructed for p in drawn)),
        ("voiced", any(p.on_behalf_of for p in drawn)),
    ) if used]
    # the points nothing below them in the diagram replies to: the key goes under one of them
    sinks = {p.id for p in drawn} - {t for p in drawn for _, t in p.relations() if t in shown}
    if legend and drawn:
        graph.node(
            "_legend",
            label=_legend_label(sorted(kinds_used, key=list(Kind).index),
                                sorted(relations_used, key=list(Relation).index), palette,
                                labelled=labelling is not None, styles=styles_used,
                                columns=legend_columns),
            shape="plaintext", fontsize="12", margin="0", id="_legend",
        )
        if bands:
            graph.edge(_heading_name(len(bands)), "_legend", style="invis")
        else:  # below the diagram, not beside it as a part of its own: tied to its first and
            # last points with nothing below them, so that it sits under the middle
            ends = [p.id for p in drawn if p.id in sinks] or [drawn[-1].id]
            graph.body.append("\t{rank=sink; _legend}\n")
            graph.body.extend(f"\t{_quote(pid)} -> _legend [style=invis]\n"
                              for pid in dict.fromkeys((ends[0], ends[-1])))
    return graph


def _upward(bands: Mapping[str | None, int], issues_of: Mapping[str, str | None], source: str,
            target: str) -> bool:
    """Return whether *source* replies to a point in a later issue band (an edge drawn upward)."""
    return bool(bands) and bands[issues_of[target]] > bands[issues_of[source]]


def _staggered(drawn: list[Point], shown: set[str], bands: Mapping[str | None, int],
               issues_of: Mapping[str, str | None], stagger: int) -> dict[tuple[str, str], int]:
    """Return the ``minlen`` of each reply to a point with more than three replies.

    The replies take turns over ``min(stagger, ceil(n / 3))`` rows, in file order;
    replies that go up to an earlier band (drawn without constraint) do not count.
    """
    replies: dict[str, list[str]] = {}
    for point in drawn:
        for _, target in point.relations():
            if target in shown and target != point.id and not _upward(bands, issues_of, point.id, target):
                replies.setdefault(target, []).append(point.id)
    rows = {}
    for target, ids in replies.items():
        spread = min(stagger, -(-len(ids) // 3))
        if len(ids) > 3 and spread > 1:
            for n, pid in enumerate(ids):
                rows[pid, target] = 1 + n % spread
    return rows


#: A DOT identifier that needs no quotes (its ASCII part: other names are quoted).
_DOT_ID: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")


def _quote(value: str) -> str:
    """Return *value* as a DOT identifier or quoted string (never as an HTML-like label).

    As the graphviz package quotes (which it does for every attribute through
    several calls: three quarters of the time of a large diagram), but in one.
    """
    if _DOT_ID.fullmatch(value) and value.lower() not in graphviz.quoting.KEYWORDS:
        return value
    if '"' in value or "\\" in value:  # the graphviz package's rules for quotes and backslashes
        return str(graphviz.quoting.quote(graphviz.quoting.nohtml(value)))
    return f'"{value}"'


def _statement(name: str, attrs: Mapping[str, str]) -> str:
    """Return the DOT line of node *name*, label first, as ``Digraph.node`` writes it.

    The label is HTML-like, ``<...>``, and written as it is.
    """
    rest = " ".join(f"{key}={_quote(value)}" for key, value in sorted(attrs.items())
                    if key != "label")
    return f"\t{_quote(name)} [label={attrs['label']} {rest}]\n"


@functools.lru_cache(maxsize=256)
def _edge_style(arrow: str, line: str, width: float, color: str) -> str:
    return (f"arrowtail={arrow} color={_quote(color)} dir=back penwidth={_quote(str(width))} "
            f"style={line}")


def _nothing_drawn(amap: ArgumentMap, issues: tuple[str, ...], parties: tuple[str, ...],
                   only_unresolved: bool) -> str:
    """Say why a filtered diagram would be empty, and what would draw something."""
    asked = [f"issue {', '.join(issues)}"] if issues else []
    asked += [f"party {', '.join(parties)}"] if parties else []
    asked += ["still open"] if only_unresolved else []
    index = amap._index
    hints = []
    if parties:
        on = sorted({index.issues_of[p.id] or "(none)" for p in amap.points
                     if index.party_of[p.id] in parties or p.on_behalf_of in parties},
                    key=str)
        hints.append(f"the party's points are on the issues {', '.join(on)}" if on
                     else f"{', '.join(parties)} has no points, said or voiced on its behalf")
    if only_unresolved:
        hints.append("leave out --only-unresolved to draw what is settled too")
    return (f"nothing to draw: no point is {' and '.join(asked)}"
            + (f"; {'; '.join(hints)}" if hints else ""))


def _heading_name(band: int) -> str:
    # ids start with a letter or digit, so names and ids starting with "_" never clash with a point's
    return f"_issue_{band}"


def _bands(amap: ArgumentMap, points: list[Point]) -> dict[str | None, int]:
    """Return the band of each issue of *points*: 0, 1, ... in map order, no issue last."""
    issues_of = amap._index.issues_of
    present = {issues_of[p.id] for p in points}
    order: list[str | None] = [i.id for i in amap.issues if i.id in present]
    if None in present:
        order.append(None)
    return {issue: n for n, issue in enumerate(order)}


def _issue_headings(
    graph: graphviz.Digraph, amap: ArgumentMap, bands: dict[str | None, int], points: list[Point],
) -> None:
    """Give each issue a band of ranks headed by its title, in map order.

    Each band lies between two heading nodes chained by invisible edges: every
    point on the issue is forced below its band's heading and above the next.
    """
    titles = {i.id: i.label for i in amap.issues}
    issues_of = amap._index.issues_of
    with graph.subgraph(name="cluster_issues") as column:
        column.attr(label="", style="invis", margin="0")
        for issue, n in bands.items():
            heading = titles[issue] if issue is not None else "(no issue)"
            column.node(
                _heading_name(n), label=f"<<B>{text(heading)}</B>>", shape="plaintext",
                fontsize="15", fontcolor="#333333", id=f"_issue-{issue or 'none'}",
                **{"class": "issue-heading"},
            )
        column.node(_heading_name(len(bands)), label="", shape="point", style="invis")
        for n in range(len(bands)):
            column.edge(_heading_name(n), _heading_name(n + 1), style="invis", weight="10")
    # a point is held below its band's heading and above the next: one invisible edge from the
    # heading to each point with no reply-to above it in the band, and one from each point with
    # no reply below it in the band to the next heading; the replies between hold the rest
    # (a cycle that no such point reaches gets both edges, as it would float free otherwise)
    band_of = {p.id: bands[issues_of[p.id]] for p in points}
    down: dict[str, list[str]] = {p.id: [] for p in points}  # replied-to -> replies, in the band
    up: dict[str, list[str]] = {p.id: [] for p in points}
    for point in points:
        for _, target in point.relations():
            if band_of.get(target) == band_of[point.id] and target != point.id:
                down[target].append(point.id)
                up[point.id].append(target)
    tops = _held(points, up, down)
    bottoms = _held(points, down, up)
    lines = graph.body
    for point in points:
        band = band_of[point.id]
        if point.id in tops:
            lines.append(f"\t{_heading_name(band)} -> {_quote(point.id)} [style=invis weight=0]\n")
        if point.id in bottoms:
            lines.append(f"\t{_quote(point.id)} -> {_heading_name(band + 1)} [style=invis weight=0]\n")


def _held(points: list[Point], before: Mapping[str, list[str]],
          after: Mapping[str, list[str]]) -> set[str]:
    """Return the points that need their own edge to a heading.

    Those with nothing *before* them, and the first point (in file order) of each
    cycle that none of those reaches through *after*.
    """
    held: set[str] = set()
    reached: set[str] = set()
    firsts = [p.id for p in points if not before[p.id]]
    for pid in firsts + [p.id for p in points]:
        if pid in reached:
            continue
        held.add(pid)
        reached.add(pid)
        stack = [pid]
        while stack:
            for nxt in after[stack.pop()]:
                if nxt not in reached:
                    reached.add(nxt)
                    stack.append(nxt)
    return held


def _node_attrs(
    amap: ArgumentMap, point: Point, palette: Theme, party_i: int, label: str, wrap: int,
    *, muted: bool, context: bool, labelling: Mapping[str, str] | None,
) -> dict[str, Any]:
    ks = _KIND_STYLES[point.kind]
    fill = palette.party_fill(party_i)
    if labelling is not None and point.id in labelling:
        fill = palette.labelling[labelling[point.id]]
    border = palette.party_border(party_i)
    style = ks.style
    fontcolor = palette.text
    if muted:
        fill, border, fontcolor = palette.muted_fill, palette.muted_line, palette.muted_text
    if (context or point.constructed) and "dashed" not in style:
        style += ",dashed"
    issue = amap._index.issues_of[point.id]
    classes = ["point", f"kind-{point.kind.value}", f"party-{amap._index.party_of[point.id]}"]
    if issue:
        classes.append(f"issue-{issue}")
    if muted:
        classes.append("muted")
    if point.constructed:
        classes.append("constructed")
    return {
        "label": _node_label(amap, point, label, wrap, fontcolor if muted else border,
                             str(labelling[point.id]) if labelling and point.id in labelling else None),
        "style": style,
        "penwidth": str(ks.penwidth),
        "peripheries": str(ks.peripheries),
        "fillcolor": fill,
        "color": border,
        "fontcolor": fontcolor,
        "tooltip": graphviz.escape(_CONTROL.sub("", _shortened(point.quote or point.text))),
        "id": point.id,
        "class": " ".join(classes),
    }
