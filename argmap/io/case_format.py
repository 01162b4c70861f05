"""Case files: a negotiation's maps, listed in date order.

```yaml
argmap-case: 1
id: 1962-cuba
title: Settling the Cuban missile crisis, 30 October - 28 November 1962
maps:                       # relative to this file, in date order
  - 1962-10-30-moscow.yaml
  - 1962-11-28-new-york.yaml
```

Every map stays an ordinary format-1 file: a case only lists them. Loading a
case loads each map and checks them together (:class:`argmap.Case`); problems
carry the file and line of the map or of the case file they concern.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import yaml

from argmap._util import decoded, did_you_mean, read_bounded
from argmap.case import Case, case_problems
from argmap.errors import FormatError, Problem, ValidationError
from argmap.io.yaml_format import _located, _Locator, _parse_yaml
from argmap.model import ArgumentMap

__all__ = ["CASE_KEYS", "load_case"]

CASE_KEYS: Final = ("argmap-case", "id", "title", "description", "maps", "meta")


def load_case(path: str | Path, *, allow_outside: bool = False) -> Case:
    """Return the case described by the case file at *path*, with its maps loaded.

    Raises
    ------
    FormatError
        With every problem of the case file and of its maps, each with its file and line.

    Examples
    --------
    >>> data_dir = argmap.datasets.data_dir()
    >>> case = argmap.load_case(data_dir / "1962-cuba.case.yaml")
    >>> len(case.maps)
    6
    """
    from argmap.io import DEFAULT_MAX_BYTES, load

    path = Path(path)
    file = str(path)
    data, locator, repeated = _parse_yaml(decoded(read_bounded(path, DEFAULT_MAX_BYTES, "case file"),
                                                  file), file)
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise FormatError([Problem("a case file is a mapping with 'argmap-case: 1', 'id', "
                                   "'title' and 'maps'", (), file, 1, 1)])
    if "argmap" in data and "argmap-case" not in data:
        raise FormatError([Problem(
            "this is a map, not a case: a case file (NAME.case.yaml) lists the maps of one "
            "negotiation under 'argmap-case: 1', 'id', 'title' and 'maps' (docs/cases.md)",
            (), file, 1, 1)])
    for key in data:
        if key not in CASE_KEYS:
            problems.append(Problem(f"unknown key {key!r}{did_you_mean(str(key), CASE_KEYS)}; "
                                    f"allowed here: {', '.join(CASE_KEYS)}", (str(key),)))
    for key in ("argmap-case", "id", "title", "maps"):
        if key not in data:
            problems.append(Problem(f"missing required key {key!r}", ()))
    if data.get("argmap-case", 1) != 1:
        problems.append(Problem(f"unsupported case format {data.get('argmap-case')!r}: this "
                                "argmap reads version 1", ("argmap-case",)))
    entries = data.get("maps") or []
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        problems.append(Problem("maps must be a list of map files", ("maps",)))
        entries = []
    base = path.parent.resolve()
    maps: list[ArgumentMap] = []
    failures: list[Problem] = []
    files: dict[str, Path] = {}
    for i, entry in enumerate(entries):
        if "\0" in entry:
            problems.append(Problem(f"map file name {entry!r} holds a NUL character", ("maps", i)))
            continue
        try:
            target = (base / entry).resolve()
        except OSError as exc:
            problems.append(Problem(f"map file {entry!r}: {exc.strerror or exc}", ("maps", i)))
            continue
        if not allow_outside and not target.is_relative_to(base):
            problems.append(Problem(f"map file {entry!r} lies outside the case's folder",
                                    ("maps", i)))
            continue
        try:
            found = target.is_file()
        except OSError:
            found = False
        if not found:
            problems.append(Problem(f"map file {entry!r} not found (looked for {str(target)!r})",
                                    ("maps", i)))
            continue
        try:
            amap = load(target, allow_outside=allow_outside)
        except FormatError as exc:
            failures.extend(exc.problems)
            continue
        except OSError as exc:
            problems.append(Problem(f"cannot read map file {entry!r}: {exc.strerror or exc}", ("maps", i)))
            continue
        maps.append(amap)
        files[amap.id] = target
    located = _located(problems, file, locator) + repeated + failures
    if located:
        raise FormatError(located)
    later = [_in_map_file(p, files, file, locator) for p in case_problems(tuple(maps))]
    if later:
        raise FormatError(later)
    try:
        return Case(str(data["id"]), str(data["title"]), maps,
                    description=data.get("description"), meta=data.get("meta") or {})
    except (ValidationError, TypeError, ValueError) as exc:
        raise FormatError([Problem(str(exc), (), file)]) from None


def _in_map_file(problem: Problem, files: Mapping[str, Path], case_file: str,
                 case_locator: _Locator) -> Problem:
    """Place a case-level problem in the map file it is about, or in the case file."""
    path = problem.path
    if path and isinstance(path[0], str) and path[0] in files:
        target = files[path[0]]
        node: Any = yaml.compose(target.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        line, column = _Locator(node).locate(path[1:])
        return Problem(problem.message, path[1:], str(target), line, column)
    line, column = case_locator.locate(path)
    return Problem(problem.message, path, case_file, line, column)
