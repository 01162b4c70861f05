from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from tests.conftest import DATA

BUNDLED = argmap.datasets.data_dir() / "1962-11-28-new-york.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"argmap, version {argmap.__version__}\n"


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "argmap", "--version"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("argmap, version ")


def test_validate_valid_maps_and_cases(runner: CliRunner) -> None:
    files = [str(argmap.datasets.path(name)) for name in argmap.datasets.names()]
    case = str(argmap.datasets.data_dir() / "1962-cuba.case.yaml")
    result = runner.invoke(main, ["validate", *files, case])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[5:] == [
        f"{files[5]}: valid (46 points, 11 issues, 3 parties)", f"{case}: valid case (6 maps)"]


def test_validate_reports_every_problem_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "design-example.yaml").read_text()
                   .replace("attacks: [us-draft-lapse]", "attacks: [nope]")
                   .replace("kind: claim", "kind: clam"))
    good = tmp_path / "good.yaml"
    shutil.copy(DATA / "design-example.yaml", good)
    result = runner.invoke(main, ["validate", str(bad), str(good)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bad}:21:5: unknown kind 'clam' (did you mean 'claim'?); use one of claim, proposal, "
        "objection, rebuttal, concession, reason @ $.points[0].kind",
        f"{bad}:30:15: unknown point 'nope' @ $.points[1].attacks[0]",
    ]
    assert result.stdout == f"{good}: valid (2 points, 1 issue, 3 parties)\n"
    assert "Traceback" not in result.output


def test_a_missing_file_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "no-such-map.yaml"])
    assert result.exit_code == 2
    assert "File 'no-such-map.yaml' does not exist" in result.stderr


