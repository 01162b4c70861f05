"""A political scientist's table: US and Soviet positions, issue by issue, across the 1962 case.

Run:  python examples/compare_positions.py [OUTPUT_DIR]     (default: out/positions)

For each bundled meeting, writes the comparison of the United States and the
Soviet Union (one row per issue: status and each side's points) and the
unresolved threads as CSV, and prints how each issue stood at each meeting.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import argmap


def main(out: Path) -> pd.DataFrame:
    out.mkdir(parents=True, exist_ok=True)
    frames = []
    for name in argmap.datasets.names():
        amap = argmap.datasets.load(name)
        table = amap.compare("us", "ussr").to_dataframe()
        table.insert(0, "meeting", amap.date.isoformat() if amap.date else amap.id)
        frames.append(table)
        table.assign(us=table["us"].str.join(" "), ussr=table["ussr"].str.join(" ")).to_csv(
            out / f"{name}-us-ussr.csv", index=False)
        open_points = amap.unresolved().to_dataframe()
        for column in ("points", "last_word", "ends"):
            open_points[column] = open_points[column].str.join(" ")
        open_points.to_csv(out / f"{name}-unresolved.csv", index=False)
    every = pd.concat(frames, ignore_index=True)
    return every.pivot_table(index="issue", columns="meeting", values="status", aggfunc="first")


if __name__ == "__main__":
    with pd.option_context("display.width", 120):
        print(main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/positions")).fillna("—").to_string())
