"""The diagram of a case: one row per issue, one column per meeting, each party's stance in its cell."""

from __future__ import annotations

import textwrap
from typing import Final

import graphviz

from argmap.case import Case
from argmap.render.dot import _FONT, text
from argmap.render.themes import Theme, get_theme

__all__ = ["case_to_graphviz"]

# status -> (fill in colour themes, fill in print); the word is always written too
_STATUS_FILLS: Final = {
    "disputed": ("#f6d0cc", "#cccccc"),
    "agreed": ("#d3ecd5", "#f2f2f2"),
    "unengaged": ("#fdf0c8", "#e6e6e6"),
    "one-sided": ("#e8eef6", "#ffffff"),
    "silent": ("#ffffff", "#ffffff"),
}


def case_to_graphviz(case: Case, *, theme: str | Theme = "color", a: str | None = None,
                     b: str | None = None) -> graphviz.Digraph:
    """Return the case as a grid: issues down, meetings across, each party's points in the cells.

    Each cell names the issue's status after that meeting (the word, and a fill that
    the ``print`` theme keeps greyscale) and, for each of the two parties, how many
    points of which kinds it made there.

    Examples
    --------
    >>> dot = case_to_graphviz(argmap.datasets.load_case("1962-cuba"))
    >>> "Inspection and safeguards" in dot.source
    True
    """
    palette = get_theme(theme)
    timeline = case.timeline(a=a, b=b)
    a, b = timeline.a, timeline.b
    titles: dict[str, str] = {}
    party_names: dict[str, str] = {}
    for m in case.maps:
        titles.update({i.id: i.label for i in m.issues})
        party_names.update({p.id: p.label for p in m.parties})
    kinds = {p.id: p.kind.value for m in case.maps for p in m.points}
    grey = palette.name == "print"
    head = "".join(
        f"<TD BGCOLOR='#eeeeee'><B>{text(m.date.isoformat() if m.date else m.id)}</B><BR/>"
        f"<FONT POINT-SIZE='10'>{text(textwrap.shorten(m.title, 60, placeholder=' …'))}</FONT></TD>"
        for m in case.maps)
    rows = [f"<TR><TD BGCOLOR='#eeeeee'><B>Issue</B></TD>{head}</TR>"]
    by_issue: dict[str, list[str]] = {}
    for row in timeline:
        fill = _STATUS_FILLS[row.status][1 if grey else 0]
        parts = [f"<B>{text(row.status)}</B>"]
        for party, points in ((a, row.a_points), (b, row.b_points)):
            if points:
                counts: dict[str, int] = {}
                for pid in points:
                    counts[kinds[pid]] = counts.get(kinds[pid], 0) + 1
                summary = ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in counts.items())
                parts.append(f"{text(party_names.get(party, party))}: {text(summary)}")
        by_issue.setdefault(row.issue, []).append(
            f"<TD BGCOLOR='{fill}' ALIGN='LEFT' BALIGN='LEFT'>{'<BR/>'.join(parts)}</TD>")
    for issue, cells in by_issue.items():
        rows.append(f"<TR><TD ALIGN='LEFT'><B>{text(titles.get(issue, issue))}</B></TD>"
                    f"{''.join(cells)}</TR>")
    label = (f"<<TABLE BORDER='0' CELLBORDER='1' CELLSPACING='0' CELLPADDING='6' COLOR='#888888'>"
             f"{''.join(rows)}</TABLE>>")
    graph = graphviz.Digraph(name=case.id)
    graph.attr(label=f"<<FONT POINT-SIZE='20'><B>{text(case.title)}</B></FONT><BR/>"
                     f"{text(party_names.get(a, a))} and {text(party_names.get(b, b))}, "
                     "issue by issue, meeting by meeting>",
               labelloc="t", fontname=_FONT, pad="0.3")
    graph.node("_case", label=label, shape="plaintext", fontname=_FONT, fontsize="12")
    return graph
