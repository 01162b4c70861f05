"""Party columns keep the map's order in every diagram argmap draws (issue 18)."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
from typing import Any

import pytest

import argmap
from argmap.render import pipe, to_graphviz
from argmap.render.columns import columns_in_order, party_columns

_CLUSTER = re.compile(r'<g id="_cluster(?:-|&#45;)([^"]+)" class="cluster">(.*?)</g>', re.S)
_POINT = re.compile(r"(-?[0-9.]+),(-?[0-9.]+)")


def column_boxes(svg: str) -> dict[str, tuple[float, float, float, float]]:
    """Return each party column's box (left, top, right, bottom) in Graphviz's SVG."""
    boxes = {}
    for party, body in _CLUSTER.findall(svg):
        points = [(float(x), float(y)) for x, y in _POINT.findall(body.split("<text")[0])]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        boxes[html.unescape(party)] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


def column_centres(svg: str) -> dict[str, float]:
    """Return the horizontal centre of each party column's box in Graphviz's SVG."""
    return {party: (box[0] + box[2]) / 2 for party, box in column_boxes(svg).items()}


def diagrams() -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    for name in argmap.datasets.names():
        amap = argmap.datasets.load(name)
        found.append((name, {}))
        found += [(name, {"issue": issue.id}) for issue in amap.issues]
        found += [(name, {"party": party.id}) for party in amap.parties]
    return found


@pytest.mark.parametrize(("name", "only"), diagrams())
def test_party_columns_run_left_to_right_in_map_order(name: str, only: dict[str, str]) -> None:
    amap = argmap.datasets.load(name)
    try:
        dot = to_graphviz(amap, **only)  # type: ignore[arg-type]
    except argmap.RenderError:  # nothing to draw for this party: said elsewhere
        return
    boxes = column_boxes(pipe(dot, "svg").decode("utf-8"))
    assert sorted(boxes) == sorted(party_columns(dot.source))
    shown = [boxes[p.id] for p in amap.parties if p.id in boxes]
    for a, b in itertools.pairwise(shown):
        beside = b[1] < a[3] and a[1] < b[3]  # their heights overlap: side by side
        assert not beside or (a[0] + a[2]) / 2 <= (b[0] + b[2]) / 2 + 1, boxes


def test_a_reversed_layout_is_mirrored_and_an_ordered_one_left_alone() -> None:
    amap = argmap.datasets.load("1962-11-28-new-york")
    source = to_graphviz(amap).source
    parties = party_columns(source)
    assert parties == ["us", "ussr"]
    laid = subprocess.run(["dot", "-Tdot"], input=source, capture_output=True, text=True,
                          check=True).stdout
    before = column_centres(subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True,
                                           text=True, check=True).stdout)
    mirrored = columns_in_order(laid, parties)
    if before["us"] < before["ussr"]:  # dot drew them in order this time: nothing to do
        assert mirrored is None
        return
    assert mirrored is not None
    after = column_centres(subprocess.run(["neato", "-n2", "-Tsvg"], input=mirrored,
                                          capture_output=True, text=True, check=True).stdout)
    assert after["us"] < after["ussr"]
    assert columns_in_order(mirrored, parties) is None  # once mirrored, in order


def test_text_in_a_label_is_never_read_as_a_position() -> None:
    laid = (
        'digraph g {\n\tgraph [bb="0,0,300,100"];\n'
        '\tsubgraph cluster_a {\n\t\tgraph [bb="200,0,300,100", lp="250,90"];\n'
        '\t\tp1 [label=<pos="1,2" bb="3,4,5,6">, tooltip="lp=\\"7,8\\"", pos="250,50"];\n\t}\n'
        '\tsubgraph cluster_b {\n\t\tgraph [bb="0,0,100,100", lp="50,90"];\n'
        '\t\tp2 [pos="50,50"];\n\t}\n'
        '\tp1 -> p2 [pos="e,100,50 200,50 150,50 120,50 110,50"];\n}\n'
    )
    mirrored = columns_in_order(laid, ["a", "b"])
    assert mirrored is not None
    assert '<pos="1,2" bb="3,4,5,6">' in mirrored
    assert 'tooltip="lp=\\"7,8\\""' in mirrored
    assert 'p1 [label=<pos="1,2" bb="3,4,5,6">, tooltip="lp=\\"7,8\\"", pos="50,50"]' in mirrored
    assert 'graph [bb="0,0,100,100", lp="50,90"]' in mirrored  # cluster a, now at the left
    assert 'pos="e,200,50 100,50 150,50 180,50 190,50"' in mirrored
    assert 'graph [bb="0,0,300,100"]' in mirrored  # the graph's own box stays
    assert columns_in_order(laid, ["b", "a"]) is None


@pytest.mark.parametrize("name", argmap.datasets.names())
def test_a_mirrored_diagram_keeps_every_box_the_size_dot_gave_it(name: str) -> None:
    import json

    amap = argmap.datasets.load(name)
    for issue in [None, *(i.id for i in amap.issues)]:
        dot = to_graphviz(amap, issue=issue)
        by_dot = json.loads(subprocess.run(["dot", "-Tjson"], input=dot.source, capture_output=True,
                                           text=True, check=True).stdout)
        drawn = json.loads(pipe(dot, "json"))  # mirrored where dot reversed the columns

        def sizes(layout: dict[str, Any]) -> dict[str, tuple[str, str]]:
            return {o["name"]: (o["width"], o["height"]) for o in layout["objects"] if "width" in o}

        # double borders (proposals, concessions) included: dot gives their outer size, which
        # neato -n2 would take as the inner one
        assert sizes(drawn) == sizes(by_dot), issue
