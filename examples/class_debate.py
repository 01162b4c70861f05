"""A class debate from Kialo: what is still open, each side's standing, a diagram, and Argdown.

Run:  python examples/class_debate.py [OUTPUT_DIR]     (default: out/class-debate)

Reads ``examples/school-uniforms.txt``, a discussion exported from Kialo ("Export
discussion"; this one is written for the example). The two sides are the parties
``for`` and ``against`` the thesis. Prints the unresolved threads and the comparison
of the two sides, draws the debate with the open threads highlighted for the
projector, and writes it as Argdown for students who keep working on it in an
Argdown editor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap

HERE = Path(__file__).resolve().parent


def main(out: Path) -> list[Path]:
    debate = argmap.load(HERE / "school-uniforms.txt")
    print(debate.unresolved())
    print()
    print(debate.compare("for", "against"))
    out.mkdir(parents=True, exist_ok=True)
    return [
        debate.render(out / "school-uniforms.svg", highlight="unresolved"),
        debate.save(out / "school-uniforms.argdown"),
    ]


if __name__ == "__main__":
    for path in main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/class-debate")):
        print(f"wrote {path}")
