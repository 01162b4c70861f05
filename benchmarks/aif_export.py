"""AIF export at scale: the time and peak memory of ``argmap convert`` to AIF, and of reading it back.

Run:  .venv/bin/python benchmarks/aif_export.py [--points N]     (default 1,000,000)

Writes the generated debate (benchmarks/run.py's ``debate``) as format-1 JSON, then, each in
a fresh process, converts it to AIF with ``argmap convert`` and validates the AIF with
``argmap --max-bytes 2G validate`` (a million points of AIF are about 0.8 GB, over the default
256 MiB limit). Peak memory is the child's maximum resident set size. Beside them, for scale,
``json.load`` of the format-1 file in a fresh process. Results go to benchmarks/results/aif_export.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ARGMAP = Path(sys.executable).with_name("argmap")


def measure(command: list[str]) -> tuple[float, float]:
    """Return the wall seconds and peak MiB of *command*, in a process of its own."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
               "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", wrapper, *command], check=True, capture_output=True,
                          text=True)
    seconds, kib = done.stdout.split()
    return float(seconds), float(kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    args = parser.parse_args()
    from run import debate

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "debate.json"
        debate(args.points).save(source)
        aif = Path(tmp) / "debate.aif.json"
        rows = [
            ("json.load of the format-1 file", measure([sys.executable, "-c",
                                                        f"import json; json.load(open({str(source)!r}))"])),
            ("argmap convert to AIF", measure([str(ARGMAP), "--max-bytes", "2G", "convert", str(source),
                                               str(aif)])),
            ("argmap --max-bytes 2G validate the AIF", measure([str(ARGMAP), "--max-bytes", "2G",
                                                                "validate", str(aif)])),
        ]
        sizes = (source.stat().st_size, aif.stat().st_size)
    text = [f"# AIF export at {args.points:,} points (one run each, fresh processes)", "",
            f"format 1: {sizes[0] / 2**20:,.0f} MiB; AIF: {sizes[1] / 2**20:,.0f} MiB", "",
            "| step | seconds | peak MiB |", "| --- | --- | --- |"]
    text += [f"| {name} | {s:.1f} | {mib:,.0f} |" for name, (s, mib) in rows]
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "aif_export.md").write_text("\n".join(text) + "\n")
    print("\n".join(text))


if __name__ == "__main__":
    main()
