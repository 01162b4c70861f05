"""Diagrams laid out by Graphviz: real files, checked by parsing them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import graphviz
import pytest

import argmap
from argmap.render import THEMES, render, to_graphviz
from argmap.render.output import ENGINES
from tests.render.test_dot import AWKWARD
from tests.util import make_map

pytestmark = pytest.mark.needs_dot
SVG = "{http://www.w3.org/2000/svg}"


def svg_ids(path: Path) -> set[str]:
    root = ET.parse(path).getroot()
    return {el.get("id", "") for el in root.iter()}


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_svg_is_valid_and_holds_every_point(
    nov29: argmap.ArgumentMap, tmp_path: Path, theme: str,
) -> None:
    out = nov29.render(tmp_path / "map.svg", theme=theme)
    ids = svg_ids(out)
    assert {p.id for p in nov29.points} <= ids
    assert {"_cluster-us", "_cluster-ussr", "_legend"} <= ids


@pytest.mark.parametrize("option", [{"issue": i} for i in
                                    ("settlement-form", "invasion", "inspection", "castro-points")]
                         + [{"party": "us"}, {"party": "ussr"}, {"highlight": "unresolved"},
                            {"label": "both"}, {"direction": "LR"}])
def test_every_filter_and_option_renders(
    nov29: argmap.ArgumentMap, tmp_path: Path, option: dict[str, str],
) -> None:
    out = nov29.render(tmp_path / "map.svg", **option)
    ids = svg_ids(out)
    dot = to_graphviz(nov29, **option)
    drawn = {line.split()[0].strip('"') for line in dot.body if "label=<<TABLE" in line}
    assert drawn
    assert drawn <= ids


def test_png_and_pdf(nov29: argmap.ArgumentMap, tmp_path: Path) -> None:
    png = nov29.render(tmp_path / "map.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 50_000
    pdf = nov29.render(tmp_path / "map.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    dot = nov29.render(tmp_path / "map.dot")
    assert dot.read_text() == to_graphviz(nov29).source


@pytest.mark.parametrize(("text", "escaped"), AWKWARD)
def test_awkward_labels_come_out_literally_in_svg(tmp_path: Path, text: str, escaped: str) -> None:
    m = make_map([{"id": "c", "kind": "claim", "by": "a", "text": text}])
    out = render(m, tmp_path / "map.svg", wrap=200)
    root = ET.parse(out).getroot()
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    assert " ".join(expected.split()) in " ".join(texts.split())
    assert root.find(f".//{SVG}script") is None


def test_missing_graphviz_raises_executable_not_found(
    nov29: argmap.ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(graphviz.ExecutableNotFound):
        nov29.render(tmp_path / "map.svg")
    assert not (tmp_path / "map.svg").exists()


def test_unknown_output_format(nov29: argmap.ArgumentMap, tmp_path: Path) -> None:
    with pytest.raises(argmap.UnsupportedFormatError, match="use one of svg, png, pdf, dot"):
        nov29.render(tmp_path / "map.gif")
    with pytest.raises(ValueError, match="argmap does not lay out with 'nope'; use one of dot, neato"):
        nov29.render(tmp_path / "map.svg", engine="nope")
    with pytest.raises(ValueError, match=r"'fdp' \(it overlaps the boxes inside the party columns\)"):
        nov29.render(tmp_path / "map.svg", engine="fdp")


@pytest.mark.needs_dot
@pytest.mark.parametrize("engine", ENGINES)
def test_no_engine_draws_one_box_over_another(nov29: argmap.ArgumentMap, engine: str) -> None:
    import json

    from argmap.render.dot import to_graphviz
    from argmap.render.output import pipe

    layout = json.loads(pipe(to_graphviz(nov29, by_issue=engine == "dot"), "json", engine))
    boxes = []
    for item in layout["objects"]:
        if "pos" in item and not item["name"].startswith("_"):  # the points, not key or headings
            x, y = map(float, item["pos"].split(","))
            w, h = float(item["width"]) * 72 / 2, float(item["height"]) * 72 / 2
            boxes.append((item["name"], x - w, y - h, x + w, y + h))
    assert len(boxes) == len(nov29.points)
    overlapping = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert overlapping == []


def test_notebook_shows_the_map_inline_as_svg(nov29: argmap.ArgumentMap) -> None:
    bundle = nov29._repr_mimebundle_()
    assert list(bundle) == ["image/svg+xml"]
    assert "<svg" in bundle["image/svg+xml"]


def test_large_diagrams_are_refused_with_what_to_do(tmp_path: Path) -> None:
    points = [{"id": f"c{i}", "kind": "claim", "by": "a"} for i in range(30)]
    m = make_map(points)
    with pytest.raises(argmap.RenderError, match=r"would have 30 points; Graphviz takes minutes "
                                                 r"beyond 20\. Draw part of it"):
        m.render(tmp_path / "map.svg", max_points=20)
    assert not (tmp_path / "map.svg").exists()
    m.render(tmp_path / "map.dot", max_points=20)  # DOT text needs no layout: no limit


def test_only_unresolved_collapses_settled_exchanges(nov29: argmap.ArgumentMap) -> None:
    dot = to_graphviz(nov29, only_unresolved=True)
    drawn = {line.split()[0].strip('"') for line in dot.body if "label=<<TABLE BORDER='0'" in line}
    expected = {pid for t in nov29.unresolved() for pid in t.points}
    assert drawn == expected
    assert "ussr-protocol-best" not in drawn


def _crossed(layout: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The (tail, head, box) of every drawn edge whose curve runs through a box it does not join,
    from Graphviz's own coordinates (-Tjson): each Bezier segment sampled at 13 points."""
    boxes = {}
    for item in layout["objects"]:
        if "pos" in item and not item["name"].startswith("_"):
            x, y = map(float, item["pos"].split(","))
            w, h = float(item["width"]) * 36 - 2, float(item["height"]) * 36 - 2  # half, less a border
            boxes[item["_gvid"]] = (item["name"], x - w, y - h, x + w, y + h)
    crossed = []
    for edge in layout.get("edges", []):
        if "invis" in edge.get("style", ""):
            continue
        points = [p for op in edge.get("_draw_", []) if op["op"] == "b" for p in op["points"]]
        samples = []
        for i in range(0, len(points) - 3, 3):
            p0, p1, p2, p3 = points[i:i + 4]
            for k in range(13):
                t = k / 12
                samples.append(tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c
                                     + t ** 3 * d for a, b, c, d in zip(p0, p1, p2, p3, strict=True)))
        assert samples
        for gvid, (name, x0, y0, x1, y1) in boxes.items():
            if gvid not in (edge["tail"], edge["head"]) and any(
                    x0 < x < x1 and y0 < y < y1 for x, y in samples):
                crossed.append((boxes[edge["tail"]][0], boxes[edge["head"]][0], name))
    return crossed


