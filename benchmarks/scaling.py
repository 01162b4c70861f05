"""How the queries and loading grow, 10k to 1M points, against the floors measured in the same run.

Run (after ``make test``, which installs arguebuf):

    .venv/bin/python benchmarks/scaling.py            # 10k, 100k and 1M points, both generators
    .venv/bin/python benchmarks/scaling.py --quick    # 10k and 100k

For each size and each of two generators, the map is written once as format-1 JSON (and, at
100,000 points, as AIF for arguebuf). Then each operation runs in a fresh process, the
operations interleaved round by round, and is timed from the same file:

- ``json.load``: the standard library's parser on the file, the floor for loading it;
- ``json.load + points``: ``json.load``, then each point as a bare frozen ``Point`` with
  nothing checked: the floor for loading into the model's objects;
- ``load``: ``argmap.load`` of the file, to a checked, frozen map;
- ``one pass``: a bare single pass over the loaded graph: every relation of every point, the
  parties of its two ends looked up by id and compared; the floor for a query that has to
  look at every relation;
- ``unresolved``: how many threads and pending proposals (``len(unresolved(m))``: every
  thread found, no record built), the like of the bare pass's count;
- ``unresolved records``: the same, every ``Thread`` record built;
- ``compare``: the query, on the loaded map (loading not timed);
- ``arguebuf``: ``arguebuf.load.file`` of the same map as AIF (100,000 points only).

Each ratio is taken within a round before the median is reported; slopes are the log-log
slope of the median times from 10,000 to 1,000,000 points. Peak memory is the measuring
process's maximum resident set, less what it held before the timing (the interpreter and the
imports).

Two generators:

- ``debate``: the shape of ``benchmarks/run.py``: reply trees under root claims and proposals,
  three parties, one point in twenty also attacking a random earlier point of another party;
- ``cross``: independent of it: every point (after the first) attacks one to three points of
  another party, chosen from anywhere earlier in the map, and one attack in fifteen goes
  forward to a later point, so that open attacks form cycles; one point in ten agrees with
  one it answers, so some disagreements are settled.

Results go to benchmarks/results/scaling.md and scaling.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

PARTIES = ("a", "b", "c")
ISSUES = tuple(f"issue-{i}" for i in range(8))
OPERATIONS = ("json.load", "json.load + points", "load", "one pass", "unresolved", "unresolved records",
              "compare")
TEXT = "Point {} says something about the matter."


def cross(n: int, seed: int = 5) -> dict[str, Any]:
    """Return the format-1 document of an *n*-point map with cross-attacks and cycles.

    Independent of :func:`run.debate`: after the first three, a point opens a new claim on an
    issue (one in ten), concedes a random earlier point of another party (one in twenty), or
    attacks one point of another party chosen from the whole map before it; one attack in
    fifteen goes to a later point instead, so that open attacks form cycles.
    """
    rnd = random.Random(seed)
    party_of = [PARTIES[i % 3] if i < 3 else rnd.choice(PARTIES) for i in range(n)]
    points: list[dict[str, Any]] = []

    def other_party(i: int, low: int, high: int) -> int | None:
        for _ in range(8):
            j = rnd.randrange(low, high)
            if party_of[j] != party_of[i]:
                return j
        return None

    for i in range(n):
        point: dict[str, Any] = {"id": f"p{i}", "kind": "claim", "by": party_of[i],
                                 "text": TEXT.format(i)}
        roll = rnd.random()
        target = None
        if i < 3 or roll < 0.1:
            point["issue"] = ISSUES[rnd.randrange(len(ISSUES))]
        elif roll < 0.15:
            target = other_party(i, 0, i)
            if target is not None:
                point["kind"] = "concession"
                point["agrees"] = [f"p{target}"]
        else:
            forward = i < n - 1 and rnd.random() < 1 / 15
            target = other_party(i, i + 1, n) if forward else other_party(i, 0, i)
            if target is not None:
                point["kind"] = "objection"
                point["attacks"] = [f"p{target}"]
        points.append(point)
    return {"argmap": 1, "id": f"cross-{n}", "title": f"A generated map of {n} points",
            "parties": [{"id": p, "name": f"Party {p.upper()}"} for p in PARTIES],
            "issues": [{"id": i, "title": i} for i in ISSUES], "points": points}


def write_maps(workdir: Path, sizes: list[int]) -> None:
    """Write both generators' maps at every size (and AIF at 100,000 points) into *workdir*."""
    from run import debate

    import argmap

    for n in sizes:
        amap = debate(n)
        amap.save(workdir / f"debate-{n}.json")
        if n == 100_000:
            amap.save(workdir / f"debate-{n}.aif.json")
        del amap
        (workdir / f"cross-{n}.json").write_text(json.dumps(cross(n)))
        if n == 100_000:
            amap = argmap.load(workdir / f"cross-{n}.json", max_bytes=2**31)
            amap.save(workdir / f"cross-{n}.aif.json")
        print(f"wrote the maps of {n:,} points", file=sys.stderr, flush=True)


