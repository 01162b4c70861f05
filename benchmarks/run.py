"""Speed and memory of argmap, with the peers measured in the same run.

Run (after ``pip install -e '.[bench]'``, which installs the peers' packages):

    .venv/bin/python benchmarks/run.py                  # everything, about 10 minutes here
    .venv/bin/python benchmarks/run.py --quick          # small sizes only, a minute

Each measurement runs in a fresh Python process, so that its peak memory (the
process's maximum resident set) is its own; times are the median of --repeat
runs. Results go to benchmarks/results/report.md and report.json.

Maps are generated to look like debates: reply trees under root claims and
proposals, three parties, eight issues, one point in twenty also attacking a
random earlier point of another party, and some concessions.
"""

from __future__ import annotations

import argparse
import gc
import json
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


# --- generators ------------------------------------------------------------------------------


def debate(n: int, seed: int = 1) -> Any:
    """Return a debate-like map of *n* points."""
    import argmap

    rnd = random.Random(seed)
    party_of: list[str] = []
    kinds: list[str] = []
    points = []
    for i in range(n):
        party = PARTIES[i % 3] if i < 3 or rnd.random() < 0.1 else rnd.choice(PARTIES)
        relations: dict[str, list[str]] = {}
        kind = "claim"
        issue = None
        if i < 3 or rnd.random() < 0.1:
            kind = rnd.choice(["claim", "proposal"])
            issue = rnd.choice(ISSUES)
        else:
            target = rnd.randrange(max(0, i - 2000), i)  # replies stay near in the file
            other = party_of[target] != party
            roll = rnd.random()
            if other and roll < 0.6:
                kind = "rebuttal" if kinds[target] in ("objection", "rebuttal") else "objection"
                relations["attacks"] = [f"p{target}"]
            elif other and roll < 0.7:
                kind = "concession"
                relations["agrees"] = [f"p{target}"]
            elif not other:
                kind = "reason"
                relations["supports"] = [f"p{target}"]
            else:
                kind = "claim"
                relations["attacks"] = [f"p{target}"]
            if rnd.random() < 0.05:  # a cross-attack on another party's earlier point
                extra = rnd.randrange(0, i)
                if party_of[extra] != party and f"p{extra}" not in relations.get("attacks", []):
                    relations.setdefault("attacks", []).append(f"p{extra}")
                    if kind == "rebuttal" and kinds[extra] not in ("objection", "rebuttal"):
                        kind = "objection"
                    if kind in ("concession", "reason"):
                        kind = "claim"
        party_of.append(party)
        kinds.append(kind)
        points.append(argmap.Point(f"p{i}", kind, party, f"Point {i} says something about the matter.",
                                   issue=issue, **relations))
    return argmap.ArgumentMap(
        f"debate-{n}", f"A generated debate of {n} points",
        parties=[argmap.Party(p, name=f"Party {p.upper()}") for p in PARTIES],
        issues=[argmap.Issue(i, title=i) for i in ISSUES], points=points,
    )


def framework(n_args: int, n_attacks: int, seed: int = 2) -> list[tuple[str, str]]:
    """Return *n_attacks* random attacks among *n_args* arguments (for grounded)."""
    rnd = random.Random(seed)
    pairs = set()
    while len(pairs) < n_attacks:
        pairs.add((rnd.randrange(n_args), rnd.randrange(n_args)))
    return [(str(a), str(b)) for a, b in sorted(pairs)]


def attacked_twice(n_args: int, seed: int = 3) -> list[tuple[str, str]]:
    """Return attacks where every argument has two random attackers (for the searches).

    The average out-degree is 2 and no argument is unattacked, so the grounded
    extension is empty and the search has to do the work.
    """
    rnd = random.Random(seed)
    pairs = set()
    for b in range(n_args):
        for a in rnd.sample([x for x in range(n_args) if x != b], 2):
            pairs.add((str(a), str(b)))
    return sorted(pairs)


# --- tasks, each run in a child process --------------------------------------------------------