def test_the_crossing_check_sees_an_edge_through_a_box() -> None:
    dot = graphviz.Digraph()
    dot.attr(splines="line")
    dot.node("a", pos="0,0!", shape="box")
    dot.node("b", pos="4,0!", shape="box")
    dot.node("c", pos="2,0!", shape="box")
    dot.edge("a", "b")
    import json

    layout = json.loads(dot.pipe(format="json", engine="neato"))  # straight, through c
    assert _crossed(layout) == [("a", "b", "c")]


@pytest.mark.parametrize("name", argmap.datasets.names())
def test_no_edge_runs_through_a_box_it_does_not_join(name: str) -> None:
    import json

    amap = argmap.datasets.load(name)
    staggered = 0
    for issue in [None, *(i.id for i in amap.issues)]:
        layout = json.loads(argmap.render.pipe(to_graphviz(amap, issue=issue), "json"))
        assert _crossed(layout) == [], issue
        # and across, with the replies to a point that has many spread over two ranks, as
        # fitted() tries it (full texts and the overview)
        for label in ("text", "short"):
            dot = to_graphviz(amap, issue=issue, direction="LR", stagger=2, label=label,  # type: ignore[arg-type]
                              by_issue=issue is None)
            if "minlen=2" in dot.source:
                staggered += 1
                assert _crossed(json.loads(argmap.render.pipe(dot, "json"))) == [], (issue, label)
    assert staggered > 0 or name not in ("1962-11-05-new-york", "1962-11-28-new-york")
