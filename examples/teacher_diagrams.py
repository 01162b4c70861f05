"""A teacher's material for the 28 November 1962 meeting: a printed handout and slides.

Run:  python examples/teacher_diagrams.py [OUTPUT_DIR]     (default: out/teacher)

Writes a greyscale handout for A4 paper (a title page with the telegram's citation,
the positions issue by issue and what is still open, then each issue's diagram with
the telegram's own words), and a set of colour slides readable on a 1920 x 1080
projector, one or more per issue.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap
from argmap.render.fit import slides
from argmap.render.handout import handout
from argmap.render.output import pipe


def main(out: Path) -> list[Path]:
    amap = argmap.datasets.load("1962-11-28-new-york")
    out.mkdir(parents=True, exist_ok=True)
    written = [handout(amap, out / f"{amap.id}-handout.pdf", paper="a4", theme="print")]
    for number, (name, fit) in enumerate(slides(amap, "16:9", highlight="unresolved"), start=1):
        path = out / f"{amap.id}-slide-{number:02d}-{name}.png"
        path.write_bytes(pipe(fit.dot, "png"))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/teacher")):
        print(f"wrote {path}")