def _timed(call: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def task(name: str, size: int, repeat: int, workdir: Path) -> dict[str, Any]:
    import argmap
    import argmap.io.aif

    if name.startswith("map-"):
        path = workdir / f"debate-{size}"
        if name == "map-write":
            amap = debate(size)
            big = size >= 1_000_000  # YAML and AIF of a million points are left out (see report)

            def write() -> None:
                amap.save(path.with_suffix(".json"))
                if not big:
                    amap.save(path.with_suffix(".yaml"))
                    path.with_suffix(".aif.json").write_text(argmap.io.aif.dumps_aif(amap))
            return {"seconds": _timed(write, 1)}
        if name == "map-load-json":
            return {"seconds": _timed(lambda: argmap.load(path.with_suffix(".json")), repeat)}
        if name == "map-load-yaml":
            return {"seconds": _timed(lambda: argmap.load(path.with_suffix(".yaml")), repeat)}
        if name == "map-save-json":
            amap = argmap.load(path.with_suffix(".json"))
            out = workdir / f"copy-{size}.json"
            return {"seconds": _timed(lambda: amap.save(out), repeat)}
        amap = argmap.load(path.with_suffix(".json"))
        if name == "map-validate":
            from argmap.model import map_problems

            return {"seconds": _timed(lambda: map_problems(
                enumerate(amap.parties), enumerate(amap.actors), enumerate(amap.issues),
                enumerate(amap.points)), repeat)}
        if name == "map-one-pass":  # the same bare pass as benchmarks/scaling.py
            from scaling import bare_pass

            party_of = amap._index.party_of
            return {"seconds": _timed(lambda: bare_pass(amap, party_of), repeat)}
        if name == "map-unresolved":
            # counted: the records are built when first asked for (benchmarks/scaling.py times both)
            return {"seconds": _timed(lambda: len(argmap.query.unresolved(amap)), repeat)}
        if name == "map-compare":
            return {"seconds": _timed(lambda: argmap.query.compare(amap, "a", "b"), repeat)}
        if name == "map-dot":
            return {"seconds": _timed(lambda: argmap.render.to_graphviz(amap).source, repeat)}
    if name == "arguebuf-load-aif":
        import arguebuf

        path = workdir / f"debate-{size}.aif.json"
        return {"seconds": _timed(lambda: arguebuf.load.file(path), repeat)}
    if name.startswith("grounded-") or name.startswith(("preferred-", "stable-")):
        semantics, library = name.split("-", 1)
        # grounded: *size* attacks over size/2 arguments; the searches: *size* arguments;
        # both with an average out-degree of 2
        n_args = max(2, size // 2) if semantics == "grounded" else size
        pairs = framework(n_args, size) if semantics == "grounded" else attacked_twice(size)
        args = [str(i) for i in range(n_args)]
        # every contender from the same lists to the same answer, its own framework (and
        # whatever index it builds) inside the timing
        if library in ("argmap", "argmap-python", "argmap-sat"):
            from argmap import semantics as sem

            solver = "sat" if library == "argmap-sat" else "python"
            call: Callable[[], Any] = {
                "grounded": lambda: sem.grounded_extension(sem.Framework(args, pairs)),
                "preferred": lambda: sem.preferred_extensions(
                    sem.Framework(args, pairs), solver=solver),  # type: ignore[arg-type]
                "stable": lambda: sem.stable_extensions(
                    sem.Framework(args, pairs), solver=solver),  # type: ignore[arg-type]
            }[semantics]
        elif library == "formal-argumentation":
            from argumentation.core import dung

            def fa() -> Any:
                return dung.ArgumentationFramework(arguments=frozenset(args), defeats=frozenset(pairs))
            call = {"grounded": lambda: dung.grounded_extension(fa()),
                    "preferred": lambda: dung.preferred_extensions(fa()),
                    "stable": lambda: dung.stable_extensions(fa())}[semantics]
        elif library == "python-argumentation":
            from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
                AbstractArgumentationFramework,
            )
            from py_arg.abstract_argumentation_classes.argument import Argument
            from py_arg.abstract_argumentation_classes.defeat import Defeat
            from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
            from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
            from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

            def pa() -> Any:
                objects = {a: Argument(a) for a in args}
                return AbstractArgumentationFramework(
                    "af", list(objects.values()), [Defeat(objects[a], objects[b]) for a, b in pairs])
            call = {"grounded": lambda: get_grounded_extension(pa()),
                    "preferred": lambda: get_preferred_extensions(pa()),
                    "stable": lambda: get_stable_extensions(pa())}[semantics]
        else:
            raise SystemExit(f"unknown library {library}")
        return {"seconds": _timed(call, repeat)}
    raise SystemExit(f"unknown task {name}")


def run_child(name: str, size: int, repeat: int, workdir: Path, cap: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", name, str(size), str(repeat), str(workdir)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap, check=False)
    except subprocess.TimeoutExpired:
        return {"task": name, "size": size, "status": f"over the {cap:.0f} s cap"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"task": name, "size": size, "status": f"failed: {last.split(':')[0].split('.')[-1]}",
                "error": last}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(task=name, size=size, status="ok",
                  median=statistics.median(result["seconds"]))
    return result


# --- the run ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        name, size, repeat, workdir = options.child
        result = task(name, int(size), int(repeat), Path(workdir))
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return

    map_sizes = [1_000, 10_000] if options.quick else [1_000, 10_000, 100_000, 1_000_000]
    grounded_sizes = [1_000, 10_000] if options.quick else [1_000, 10_000, 100_000, 1_000_000]
    search_sizes = [20, 50] if options.quick else [20, 50, 100, 200]
    results: list[dict[str, Any]] = []
    started = time.perf_counter()

    capped: dict[str, int] = {}  # a task over its cap at one size is not tried at larger ones

    def record(name: str, size: int, repeat: int, cap: float, workdir: Path) -> dict[str, Any]:
        if name in capped and size >= capped[name]:
            result = {"task": name, "size": size,
                      "status": f"not run: over the cap at {capped[name]:,}"}
        else:
            result = run_child(name, size, repeat, workdir, cap)
            if result["status"].startswith("over"):
                capped[name] = size
        results.append(result)
        shown = f"{result['median']:.4f} s, {result['peak_mib']:.0f} MiB" if result["status"] == "ok" \
            else result["status"]
        print(f"{name:34} {size:>9,}  {shown}", flush=True)
        return result

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for size in map_sizes:
            rounds = 1 if size >= 1_000_000 else options.repeat
            record("map-write", size, 1, 600, workdir)
            names = ["map-load-json", "map-save-json", "map-validate", "map-one-pass",
                     "map-unresolved", "map-compare"]
            if size < 1_000_000:
                names.insert(1, "map-load-yaml")
                names.append("arguebuf-load-aif")
            if size <= 10_000:
                names.append("map-dot")
            # round by round, each task once per round in a fresh process: a ratio is taken
            # within a round, so that a change in the machine's load slows both of its sides
            for r in range(rounds):
                for name in names:
                    record(name, size, 1, 300, workdir)["round"] = r
        record("map-write", 2_000, 1, 60, workdir)
        record("map-dot", 2_000, options.repeat, 60, workdir)
        for size in grounded_sizes:
            for r in range(options.repeat):
                for library in ("argmap", "formal-argumentation", "python-argumentation"):
                    record(f"grounded-{library}", size, 1, 120, workdir)["round"] = r
        for size in search_sizes:
            for semantics in ("preferred", "stable"):
                for library in ("argmap-python", "argmap-sat", "formal-argumentation",
                                "python-argumentation"):
                    record(f"{semantics}-{library}", size, 1, 60, workdir)
    total = time.perf_counter() - started
    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / "report.json").write_text(json.dumps(
        {"total_seconds": total, "python": sys.version.split()[0], "results": results}, indent=1))
    (options.out / "report.md").write_text(report(results, total))
    print(f"\nwrote {options.out / 'report.md'} ({total / 60:.1f} minutes)")


def report(results: list[dict[str, Any]], total: float) -> str:
    done: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in results:
        if r["status"] == "ok":
            done.setdefault((r["task"], r["size"]), []).append(r)

    def med(name: str, size: int, key: str = "median") -> float | None:
        found = done.get((name, size))
        return statistics.median(r[key] for r in found) if found else None

    def ratio_of(top: str, bottom: str, size: int) -> float | None:
        """The median over rounds of top / bottom, each ratio within one round."""
        tops = {r.get("round", 0): r["median"] for r in done.get((top, size), [])}
        bottoms = {r.get("round", 0): r["median"] for r in done.get((bottom, size), [])}
        ratios = [tops[k] / bottoms[k] for k in tops if bottoms.get(k)]
        return statistics.median(ratios) if ratios else None

    def fmt(value: float | None, unit: str = "s") -> str:
        return "—" if value is None else f"{value:.4f} {unit}" if unit == "s" else f"{value:.0f}"

    lines = [f"# Benchmark report\n\nTotal {total / 60:.1f} minutes. Medians; peak resident memory "
             "of the measuring process.\n", "## Maps\n",
             "| points | load JSON | load YAML | YAML/JSON | arguebuf AIF | arguebuf/argmap | "
             "argmap MiB | arguebuf MiB | save JSON | validate | one pass | unresolved | ×pass | "
             "compare | ×pass |", "|" + "---|" * 15]
    sizes = sorted({r["size"] for r in results if r["task"] == "map-load-json"})
    for n in sizes:
        j, y, a = med("map-load-json", n), med("map-load-yaml", n), med("arguebuf-load-aif", n)
        one, un, cmp_ = med("map-one-pass", n), med("map-unresolved", n), med("map-compare", n)
        jm, am = med("map-load-json", n, "peak_mib"), med("arguebuf-load-aif", n, "peak_mib")

        def ratio(top: str, bottom: str, n: int = n) -> str:
            value = ratio_of(top, bottom, n)
            return "—" if value is None else f"{value:.1f}"
        arguebuf = fmt(a) if a is not None else next(
            (r["status"] for r in results if r["task"] == "arguebuf-load-aif" and r["size"] == n), "—")
        lines.append(
            f"| {n:,} | {fmt(j)} | {fmt(y)} | {ratio('map-load-yaml', 'map-load-json')} | {arguebuf} | "
            f"{ratio('arguebuf-load-aif', 'map-load-json')} | "
            f"{fmt(jm, 'MiB')} | {fmt(am, 'MiB')} | {fmt(med('map-save-json', n))} | "
            f"{fmt(med('map-validate', n))} | {fmt(one)} | {fmt(un)} | "
            f"{ratio('map-unresolved', 'map-one-pass')} | "
            f"{fmt(cmp_)} | {ratio('map-compare', 'map-one-pass')} |")
    lines += ["", "DOT generation: " + ", ".join(
        f"{n:,} points {fmt(med('map-dot', n))}" for n in (1_000, 2_000, 10_000) if med("map-dot", n))]
    lines += ["", "## Grounded semantics\n", "| attacks | argmap | formal-argumentation | "
              "python-argumentation | fastest peer / argmap |", "|---|---|---|---|---|"]
    for n in sorted({r["size"] for r in results if r["task"].startswith("grounded-")}):
        row = [med(f"grounded-{lib}", n) for lib in
               ("argmap", "formal-argumentation", "python-argumentation")]
        peers = [x for x in row[1:] if x is not None]
        cells = [fmt(x) if x is not None else next(
            r["status"] for r in results if r["task"] == f"grounded-{lib}" and r["size"] == n)
            for x, lib in zip(row, ("argmap", "formal-argumentation", "python-argumentation"),
                              strict=True)]
        per_round = [x for x in (ratio_of(f"grounded-{lib}", "grounded-argmap", n)
                                  for lib in ("formal-argumentation", "python-argumentation"))
                     if x is not None]
        speed = f"{min(per_round):.1f}" if peers and per_round else "—"
        lines.append(f"| {n:,} | {' | '.join(cells)} | {speed} |")
    for semantics in ("preferred", "stable"):
        lines += ["", f"## {semantics.capitalize()} semantics (random; every argument attacked by "
                  "two others, so the grounded extension is empty; 60 s cap)\n",
                  "| arguments | argmap (search) | argmap (SAT) | formal-argumentation | "
                  "python-argumentation |", "|---|---|---|---|---|"]
        for n in sorted({r["size"] for r in results if r["task"].startswith(f"{semantics}-")}):
            cells = []
            for lib in ("argmap-python", "argmap-sat", "formal-argumentation", "python-argumentation"):
                value = med(f"{semantics}-{lib}", n)
                cells.append(fmt(value) if value is not None else next(
                    x["status"] for x in results if x["task"] == f"{semantics}-{lib}" and x["size"] == n))
            lines.append(f"| {n} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
