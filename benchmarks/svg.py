"""The bundled 1962 maps drawn as SVG, against Graphviz's own ``dot`` on the same DOT text.

Run:  .venv/bin/python benchmarks/svg.py

For each bundled map, five interleaved rounds of:

- ``argmap``: ``ArgumentMap.render(path.svg)`` from the loaded map (DOT text, the layout, the
  party columns kept in order, the file written);
- ``dot -Tsvg``: the Graphviz binary alone on the DOT text argmap wrote, the floor.

It prints the median seconds of each and the median per-round ratio. (A unit test once asserted
"under a second"; the figure lives here now, measured beside its floor.)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import argmap  # noqa: E402


def main() -> None:
    print("| map | argmap render (s) | dot -Tsvg (s) | ratio |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for name in argmap.datasets.names():
            amap = argmap.datasets.load(name)
            source = amap.to_graphviz().source
            ours, floor, ratios = [], [], []
            for _ in range(5):
                start = time.perf_counter()
                amap.render(Path(folder) / "map.svg")
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                subprocess.run(["dot", "-Tsvg", "-o", str(Path(folder) / "dot.svg")], input=source,
                               text=True, check=True)
                floor.append(time.perf_counter() - start)
                ratios.append(ours[-1] / floor[-1])
            print(f"| {name} | {statistics.median(ours):.3f} | {statistics.median(floor):.3f} "
                  f"| {statistics.median(ratios):.2f} |", flush=True)


if __name__ == "__main__":
    main()
