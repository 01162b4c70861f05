"""Diagrams laid out for a size: measured from Graphviz's layout and the PNG it draws."""

from __future__ import annotations

import json
import re
import struct
import warnings
from pathlib import Path
from typing import Any

import graphviz
import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.render.fit import SIZES, SizeWarning, fitted, slides, warn_if_small
from argmap.render.output import pipe
from tests.util import make_map

pytestmark = pytest.mark.needs_dot


def points_drawn(dot: graphviz.Digraph) -> set[str]:
    """The ids of the points a diagram draws (its boxes with a table label; the key's name
    starts with "_", which no point id does)."""
    return set(re.findall(r'^\s+"?([^_"\s][^"\s]*)"? \[label=<<TABLE', dot.source, re.M))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def body_text_px(dot: graphviz.Digraph) -> tuple[float, tuple[int, int]]:
    """The body text's height in the PNG Graphviz draws, in pixels: its 13-point font in the
    layout (-Tjson, in points) times the PNG's pixels per layout point."""
    layout = json.loads(pipe(dot, "json"))
    x0, _, x1, _ = (float(v) for v in layout["bb"].split(","))
    sizes = {op["size"] for item in layout["objects"] for key in ("_ldraw_",)
             for op in item.get(key, []) if op["op"] == "F"}
    assert 13.0 in sizes  # the body text's font size, as the layout has it
    width, height = png_size(pipe(dot, "png"))
    return 13.0 * width / (x1 - x0), (width, height)


@pytest.mark.parametrize("name", argmap.datasets.names())
def test_every_bundled_map_makes_slides_readable_on_a_projector(name: str) -> None:
    amap = argmap.datasets.load(name)
    made = slides(amap, "16:9")
    drawn: set[str] = set()
    for label, fit in made:
        px, (width, height) = body_text_px(fit.dot)
        assert width <= 1920, label
        assert height <= 1080, label
        assert max(width, height / 1080 * 1920) >= 1919, label  # it fills the screen one way
        assert px >= 18, (label, px)
        assert abs(px - fit.text) < 0.6, label  # what fitted() measured is what the PNG shows
        drawn |= points_drawn(fit.dot)
    assert drawn >= {p.id for p in amap.points if amap.issue_of(p) is not None}


def test_every_issue_alone_is_drawn_readably_or_says_it_is_an_overview() -> None:
    amap = argmap.datasets.load("1962-11-28-new-york")
    for issue in amap.issues:
        fit = fitted(amap, "16:9", issue=issue.id)
        px, _ = body_text_px(fit.dot)
        assert abs(px - fit.text) < 0.6
        if fit.readable:
            assert px >= 18
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warn_if_small(fit)
        said = [str(w.message) for w in caught if issubclass(w.category, SizeWarning)]
        if fit.overview or not fit.readable:
            assert len(said) == 1
        else:
            assert said == []


def test_paper_sizes_keep_the_smallest_text_at_least_8_points() -> None:
    import re

    amap = argmap.datasets.load("1962-10-31-new-york")
    for name in ("a4", "letter", "a4-landscape", "letter-landscape"):
        fit = fitted(amap, name, issue="cuban-air-defence")
        assert fit.readable, name
        assert fit.text >= SIZES[name].smallest
        svg = pipe(fit.dot, "svg").decode()
        width, height = (float(v) for v in re.search(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"',
                                                     svg).groups())
        assert width <= SIZES[name].width + 1
        assert height <= SIZES[name].height + 1
        # the smallest text in the layout is 10 points, drawn at fit.text points
        layout = json.loads(pipe(fit.dot, "json"))
        sizes = {op["size"] for item in layout["objects"] for op in item.get("_ldraw_", [])
                 if op["op"] == "F"}
        assert min(sizes) == 10.0


def test_the_command_line_draws_for_a_projector_by_default_and_says_when_it_shortens(
        tmp_path: Path) -> None:
    runner = CliRunner()
    source = str(argmap.datasets.path("1962-11-28-new-york"))
    out = tmp_path / "whole.png"
    result = runner.invoke(main, ["render", source, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert png_size(out.read_bytes())[0] <= 1920
    assert f"{out}: note: the diagram's text is" in result.stderr  # the whole map: too small
    assert "draw one issue at a time (--issue), or split it with 'argmap slides'" in result.stderr
    poster = tmp_path / "poster.png"
    result = runner.invoke(main, ["render", source, "-o", str(poster), "--size", "poster"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert png_size(poster.read_bytes())[0] > 4000  # the full map at 150 dpi
    one = tmp_path / "guantanamo.png"
    result = runner.invoke(main, ["render", source, "-o", str(one), "--issue", "guantanamo"])
    assert (result.exit_code, result.stderr) == (0, "")


def long_exchange() -> argmap.ArgumentMap:
    """A map with an issue of thirty replies in a row: too tall and too wide to read whole."""
    points: list[dict[str, Any]] = [{"id": "c0", "kind": "claim", "by": "a", "issue": "long"}]
    points += [{"id": f"c{n}", "kind": "objection" if n % 2 else "rebuttal", "by": "ab"[n % 2],
                "issue": "long", "attacks": [f"c{n - 1}"],
                "text": f"Point {n}: a reply of some length, so that its box holds a few lines."}
               for n in range(1, 31)]
    points.append({"id": "s0", "kind": "claim", "by": "a", "issue": "short"})
    return make_map(points, issues=("long", "short"))


def test_slides_command_numbers_and_names_its_files(tmp_path: Path) -> None:
    source = tmp_path / "long.yaml"
    long_exchange().save(source)  # no date and no source: the slides' titles have one line
    result = CliRunner().invoke(main, ["slides", str(source), "-o", str(tmp_path / "set")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "set").iterdir())
    assert len(names) > 2
    assert names == [f"{n:02d}-long-{n}.png" for n in range(1, len(names))] + [
        f"{len(names):02d}-short.png"]
    assert result.stdout.splitlines()[0].startswith(f"wrote {tmp_path / 'set' / '01-long-1.png'} (text ")
    parts = [points_drawn(fit.dot) for _, fit in slides(long_exchange(), "16:9")[:-1]]
    assert set().union(*parts) == {f"c{n}" for n in range(31)}  # every point on some slide




def test_no_part_of_an_issue_is_only_points_another_part_draws() -> None:
    from argmap.render.fit import _threads

    amap = argmap.datasets.load("1962-11-05-new-york")  # seven objections to one claim
    parts = _threads(amap, "il-28", SIZES["a4"], "dot", {"label": "text", "title": False})
    drawn = [points_drawn(fit.dot) for _, fit in parts]
    assert len(parts) > 2
    assert all(fit.readable for _, fit in parts)
    assert set().union(*drawn) == {p.id for p in amap.points_on("il-28")}
    assert not any(a <= b for i, a in enumerate(drawn) for j, b in enumerate(drawn) if i != j)
    assert [name for name, _ in parts] == [f"il-28-{n}" for n in range(1, len(parts) + 1)]