def bare_pass(amap: Any, party_of: dict[str, str]) -> int:
    """Look at every relation of every point once, comparing the parties of its two ends.

    The floor for a query that has to look at every relation; *party_of* maps point ids
    to parties (built before the timing).
    """
    count = 0
    for p in amap.points:
        own = party_of[p.id]
        for target in p.attacks:
            count += own != party_of[target]
        for target in p.supports:
            count += own != party_of[target]
        for target in p.agrees:
            count += own != party_of[target]
    return count


def bare_points(path: Path) -> list[Any]:
    """``json.load`` of the file, then each point as a bare :class:`argmap.Point`, nothing checked.

    Every slot of the frozen class set from the parsed values (a list left a list, a missing
    field None), as few operations as a point can be built with, the collector paused as
    ``argmap.load`` pauses it: the floor for loading into the model's objects, beside
    ``json.load``'s floor for parsing alone.
    """
    import attrs

    from argmap._util import gc_paused
    from argmap.model import Point

    setters = [(f.name, vars(Point)[f.name].__set__) for f in attrs.fields(Point)]
    new = object.__new__
    with gc_paused():  # as argmap.load pauses it while it builds a map
        with path.open("rb") as handle:
            data = json.load(handle)
        points = []
        for raw in data["points"]:
            point = new(Point)
            get = raw.get
            for name, setter in setters:
                setter(point, get(name))
            points.append(point)
        del data
    return points


def child(operation: str, path: Path) -> dict[str, Any]:
    """Time one *operation* on the map at *path*, in this fresh process.

    Imports, and one load of a small bundled map (cattrs generates its code on first use),
    come before the timing, as ``import json`` does for ``json.load``.
    """
    import argmap
    import argmap.io
    import argmap.query

    argmap.datasets.load("1962-11-28-new-york")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    limit = 2**31
    call: Callable[[], Any]
    if operation == "json.load":
        def call() -> Any:
            with path.open("rb") as handle:
                return json.load(handle)
    elif operation == "json.load + points":
        def call() -> Any:
            return bare_points(path)
    elif operation == "load":
        def call() -> Any:
            return argmap.load(path, max_bytes=limit)
    elif operation == "arguebuf":
        import arguebuf

        aif = path.with_suffix(".aif.json")

        def call() -> Any:
            return arguebuf.load.file(aif)
    else:
        amap = argmap.load(path, max_bytes=limit)
        gc.collect()
        if operation == "one pass":
            party_of = amap._index.party_of  # a dict by id, built before the timing

            def call() -> Any:
                return bare_pass(amap, party_of)
        elif operation == "unresolved":  # counted: the records are built when first asked for
            def call() -> Any:
                return len(argmap.query.unresolved(amap))
        elif operation == "unresolved records":  # and every record built
            def call() -> Any:
                return len(tuple(argmap.query.unresolved(amap)))
        elif operation == "compare":
            def call() -> Any:
                return argmap.query.compare(amap, "a", "b")
        else:
            raise SystemExit(f"unknown operation {operation}")
    gc.collect()
    start = time.perf_counter()
    call()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mib": (peak - base) / 1024}


