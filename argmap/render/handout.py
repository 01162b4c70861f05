"""A printed handout of a map: one PDF, typeset by Typst (the ``typst`` package).

The handout has a title page with the document's citation and parties, the
issue-by-issue comparison of the first two parties and the unresolved threads
as tables, then each issue: its diagram fitted to the paper (turned to landscape,
or drawn in parts, where that is what keeps its text readable) and the issue's
points listed with their speakers and the source's own words.

Nothing of the map is written as Typst markup: every text goes to the Typst
template as JSON data and is set as plain text, so that a quote holding ``#``,
``*`` or ``$`` prints as it is. The diagrams are Graphviz PDFs, placed at the
size they were laid out for, so that their smallest text (10 pt in the layout)
is never below 8 pt on paper; the handout's own text is 9 pt and larger.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any, Final

import attrs

from argmap._util import write_atomically
from argmap.errors import MissingDependencyError, RenderError
from argmap.model import ArgumentMap
from argmap.render.dot import _name, _speaker
from argmap.render.fit import SIZES, Fit, _threads, fitted
from argmap.render.output import pipe

__all__ = ["PAPERS", "handout"]

#: The papers a handout is set on.
PAPERS: Final = ("a4", "letter")
#: Points of a diagram's page its heading takes.
_HEADING: Final = 80.0
_MEDIA_BOX: Final = re.compile(rb"/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]")

_TEMPLATE: Final = r"""
#let d = json("data.json")
#set document(title: d.title)
#set page(paper: d.paper, margin: 0.5in, numbering: "1 / 1",
          footer: context align(center, text(size: 9pt, counter(page).display("1 / 1"))))
#set text(font: ("DejaVu Sans", "Liberation Sans", "Arial"), size: 10pt, lang: "en")
#set par(justify: false)
#show heading: set text(size: 13pt)
#show table.cell: set text(size: 9pt)

#align(center)[
  #v(2.5cm)
  #text(size: 18pt, weight: "bold", d.title)
  #v(0.4cm)
  #text(size: 12pt, d.subtitle)
]
#v(1cm)
#for line in d.citation [ #text(size: 10pt, line) \ ]
#v(0.6cm)
#if d.parties.len() > 0 [
  #heading(level: 2, outlined: false)[Who speaks]
  #for p in d.parties [ - #strong(p.name): #p.speakers \ ]
]
#v(0.6cm)
#text(size: 9pt, fill: rgb("#444444"), d.about)

#pagebreak()
= #d.compare_title
#table(
  columns: (auto, auto, 1fr, 1fr),
  inset: 4pt, stroke: 0.4pt + rgb("#999999"),
  table.header(..d.compare_header.map(h => strong(h))),
  ..d.compare_rows.flatten(),
)

#v(0.5cm)
= #d.unresolved_title
#if d.unresolved_rows.len() == 0 [Nothing is left open.] else [
  #table(
    columns: (auto, auto, auto, 1fr),
    inset: 4pt, stroke: 0.4pt + rgb("#999999"),
    table.header(..d.unresolved_header.map(h => strong(h))),
    ..d.unresolved_rows.flatten(),
  )
]

