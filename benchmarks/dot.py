"""DOT text, like for like: argmap against arguebuf, from each one's graph of a debate to DOT text.

Run (after ``make test``, which installs arguebuf):

    .venv/bin/python benchmarks/dot.py            # 2,000 points, 7 rounds
    .venv/bin/python benchmarks/dot.py --quick    # 3 rounds

The same generated debate (benchmarks/run.py's ``debate``, 2,000 points) is, in each
fresh process and outside the timing, an ``argmap.ArgumentMap`` or, read from argmap's
AIF, an ``arguebuf.Graph``; the timing is each library's own call from its graph to the
DOT text: ``argmap.render.to_graphviz(amap).source`` and
``arguebuf.dump.graphviz(graph, max_nodes=...).source``. The two texts are not the same
drawing (argmap's has a box per point with speaker, kind and text, party columns and
issue bands; arguebuf's a node per point and per scheme), so the figure compares the
cost of each library's way from its model to Graphviz. The contenders are interleaved
round by round, each ratio is taken within a round, and the median is reported.
Results go to benchmarks/results/dot.md and dot.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

CONTENDERS = ("argmap", "arguebuf")
POINTS = 2_000


def child(contender: str) -> dict[str, Any]:
    from run import debate

    amap = debate(POINTS)
    if contender == "argmap":
        from argmap.render import to_graphviz

        amap._index  # noqa: B018 - the map as loaded: its index is built when it is read

        def call() -> str:
            return str(to_graphviz(amap).source)
    else:
        import arguebuf

        from argmap.io.aif import dumps_aif

        graph = arguebuf.load.aif(json.loads(dumps_aif(amap)))

        def call() -> str:
            return str(arguebuf.dump.graphviz(graph, max_nodes=10 * POINTS).source)
    start = time.perf_counter()
    text = call()
    seconds = time.perf_counter() - start
    return {"contender": contender, "seconds": seconds, "bytes": len(text.encode("utf-8"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    rounds = 3 if args.quick else 7
    rows = []
    for r in range(rounds):
        row = {}
        for contender in CONTENDERS:
            done = subprocess.run([sys.executable, __file__, "--child", contender],
                                  capture_output=True, text=True, check=True)
            row[contender] = json.loads(done.stdout.splitlines()[-1])
        rows.append(row)
        print(f"round {r + 1}: " + ", ".join(f"{c} {row[c]['seconds']:.4f} s" for c in CONTENDERS),
              file=sys.stderr)
    summary = {
        **{f"{c}_s": statistics.median(row[c]["seconds"] for row in rows) for c in CONTENDERS},
        **{f"{c}_bytes": rows[0][c]["bytes"] for c in CONTENDERS},
        "arguebuf_over_argmap": statistics.median(
            row["arguebuf"]["seconds"] / row["argmap"]["seconds"] for row in rows),
    }
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "dot.json").write_text(json.dumps({"rounds": rounds, "points": POINTS, "summary": summary,
                                              "raw": rows}, indent=2))
    text = (f"# DOT text for {POINTS:,} points, like for like (median of {rounds} interleaved rounds, "
            "fresh processes)\n\n| argmap | arguebuf | arguebuf / argmap | argmap's DOT | arguebuf's DOT |\n"
            "| --- | --- | --- | --- | --- |\n"
            f"| {summary['argmap_s']:.4f} s | {summary['arguebuf_s']:.4f} s | "
            f"{summary['arguebuf_over_argmap']:.2f} | {summary['argmap_bytes']:,} bytes | "
            f"{summary['arguebuf_bytes']:,} bytes |\n")
    (out / "dot.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
