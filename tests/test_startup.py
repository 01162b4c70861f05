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
