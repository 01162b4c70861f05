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
import concurrent.futures
import html
import itertools
import json
import os
import re
from typing import Any, Final

import graphviz

from argmap._source import SourceText, covered, line_spans
from argmap.errors import RenderError
from argmap.model import ArgumentMap
from argmap.render.choices import Size
from argmap.render.dot import _as_tuple, to_graphviz
from argmap.render.output import pipe
from argmap.render.themes import Theme, get_theme

__all__ = ["to_html"]

_CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)
_SVG_START: Final = re.compile(r"<svg\b", re.S)
#: The diagram's pane on a laptop's 1366 x 768 screen, less the header and the side panel,
#: in pixels, and the least height of its body text there: each issue's own diagram on the
#: page is laid out to be read whole in it.
PANE: Final = Size("laptop pane", 1040, 640, "px", 11.5)


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
            "onBehalfOfId": p.on_behalf_of,
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
    return page(amap, to_graphviz(amap, **options), engine, options)


def page_options(options: dict[str, Any]) -> dict[str, Any]:
    """Return diagram *options* for a page: the unresolved threads are always highlighted."""
    if options.get("highlight") is None:  # the page is about what is still open
        return {**options, "highlight": "unresolved"}
    return options


def page(amap: ArgumentMap, dot: graphviz.Digraph, engine: str = "dot",
         options: dict[str, Any] | None = None) -> str:
    """Return the page of *amap* around the diagram *dot* drawn with *options* (see :func:`to_html`)."""
    options = options or {}
    theme = options.get("theme", "color")
    svg = _svg_element(pipe(dot, "svg", engine))
    views = "".join(f'<template data-issue="{html.escape(issue)}">{view}</template>'
                    for issue, view in issue_views(amap, engine, options).items())
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
        svg=svg, views=views, data=_json_for_script(data), script=_SCRIPT, style=_STYLE + source_style,
        source=source, toggle=toggle, has_source=" with-source" if source else "",
    )


def _svg_element(drawn: bytes) -> str:
    """Return Graphviz's SVG output from its ``<svg>`` element on (no XML prologue)."""
    svg = drawn.decode("utf-8")
    start = _SVG_START.search(svg)
    return svg[start.start():] if start else svg


def issue_views(amap: ArgumentMap, engine: str = "dot",
                options: dict[str, Any] | None = None) -> dict[str, str]:
    """Return, by issue id, the SVG the page shows when that issue is chosen.

    Each issue is laid out on its own (with the points of other issues it relates
    to, as context), in the first layout whose text is readable whole in the
    diagram's pane on a laptop (:data:`PANE`): full texts down the page with the
    key, then the layouts :func:`argmap.render.fit.fitted` tries, without the key
    (the whole map has it); else the layout whose text is largest. Issues the
    diagram (*options*' filters) leaves without points have none. The issues are
    laid out side by side, as many at once as there are processors.
    """
    options = {**(options or {}), "title": False}
    wanted = _as_tuple(options.pop("issue", None))
    drawn = {amap.issue_of(p) for p in amap.points} - {None}
    issues = [i.id for i in amap.issues if i.id in drawn and (not wanted or i.id in wanted)]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:  # Graphviz runs
        views = dict(zip(issues, pool.map(lambda i: _issue_view(amap, i, engine, options), issues),
                         strict=True))
    return {issue: svg for issue, (svg, _) in views.items() if svg}


