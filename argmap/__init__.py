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

import importlib
from typing import TYPE_CHECKING, Any

from argmap import datasets, query
from argmap.agreement import Agreement, agreement
from argmap.case import Case, diff
from argmap.corpus import Corpus
from argmap.coverage import Coverage, coverage
from argmap.errors import (
    ArgmapError,
    FormatError,
    FormatWarning,
    MissingDependencyError,
    Problem,
    RenderError,
    SourceError,
    UnknownReferenceError,
    UnsupportedFormatError,
    ValidationError,
)
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

if TYPE_CHECKING:  # pragma: no cover
    from argmap import render, semantics
    from argmap.io import dumps, load, loads, save
    from argmap.io.case_format import load_case

#: Submodules imported when first used, so that ``import argmap`` stays quick (Graphviz's
#: package is not needed to load a map). Functions that share a submodule's name (coverage,
#: agreement) are imported above: a lazy one would be hidden by its module once that is imported.
_LAZY: dict[str, tuple[str, str | None]] = {
    "render": ("argmap.render", None), "semantics": ("argmap.semantics", None),
    # the readers and writers bring PyYAML and cattrs (about 35 ms): loaded on first use
    "load": ("argmap.io", "load"), "loads": ("argmap.io", "loads"), "save": ("argmap.io", "save"),
    "dumps": ("argmap.io", "dumps"), "load_case": ("argmap.io.case_format", "load_case"),
}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata takes longer than argmap itself
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("argmap")
        except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
            return "0+unknown"
    if name in _LAZY:
        module_name, attribute = _LAZY[name]
        module = importlib.import_module(module_name)
        value = module if attribute is None else getattr(module, attribute)
        globals()[name] = value  # after the import, which set the submodule of the same name
        return value
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

__all__ = [
    "Actor",
    "Agreement",
    "ArgmapError",
    "ArgumentMap",
    "Case",
    "Corpus",
    "Coverage",
    "FormatError",
    "FormatWarning",
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