def slope(small: float, large: float, ratio: float) -> float:
    """Return the log-log slope between two times *ratio* sizes apart."""
    return math.log(large / small) / math.log(ratio)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k points, 2 rounds")
    parser.add_argument("--rounds", type=int, help="rounds per size (default 3, 1 at a million)")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--write", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.write:
        write_maps(Path(options.write[0]), [int(n) for n in options.write[1:]])
        return
    if options.child:
        print(json.dumps(child(options.child[0], Path(options.child[1]))))
        return
    sizes = [10_000, 100_000] if options.quick else [10_000, 100_000, 1_000_000]
    started = time.perf_counter()
    runs: dict[str, dict[int, list[dict[str, dict[str, float]]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        # the maps are written by a child: a process inherits its parent's peak memory (Linux
        # keeps ru_maxrss across fork and exec), so the parent stays small
        subprocess.run([sys.executable, __file__, "--write", str(workdir), *map(str, sizes)], check=True)
        for generator in ("debate", "cross"):
            runs[generator] = {}
            for n in sizes:
                rounds = options.rounds or (2 if options.quick else 1 if n >= 1_000_000 else 3)
                operations = OPERATIONS + (("arguebuf",) if n == 100_000 else ())
                runs[generator][n] = []
                for r in range(rounds):
                    measured = {}
                    for operation in operations:
                        command = [sys.executable, __file__, "--child", operation,
                                   str(workdir / f"{generator}-{n}.json")]
                        done = subprocess.run(command, capture_output=True, text=True, check=True)
                        measured[operation] = json.loads(done.stdout.splitlines()[-1])
                    runs[generator][n].append(measured)
                    print(f"{generator} {n:>9,} round {r + 1}: " + ", ".join(
                        f"{op} {m['seconds']:.3f} s" for op, m in measured.items()),
                        file=sys.stderr, flush=True)
    total = time.perf_counter() - started
    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / "scaling.json").write_text(json.dumps(
        {"total_seconds": total, "python": sys.version.split()[0], "runs": runs}, indent=1))
    text = report(runs, sizes, total)
    (options.out / "scaling.md").write_text(text)
    print(text)


def report(runs: dict[str, dict[int, list[dict[str, dict[str, float]]]]], sizes: list[int],
           total: float) -> str:
    """Return the Markdown report of *runs*."""
    def median(generator: str, n: int, operation: str, key: str = "seconds") -> float:
        return statistics.median(r[operation][key] for r in runs[generator][n])

    def ratio(generator: str, n: int, top: str, bottom: str) -> float:
        return statistics.median(r[top]["seconds"] / r[bottom]["seconds"] for r in runs[generator][n])

    first, last = sizes[0], sizes[-1]
    lines = [f"# Scaling, {first:,} to {last:,} points\n",
             f"Total {total / 60:.1f} minutes on Python {sys.version.split()[0]}. Medians of the "
             "rounds; ratios are medians of the per-round ratios.\n"]
    for generator in runs:
        lines += [f"## {generator}\n",
                  "| operation | " + " | ".join(f"{n:,}" for n in sizes) + f" | slope {first:,}→{last:,} |",
                  "|---" * (len(sizes) + 2) + "|"]
        for operation in OPERATIONS:
            times = [median(generator, n, operation) for n in sizes]
            lines.append(f"| {operation} | " + " | ".join(f"{t:.4f} s" for t in times)
                         + f" | {slope(times[0], times[-1], last / first):.2f} |")
        lines += ["", "| ratio | " + " | ".join(f"{n:,}" for n in sizes) + " |",
                  "|---" * (len(sizes) + 1) + "|"]
        for top, bottom in (("unresolved", "one pass"), ("unresolved records", "one pass"),
                            ("compare", "one pass"), ("load", "json.load"),
                            ("json.load + points", "json.load"), ("load", "json.load + points")):
            lines.append(f"| {top} / {bottom} | " + " | ".join(
                f"{ratio(generator, n, top, bottom):.2f}" for n in sizes) + " |")
        if 100_000 in sizes:
            lines.append("| arguebuf / load, 100,000 | " + " | ".join(
                f"{ratio(generator, n, 'arguebuf', 'load'):.2f}" if n == 100_000 else "—"
                for n in sizes) + " |")
        lines.append(f"| peak MiB, load / json.load, {last:,} | " + " | ".join(
            f"{median(generator, n, 'load', 'peak_mib') / median(generator, n, 'json.load', 'peak_mib'):.2f}"
            if n == last else "—" for n in sizes) + " |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
