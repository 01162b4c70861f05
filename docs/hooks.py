"""MkDocs hooks: the gallery's diagrams, and links in the API reference.

The gallery is drawn from the bundled maps at build time, and the API
reference's numpydoc cross-references become links. Nothing generated is kept
in the repository; the images are made afresh by argmap itself each time the
site is built.
"""

from __future__ import annotations

import re
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


#: A numpydoc cross-reference as the API page shows it once rendered: ":func:<code>name</code>".
_ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|exc|obj):<code>~?([\w.]+)</code>")
_ANCHOR = re.compile(r'\bid="(argmap[\w.]*)"')


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Turn the API reference's numpydoc roles into links to the objects they name.

    A role names an object by its full path (``argmap.query.compare``), its
    public name (``argmap.Point``) or its name alone (``compare``, ``Point.quote``);
    it links to the documented object whose path ends the same way, and stays
    code where nothing is documented under that name.
    """
    anchors = _ANCHOR.findall(html)
    if not anchors:
        return html

    def link(match: re.Match[str]) -> str:
        name = match[1].lstrip(".")
        short = name.removeprefix("argmap.")
        found = [a for a in anchors if a == name or a.endswith("." + short)]
        if not found:
            return f"<code>{match[1].lstrip('~')}</code>"
        return f'<a href="#{min(found, key=len)}"><code>{match[1].lstrip("~")}</code></a>'

    return _ROLE.sub(link, html)