def _issue_view(amap: ArgumentMap, issue: str, engine: str,
                options: dict[str, Any]) -> tuple[str, graphviz.Digraph | None]:
    """Return the SVG of *issue* for the page and the diagram it draws ("" and None for none).

    See :func:`issue_views`.
    """
    from argmap.render.fit import _SVG_SIZE, candidates

    asked = {**options, "issue": issue}
    tries = itertools.chain(
        itertools.islice(candidates(amap, PANE, engine, {"legend": True, **asked}), 1),
        candidates(amap, PANE, engine, {**asked, "legend": False}))
    best: tuple[float, str, graphviz.Digraph | None] = (-1.0, "", None)
    while True:
        try:
            _, _, dot = next(tries)
        except StopIteration:
            break
        except RenderError:  # the filters (party, only what is open) leave the issue nothing
            return "", None
        svg = _svg_element(pipe(dot, "svg", engine))
        size = _SVG_SIZE.search(svg)
        height = (PANE.font * min(PANE.width / float(size[1]), PANE.height / float(size[2]))
                  if size else 0.0)
        if height > best[0]:
            best = (height, svg, dot)
        if height >= PANE.smallest:
            break
    return best[1], best[2]


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
       display: grid; grid-template-columns: 1fr clamp(17rem, 22vw, 24rem);
       grid-template-rows: auto 1fr; height: 100vh; }
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
main { position: relative; padding: 0; overflow: hidden; }
main:focus { outline: 2px solid var(--focus); outline-offset: -2px; }
main svg { width: 100%; height: 100%; display: block; touch-action: none; cursor: grab; }
main.panning svg { cursor: grabbing; }
.zoom { position: absolute; right: .5rem; top: .5rem; display: flex; gap: .25rem; }
.zoom button { font: inherit; min-width: 2.2rem; padding: .15rem .5rem; background: #fff;
  border: 1px solid var(--line); border-radius: 4px; cursor: pointer; }
.zoom button:focus { outline: 2px solid var(--focus); }
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

