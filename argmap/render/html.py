"""An interactive page of a map: one self-contained HTML file that needs no network.

The diagram is inline SVG laid out by Graphviz. Clicking a point, or focusing
it with Tab and pressing Enter, shows its speaker, party, issue, kind,
paraphrase, verbatim quote, note and the source citation in a side panel.
Filters by issue and by party hide the other points and their relations; the
unresolved threads are highlighted and listed. Scripts and styles are inline,
and a Content-Security-Policy forbids the page to load anything.
"""

from __future__ import annotations

import bisect
import html
import itertools
import json
import re
from typing import Any, Final

import graphviz

from argmap._source import SourceText, covered, line_spans
from argmap.model import ArgumentMap
from argmap.render.dot import to_graphviz
from argmap.render.output import pipe
from argmap.render.themes import Theme, get_theme

__all__ = ["to_html"]

_CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)
_SVG_START: Final = re.compile(r"<svg\b", re.S)


def _json_for_script(data: Any) -> str:
    """Return JSON that cannot end the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page_data(amap: ArgumentMap) -> dict[str, Any]:
    from argmap.query import unresolved

    index = amap._index
    source = amap.source
    citation = ""
    if source is not None:
        citation = "; ".join(x for x in (
            source.title, source.date.isoformat() if source.date else None, source.series,
            source.citation) if x)
    points = {}
    for p in amap.points:
        actor = index.actors.get(p.by)
        issue_id = index.issues_of[p.id]
        points[p.id] = {
            "speaker": actor.label if actor else amap.party(p.by).label,
            "party": amap.party(index.party_of[p.id]).label,
            "partyId": index.party_of[p.id],
            "onBehalfOf": amap.party(p.on_behalf_of).label if p.on_behalf_of else None,
            "issue": amap.issue(issue_id).label if issue_id else None,
            "issueId": issue_id,
            "kind": p.kind.value,
            "text": p.text,
            "quote": p.quote,
            "note": p.note,
        }
    threads = [
        {"root": t.root, "status": t.status, "issue": t.issue, "points": list(t.points),
         "lastWord": [amap.party(x).label for x in t.last_word]}
        for t in unresolved(amap)
    ]
    return {"points": points, "citation": citation, "unresolved": threads}


def to_html(amap: ArgumentMap, *, engine: str = "dot", **options: Any) -> str:
    r"""Return a self-contained, interactive HTML page of *amap*.

    Parameters
    ----------
    amap : ArgumentMap
    engine : str
        The Graphviz layout program.
    **options
        Passed to :func:`argmap.render.to_graphviz`; ``highlight`` defaults to
        ``"unresolved"`` (the page always highlights the unresolved threads).

    Returns
    -------
    str
        The page. It loads nothing from the network.

    Raises
    ------
    graphviz.ExecutableNotFound
        If Graphviz is not installed.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> page = argmap.render.to_html(amap)
    >>> page.startswith("<!DOCTYPE html>") and 'http-equiv="Content-Security-Policy"' in page
    True
    """
    options = page_options(options)
    return page(amap, to_graphviz(amap, **options), engine, options.get("theme", "color"))


def page_options(options: dict[str, Any]) -> dict[str, Any]:
    """Return diagram *options* for a page: the unresolved threads are always highlighted."""
    if options.get("highlight") is None:  # the page is about what is still open
        return {**options, "highlight": "unresolved"}
    return options


def page(amap: ArgumentMap, dot: graphviz.Digraph, engine: str = "dot", theme: str | Theme = "color") -> str:
    """Return the page of *amap* around the diagram *dot* (see :func:`to_html`)."""
    svg = pipe(dot, "svg", engine).decode("utf-8")
    svg = svg[_SVG_START.search(svg).start():] if _SVG_START.search(svg) else svg  # type: ignore[union-attr]
    data = _page_data(amap)
    e = html.escape
    issues = "".join(f'<option value="{e(i.id)}">{e(i.label)}</option>' for i in amap.issues)
    parties = "".join(f'<option value="{e(p.id)}">{e(p.label)}</option>' for p in amap.parties)
    subtitle = " · ".join(x for x in (
        amap.date.isoformat() if amap.date else None,
        amap.source.title if amap.source else None) if x)
    source, source_style = source_view(amap, get_theme(theme))
    toggle = ('<label><input type="checkbox" id="_show-source" checked> source text</label>'
              if source else "")
    return _TEMPLATE.format(
        csp=e(_CSP), title=e(amap.title), subtitle=e(subtitle), issues=issues, parties=parties,
        svg=svg, data=_json_for_script(data), script=_SCRIPT, style=_STYLE + source_style,
        source=source, toggle=toggle, has_source=" with-source" if source else "",
    )


def source_view(amap: ArgumentMap, theme: Theme) -> tuple[str, str]:
    """Return the HTML of the source view and its style, or two empty strings without source text.

    The body lines of the source are shown as the file has them. Every quote
    is a highlight in its party's colour (``<mark data-point=...>``; where
    quotes overlap, the innermost one's, and ``data-points`` lists them all,
    innermost first); sentences no point quotes are marked ``class="uncovered"``.
    """
    source = amap.source
    if source is None or source.text is None or source.file is None:
        return "", ""
    text = SourceText.of(amap)
    spans = text.quote_spans(amap)
    sentences = text.sentences()
    quoted = covered([(x.start, x.end) for x in sentences], spans.values())
    sentence_starts = [x.start for x in sentences]
    quotes = sorted((start, end, pid) for pid, (start, end) in spans.items())
    quote_starts = [q[0] for q in quotes]
    longest = max((q[1] - q[0] for q in quotes), default=0)
    bounds = sorted({x for q in quotes for x in q[:2]} | {x for s in sentences for x in (s.start, s.end)})
    index = amap._index
    party_number = {p.id: i for i, p in enumerate(amap.parties)}
    e = html.escape
    raw = text.raw
    out: list[str] = []
    previous = 0
    for number, start, end in line_spans(raw):
        if not source.in_body(number):
            continue
        if previous and number != previous + 1:
            out.append('<span class="gap">[\u2026]</span>\n')
        previous = number
        edges = [start, *bounds[bisect.bisect_right(bounds, start):bisect.bisect_left(bounds, end)], end]
        first = bisect.bisect_left(quote_starts, start - longest)
        on_line = [q for q in quotes[first:bisect.bisect_left(quote_starts, end)] if q[1] > start]
        pieces = []
        for x, y in itertools.pairwise(edges):
            piece = e(raw[x:y])
            active = [q for q in on_line if q[0] <= x and y <= q[1]]
            if active:
                active.sort(key=lambda q: (q[1] - q[0], -q[0]))  # innermost first
                inner = active[0][2]
                party = party_number[index.party_of[inner]]
                ids = " ".join(q[2] for q in active)
                piece = (f'<mark class="q p{party}" data-point="{e(inner)}" data-points="{e(ids)}" '
                         f'tabindex="0" role="button">{piece}</mark>')
            i = bisect.bisect_right(sentence_starts, x) - 1
            if i >= 0 and x < sentences[i].end and not quoted[i] and piece.strip():
                piece = f'<span class="uncovered" title="not quoted by any point">{piece}</span>'
            pieces.append(piece)
        out.append(f'<span class="line" data-line="{number}">{"".join(pieces)}</span>\n')
    quoting = {index.party_of[pid] for pid in spans}  # the key names only the colours in use
    legend = "".join(
        f'<span class="key"><mark class="q p{i}">{e(p.label)}</mark></span>'
        for i, p in enumerate(amap.parties) if p.id in quoting)
    style = "".join(
        f"mark.p{i} {{ background: {theme.party_fill(i)}; "
        f"border-bottom: 2px solid {theme.party_border(i)}; }}\n" for i in range(len(amap.parties)))
    view = (
        f'<section id="_source" aria-label="Source text">'
        f'<p class="source-key">{e(source.file)} \u00b7 quoted by a point: {legend} '
        f'<span class="key"><span class="uncovered">not quoted</span></span></p>'
        f'<div class="source-text">{"".join(out)}</div></section>')
    return view, style


_STYLE: Final = """
:root { --ink: #1a1a1a; --muted: #6b6b6b; --line: #d0d0d0; --focus: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink);
       display: grid; grid-template-columns: 1fr 24rem; grid-template-rows: auto 1fr; height: 100vh; }
