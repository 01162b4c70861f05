"""The bundled 1962 maps as interactive pages, against Graphviz's own ``dot`` on the same diagrams.

Run:  .venv/bin/python benchmarks/page.py

A page holds the whole map's diagram and each issue's own, laid out to be read whole on a
laptop (the page tries layouts until one is readable, two issues at a time). For each bundled
map, five interleaved rounds of:

- ``argmap``: ``ArgumentMap.render(path.html)`` from the loaded map (every diagram's DOT text,
  the layouts tried, the party columns kept in order, the page written);
- ``dot -Tsvg``: the Graphviz binary alone, one run after another, on the DOT text of the whole
  map and of each issue's diagram the page ended with: the floor, had the layouts been known.

It prints the median seconds of each, the median per-round ratio, and how many layouts the
page tried for how many issues.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import argmap  # noqa: E402
from argmap.render import html  # noqa: E402
from argmap.render.output import pipe  # noqa: E402


def main() -> None:
    print("| map | issues | layouts tried | argmap page (s) | dot -Tsvg (s) | ratio |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for name in argmap.datasets.names():
            amap = argmap.datasets.load(name)
            options = html.page_options({})
            sources = [amap.to_graphviz(**options).source]
            with mock.patch.object(html, "pipe", side_effect=pipe) as counted:  # the layouts tried
                for issue in amap.issues:
                    _, dot = html._issue_view(amap, issue.id, "dot", {**options, "title": False})
                    if dot is not None:
                        sources.append(dot.source)
            tried = counted.call_count
            ours, floor, ratios = [], [], []
            for _ in range(5):
                start = time.perf_counter()
                amap.render(Path(folder) / "page.html")
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                for source in sources:
                    subprocess.run(["dot", "-Tsvg", "-o", str(Path(folder) / "dot.svg")],
                                   input=source, text=True, check=True)
                floor.append(time.perf_counter() - start)
                ratios.append(ours[-1] / floor[-1])
            print(f"| {name} | {len(sources) - 1} | {tried} | {statistics.median(ours):.3f} "
                  f"| {statistics.median(floor):.3f} | {statistics.median(ratios):.2f} |", flush=True)


if __name__ == "__main__":
    main()