#for issue in d.issues [
  #for part in issue.diagrams [
    #page(flipped: part.landscape)[
      #heading(level: 1, part.heading)
      // at the size it was laid out for: its smallest text 8 pt or more
      #align(center, if part.width == none { image(part.file) } else {
        image(part.file, width: part.width * 1pt) })
    ]
  ]
  #heading(level: 2)[#issue.title: who said what]
  #for p in issue.points [
    #block(breakable: false, above: 0.6em)[
      #strong(p.speaker) #text(fill: rgb("#555555"), size: 9pt, p.kind) \
      #p.text
      #if p.quote != none [ \ #emph(text(size: 9.5pt, "“" + p.quote + "”")) ]
    ]
  ]
]
"""


def _data(amap: ArgumentMap, paper: str, issues: list[dict[str, Any]]) -> dict[str, Any]:
    source = amap.source
    citation = [x for x in (
        source.title if source else None, source.series if source else None,
        source.citation if source else None, source.url if source else None) if x]
    index = amap._index
    parties = []
    for party in amap.parties:
        speakers = sorted({_name(amap, p.by) for p in amap.points if index.party_of[p.id] == party.id})
        if speakers:
            parties.append({"name": party.label, "speakers": ", ".join(speakers)})
    compare_header: list[str] = []
    compare_rows: list[list[str]] = []
    compare_title = "Positions, issue by issue"
    spoken = [p.id for p in amap.parties if any(index.party_of[q.id] == p.id for q in amap.points)]
    if len(spoken) >= 2:
        a, b = spoken[:2]
        comparison = amap.compare(a, b)
        compare_title = f"{amap.party(a).label} and {amap.party(b).label}, issue by issue"
        compare_header = ["Issue", "Status", amap.party(a).label, amap.party(b).label]
        for row in comparison.to_records():
            compare_rows.append([
                row["title"] or "(no issue)", row["status"],
                "\n".join(amap.point(pid).text for pid in row[a]) or "—",
                "\n".join(amap.point(pid).text for pid in row[b]) or "—"])
    unresolved_rows = []
    for thread in amap.unresolved():
        root = amap.point(thread.root)
        unresolved_rows.append([
            amap.issue(thread.issue).label if thread.issue else "(no issue)", thread.status,
            ", ".join(amap.party(x).label for x in thread.last_word) or "—",
            f"{_name(amap, root.by)}: {root.text} ({len(thread.points)} points)"])
    return {
        "title": amap.title, "paper": {"a4": "a4", "letter": "us-letter"}[paper],
        "subtitle": " · ".join(x for x in (amap.date.isoformat() if amap.date else None,
                                          source.title if source else None) if x),
        "citation": citation, "parties": parties,
        "about": ("Made with argmap from the coded map " + amap.id + ". Each point is the coder's "
                  "paraphrase; the source's own words are quoted in italics."),
        "compare_title": compare_title, "compare_header": compare_header,
        "compare_rows": compare_rows,
        "unresolved_title": f"Still open: {amap.unresolved().caption}",
        "unresolved_header": ["Issue", "Status", "Last word", "Where it starts"],
        "unresolved_rows": unresolved_rows, "issues": issues,
    }


def _diagrams(amap: ArgumentMap, issue: str, paper: str, theme: str) -> list[tuple[Fit, bool]]:
    """Return the issue's diagrams, each with whether its page is turned to landscape.

    The whole issue on one page, upright or turned, if its text is readable there
    (full texts first, an overview after); else the issue in as few parts as are
    each readable, upright or turned, whichever needs fewer pages, with the key on
    each part unless leaving it out saves pages (when it takes more than two).
    """
    options: dict[str, Any] = {"theme": theme, "label": "text", "title": False}  # the page heads it
    upright, across = (attrs.evolve(SIZES[name], height=SIZES[name].height - _HEADING)
                       for name in (paper, f"{paper}-landscape"))
    whole = [(fitted(amap, size, issue=issue, **options), size is across) for size in (upright, across)]
    for overview in (False, True):
        for fit, turned in whole:
            if fit.readable and fit.overview is overview:
                return [(fit, turned)]
    ways: list[list[tuple[Fit, bool]]] = []
    # in parts, each with the key; where that takes more than two pages, also without it
    # (the key is the same on every diagram of the handout): seven objections to one claim
    # (1962-11-05) took ten pages with a key on each, six without
    for legend in (True, False):
        if ways and min(map(len, ways)) <= 2:
            break
        for size in (upright, across):
            parts = _threads(amap, issue, size, "dot", {**options, "legend": legend})
            if parts and all(fit.readable for _, fit in parts):
                ways.append([(fit, size is across) for _, fit in parts])
    if not ways:
        raise RenderError(f"the diagram of issue {issue!r} cannot be drawn with text of 8 pt on "
                          f"{paper} paper, even in parts; draw it at --size poster instead")
    return min(ways, key=len)


def handout(amap: ArgumentMap, path: str | Path, *, paper: str = "a4", theme: str = "print") -> Path:
    """Write a printed handout of *amap* to *path* (a PDF) and return the path.

    Parameters
    ----------
    amap : ArgumentMap
    path : path
        The PDF to write; replaced whole, never left half-written.
    paper : {"a4", "letter"}
    theme : {"print", "color", "colorblind"}
        ``print`` (the default) is greyscale, for black-and-white printers.

    Raises
    ------
    MissingDependencyError
        Without the ``typst`` package (``pip install 'argmap[handout]'``).
    RenderError
        If an issue cannot be drawn readably on the paper even in parts.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from argmap.render.handout import handout
    >>> amap = argmap.datasets.load("1962-10-31-new-york")
    >>> out = handout(amap, pathlib.Path(tempfile.mkdtemp()) / "handout.pdf")
    >>> out.read_bytes()[:5]
    b'%PDF-'
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}")
    try:
        import typst
    except ImportError:
        raise MissingDependencyError(
            "a handout is typeset with Typst: pip install 'argmap[handout]'") from None
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="argmap-handout-") as folder:
        root = Path(folder)
        issues: list[dict[str, Any]] = []
        for issue in amap.issues:
            points = [p for p in amap.points if amap.issue_of(p) == issue.id]
            if not points:
                continue
            diagrams = []
            drawn = _diagrams(amap, issue.id, paper, theme)
            for n, (fit, landscape) in enumerate(drawn, start=1):
                name = f"issue-{len(issues)}-{n}.pdf"
                dot = fit.dot.copy()
                dot.graph_attr["margin"] = "0"  # Graphviz's PDF pages have half an inch otherwise
                pdf_bytes = pipe(dot, "pdf")
                (root / name).write_bytes(pdf_bytes)
                width = _MEDIA_BOX.search(pdf_bytes)  # placed at its own width: 1 pt per pt
                heading = issue.label + (f" (part {n} of {len(drawn)})" if len(drawn) > 1 else "")
                diagrams.append({"file": name, "landscape": landscape, "heading": heading,
                                 "width": float(width[1]) if width else None})
            issues.append({"title": issue.label, "diagrams": diagrams, "points": [
                {"speaker": _speaker(amap, p),
                 "kind": p.kind.value, "text": p.text, "quote": p.quote} for p in points]})
        (root / "data.json").write_text(json.dumps(_data(amap, paper, issues), ensure_ascii=False),
                                        encoding="utf-8")
        (root / "main.typ").write_text(_TEMPLATE, encoding="utf-8")
        try:
            pdf = typst.compile(str(root / "main.typ"), root=str(root), format="pdf")
        except Exception as exc:  # Typst's own error, said with its message
            raise RenderError(f"Typst could not set the handout: {exc}") from None
    write_atomically(path, bytes(pdf))
    return path
