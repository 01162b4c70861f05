from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.io.csv_format import COLUMNS


def test_graphml_opens_in_networkx_with_every_attribute(
    nov29: argmap.ArgumentMap, tmp_path: Path,
) -> None:
    path = nov29.save(tmp_path / "map.graphml")
    graph = nx.read_graphml(path, force_multigraph=True)
    assert set(graph.nodes) == {p.id for p in nov29.points}
    node = graph.nodes["castro-stop-subversion"]
    assert node == {
        "kind": "proposal", "by": "mikoyan", "party": "ussr", "issue": "subversion",
        "on_behalf_of": "cuba",
        "text": "Castro, supported by the USSR, proposes that subversive activity be stopped by "
                "all countries.",
        "quote": "Castro supported by USSR proposes that subversive activity be stopped by all "
                 "countries",
    }
    assert graph.nodes["stevenson-us-went-further"]["issue"] == "invasion"  # inherited
    relations = sorted((a, b, d["relation"]) for a, b, d in graph.edges(data=True))
    expected = sorted((a, b, k) for a, b, k in nov29.graph.edges(keys=True))
    assert relations == expected
    assert graph.graph["title"] == nov29.title
    assert graph.graph["date"] == "1962-11-28"


def test_csv_has_a_row_per_point(nov29: argmap.ArgumentMap, tmp_path: Path) -> None:
    path = nov29.save(tmp_path / "map.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert tuple(rows[0]) == COLUMNS
    assert [r["id"] for r in rows] == [p.id for p in nov29.points]
    row = next(r for r in rows if r["id"] == "stevenson-cannot-discuss-castro-points")
    assert row["attacks"] == ("ussr-supports-castro-proposals castro-stop-subversion "
                              "castro-negotiate-guantanamo mikoyan-normalize-later")
    assert row["party"] == "us"


def test_convert_between_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    source = argmap.datasets.path("1962-10-31-new-york")
    for name in ("m.aif.json", "m.graphml", "m.csv", "m.apx", "m.i23"):
        result = runner.invoke(main, ["convert", str(source), str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert result.stdout == f"wrote {tmp_path / name}\n"
    # format 1 checks its quotes against the source when read: the source must come along
    refused = runner.invoke(main, ["convert", str(source), str(tmp_path / "m.json")])
    assert refused.exit_code == 1
    assert "pass --copy-source" in refused.stderr
    result = runner.invoke(main, ["convert", str(source), str(tmp_path / "m.json"), "--copy-source"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"wrote {tmp_path / 'm.json'}"
    assert argmap.load(tmp_path / "m.json") == argmap.load(source)
    original = argmap.load(source)
    assert argmap.load(tmp_path / "m.aif.json") == original
    back = runner.invoke(main, ["convert", str(tmp_path / "m.aif.json"), str(tmp_path / "b.yaml")])
    assert back.exit_code == 0
    assert argmap.loads((tmp_path / "b.yaml").read_text(), base_dir=source.parent) == original
    af = argmap.load(tmp_path / "m.apx")
    assert [p.id for p in af.points] == [p.id for p in original.points]
    assert all(p.kind is argmap.Kind.CLAIM for p in af.points)
    again = runner.invoke(main, ["convert", str(source), str(tmp_path / "m.csv")])
    assert again.exit_code == 2
    assert "exists; pass --force" in again.stderr
    unreadable = runner.invoke(main, ["convert", str(tmp_path / "m.csv"), str(tmp_path / "x.yaml")])
    assert unreadable.exit_code == 1
    assert "argmap writes csv but does not read it" in unreadable.stderr


def test_csv_reads_back_row_for_row_in_pandas_and_the_csv_module() -> None:
    import pandas as pd

    from argmap.io.csv_format import dumps_csv
    from tests.interchange import every_map

    for name, amap in every_map():
        text = dumps_csv(amap)
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        frame = pd.read_csv(io.StringIO(text, newline=""), dtype=str, keep_default_na=False)
        assert [r["id"] for r in rows] == list(frame["id"]) == [p.id for p in amap.points], name
        expected = [p.text if p.text[:1] not in "=+-@\t\r" else "'" + p.text for p in amap.points]
        assert [r["text"] for r in rows] == list(frame["text"]) == expected, name
