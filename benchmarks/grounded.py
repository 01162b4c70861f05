"""Grounded semantics, like for like: from lists of arguments and attacks to the extension.

Run (after ``pip install -e '.[bench]'``, which installs formal-argumentation):

    .venv/bin/python benchmarks/grounded.py              # 10k, 100k and 1M attacks, 5 rounds
    .venv/bin/python benchmarks/grounded.py --quick      # 10k and 100k, 3 rounds

Every contender is timed from the same input, a list of argument names and a list of
(attacker, attacked) pairs, to the same output, the set of arguments in the grounded
extension, with whatever index it builds inside the timing:

- argmap: ``grounded_extension(Framework(arguments, attacks))``;
- formal-argumentation: ``grounded_extension(ArgumentationFramework(...))``;
- bare: twenty lines of dicts and a queue, the floor a Python implementation can reach.

Each timing runs in a fresh process (the framework is generated there from a fixed seed, outside
the timing); the contenders are interleaved round by round, and each ratio is taken within a
round, then the median is reported, so that a loaded machine slows both sides of a ratio alike.
Results go to benchmarks/results/grounded.md and grounded.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CONTENDERS = ("argmap", "formal-argumentation", "bare")


def framework(n_attacks: int, seed: int = 2) -> tuple[list[str], list[tuple[str, str]]]:
    """Return arguments and random attacks: *n_attacks* among n_attacks / 2 arguments."""
    rnd = random.Random(seed)
    n_args = max(2, n_attacks // 2)
    args = [str(i) for i in range(n_args)]
    attacks = [(args[rnd.randrange(n_args)], args[rnd.randrange(n_args)]) for _ in range(n_attacks)]
    return args, attacks


def bare(args: list[str], attacks: list[tuple[str, str]]) -> set[str]:
    """Grounded extension with dicts and a queue: the floor."""
    alive = dict.fromkeys(args, 0)
    targets: dict[str, list[str]] = {a: [] for a in args}
    for a, b in set(attacks):
        alive[b] += 1
        targets[a].append(b)
    queue = deque(a for a, n in alive.items() if n == 0)
    ins: set[str] = set()
    out: set[str] = set()
    while queue:
        a = queue.popleft()
        ins.add(a)
        for t in targets[a]:
            if t not in out:
                out.add(t)
                for u in targets[t]:
                    alive[u] -= 1
                    if alive[u] == 0 and u not in out:
                        queue.append(u)
    return ins


def child(contender: str, size: int) -> dict[str, Any]:
    args, attacks = framework(size)
    if contender == "argmap":
        from argmap import semantics as sem

        def call() -> Any:
            return sem.grounded_extension(sem.Framework(args, attacks))
    elif contender == "formal-argumentation":
        from argumentation.core import dung

        def call() -> Any:
            return dung.grounded_extension(dung.ArgumentationFramework(
                arguments=frozenset(args), defeats=frozenset(attacks)))
    else:
        def call() -> Any:
            return bare(args, attacks)
    start = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - start
    return {"contender": contender, "size": size, "seconds": seconds, "in": len(result)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    rounds = 3 if args.quick else 5
    results: dict[int, list[dict[str, float]]] = {n: [] for n in sizes}
    for size in sizes:
        for r in range(rounds):
            times: dict[str, float] = {}
            sizes_in: set[int] = set()
            for contender in CONTENDERS:
                done = subprocess.run([sys.executable, __file__, "--child", contender, str(size)],
                                      capture_output=True, text=True, check=True)
                measured = json.loads(done.stdout.splitlines()[-1])
                times[contender] = measured["seconds"]
                sizes_in.add(measured["in"])
            assert len(sizes_in) == 1, f"the contenders disagree at {size}: {sizes_in}"
            results[size].append(times)
            print(f"{size:>9,} round {r + 1}: " + ", ".join(f"{c} {t:.3f} s" for c, t in times.items()),
                  file=sys.stderr)
    summary = {}
    for size, rows in results.items():
        summary[size] = {
            **{f"{c}_s": statistics.median(row[c] for row in rows) for c in CONTENDERS},
            "fa_over_argmap": statistics.median(row["formal-argumentation"] / row["argmap"] for row in rows),
            "argmap_over_bare": statistics.median(row["argmap"] / row["bare"] for row in rows),
        }
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "grounded.json").write_text(json.dumps({"rounds": rounds, "sizes": summary, "raw": results},
                                                  indent=2))
    (out / "grounded.md").write_text(report(summary, rounds))
    print(report(summary, rounds))


def report(summary: dict[int, dict[str, float]], rounds: int) -> str:
    lines = [f"# Grounded, like for like (median of {rounds} interleaved rounds, fresh processes)", "",
             "| attacks | argmap | formal-argumentation | bare dicts and queue | formal-argumentation / "
             "argmap | argmap / bare |",
             "| --- | --- | --- | --- | --- | --- |"]
    for size, s in summary.items():
        lines.append(f"| {size:,} | {s['argmap_s']:.4f} s | {s['formal-argumentation_s']:.4f} s | "
                     f"{s['bare_s']:.4f} s | {s['fa_over_argmap']:.2f} | {s['argmap_over_bare']:.2f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
