"""argmap.Corpus and ``argmap corpus``: many maps, serially and on Dask."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.corpus import SUMMARY_COLUMNS, UNRESOLVED_COLUMNS, LoadFailure

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
assert _spec is not None
assert _spec.loader is not None
bench_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_run)

KIALO = "Discussion Title: Uniforms?\n\n1. Schools should require uniforms.\n1.1. Con: They cost money.\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus folder: generated maps in three formats, a Kialo export, and broken files."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "deeper" / "still").mkdir(parents=True)
    for i in range(10):
        amap = bench_run.debate(30 + 7 * i, seed=i)
        where = root / "deeper" / "still" if i % 3 == 0 else root / "deeper" if i % 2 else root
        argmap.save(amap, where / f"map-{i:02}.yaml")
    argmap.save(bench_run.debate(25, seed=99), root / "as-json.json")
    argmap.save(bench_run.debate(25, seed=98), root / "as-aif.aif.json")
    (root / "kialo.txt").write_text(KIALO)
    (root / "notes.txt").write_text("Not a map, not a Kialo export: left out.\n")
    (root / "broken-syntax.yaml").write_text("argmap: 1\nid: [x\n")
    (root / "broken-reference.yaml").write_text(
        "argmap: 1\nid: b\ntitle: B\nparties: [{id: a}]\npoints:\n"
        "  - {id: p, kind: objection, by: a, text: x, attacks: [nowhere]}\n")
    (root / "latin-1.yaml").write_bytes("argmap: 1\nid: l\ntitle: Caf\xe9\n".encode("latin-1"))
    (root / "negotiation.case.yaml").write_text("argmap-case: 1\nid: c\ntitle: C\nmaps: []\n")
    (root / ".hidden").mkdir()
    argmap.save(bench_run.debate(5, seed=5), root / ".hidden" / "skipped.yaml")
    return root


BROKEN = {"broken-syntax.yaml", "broken-reference.yaml", "latin-1.yaml"}


def test_a_folder_is_searched_for_what_argmap_reads(folder: Path) -> None:
    names = sorted(Path(f).name for f in argmap.Corpus(folder).files)
    assert names == sorted([f"map-{i:02}.yaml" for i in range(10)] + [
        "as-json.json", "as-aif.aif.json", "kialo.txt", *BROKEN])
    pattern = argmap.Corpus(str(folder / "**" / "map-0*.yaml"))
    assert len(pattern) == 10
    named = argmap.Corpus([folder / "map-02.yaml", folder / "missing.yaml", folder / "map-02.yaml"])
    assert [Path(f).name for f in named.files] == ["map-02.yaml", "missing.yaml"]


def test_summary_has_a_row_per_file_with_the_counts_of_each_map(folder: Path) -> None:
    rows = argmap.Corpus(folder).summary_records()
    assert all(list(r) == list(SUMMARY_COLUMNS) for r in rows)
    for row in rows:
        if Path(row["file"]).name in BROKEN:
            assert row["error"].startswith(row["file"])
            assert row["points"] is None
            continue
        assert row["error"] == ""
        amap = argmap.load(row["file"])
        u = amap.unresolved()
        pending = sum(1 for t in u if t.status == "pending")
        assert (row["id"], row["points"], row["open_threads"], row["pending_proposals"]) == (
            amap.id, len(amap.points), len(u) - pending, pending)
    errors = {Path(r["file"]).name: r["error"] for r in rows if r["error"]}
    assert "unknown point 'nowhere'" in errors["broken-reference.yaml"]
    assert ":3:1: YAML syntax error" in errors["broken-syntax.yaml"]
    assert "not UTF-8" in errors["latin-1.yaml"]
    assert argmap.Corpus(folder / "missing.yaml").summary_records()[0]["error"].endswith(
        "No such file or directory")


def test_the_frame_has_nullable_counts(folder: Path) -> None:
    frame = argmap.Corpus(folder).summary()
    assert list(frame.columns) == list(SUMMARY_COLUMNS)
    assert str(frame["points"].dtype) == "Int64"
    assert frame["points"].isna().sum() == len(BROKEN)


def test_unresolved_and_compare_rows(folder: Path) -> None:
    corpus = argmap.Corpus(folder)
    rows = corpus.unresolved_records()
    assert all(list(r) == list(UNRESOLVED_COLUMNS) for r in rows)
    one = str(folder / "map-02.yaml")
    assert [{k: v for k, v in r.items() if k not in ("file", "error")} for r in rows if r["file"] == one] \
        == argmap.load(one).unresolved().to_records()
    assert {Path(r["file"]).name for r in rows if r["error"]} == BROKEN
    frame = corpus.compare("a", "b")
    assert list(frame.columns) == ["file", "issue", "title", "status", "a", "b", "constructed", "error"]
    assert "kialo.txt" not in {Path(f).name for f in frame["file"]}  # no parties a and b there
    assert len(frame[frame["file"] == one]) == len(argmap.load(one).compare("a", "b"))


def test_map_runs_a_users_function(folder: Path) -> None:
    def measure(amap: argmap.ArgumentMap) -> dict[str, Any]:
        if len(amap.points) == 58:  # map-04.yaml
            raise ValueError("no")
        return {"kinds": len({p.kind for p in amap.points}), "first": amap.points[0].id}

    frame = argmap.Corpus(folder).map(measure)
    assert list(frame.columns) == ["file", "kinds", "first", "error"]
    failed = frame[frame["error"] != ""]
    assert "ValueError in the function: no" in failed["error"].str.cat()
    assert len(failed) == len(BROKEN) + 1


@pytest.mark.parametrize("engine", ["processes", "distributed"])
def test_workers_give_the_same_rows(folder: Path, engine: str) -> None:
    serial = argmap.Corpus(folder).summary_records()
    assert argmap.Corpus(folder, engine=engine, workers=2, partition_size=3).summary_records() == serial  # type: ignore[arg-type]


def test_a_client_of_a_real_cluster(folder: Path) -> None:
    from distributed import Client, LocalCluster

    serial = argmap.Corpus(folder).unresolved_records()
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert argmap.Corpus(folder, client=client).unresolved_records() == serial
        runner = CliRunner()
        result = runner.invoke(main, ["corpus", "summary", str(folder), "--json",
                                      "--scheduler", cluster.scheduler_address])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == argmap.Corpus(folder).summary_records()


def test_to_bag_gives_maps_and_failures(folder: Path) -> None:
    items = argmap.Corpus(folder).to_bag().compute(scheduler="sync")
    assert sum(isinstance(x, argmap.ArgumentMap) for x in items) == 13
    failures = [x for x in items if isinstance(x, LoadFailure)]
    assert sorted(Path(f.file).name for f in failures) == sorted(BROKEN)


def test_without_dask_asking_for_workers_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                                          folder: Path) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(argmap.MissingDependencyError, match=r"pip install 'argmap\[dask\]'"):
        argmap.Corpus(folder, workers=2)
    assert len(argmap.Corpus(folder).summary_records()) == 16  # the serial engine needs no Dask


def test_the_command(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["corpus", "summary", str(folder), "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [list(r) for r in rows] == [list(SUMMARY_COLUMNS)] * 16
    for row in rows:  # the counts are argmap unresolved's, map by map
        if not row["error"]:
            single = json.loads(runner.invoke(main, ["unresolved", row["file"], "--json"]).stdout)
            assert row["open_threads"] + row["pending_proposals"] == len(single)
    assert json.loads(runner.invoke(main, ["corpus", "summary", str(folder), "--json",
                                           "--workers", "2"]).stdout) == rows
    text = runner.invoke(main, ["corpus", "summary", str(folder)]).stdout
    assert text.startswith("16 files, 3 failed to load\n")
    as_csv = runner.invoke(main, ["corpus", "unresolved", str(folder), "--csv"]).stdout
    assert as_csv.splitlines()[0] == ",".join(UNRESOLVED_COLUMNS)
    both = runner.invoke(main, ["corpus", "summary", str(folder), "--workers", "2", "--scheduler", "x"])
    assert both.exit_code == 2
    argmap.save(argmap.load(folder / "map-02.yaml"), tmp_path / "nodeset1.json")  # format 1, not AIF
    assert json.loads(runner.invoke(main, ["corpus", "summary", str(tmp_path), "--json"]).stdout)[0][
        "error"] == ""