header { grid-column: 1 / 3; padding: .6rem 1rem; border-bottom: 1px solid var(--line);
         display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; }
header h1 { font-size: 1.15rem; margin: 0; }
header .sub { color: var(--muted); }
header label:first-of-type { margin-left: auto; }
.views { display: flex; flex-direction: column; min-height: 0; }
main { overflow: auto; padding: .5rem; flex: 1 1 0; min-height: 0; }
.views.with-source main { flex: 3 1 0; }
#_source { flex: 2 1 0; min-height: 0; overflow: auto; border-top: 1px solid var(--line);
          padding: .4rem 1rem 1rem; }
.views.hide-source #_source { display: none; }
.source-key { color: var(--muted); font-size: .85rem; margin: .2rem 0 .5rem; }
.source-key .key { margin-right: .6rem; }
.source-text { white-space: pre-wrap; font: 15px/1.6 "DejaVu Serif", Georgia, serif; max-width: 60rem; }
mark.q { color: inherit; cursor: pointer; padding: 0 1px; }
mark.q.current { outline: 3px solid var(--focus); }
mark.q:focus { outline: 3px solid var(--focus); }
.uncovered { text-decoration: underline wavy #b00020; text-underline-offset: 3px; }
.gap { color: var(--muted); }
main svg { height: auto; }
main.fit svg { width: 100%; }
aside { border-left: 1px solid var(--line); padding: 1rem; overflow: auto; }
aside h2 { font-size: 1rem; margin: 1rem 0 .4rem; }
aside dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: .2rem .8rem; }
aside dt { color: var(--muted); }
aside dd { margin: 0; }
blockquote { margin: .5rem 0; padding: .3rem .8rem; border-left: 4px solid var(--line); font-style: italic; }
.hint { color: var(--muted); }
.cite { color: var(--muted); font-size: .85rem; }
g.point { cursor: pointer; }
g.point:focus { outline: none; }
g.point:focus polygon, g.point:focus path, g.point.selected polygon, g.point.selected path {
  stroke: var(--focus); stroke-width: 4px; }
