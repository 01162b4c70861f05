"""MkDocs hook: draw the gallery's diagrams from the bundled maps at build time.

Nothing generated is kept in the repository; the images are made afresh by
argmap itself each time the site is built.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

import argmap

GALLERY = [
    # (map, file name, options)
    ("1962-11-28-new-york", "1962-11-28-invasion.svg", {"issue": "invasion"}),
    ("1962-11-28-new-york", "1962-11-28-inspection-print.svg", {"issue": "inspection", "theme": "print"}),
    ("1962-11-28-new-york", "1962-11-28-cuba-colorblind.svg",
     {"issue": ["subversion", "guantanamo", "castro-points"], "theme": "colorblind"}),
    ("1962-11-28-new-york", "1962-11-28-unresolved.svg", {"highlight": "unresolved"}),
    ("1962-10-31-new-york", "1962-10-31-grounded.svg", {"labelling": "grounded"}),
    ("1962-10-30-moscow", "1962-10-30-quotes.svg", {"label": "quote"}),
]


def on_files(files: Files, config: Any) -> Files:
    """Add the gallery's SVGs to the site's files, drawn from the bundled maps."""
    from argmap.semantics import grounded_labelling

    for name, filename, options in GALLERY:
        amap = argmap.datasets.load(name)
        opts = dict(options)
        if opts.pop("labelling", None):
            opts["labelling"] = grounded_labelling(amap)
        svg = amap.to_graphviz(**opts).pipe(format="svg")
        files.append(File.generated(config, f"gallery/{filename}", content=svg))
    return files
