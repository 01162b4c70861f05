"""The bundled maps: the 1962 Cuban missile crisis telegrams, coded in format 1.

They ship inside the package (``argmap/_data`` in a wheel; ``data/`` in a
checkout), with the source texts their quotes are checked against.

Examples
--------
>>> argmap.datasets.names()  # doctest: +NORMALIZE_WHITESPACE
['1962-10-30-moscow', '1962-10-31-new-york', '1962-11-01-new-york', '1962-11-05-new-york',
 '1962-11-24-new-york', '1962-11-28-new-york']
>>> argmap.datasets.load("1962-11-28-new-york").date
datetime.date(1962, 11, 28)

Renamed maps still load by their old names, with a :class:`DeprecationWarning`
(:data:`RENAMED`).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.errors import UnknownReferenceError
from argmap.model import ArgumentMap

if TYPE_CHECKING:  # pragma: no cover
    from argmap.case import Case

__all__ = ["RENAMED", "case_names", "data_dir", "load", "load_case", "names", "path"]

_CASE: Final = ".case.yaml"

#: Old names of bundled maps, and their new names. The map of telegram 1180 was
#: ``1962-11-29-new-york`` until argmap 0.2, which dates the meeting 28 November
#: 1962 (docs/coding.md, "The date of the meeting of telegram 1180").
RENAMED: Final[dict[str, str]] = {"1962-11-29-new-york": "1962-11-28-new-york"}


def data_dir() -> Path:
    """Return the folder that holds the bundled maps and their sources."""
    from importlib import resources  # 10 ms: only when a bundled map is asked for

    packaged = Path(str(resources.files("argmap"))) / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def names() -> list[str]:
    """Return the names of the bundled maps, sorted (they begin with their date)."""
    return sorted(p.name.removesuffix(".yaml") for p in data_dir().glob("*.yaml")
                  if not p.name.endswith(_CASE))


def case_names() -> list[str]:
    """Return the names of the bundled cases.

    Examples
    --------
    >>> argmap.datasets.case_names()
    ['1962-cuba']
    """
    return sorted(p.name.removesuffix(_CASE) for p in data_dir().glob(f"*{_CASE}"))


def load_case(name: str) -> Case:
    """Return the bundled case *name*: its maps, loaded and checked together."""
    from argmap.io.case_format import load_case as load_case_file

    known = case_names()
    if name not in known:
        from argmap._util import did_you_mean

        raise UnknownReferenceError(
            "case", name,
            f"no bundled case {name!r}{did_you_mean(name, known)}; there are: {', '.join(known)}")
    return load_case_file(data_dir() / f"{name}{_CASE}")


def _current(name: str) -> str:
    """Return the current name for *name*, warning (at the caller's caller) when it is an old one."""
    if name in RENAMED:
        warnings.warn(
            f"the bundled map {name!r} is now {RENAMED[name]!r} (the meeting was on 28 November "
            f"1962; see docs/coding.md); load it by its new name", DeprecationWarning, stacklevel=3)
        return RENAMED[name]
    return name


def path(name: str) -> Path:
    """Return the file of the bundled map *name*.

    An old name in :data:`RENAMED` gives the new file, with a :class:`DeprecationWarning`.

    Raises
    ------
    UnknownReferenceError
        If there is no such map; the message lists those there are.
    """
    name = _current(name)
    known = names()
    if name not in known:
        from argmap._util import did_you_mean

        raise UnknownReferenceError(
            "dataset", name,
            f"no bundled map {name!r}{did_you_mean(name, known)}; there are: {', '.join(known)}",
        )
    return data_dir() / f"{name}.yaml"


def load(name: str) -> ArgumentMap:
    """Return the bundled map *name*, its quotes checked against its source."""
    from argmap.io import load as load_file

    return load_file(path(_current(name)))
