"""A teacher's handout: one printable diagram per issue of the 28 November 1962 meeting.

Run:  python examples/teacher_diagrams.py [OUTPUT_DIR]     (default: out/teacher)

Writes one greyscale PDF per issue (readable from a black-and-white printer), each
with the telegram's own words in the boxes, and a colour SVG of the whole map for
the projector.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap


def main(out: Path) -> list[Path]:
    amap = argmap.datasets.load("1962-11-28-new-york")
    out.mkdir(parents=True, exist_ok=True)
    written = [amap.render(out / f"{amap.id}.svg", highlight="unresolved")]
    for issue in amap.issues:
        path = out / f"{amap.id}-{issue.id}.pdf"
        written.append(amap.render(path, issue=issue.id, theme="print", label="both"))
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/teacher")):
        print(f"wrote {path}")
