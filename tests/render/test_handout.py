"""The printed handout: a PDF checked from the PDF itself with pdfplumber."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.render.handout import handout

pytestmark = pytest.mark.needs_dot

#: Page sizes in points, upright and turned.
PAPER = {"a4": {(595, 842), (842, 595)}, "letter": {(612, 792), (792, 612)}}


@pytest.mark.parametrize("name", argmap.datasets.names())
def test_every_bundled_map_makes_a_handout_whose_smallest_text_is_8_points(
        name: str, tmp_path: Path) -> None:
    amap = argmap.datasets.load(name)
    paper = "letter" if name.endswith("24-new-york") else "a4"
    path = handout(amap, tmp_path / "handout.pdf", paper=paper)
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        assert {(round(p.width), round(p.height)) for p in pages} <= PAPER[paper]
        sizes = [c["size"] for p in pages for c in p.chars]
        assert min(sizes) >= 8.0
        text = "\n".join(p.extract_text() or "" for p in pages)
    joined = re.sub(r"-\s+", "-", " ".join(text.split()))  # lines broken after a hyphen, joined
    assert amap.title in joined
    if amap.source is not None and amap.source.series:
        assert amap.source.series[:40] in joined
    for issue in amap.issues:
        if any(amap.issue_of(p) == issue.id for p in amap.points):
            assert f"{issue.label}: who said what" in text
    quoted = [p for p in amap.points if p.quote]
    assert quoted
    flat = " ".join(text.split())
    for point in quoted[:5]:  # the source's own words are printed with the speaker's points
        assert " ".join(point.quote.split())[:30] in flat


def test_the_handout_prints_awkward_text_as_text(tmp_path: Path) -> None:
    awkward = 'Typst #set text(red) *bold* $x$ [link] \\ "quote" <tag> @ref // not a comment'
    amap = argmap.ArgumentMap("m", "Awkward", parties=[argmap.Party("us"), argmap.Party("them")],
                              issues=[argmap.Issue("i", title="The #issue")], points=[
        argmap.Point("a", "claim", "us", awkward, issue="i", quote=awkward),
        argmap.Point("b", "objection", "them", "No.", attacks=["a"], issue="i")])
    path = handout(amap, tmp_path / "h.pdf")
    with pdfplumber.open(path) as pdf:
        flat = " ".join(" ".join(p.extract_text() or "" for p in pdf.pages).split())
    assert awkward in flat
    assert "The #issue: who said what" in flat


def test_the_command_writes_a_handout_and_refuses_another_extension(tmp_path: Path) -> None:
    runner = CliRunner()
    source = str(argmap.datasets.path("1962-10-31-new-york"))
    result = runner.invoke(main, ["handout", source, "-o", str(tmp_path / "h.pdf"), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / 'h.pdf'}\n"
    assert (tmp_path / "h.pdf").read_bytes()[:5] == b"%PDF-"
    wrong = runner.invoke(main, ["handout", source, "-o", str(tmp_path / "h.png")])
    assert wrong.exit_code == 2
    assert "a handout is a PDF" in wrong.stderr
