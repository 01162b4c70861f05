"""The names and sizes the renderers take, apart from the renderers.

Light to import (no Graphviz, no layout code), so that the command line can list
its choices, and answer ``argmap --help``, without loading what draws.
"""

from __future__ import annotations

from typing import Final

import attrs

__all__ = ["DIRECTIONS", "ENGINES", "FORMATS", "LABELS", "MAX_POINTS", "SIZES", "Size", "SizeWarning"]

#: Values of ``label``: what each box shows besides its speaker and kind. ``short`` is the
#: overview's: the first words of the paraphrase (the whole of it in the tooltip).
LABELS: Final = ("text", "quote", "both", "short")
#: Values of ``direction``: Graphviz ``rankdir``; TB puts the points replied to on top.
DIRECTIONS: Final = ("TB", "LR", "BT", "RL")
#: The output formats :func:`argmap.render.render` writes, by file extension.
FORMATS: Final = ("svg", "png", "pdf", "dot", "html")
#: The layout programs it can use (a subset of :data:`graphviz.ENGINES`). ``dot`` draws the
#: party columns and issue bands; the others place the boxes by force, with overlaps removed.
#: ``fdp`` is left out: inside the party clusters it overlaps boxes and will not remove them.
ENGINES: Final = ("dot", "neato", "sfdp", "twopi", "circo")
#: Beyond this many points, Graphviz's dot takes minutes: render refuses unless told otherwise.
MAX_POINTS: Final = 500


class SizeWarning(UserWarning):
    """A diagram drawn for a size is an overview, or is too small to read there even so.

    .. versionadded:: 0.2
    """


#: Point size of the body text in the layout (argmap's diagrams use 13 pt).
BODY_PT: Final = 13.0
#: Point size of the smallest text in the layout (kinds, the key's notes).
SMALLEST_PT: Final = 10.0


@attrs.frozen
class Size:
    """A target: a screen or a sheet of paper.

    Its width and height are in pixels (screens) or points (paper). *smallest* is
    the least height, in the same unit, of the text measured: on a screen the
    body text (*font*, 13 pt in the layout), on paper the smallest text there is
    (10 pt in the layout).
    """

    name: str
    width: float
    height: float
    unit: str  # "px" or "pt"
    smallest: float
    font: float = BODY_PT
    dpi: float = 96.0  # pixels per inch, for screens

    @property
    def per_inch(self) -> float:
        """Return the target's units per inch."""
        return self.dpi if self.unit == "px" else 72.0

    @property
    def inches(self) -> tuple[float, float]:
        """Return the target's width and height in inches, as Graphviz's ``size`` takes them."""
        return self.width / self.per_inch, self.height / self.per_inch


_MARGIN: Final = 36.0  # points of paper left blank at each edge (half an inch)

#: The targets ``size=`` names. A4 and Letter are portrait; ``-landscape`` turns them.
SIZES: Final = {
    "16:9": Size("16:9", 1920, 1080, "px", 18),
    "4:3": Size("4:3", 1440, 1080, "px", 18),
    "a4": Size("a4", 595.3 - 2 * _MARGIN, 841.9 - 2 * _MARGIN, "pt", 8, SMALLEST_PT),
    "a4-landscape": Size("a4-landscape", 841.9 - 2 * _MARGIN, 595.3 - 2 * _MARGIN, "pt", 8,
                         SMALLEST_PT),
    "letter": Size("letter", 612 - 2 * _MARGIN, 792 - 2 * _MARGIN, "pt", 8, SMALLEST_PT),
    "letter-landscape": Size("letter-landscape", 792 - 2 * _MARGIN, 612 - 2 * _MARGIN, "pt", 8,
                             SMALLEST_PT),
}
#: ``size="poster"``: no target, the diagram at full size.
POSTER: Final = "poster"
