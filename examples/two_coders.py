"""Check a coding as a political scientist would before publishing it.

Two codings of the same passage of telegram 1180 (the bundled map, and a second coder's in
examples/two-coders/) are compared: how much of the telegram each quotes, which points match,
and how far the coders agree. docs/agreement.md explains the figures.

Run: python examples/two_coders.py [OUTPUT_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import argmap

HERE = Path(__file__).resolve().parent


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    bundled = argmap.datasets.load("1962-11-28-new-york")
    second = argmap.load(HERE / "two-coders" / "1180-coder-b.yaml")

    for amap in (bundled, second):
        print(argmap.coverage(amap).caption)

    result = argmap.agreement(bundled, second)
    print()
    print(result)

    table = out_dir / "agreement.csv"
    result.to_dataframe().to_csv(table, index=False)
    report = out_dir / "agreement.json"
    report.write_text(json.dumps(result.to_json(), indent=2), encoding="utf-8")
    page = second.render(out_dir / "1180-coder-b.html")
    print(f"\nwrote {table}, {report} and {page}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("two-coders-output"))