#: Panning and zooming the diagram by its SVG viewBox: drag (mouse, pen or one finger), pinch
#: (two fingers), the wheel, the keyboard (arrows, + and -, 0) and three buttons. About a
#: hundred lines: less than inlining svg-pan-zoom (with its licence) would be, and it zooms to
#: a set of points, which that library leaves to the page.
_PAN_ZOOM: Final = """
function panZoom(main) {
  "use strict";
  // the diagram's body text, in its units; pixels to zoom it to; the least a whole view may show
  var FONT = 13, READABLE = 14, MIN = 11, MAX = 22;
  var svg = null, home = null, vb = null, homes = new WeakMap();
  function use(next) {  // show the diagram *next* (an <svg>) in place of the one shown, whole
    if (next !== svg) {
      if (svg) { svg.replaceWith(next); }
      svg = next;
      if (!homes.has(svg)) {  // the whole of it, as Graphviz drew it
        var whole = svg.viewBox.baseVal;
        homes.set(svg, {x: whole.x, y: whole.y, w: whole.width, h: whole.height});
        svg.removeAttribute("width"); svg.removeAttribute("height");
        svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
      }
      home = homes.get(svg);
    }
    vb = {x: home.x, y: home.y, w: home.w, h: home.h};
    apply();
  }
  use(main.querySelector("svg"));
  function apply() { svg.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].join(" ")); }
  function scale() {  // screen pixels per diagram unit
    var r = svg.getBoundingClientRect();
    return Math.min(r.width / vb.w, r.height / vb.h) || 1;
  }
  function toDiagram(cx, cy) {
    var p = svg.createSVGPoint(); p.x = cx; p.y = cy;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(factor, cx, cy) {
    var r = svg.getBoundingClientRect();
    if (cx === undefined) { cx = r.left + r.width / 2; cy = r.top + r.height / 2; }
    var at = toDiagram(cx, cy);
    var w = Math.min(Math.max(vb.w / factor, home.w / 50), home.w * 4);
    var f = w / vb.w;
    vb = {x: at.x - (at.x - vb.x) * f, y: at.y - (at.y - vb.y) * f, w: w, h: vb.h * f};
    apply();
  }
  function pan(dx, dy) { var s = scale(); vb.x -= dx / s; vb.y -= dy / s; apply(); }
  function box(elements) {  // the box around elements, in diagram units, from their screen boxes
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    elements.forEach(function (e) {
      if (!e || e.classList.contains("filtered")) { return; }
      var r = e.getBoundingClientRect(), a = toDiagram(r.left, r.top), b = toDiagram(r.right, r.bottom);
      x0 = Math.min(x0, a.x, b.x); y0 = Math.min(y0, a.y, b.y);
      x1 = Math.max(x1, a.x, b.x); y1 = Math.max(y1, a.y, b.y);
    });
    return x0 < x1 ? {x: x0, y: y0, w: x1 - x0, h: y1 - y0} : null;
  }
  function show(elements, close) {
    if (!close && readableAt(elements) < MIN) {  // too spread to read whole: its first points
      var first = elements.filter(function (e) { return e && !e.classList.contains("filtered"); });
      var b0 = box(first.slice(0, 1));
      if (b0) { return near(b0, first); }
    }
    return fit(elements, close);
  }
  function readableAt(elements) {
    var b = box(elements), r = svg.getBoundingClientRect();
    return b ? FONT * Math.min(r.width / (b.w * 1.1 + 16), r.height / (b.h * 1.1 + 16)) : Infinity;
  }
  function near(b0, elements) {
    // text READABLE pixels high, from the left edge of the points (moved right just enough
    // to show the first point whole, when it lies further right) and the first point's top
    var r = svg.getBoundingClientRect(), w = r.width * FONT / READABLE, h = w * r.height / r.width;
    var all = box(elements);
    var x = all.x - 8;
    if (b0.x + b0.w + 8 > x + w) { x = Math.min(b0.x - 8, b0.x + b0.w + 8 - w); }  // the first point in view
    var y = Math.max(all.y - 8, Math.min(b0.y - 8, all.y + all.h + 8 - h));
    vb = {x: x, y: y, w: w, h: h};
    apply();
  }
  function fit(elements, close) {
    // the elements whole, with a margin; with close, one point is brought near enough to read,
    // and never further out than the view already is
    var b = box(elements);
    if (!b) { return; }
    var r = svg.getBoundingClientRect(), pad = Math.max(b.w, b.h) * 0.04 + 8;
    var w = b.w + 2 * pad, h = b.h + 2 * pad, aspect = r.height / r.width;
    if (h / w > aspect) { w = h / aspect; } else { h = w * aspect; }
    if (w < r.width * FONT / MAX) { w = r.width * FONT / MAX; h = w * aspect; }  // not huge
    if (close) {
      var near = r.width * FONT / READABLE;  // the width at which the text is READABLE pixels
      if (w < near) { w = Math.min(near, vb.w); h = w * aspect; }
      if (w > vb.w && scale() * FONT >= READABLE) { w = vb.w; h = vb.h; }
    }
    vb = {x: b.x + b.w / 2 - w / 2, y: b.y + b.h / 2 - h / 2, w: w, h: h};
    apply();
  }
  // pointers: one drags, two pinch
  var pointers = {}, moved = 0, last = null;
  main.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest && ev.target.closest(".zoom")) { return; }
    pointers[ev.pointerId] = {x: ev.clientX, y: ev.clientY};
    moved = 0; last = null; main.classList.add("panning");
  });
  main.addEventListener("pointermove", function (ev) {
    var p = pointers[ev.pointerId];
    if (!p) { return; }
    var ids = Object.keys(pointers);
    if (ids.length === 1) {
      moved += Math.abs(ev.clientX - p.x) + Math.abs(ev.clientY - p.y);
      if (moved > 4) { pan(ev.clientX - p.x, ev.clientY - p.y); }
    } else if (ids.length === 2) {
      var q = pointers[String(ids[0]) === String(ev.pointerId) ? ids[1] : ids[0]];
      var d = Math.hypot(ev.clientX - q.x, ev.clientY - q.y);
      if (last) { zoom(d / last, (ev.clientX + q.x) / 2, (ev.clientY + q.y) / 2); }
      last = d; moved = 99;
    }
    p.x = ev.clientX; p.y = ev.clientY;
  });
  function up(ev) {
    delete pointers[ev.pointerId]; last = null;
    if (!Object.keys(pointers).length) { main.classList.remove("panning"); }
  }
  main.addEventListener("pointerup", up);
  main.addEventListener("pointercancel", up);
  main.addEventListener("pointerleave", up);
  main.addEventListener("wheel", function (ev) {
    ev.preventDefault(); zoom(Math.pow(1.0015, -ev.deltaY), ev.clientX, ev.clientY);
  }, {passive: false});
  main.addEventListener("keydown", function (ev) {
    if (ev.target !== main) { return; }
    var step = 60, keys = {"+": function () { zoom(1.25); }, "=": function () { zoom(1.25); },
      "-": function () { zoom(0.8); }, "0": function () { api.whole(); },
      "ArrowLeft": function () { pan(step, 0); }, "ArrowRight": function () { pan(-step, 0); },
      "ArrowUp": function () { pan(0, step); }, "ArrowDown": function () { pan(0, -step); }};
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });
  document.getElementById("_zoom-in").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("_zoom-out").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("_zoom-fit").addEventListener("click", function () { api.whole(); });
  var api = {
    show: show,
    use: use,
    whole: function () { use(svg); },
    shown: function () { return svg; },
    dragged: function () { return moved > 4; }
  };
  return api;
}
"""