def test_an_unreadable_format_exits_1_with_a_message(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "map.docx"
    path.write_text("x")
    result = runner.invoke(main, ["unresolved", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot tell the format of '{path}' from its name; use one "
                             "of .yaml, .yml, .json, .aif.json, .aif, .graphml, .csv, .apx, .i23, "
                             ".argdown, .ad, .txt\n")


def test_a_text_file_that_is_not_a_kialo_export_is_named(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list\n1. milk\n")
    result = runner.invoke(main, ["unresolved", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:1:1: this is not a Kialo discussion export")


def test_convert_argdown_to_yaml_and_back(runner: CliRunner, tmp_path: Path) -> None:
    source = DATA / "argdown" / "state-censorship.argdown"
    result = runner.invoke(main, ["convert", str(source), str(tmp_path / "censorship.yaml")])
    assert result.exit_code == 0, result.output
    amap = argmap.load(tmp_path / "censorship.yaml")
    assert amap == argmap.load(source)
    result = runner.invoke(main, ["convert", str(tmp_path / "censorship.yaml"),
                                  str(tmp_path / "censorship.argdown")])
    assert result.exit_code == 0, result.output
    assert argmap.load(tmp_path / "censorship.argdown") == amap
    compared = runner.invoke(main, ["compare", str(tmp_path / "censorship.argdown"), "pro", "con"])
    assert compared.exit_code == 0, compared.output


def test_unresolved_table_json_and_csv(runner: CliRunner) -> None:
    table = runner.invoke(main, ["unresolved", str(BUNDLED)])
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0] == "10 open threads and 2 pending proposals in 1962-11-28-new-york"
    assert lines[2].split() == ["STATUS", "ISSUE", "LAST", "WORD", "POINTS", "ROOT"]
    assert lines[4].startswith("contested   invasion         us         4       us-draft-lapse: ")

    as_json = runner.invoke(main, ["unresolved", str(BUNDLED), "--json"])
    records = json.loads(as_json.stdout)
    assert len(records) == 12
    assert records[0] == {
        "root": "us-draft-lapse", "issue": "invasion", "status": "contested",
        "points": ["us-draft-lapse", "mikoyan-lapse-is-retreat", "stevenson-us-went-further",
                   "mccloy-us-went-beyond-letters"],
        "last_word": ["us"],
        "ends": ["stevenson-us-went-further", "mccloy-us-went-beyond-letters"],
    }
    assert {r["status"] for r in records} == {"contested", "unanswered", "pending"}

    as_csv = runner.invoke(main, ["unresolved", str(BUNDLED), "--csv"])
    rows = as_csv.stdout.splitlines()
    assert rows[0] == "root,issue,status,points,last_word,ends"
    assert rows[4] == ("mikoyan-multilateral-inspection,inspection,unanswered,"
                       "mikoyan-multilateral-inspection mccloy-inspect-soviet-ports,us,"
                       "mccloy-inspect-soviet-ports")

    both = runner.invoke(main, ["unresolved", str(BUNDLED), "--json", "--csv"])
    assert both.exit_code == 2


def test_compare_json_has_one_key_per_party(runner: CliRunner) -> None:
    result = runner.invoke(main, ["compare", str(BUNDLED), "us", "ussr", "--json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [(r["issue"], r["status"]) for r in records] == [
        ("settlement-form", "agreed"), ("invasion", "disputed"), ("subversion", "disputed"),
        ("inspection", "disputed"), ("guantanamo", "disputed"), ("normalization", "disputed"),
        ("other-republics", "disputed"), ("castro-points", "disputed"), ("quarantine", "one-sided"),
        ("next-meeting", "agreed"), ("conclude-quickly", "agreed"),
    ]
    assert records[4]["us"] == []
    assert records[4]["ussr"] == ["castro-negotiate-guantanamo"]
    text = runner.invoke(main, ["compare", str(BUNDLED), "us", "ussr"])
    assert text.stdout.splitlines()[0] == "us and ussr, issue by issue, in 1962-11-28-new-york"
    bad = runner.invoke(main, ["compare", str(BUNDLED), "us", "urss"])
    assert bad.exit_code == 2
    assert "has no party 'urss' (did you mean 'ussr'?)" in bad.stderr


@pytest.mark.needs_dot
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "dot"])
def test_render_every_format(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"map.{fmt}"
    result = runner.invoke(main, ["render", str(BUNDLED), "-o", str(out), "--theme", "print",
                                  "--issue", "inspection", "--highlight", "unresolved"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    head = out.read_bytes()[:8]
    assert head.startswith({"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF",
                            "dot": b"digraph"}[fmt])


def test_render_refuses_unknown_issue_and_overwriting_its_input(
    runner: CliRunner, tmp_path: Path,
) -> None:
    result = runner.invoke(main, ["render", str(BUNDLED), "-o", str(tmp_path / "x.svg"),
                                  "--issue", "invasio"])
    assert result.exit_code == 2
    assert "has no issue 'invasio' (did you mean 'invasion'?)" in result.stderr
    copy = tmp_path / "map.yaml"
    shutil.copy(BUNDLED, copy)
    shutil.copytree(BUNDLED.parent / "sources", tmp_path / "sources")
    result = runner.invoke(main, ["render", str(copy), "-o", str(copy), "--format", "dot"])
    assert result.exit_code == 2
    assert "would overwrite the input map" in result.stderr
    wrong = runner.invoke(main, ["render", str(BUNDLED), "-o", str(tmp_path / "x.jpg")])
    assert wrong.exit_code == 2  # a usage error
    assert "use one of svg, png, pdf, dot" in wrong.stderr


def test_render_without_graphviz_says_how_to_install_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    result = runner.invoke(main, ["render", str(BUNDLED), "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Graphviz's 'dot' program was not found on PATH")
    assert "apt-get install graphviz" in result.stderr
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.needs_dot
def test_demo_draws_the_1962_map_and_prints_what_is_open(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["demo", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"wrote {tmp_path / 'out' / '1962-11-28-new-york.svg'} (the poster)",
                         f"wrote {tmp_path / 'out' / '1962-11-28-new-york.png'} (the poster)"]
    assert "10 open threads and 2 pending proposals in 1962-11-28-new-york" in lines
    assert (tmp_path / "out" / "1962-11-28-new-york.png").stat().st_size > 10_000
    # the classroom set: every point of the telegram on some slide, each slide readable at 16:9
    slides = sorted((tmp_path / "out" / "classroom").glob("*.png"))
    assert len(slides) >= len(argmap.datasets.load("1962-11-28-new-york").issues)
    said = [line for line in lines if "/classroom/" in line]
    assert len(said) == len(slides)
    assert all(re.search(r"\(text (1[89]|[2-9][0-9]) px at 16:9", line) for line in said), said
    assert result.stderr == ""


def test_semantics_on_a_map_and_on_iccma_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["semantics", str(BUNDLED), "--semantics", "grounded", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["semantics"] == "grounded"
    assert len(data["extensions"]) == 1
    assert "us-draft-lapse" in data["extensions"][0]
    assert "mikoyan-lapse-is-retreat" not in data["extensions"][0]
    odd = tmp_path / "odd.i23"
    odd.write_text("p af 3\n1 2\n2 3\n3 1\n")
    text = runner.invoke(main, ["semantics", str(odd), "--semantics", "stable"])
    assert text.stdout == "stable: 0 extensions over 3 arguments and 3 attacks\n"
    even = tmp_path / "even.apx"
    even.write_text("arg(a).\narg(b).\natt(a,b).\natt(b,a).\n")
    text = runner.invoke(main, ["semantics", str(even), "--semantics", "preferred"])
    assert text.stdout.splitlines()[1:] in (["1: a", "2: b"], ["1: b", "2: a"])
    bad = tmp_path / "bad.apx"
    bad.write_text("arg(a).\natt(a,z).\n")
    failed = runner.invoke(main, ["semantics", str(bad), "--semantics", "grounded"])
    assert failed.exit_code == 1
    assert failed.stderr == f"Error: {bad}:2:1: att(a,z) names 'z', which no arg(...) declares\n"


@pytest.mark.needs_dot
def test_render_with_the_grounded_labelling(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    result = runner.invoke(main, ["render", str(BUNDLED), "-o", str(out), "--labelling", "grounded"])
    assert result.exit_code == 0
    source = out.read_text()
    assert "<B>OUT</B>" in source
    assert "acceptability labelling" in source


CODER_B = Path(__file__).resolve().parents[1] / "examples" / "two-coders" / "1180-coder-b.yaml"


def test_agree_prints_the_report_json_and_csv(runner: CliRunner) -> None:
    result = runner.invoke(main, ["agree", str(BUNDLED), str(BUNDLED)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("A = 1962-11-28-new-york, B = 1962-11-28-new-york: 46 aligned points; "
                        "0 of A's and 0 of B's without a counterpart")
    assert lines[4].split() == ["unitizing", "(words)", "700", "700", "100.0%", "1.000"]
    as_json = json.loads(runner.invoke(main, ["agree", str(BUNDLED), str(CODER_B), "--json"]).stdout)
    assert as_json["b"] == "1180-coder-b"
    assert len(as_json["alignment"]["pairs"]) == 17
    assert {c["category"]: c["pairs"] for c in as_json["categories"]}["kind"] == 17
    csv_out = runner.invoke(main, ["agree", str(BUNDLED), str(CODER_B), "--csv"]).stdout
    assert csv_out.splitlines()[0] == "measure,units,agreeing,percent,alpha"
    assert csv_out.splitlines()[2].startswith("kind,17,7,41.2,")


def test_agree_refuses_two_different_documents(runner: CliRunner) -> None:
    other = argmap.datasets.path("1962-11-05-new-york")
    result = runner.invoke(main, ["agree", str(BUNDLED), str(other)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: 1962-11-28-new-york and 1962-11-05-new-york quote different texts: "
        "sources/1962-11-30-deptel-1180.txt and sources/1962-11-06-usun-telegram-1642.txt part at line 2")
    result = runner.invoke(main, ["agree", str(BUNDLED), str(other), "--json"])
    assert result.exit_code == 1
    assert "quote different texts" in json.loads(result.stderr)["error"]
    result = runner.invoke(main, ["agree", str(BUNDLED), str(BUNDLED), "--parties", "us", "uk"])
    assert result.exit_code == 2
    assert "has no parties 'uk'" in result.stderr


def test_coverage_lists_what_no_point_quotes(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["coverage", str(BUNDLED)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("27 of 31 sentences (87.1%) and 657 of 700 words (93.9%) of "
                        "sources/1962-11-30-deptel-1180.txt are quoted in 1962-11-28-new-york")
    assert lines[-1].split() == ["9", "Raised", "several", "objections", "to", "US", "draft", "declaration."]
    data = json.loads(runner.invoke(main, ["coverage", str(BUNDLED), "--json"]).stdout)
    assert (data["sentences"], data["covered_sentences"]) == (31, 27)
    assert data["items"][3]["points"] == ["mikoyan-anxious-to-terminate", "ussr-protocol-best",
                                          "us-dislikes-protocol", "ussr-accepts-declarations"]
    every = runner.invoke(main, ["coverage", str(BUNDLED), "--all"]).stdout
    assert "Every sentence, and the points that quote it:" in every
    assert len([line for line in every.splitlines() if "  line " in line]) == 31
    assert "             <- mikoyan-anxious-to-terminate, ussr-protocol-best," in every
    bare = tmp_path / "bare.yaml"
    bare.write_text("argmap: 1\nid: bare\ntitle: Bare\nparties: [{id: a}]\n")
    result = runner.invoke(main, ["coverage", str(bare)])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: map 'bare' names no source file: give 'source: {title: ..., file: ...}' with the "
        "document's text beside the map, so that its quotes can be placed\n")


def test_aif_kept_aside_is_said_on_stderr_and_a_nodeset_json_is_aif(
    runner: CliRunner, tmp_path: Path,
) -> None:
    from tests.io.test_aif import DEGENERATE, node_and_edge_counts

    nodeset = tmp_path / "nodeset9999.json"  # as AIFdb names its files
    nodeset.write_text(json.dumps(DEGENERATE))
    result = runner.invoke(main, ["validate", str(nodeset)])
    assert result.exit_code == 0
    assert result.stdout == f"{nodeset}: valid (2 points, 0 issues, 1 party)\n"
    warnings = result.stderr.splitlines()
    assert len(warnings) == 6
    assert f"{nodeset}: warning: RA-node without a premise or a conclusion (1: 4) kept aside in " \
           "meta.aif.kept and written back unchanged" in warnings
    yaml_copy, back = tmp_path / "copy.yaml", tmp_path / "back.aif.json"
    assert runner.invoke(main, ["convert", str(nodeset), str(yaml_copy)]).exit_code == 0
    result = runner.invoke(main, ["convert", str(yaml_copy), str(back)])
    assert result.exit_code == 0
    assert result.stderr == ""  # the YAML copy holds what was kept aside; nothing more to say
    assert node_and_edge_counts(json.loads(back.read_text())) == node_and_edge_counts(DEGENERATE)


def test_messages_name_what_the_user_typed(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["compare", str(BUNDLED), "us", "russia"])
    assert result.exit_code == 2
    assert "Invalid value for B: 1962-11-28-new-york has no party 'russia' (did you mean 'ussr'?)" \
        in result.stderr
    result = runner.invoke(main, ["render", str(BUNDLED), "-o", str(tmp_path / "out.jpg")])
    assert result.exit_code == 2
    assert "--format on the command line" in result.stderr
    assert "by extension or format=" not in result.stderr
    result = runner.invoke(main, ["case", "timeline", str(BUNDLED)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {BUNDLED}:1:1: this is a map, not a case: a case file (NAME.case.yaml) lists the "
        "maps of one negotiation under 'argmap-case: 1', 'id', 'title' and 'maps' (docs/cases.md)"]
    help_text = runner.invoke(main, ["convert", "--help"], terminal_width=100).stdout
    for reader in ("Argdown", "Kialo", "nodeset"):
        assert reader in help_text


def test_the_top_level_help_cuts_no_summary(runner: CliRunner) -> None:
    for width in (80, 120):
        text = runner.invoke(main, ["--help"], terminal_width=width).stdout
        commands = text.split("Commands:")[1].splitlines()
        assert len([c for c in commands if c.strip()]) == len(main.commands)
        assert not [c for c in commands if c.rstrip().endswith("...")], commands


def test_convert_into_another_folder_keeps_the_source_reachable(
    runner: CliRunner, tmp_path: Path,
) -> None:
    shutil.copytree(argmap.datasets.data_dir(), tmp_path / "data")
    bundled = tmp_path / "data" / "1962-11-28-new-york.yaml"
    deeper = tmp_path / "data" / "converted" / "map.json"
    deeper.parent.mkdir()
    # a folder below the source: argmap cannot look above a map's folder, so it says what to do
    result = runner.invoke(main, ["convert", str(bundled), str(deeper)])
    assert result.exit_code == 1
    assert "pass --copy-source to copy it beside the new file" in result.stderr
    assert not deeper.exists()
    result = runner.invoke(main, ["convert", str(bundled), str(deeper), "--copy-source"])
    assert result.exit_code == 0, result.output
    assert (deeper.parent / "sources" / "1962-11-30-deptel-1180.txt").read_bytes() == (
        tmp_path / "data" / "sources" / "1962-11-30-deptel-1180.txt").read_bytes()
    assert argmap.load(deeper) == argmap.load(bundled)
    # a folder above the source: the path is rewritten, and converting back gives the same map
    above = tmp_path / "map.yaml"
    assert runner.invoke(main, ["convert", str(bundled), str(above)]).exit_code == 0
    assert argmap.load(above).source.file == "data/sources/1962-11-30-deptel-1180.txt"  # type: ignore[union-attr]
    back = tmp_path / "data" / "back.yaml"
    assert runner.invoke(main, ["convert", str(above), str(back)]).exit_code == 0
    assert argmap.load(back) == argmap.load(bundled)


def test_max_bytes_raises_the_limit_and_the_message_names_it(tmp_path: Path) -> None:
    points = [argmap.Point(f"p{i}", "claim" if i == 0 else "objection", "us" if i % 2 else "them",
                           f"Point {i}.", attacks=[f"p{i - 1}"] if i else []) for i in range(300)]
    amap = argmap.ArgumentMap("debate", "Debate", parties=[argmap.Party("us"), argmap.Party("them")],
                              points=points)
    path = amap.save(tmp_path / "debate.aif.json")
    size = path.stat().st_size
    runner = CliRunner()
    refused = runner.invoke(main, ["--max-bytes", str(size - 1), "validate", str(path)])
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"{path}: the map file is larger than {size - 1:,} bytes; if you trust it, raise the limit: "
        "max_bytes= in Python, 'argmap --max-bytes SIZE ...' on the command line\n")
    assert runner.invoke(main, ["--max-bytes", "1M", "validate", str(path)]).exit_code == 0
    by_env = runner.invoke(main, ["validate", str(path)], env={"ARGMAP_MAX_BYTES": "1K"})
    assert by_env.exit_code == 1
    assert "larger than 1,024 bytes" in by_env.stderr
    bad = runner.invoke(main, ["--max-bytes", "2X", "validate", str(path)])
    assert bad.exit_code == 2
    assert "'2X' is not a size: write bytes, or a number with K, M or G (900M, 2G)" in bad.stderr
