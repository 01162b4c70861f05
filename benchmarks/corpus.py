"""A corpus of generated maps read serially and on two Dask workers, in one run.

Run (after ``make test``, which installs Dask):

    .venv/bin/python benchmarks/corpus.py                 # 10,000 maps of about 50 points
    .venv/bin/python benchmarks/corpus.py --maps 2000     # fewer

It writes the maps (benchmarks/run.py's debate generator, 40 to 60 points each)
to a temporary folder, then runs ``Corpus.summary_records()`` in fresh
processes, serially and with ``workers=2``, interleaved and repeated; and once
serially with the time of reading and of querying measured apart. Each run
reports wall time, maps per second and the peak memory of the driver process
(its maximum resident set). The speed-up is taken per repetition (the serial
and the 2-worker run of the same round) and reported as the median. The driver's
memory is also measured on a fifth of the maps, to show that it does not grow
with their number. Results go to benchmarks/results/corpus.md and corpus.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def generate(folder: Path, count: int) -> None:
    """Write *count* debate maps of 40 to 60 points into *folder*, a hundred per subfolder."""
    from run import debate

    import argmap

    for i in range(count):
        sub = folder / f"part-{i // 100:03}"
        sub.mkdir(exist_ok=True)
        amap = debate(40 + i % 21, seed=i)
        argmap.save(argmap.ArgumentMap(f"map-{i:05}", amap.title, parties=amap.parties,
                                       issues=amap.issues, points=amap.points), sub / f"map-{i:05}.yaml")


def child(mode: str, folder: str, limit: int) -> dict[str, Any]:
    """Run one measurement in this process and return its figures."""
    import argmap
    from argmap.corpus import _load

    corpus = argmap.Corpus(folder, workers=2 if mode == "workers" else None)
    files = corpus.files[:limit] if limit else corpus.files
    corpus.files = files
    start = time.perf_counter()
    if mode == "pool":  # the reference: the same work on a bare pool of 2 processes, no Dask
        from concurrent.futures import ProcessPoolExecutor

        from argmap.corpus import _summary_rows

        chunks = [files[i:i + 500] for i in range(0, len(files), 500)]
        with ProcessPoolExecutor(2) as pool:
            rows = [r for part in pool.map(_summary_rows, chunks, [None] * len(chunks)) for r in part]
        assert len(rows) == len(files)
        return {"mode": mode, "maps": len(files), "seconds": time.perf_counter() - start,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if mode == "split":  # serial, with reading and querying timed apart
        read = query = 0.0
        for file in files:
            t0 = time.perf_counter()
            amap = _load(file, None)
            t1 = time.perf_counter()
            _query(amap)
            t2 = time.perf_counter()
            read += t1 - t0
            query += t2 - t1
        return {"mode": mode, "maps": len(files), "read": read, "query": query,
                "seconds": time.perf_counter() - start}
    rows = corpus.summary_records()
    seconds = time.perf_counter() - start
    assert len(rows) == len(files)
    assert not any(r["error"] for r in rows)
    return {"mode": mode, "maps": len(files), "seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _query(amap: Any) -> None:
    from argmap.query import compare, unresolved

    unresolved(amap)
    compare(amap, amap.parties[0].id, amap.parties[1].id)


def measure(mode: str, folder: Path, limit: int = 0) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(folder), str(limit)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], int(args.child[2]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        generate(folder, args.maps)
        print(f"wrote {args.maps} maps in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        rounds = []
        for r in range(args.repeat):
            serial, workers, pool = (measure("serial", folder), measure("workers", folder),
                                     measure("pool", folder))
            rounds.append({"serial": serial, "workers": workers, "pool": pool,
                           "speedup": serial["seconds"] / workers["seconds"],
                           "pool_speedup": serial["seconds"] / pool["seconds"]})
            print(f"round {r + 1}: serial {serial['seconds']:.1f} s, 2 workers "
                  f"{workers['seconds']:.1f} s, bare pool {pool['seconds']:.1f} s", file=sys.stderr)
        split = measure("split", folder)
        small = measure("serial", folder, args.maps // 5)
        small_workers = measure("workers", folder, args.maps // 5)
    result = {
        "maps": args.maps, "cores": os.cpu_count(), "rounds": rounds,
        "speedup_median": statistics.median(r["speedup"] for r in rounds),
        "serial_maps_per_s": statistics.median(args.maps / r["serial"]["seconds"] for r in rounds),
        "workers_maps_per_s": statistics.median(args.maps / r["workers"]["seconds"] for r in rounds),
        "driver_peak_mb_serial": statistics.median(r["serial"]["peak_mb"] for r in rounds),
        "driver_peak_mb_workers": statistics.median(r["workers"]["peak_mb"] for r in rounds),
        "driver_peak_mb_fifth": small["peak_mb"], "fifth_maps": small["maps"],
        "driver_peak_mb_workers_fifth": small_workers["peak_mb"],
        "pool_speedup_median": statistics.median(r["pool_speedup"] for r in rounds),
        "read_share": split["read"] / (split["read"] + split["query"]),
    }
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "corpus.json").write_text(json.dumps(result, indent=2))
    (out / "corpus.md").write_text(report(result))
    print(report(result))


def report(r: dict[str, Any]) -> str:
    speedups = ", ".join(f"{x['speedup']:.2f}x" for x in r["rounds"])
    return "\n".join([
        f"# Corpus benchmark: {r['maps']:,} maps of 40-60 points, {r['cores']} cores",
        "",
        "| measure | serial | 2 workers (Dask processes) |",
        "| --- | --- | --- |",
        f"| maps per second (median of {len(r['rounds'])}) | {r['serial_maps_per_s']:.0f} | "
        f"{r['workers_maps_per_s']:.0f} |",
        f"| driver's peak memory, MB | {r['driver_peak_mb_serial']:.0f} | "
        f"{r['driver_peak_mb_workers']:.0f} |",
        "",
        f"- Speed-up of 2 workers over serial, per round: {speedups}; median {r['speedup_median']:.2f}x.",
        f"- The same work on a bare pool of 2 processes (concurrent.futures, no Dask), the limit of "
        f"this machine: median {r['pool_speedup_median']:.2f}x over serial.",
        f"- The driver's peak memory: serial {r['driver_peak_mb_fifth']:.0f} MB for "
        f"{r['fifth_maps']:,} maps and {r['driver_peak_mb_serial']:.0f} MB for {r['maps']:,}; with "
        f"2 workers {r['driver_peak_mb_workers_fifth']:.0f} MB and {r['driver_peak_mb_workers']:.0f} MB.",
        f"- Of the serial time, reading the files is {r['read_share']:.0%}; the queries "
        f"(unresolved and compare) the rest.",
        "",
    ])


if __name__ == "__main__":
    main()
