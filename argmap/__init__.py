"""argmap: map who claimed what, who objected, who rebutted, what was conceded.

The public API is what this module exports; everything else is private or
lives in a documented submodule (:mod:`argmap.query`, :mod:`argmap.render`,
:mod:`argmap.semantics`, :mod:`argmap.datasets`); :func:`agreement` and
:func:`coverage` check a coding against a second coder's and against its source.

Examples
--------
>>> m = argmap.datasets.load("1962-11-28-new-york")
>>> m.party("us").name
'United States'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from argmap import datasets, query, render, semantics
from argmap.agreement import Agreement, agreement
from argmap.case import Case, diff
from argmap.corpus import Corpus
from argmap.coverage import Coverage, coverage
from argmap.errors import (
    ArgmapError,
    FormatError,
    MissingDependencyError,
    Problem,
    RenderError,
    SourceError,
    UnknownReferenceError,
    UnsupportedFormatError,
    ValidationError,
)
from argmap.io import dumps, load, loads, save
from argmap.io.case_format import load_case
from argmap.model import (
    Actor,
    ArgumentMap,
    Issue,
    Kind,
    Party,
    Point,
    Relation,
    Source,
)

try:
    __version__ = version("argmap")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"

__all__ = [
    "Actor",
    "Agreement",
    "ArgmapError",
    "ArgumentMap",
    "Case",
    "Corpus",
    "Coverage",
    "FormatError",
    "Issue",
    "Kind",
    "MissingDependencyError",
    "Party",
    "Point",
    "Problem",
    "Relation",
    "RenderError",
    "Source",
    "SourceError",
    "UnknownReferenceError",
    "UnsupportedFormatError",
    "ValidationError",
    "__version__",
    "agreement",
    "coverage",
    "datasets",
    "diff",
    "dumps",
    "load",
    "load_case",
    "loads",
    "query",
    "render",
    "save",
    "semantics",
]