.filtered { display: none; }
ol.threads { padding-left: 1.2rem; }
ol.threads button { font: inherit; text-align: left; background: none; border: 0; padding: 0;
  color: var(--focus); text-decoration: underline; cursor: pointer; }
"""

_SCRIPT: Final = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("_argmap-data").textContent);
  var panel = document.getElementById("_details");
  var issueFilter = document.getElementById("_issue-filter");
  var partyFilter = document.getElementById("_party-filter");
  var nodes = Array.prototype.slice.call(document.querySelectorAll("g.point"));
  var edges = Array.prototype.slice.call(document.querySelectorAll("g.relation"));

  function el(tag, text) { var x = document.createElement(tag); x.textContent = text; return x; }

  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.q[data-point]"));

  function showQuote(id) {
    var first = null;
    marks.forEach(function (m) {
      var here = m.getAttribute("data-points").split(" ").indexOf(id) >= 0;
      m.classList.toggle("current", here);
      if (here && !first) { first = m; }
    });
    if (first && first.scrollIntoView) { first.scrollIntoView({block: "center", inline: "nearest"}); }
  }

  var selected = null;

  function show(id) {
    var p = data.points[id];
    if (!p) { return; }
    selected = id;
    nodes.forEach(function (n) { n.classList.toggle("selected", n.id === id); });
    showQuote(id);
    panel.replaceChildren();
    panel.appendChild(el("h2", p.speaker + " \\u00b7 " + p.kind));
    var dl = document.createElement("dl");
    [["Speaker", p.speaker], ["Party", p.party + (p.onBehalfOf ? " (for " + p.onBehalfOf + ")" : "")],
     ["Issue", p.issue || "(none)"], ["Kind", p.kind], ["Point", id]].forEach(function (row) {
      dl.appendChild(el("dt", row[0])); dl.appendChild(el("dd", row[1]));
    });
    panel.appendChild(dl);
    panel.appendChild(el("p", p.text));
    if (p.quote) { var q = el("blockquote", p.quote); q.className = "quote"; panel.appendChild(q); }
    if (p.note) { var n = el("p", "Note: " + p.note); n.className = "hint"; panel.appendChild(n); }
    if (data.citation) {
      var c = el("p", "Source: " + data.citation); c.className = "cite"; panel.appendChild(c);
    }
  }

  function applyFilters() {
    var issue = issueFilter.value, party = partyFilter.value, visible = {};
    nodes.forEach(function (n) {
      var p = data.points[n.id];
      var keep = (!issue || p.issueId === issue) && (!party || p.partyId === party);
      n.classList.toggle("filtered", !keep);
      n.setAttribute("aria-hidden", keep ? "false" : "true");
      if (keep) { visible[n.id] = true; }
    });
    edges.forEach(function (e) {
      var from = null, to = null;
      e.classList.forEach(function (c) {
        if (c.indexOf("from-") === 0) { from = c.slice(5); }
        if (c.indexOf("to-") === 0) { to = c.slice(3); }
      });
      e.classList.toggle("filtered", !(visible[from] && visible[to]));
    });
    var first = nodes.filter(function (n) { return visible[n.id]; })[0];
    if (first && first.scrollIntoView) { first.scrollIntoView({block: "center", inline: "center"}); }
  }

  nodes.forEach(function (n) {
    var p = data.points[n.id];
    if (!p) { return; }
    n.setAttribute("tabindex", "0");
    n.setAttribute("role", "button");
    n.setAttribute("aria-label", p.speaker + ", " + p.kind + ": " + p.text);
    n.addEventListener("click", function (ev) { ev.preventDefault(); show(n.id); });
    n.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(n.id); }
    });
    n.addEventListener("focus", function () { show(n.id); });
  });
  // tooltips from Graphviz are links; keep them from navigating anywhere
  Array.prototype.forEach.call(document.querySelectorAll("svg a"), function (a) {
    a.removeAttribute("href"); a.removeAttribute("xlink:href");
  });
  marks.forEach(function (m) {
    function pick(ev) {
      // the innermost quote's point; clicked again, the next quote that holds these words
      ev.preventDefault();
      var ids = m.getAttribute("data-points").split(" "), at = ids.indexOf(selected);
      var id = at >= 0 ? ids[(at + 1) % ids.length] : m.getAttribute("data-point");
      var n = document.getElementById(id);
      show(id);
      if (n) {
        n.classList.remove("filtered");
        if (n.scrollIntoView) { n.scrollIntoView({block: "center", inline: "center"}); }
      }
    }
    m.addEventListener("click", pick);
    m.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { pick(ev); } });
  });
  var sourceToggle = document.getElementById("_show-source");
  if (sourceToggle) {
    sourceToggle.addEventListener("change", function (ev) {
      document.getElementById("_views").classList.toggle("hide-source", !ev.target.checked);
    });
  }
  document.getElementById("_fit").addEventListener("change", function (ev) {
    document.getElementById("_diagram").classList.toggle("fit", ev.target.checked);
  });
  issueFilter.addEventListener("change", applyFilters);
  partyFilter.addEventListener("change", applyFilters);

  var list = document.getElementById("_threads");
  data.unresolved.forEach(function (t) {
    var li = document.createElement("li");
    var b = el("button", t.root);
    b.addEventListener("click", function () {
      var n = document.getElementById(t.root); if (n) { n.focus(); } show(t.root);
    });
    li.appendChild(b);
    li.appendChild(document.createTextNode(" \\u2014 " + t.status + (t.issue ? ", " + t.issue : "") +
      "; last word: " + t.lastWord.join(", ")));
    list.appendChild(li);
  });
})();
"""

_TEMPLATE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
  <h1>{title}</h1>
  <span class="sub">{subtitle}</span>
  <label>Issue <select id="_issue-filter"><option value="">all issues</option>{issues}</select></label>
  <label>Party <select id="_party-filter"><option value="">all parties</option>{parties}</select></label>
  <label><input type="checkbox" id="_fit" checked> fit to width</label>
  {toggle}
</header>
<div id="_views" class="views{has_source}">
<main id="_diagram" class="fit">
{svg}
</main>
{source}
</div>
<aside>
  <section id="_details" aria-live="polite">
    <p class="hint">Click a point, or move to it with Tab and press Enter, to read who said it,
    the paraphrase and the telegram's own words. Click a highlight in the source text to find
    its point.</p>
  </section>
  <h2>Unresolved</h2>
  <ol id="_threads" class="threads"></ol>
</aside>
<script type="application/json" id="_argmap-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