_SCRIPT: Final = _PAN_ZOOM + """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("_argmap-data").textContent);
  var panel = document.getElementById("_details");
  var issueFilter = document.getElementById("_issue-filter");
  var partyFilter = document.getElementById("_party-filter");
  var main = document.getElementById("_diagram");

  function el(tag, text) { var x = document.createElement(tag); x.textContent = text; return x; }
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  // the diagrams: the whole map, shown first, and each issue laid out on its own to be read
  // whole when it is chosen (kept in <template>s until then, so that ids stay unique)
  var whole = main.querySelector("svg"), views = {};
  all("template[data-issue]").forEach(function (t) {
    views[t.getAttribute("data-issue")] = t.content.querySelector("svg");
  });
  function prepare(svg) {  // points as buttons; Graphviz's tooltip links go nowhere
    all("g.point", svg).forEach(function (n) {
      var p = data.points[n.id];
      if (!p) { return; }
      n.setAttribute("tabindex", "0");
      n.setAttribute("role", "button");
      n.setAttribute("aria-label", p.speaker + ", " + p.kind + ": " + p.text);
    });
    all("a", svg).forEach(function (a) { a.removeAttribute("href"); a.removeAttribute("xlink:href"); });
  }
  prepare(whole);
  Object.keys(views).forEach(function (k) { prepare(views[k]); });
  var view = panZoom(main);
  function nodes() { return all("g.point", view.shown()); }
  function pointOf(ev) {
    var n = ev.target.closest ? ev.target.closest("g.point") : null;
    return n && data.points[n.id] ? n : null;
  }

  var marks = all("mark.q[data-point]");

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
    nodes().forEach(function (n) { n.classList.toggle("selected", n.id === id); });
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
    // an issue chosen: its own diagram, with the points of other issues it answers or is
    // answered by (dashed, as context); no issue, or one without a diagram: the whole map
    var issue = issueFilter.value, party = partyFilter.value, visible = {};
    var svg = views[issue] || whole;
    view.use(svg);
    nodes().forEach(function (n) {
      var p = data.points[n.id];
      var keep = (!issue || svg !== whole || p.issueId === issue) &&
        (!party || p.partyId === party || p.onBehalfOfId === party);
      n.classList.toggle("filtered", !keep);
      n.setAttribute("aria-hidden", keep ? "false" : "true");
      n.classList.toggle("selected", n.id === selected);
      if (keep) { visible[n.id] = true; }
    });
    all("g.relation", svg).forEach(function (e) {
      var from = null, to = null;
      e.classList.forEach(function (c) {
        if (c.indexOf("from-") === 0) { from = c.slice(5); }
        if (c.indexOf("to-") === 0) { to = c.slice(3); }
      });
      e.classList.toggle("filtered", !(visible[from] && visible[to]));
    });
    // the threads with a point the filters keep, context points aside
    listThreads(function (id) { return visible[id] && (!issue || data.points[id].issueId === issue); });
    if (party || (issue && svg === whole)) {
      view.show(nodes().filter(function (n) { return visible[n.id]; }));
    }
  }

  // the unresolved threads, those the filters leave a point of
  var list = document.getElementById("_threads");
  function listThreads(kept) {
    list.replaceChildren();
    data.unresolved.forEach(function (t) {
      if (!t.points.some(kept)) { return; }
      var li = document.createElement("li");
      var b = el("button", t.root);
      b.addEventListener("click", function () {
        view.show(t.points.map(function (id) { return document.getElementById(id); }));
        show(t.root); remember();
      });
      li.appendChild(b);
      li.appendChild(document.createTextNode(" \\u2014 " + t.status + (t.issue ? ", " + t.issue : "") +
        "; last word: " + t.lastWord.join(", ")));
      list.appendChild(li);
    });
  }

  // the selection in the address (#issue=...&party=...&point=...), to share a link to it
  function remember() {
    var parts = [];
    if (issueFilter.value) { parts.push("issue=" + encodeURIComponent(issueFilter.value)); }
    if (partyFilter.value) { parts.push("party=" + encodeURIComponent(partyFilter.value)); }
    if (selected) { parts.push("point=" + encodeURIComponent(selected)); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash && window.history && history.replaceState) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }
  function recall() {
    var wanted = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var at = kv.indexOf("=");
      if (at > 0) { wanted[kv.slice(0, at)] = decodeURIComponent(kv.slice(at + 1)); }
    });
    function pick(select, value) {
      var ok = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = ok ? value : "";
    }
    pick(issueFilter, wanted.issue || "");
    pick(partyFilter, wanted.party || "");
    applyFilters();
    if (wanted.point && data.points[wanted.point]) {
      show(wanted.point); view.show([document.getElementById(wanted.point)], true);
    }
  }

  // the points, in whichever diagram is shown
  main.addEventListener("click", function (ev) {
    var n = pointOf(ev);
    if (!n) { return; }
    ev.preventDefault();
    if (view.dragged()) { return; }
    show(n.id); view.show([n], true); remember();
  });
  main.addEventListener("keydown", function (ev) {
    var n = pointOf(ev);
    if (n && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(n.id); }
  });
  main.addEventListener("focusin", function (ev) {
    var n = pointOf(ev);
    if (n) { show(n.id); }
  });
  marks.forEach(function (m) {
    function pick(ev) {
      // the innermost quote's point; clicked again, the next quote that holds these words
      ev.preventDefault();
      var ids = m.getAttribute("data-points").split(" "), at = ids.indexOf(selected);
      var id = at >= 0 ? ids[(at + 1) % ids.length] : m.getAttribute("data-point");
      var n = document.getElementById(id);
      if (!n && data.points[id]) {  // in another issue's diagram: show that issue
        issueFilter.value = views[data.points[id].issueId] ? data.points[id].issueId : "";
        applyFilters();
        n = document.getElementById(id);
      }
      show(id);
      if (n) {
        n.classList.remove("filtered");
        view.show([n], true);
      }
      remember();
    }
    m.addEventListener("click", pick);
    m.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { pick(ev); } });
  });
  var sourceToggle = document.getElementById("_show-source");
  if (sourceToggle) {
    var showSource = function (on) {
      sourceToggle.checked = on;
      document.getElementById("_views").classList.toggle("hide-source", !on);
    };
    // on a laptop's screen the diagram needs the height: the source text starts closed there
    if (window.innerHeight < 900) { showSource(false); }
    sourceToggle.addEventListener("change", function (ev) { showSource(ev.target.checked); });
  }
  issueFilter.addEventListener("change", function () { applyFilters(); remember(); });
  partyFilter.addEventListener("change", function () { applyFilters(); remember(); });
  window.addEventListener("hashchange", recall);
  recall();
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
  {toggle}
</header>
<div id="_views" class="views{has_source}">
<main id="_diagram" tabindex="0" aria-label="The diagram: drag or use the arrow keys to move,
 the wheel, + and - to zoom, 0 to see it whole">
<div class="zoom" role="group" aria-label="Zoom">
  <button type="button" id="_zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button type="button" id="_zoom-out" title="Zoom out (-)" aria-label="Zoom out">&minus;</button>
  <button type="button" id="_zoom-fit" title="See it whole (0)">whole</button>
</div>
{svg}
</main>
{views}
{source}
</div>
<aside>
  <section id="_details" aria-live="polite">
    <p class="hint">Choose an issue above to see its exchange on its own, large enough to read.
    Click a point, or move to it with Tab and press Enter, to read who said it,
    the paraphrase and the source's own words. Click a highlight in the source text to find
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
