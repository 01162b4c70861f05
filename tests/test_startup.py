"""What ``import argmap`` loads: only what every use needs (the time is in benchmarks/startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import argmap

HEAVY = ("yaml", "cattrs", "networkx", "graphviz", "numpy", "pandas", "importlib.metadata")


def test_import_argmap_loads_no_reader_layout_or_number_package() -> None:
    code = ("import sys, json, argmap; "
            f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_what_is_loaded_on_first_use_is_the_same_object() -> None:
    from argmap.io import load, save

    assert argmap.load is load
    assert argmap.save is save
    assert argmap.load_case is argmap.io.case_format.load_case


def test_the_command_line_loads_none_of_them_to_answer_help() -> None:
    code = ("import sys, json\nfrom click.testing import CliRunner\nfrom argmap.cli import main\n"
            "result = CliRunner().invoke(main, ['--help'])\nassert result.exit_code == 0, result.output\n"
            "for name in ('render', 'slides', 'handout'):\n"
            "    assert CliRunner().invoke(main, [name, '--help']).exit_code == 0\n"
            f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_the_renderers_names_are_the_ones_the_renderers_take() -> None:
    import graphviz

    from argmap.render import choices, dot, output

    assert set(choices.ENGINES) <= graphviz.ENGINES
    assert set(choices.FORMATS) - {"html"} <= graphviz.FORMATS
    amap = argmap.datasets.load("1962-10-30-moscow")
    for label in choices.LABELS:
        for direction in choices.DIRECTIONS:
            source = dot.to_graphviz(amap, label=label, direction=direction).source  # type: ignore[arg-type]
            assert f"rankdir={direction}" in source
    assert argmap.render.to_graphviz is dot.to_graphviz
    assert argmap.render.render is output.render
