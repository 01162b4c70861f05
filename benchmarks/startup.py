"""Start-up: ``import argmap`` and ``argmap --help``, best of five fresh processes each.

Run:  .venv/bin/python benchmarks/startup.py

``import argmap`` is timed inside the process, around the import statement alone (the
interpreter's own start is not argmap's); ``argmap --help`` is the whole command, wall clock.
Beside them, ``import json`` the same way and ``python -c pass`` wall clock, for scale.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ARGMAP = Path(sys.executable).with_name("argmap")
IMPORT = "import time; t = time.perf_counter(); import {0}; print(time.perf_counter() - t)"


def best(command: list[str], inside: bool) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        times.append(float(done.stdout.split()[-1]) if inside else time.perf_counter() - start)
    return min(times)


def main() -> None:
    rows = [
        ("import argmap", best([sys.executable, "-c", IMPORT.format("argmap")], True)),
        ("import json", best([sys.executable, "-c", IMPORT.format("json")], True)),
        ("argmap --help (whole command)", best([str(ARGMAP), "--help"], False)),
        ("python -c pass (whole command)", best([sys.executable, "-c", "pass"], False)),
    ]
    for name, seconds in rows:
        print(f"{name:32} {seconds:.3f} s")


if __name__ == "__main__":
    main()
