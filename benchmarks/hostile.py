"""Hostile input: the patterns that once took quadratic time, against ordinary files of the same size.

Run:  .venv/bin/python benchmarks/hostile.py            # a quarter, a half and one megabyte
      .venv/bin/python benchmarks/hostile.py --quick    # a sixteenth to a quarter of a megabyte

The hostile-input review (../shared/reviews/hostile-input-review.md, M3) found regexes in the
AIF and Argdown readers whose time grew with the square of the input: a 1 MB file would have
taken about an hour. Later, a format-1 map whose every point names a different unknown point
was found quadratic too (each name was compared with every id for a "did you mean"). The
tests check what each pattern is read as; this benchmark measures how its time grows. For
each pattern and size, in one run, rounds interleaved:

- the pattern: ``argmap.loads`` of the hostile text (a map, or the reader's one-line error);
- the reference: ``argmap.loads`` of an ordinary map of the same format and about the same
  size (the debate of ``benchmarks/run.py`` written by argmap's own writer).

It prints each median time, the log-log slope from the smallest to the largest size (1.0 is
linear, 2.0 quadratic) and the median per-round ratio of pattern to reference at the largest
size. Results go to benchmarks/results/hostile.md.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import statistics
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import argmap  # noqa: E402
from argmap.errors import ArgmapError  # noqa: E402
from tests.hostile_patterns import ONCE_QUADRATIC as PATTERNS  # noqa: E402


def ordinary(fmt: str, size: int) -> str:
    """An ordinary map in *fmt* of about *size* characters, from the debate of benchmarks/run.py."""
    from run import debate

    probe = argmap.dumps(debate(200), fmt)
    return argmap.dumps(debate(max(10, round(200 * size / len(probe)))), fmt)


def timed_load(text: str, fmt: str) -> float:
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(ArgmapError):
            argmap.loads(text, fmt, max_bytes=2**31)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a sixteenth to a quarter of a megabyte")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sizes = [2**16, 2**17, 2**18] if args.quick else [2**18, 2**19, 2**20]
    formats = sorted({fmt for fmt, _ in PATTERNS.values()})
    references = {(fmt, n): ordinary(fmt, n) for fmt in formats for n in sizes}
    times: dict[tuple[str, int], list[float]] = {}
    ratios: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for name, (fmt, make) in PATTERNS.items():
            for n in sizes:
                hostile = timed_load(make(n), fmt)
                reference = timed_load(references[fmt, n], fmt)
                times.setdefault((name, n), []).append(hostile)
                times.setdefault((f"{fmt} reference", n), []).append(reference)
                if n == sizes[-1]:
                    ratios.setdefault(name, []).append(hostile / reference)
            print(f"round: {name} done", file=sys.stderr, flush=True)
    rows = [*PATTERNS, *(f"{fmt} reference" for fmt in formats)]
    growth = math.log(sizes[-1] / sizes[0])
    header = " | ".join(f"{n / 2**20:g} MB (s)" for n in sizes)
    lines = [f"| input | {header} | slope | ratio to the reference at {sizes[-1] / 2**20:g} MB |",
             "| --- |" + " --- |" * (len(sizes) + 2)]
    for name in rows:
        medians = [statistics.median(times[name, n]) for n in sizes]
        slope = math.log(medians[-1] / medians[0]) / growth
        ratio = f"{statistics.median(ratios[name]):.2f}" if name in ratios else "1"
        cells = " | ".join(f"{m:.3f}" for m in medians)
        lines.append(f"| {name} | {cells} | {slope:.2f} | {ratio} |")
    table = "\n".join(lines)
    print(table)
    out = HERE / "results" / "hostile.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(f"# Hostile input, {args.rounds} rounds\n\n{table}\n")


if __name__ == "__main__":
    main()
