"""The examples run as a user would run them."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.mark.needs_dot
def test_teacher_script_writes_a_handout_and_slides(tmp_path: Path) -> None:
    import pdfplumber

    done = subprocess.run([sys.executable, str(EXAMPLES / "teacher_diagrams.py"), str(tmp_path)],
                          capture_output=True, text=True, check=True)
    (pdf,) = tmp_path.glob("*.pdf")
    with pdfplumber.open(pdf) as opened:
        assert len(opened.pages) > 11  # title, tables, and each of the 11 issues
        assert min(c["size"] for page in opened.pages for c in page.chars) >= 8
    slides = sorted(tmp_path.glob("*-slide-*.png"))
    assert len(slides) >= 11
    assert done.stdout.count("wrote ") == 1 + len(slides)


def test_political_scientist_script_exports_the_comparison(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(EXAMPLES / "compare_positions.py"), str(tmp_path)],
                          capture_output=True, text=True, check=True)
    with (tmp_path / "1962-11-28-new-york-us-ussr.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["issue"] for r in rows][:2] == ["settlement-form", "invasion"]
    assert rows[1]["status"] == "disputed"
    assert rows[1]["ussr"] == "mikoyan-lapse-is-retreat"
    table = done.stdout.splitlines()
    settlement = next(line for line in table if line.startswith("settlement-form"))
    assert settlement.split()[1:] == ["disputed", "—", "disputed", "—", "disputed", "agreed"]


@pytest.mark.needs_dot
def test_the_notebook_runs(tmp_path: Path) -> None:
    import nbclient
    import nbformat

    notebook = nbformat.read(EXAMPLES / "explore_1962.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs)
    assert any("text/html" in o.get("data", {}) and "contested" in o["data"]["text/html"]
               for o in outputs)


@pytest.mark.needs_dot
def test_class_debate_script_reads_kialo_and_writes_argdown(tmp_path: Path) -> None:
    import argmap

    done = subprocess.run([sys.executable, str(EXAMPLES / "class_debate.py"), str(tmp_path)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("2 open threads and 0 pending proposals in school-uniforms")
    assert "thesis  disputed" in done.stdout
    assert (tmp_path / "school-uniforms.svg").read_text().lstrip().startswith("<?xml")
    written = argmap.load(tmp_path / "school-uniforms.argdown")
    kialo = argmap.load(EXAMPLES / "school-uniforms.txt")
    assert {p.id: (p.by, p.kind, p.attacks, p.supports, p.text) for p in written.points} == {
        p.id: (p.by, p.kind, p.attacks, p.supports, p.text) for p in kialo.points}


@pytest.mark.needs_dot
def test_two_coders_script_reports_coverage_and_agreement(tmp_path: Path) -> None:
    import json

    done = subprocess.run([sys.executable, str(EXAMPLES / "two_coders.py"), str(tmp_path)],
                          capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("27 of 31 sentences (87.1%)")
    assert lines[1].startswith("18 of 19 sentences (94.7%)")
    assert "kind                17     7      41.2%    0.276" in done.stdout
    with (tmp_path / "agreement.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[1] == {"measure": "kind", "units": "17", "agreeing": "7", "percent": "41.2",
                       "alpha": "0.2763"}
    assert json.loads((tmp_path / "agreement.json").read_text())["b"] == "1180-coder-b"
    assert 'id="_source"' in (tmp_path / "1180-coder-b.html").read_text()


def test_the_second_coders_source_is_the_bundled_telegram() -> None:
    import argmap

    copy = EXAMPLES / "two-coders" / "1962-11-30-deptel-1180.txt"
    assert copy.read_bytes() == (argmap.datasets.data_dir() / "sources" / copy.name).read_bytes()
