"""The ICCMA formats for abstract argumentation frameworks: ``apx`` and ``i23``.

``apx`` (ICCMA 2015-2021) has one fact per line, ``arg(a).`` and ``att(a,b).``;
``%`` starts a comment. ``i23`` (ICCMA 2023) starts with ``p af N`` and lists
attacks as ``i j`` between arguments numbered 1 to N; ``#`` starts a comment.
argmap writes, in i23, one comment ``# i name`` per argument so that names
survive a round trip (solvers skip comments), and reads them back when present.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from argmap.errors import FormatError, Problem
from argmap.semantics import Framework

__all__ = ["dumps_apx", "dumps_i23", "load_framework", "loads_apx", "loads_i23"]

_APX_FACT: Final = re.compile(r"^(arg|att)\(\s*([^(),\s]+)\s*(?:,\s*([^(),\s]+)\s*)?\)\s*\.$")
_NAME_COMMENT: Final = re.compile(r"^#\s*([0-9]{1,9})\s+(\S+)\s*$")
_NUMBER: Final = re.compile(r"^[0-9]{1,12}$")  # ASCII digits: '²'.isdigit() is true, int('²') fails

#: The most arguments an i23 header may declare: 1,000 and 16 per character of the file, up to
#: this. An argument costs memory whether or not any line names it, and the header is a few
#: bytes: without a bound, 15 bytes could ask for gigabytes.
MAX_ARGUMENTS: Final = 2_000_000


def _fail(problems: list[Problem]) -> None:
    if problems:
        raise FormatError(problems)


def loads_apx(text: str, *, file: str = "<string>") -> Framework:
    r"""Return the framework in *text*, written in the apx format.

    Examples
    --------
    >>> loads_apx("arg(a).\narg(b).\natt(a,b).\n").attacks
    (('a', 'b'),)
    """
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str, int]] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("%", 1)[0].strip()
        if not line:
            continue
        match = _APX_FACT.match(line)
        if not match or (match[1] == "arg") != (match[3] is None):
            problems.append(Problem(
                f"cannot read {line!r}: expected arg(name). or att(name,name).", (), file, number, 1))
            continue
        if match[1] == "arg":
            if match[2] in arguments:
                problems.append(Problem(f"argument {match[2]!r} is declared twice", (), file, number, 1))
            arguments[match[2]] = None
        else:
            attacks.append((match[2], match[3], number))
    for a, b, number in attacks:
        for name in (a, b):
            if name not in arguments:
                problems.append(Problem(
                    f"att({a},{b}) names {name!r}, which no arg(...) declares", (), file, number, 1))
    _fail(problems)
    return Framework(list(arguments), [(a, b) for a, b, _ in attacks])


def loads_i23(text: str, *, file: str = "<string>") -> Framework:
    r"""Return the framework in *text*, written in the ICCMA 2023 format.

    Examples
    --------
    >>> loads_i23("p af 2\n1 2\n").attacks
    (('1', '2'),)
    """
    size: int | None = None
    names: dict[int, str] = {}
    attacks: list[tuple[int, int]] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            named = _NAME_COMMENT.match(line)
            if named:
                names[int(named[1])] = named[2]
            continue
        parts = line.split()
        if size is None:
            if len(parts) == 3 and parts[:2] == ["p", "af"] and _NUMBER.match(parts[2]):
                size = int(parts[2])
                limit = min(MAX_ARGUMENTS, 1000 + 16 * len(text))
                if size > limit:
                    problems.append(Problem(
                        f"the header declares {size:,} arguments, but a file of {len(text):,} "
                        f"characters holds at most {limit:,} that argmap reads (1,000 and 16 per "
                        f"character, {MAX_ARGUMENTS:,} in all): arguments no line names cost memory "
                        "all the same", (), file, number, 1))
                    size = 0
            else:
                problems.append(Problem(
                    f"expected the header 'p af N' first, not {line!r}", (), file, number, 1))
                size = 0
            continue
        if len(parts) != 2 or not all(_NUMBER.match(p) for p in parts):
            problems.append(Problem(f"expected an attack 'i j', not {line!r}", (), file, number, 1))
            continue
        i, j = int(parts[0]), int(parts[1])
        for k in (i, j):
            if not 1 <= k <= size:
                problems.append(Problem(
                    f"argument {k} is outside 1..{size} (the header's count)", (), file, number, 1))
        attacks.append((i, j))
    if size is None:
        problems.append(Problem("the file is empty: expected the header 'p af N'", (), file, 1, 1))
    _fail(problems)
    assert size is not None
    labels = [names.get(k, str(k)) for k in range(1, size + 1)]
    if len(set(labels)) != len(labels):
        labels = [str(k) for k in range(1, size + 1)]
    return Framework(labels, [(labels[i - 1], labels[j - 1]) for i, j in attacks])


def dumps_apx(framework: Framework) -> str:
    """Return *framework* in the apx format."""
    lines = [f"arg({a})." for a in framework.arguments]
    lines += [f"att({a},{b})." for a, b in framework.attacks]
    return "\n".join(lines) + "\n"


def dumps_i23(framework: Framework) -> str:
    """Return *framework* in the ICCMA 2023 format, with a name comment per argument."""
    index = {a: i for i, a in enumerate(framework.arguments, start=1)}
    lines = [f"p af {len(framework.arguments)}"]
    lines += [f"# {i} {a}" for a, i in index.items()]
    lines += [f"{index[a]} {index[b]}" for a, b in framework.attacks]
    return "\n".join(lines) + "\n"


def load_framework(path: str | Path, max_bytes: int = 256 * 1024 * 1024) -> Framework:
    """Return the framework in an ``.apx`` or ``.i23`` file.

    Raises
    ------
    FormatError
        For what the file gets wrong, with its line; for a file that is not
        UTF-8, not a regular file, or larger than *max_bytes*.
    """
    from argmap._util import decoded, read_bounded

    path = Path(path)
    text = decoded(read_bounded(path, max_bytes, "framework file"), str(path))
    if path.suffix.lower() == ".apx":
        return loads_apx(text, file=str(path))
    if path.suffix.lower() in (".i23", ".af"):
        return loads_i23(text, file=str(path))
    from argmap.errors import UnsupportedFormatError

    raise UnsupportedFormatError(f"{str(path)!r} is not an .apx or .i23 framework")
