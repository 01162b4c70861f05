"""The ICCMA formats for abstract argumentation frameworks: ``apx`` and ``i23``.

``apx`` (ICCMA 2015-2021, ASPARTIX) has one fact per line, ``arg(a).`` and
``att(a,b).``; ``%`` starts a comment. The facts are ASP, so a name is written bare
only where it is an ASP constant (a lower-case letter, then letters, digits and
``_``; or a number) and is not ``not``; any other name is written as an ASP string,
``arg("us-draft-lapse").``, which clingo and the ASPARTIX encodings read as one
term (a bare ``us-draft-lapse`` would be a subtraction, and clingo drops the fact).
The reader takes both. ``i23`` (ICCMA 2023) starts with ``p af N`` and lists
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

_APX_NAME: Final = r'("(?:[^"\\\n]|\\.)*"|[^(),\s"]+)'
_APX_FACT: Final = re.compile(rf"^(arg|att)\(\s*{_APX_NAME}\s*(?:,\s*{_APX_NAME}\s*)?\)\s*\.$")
#: A name ASP reads as a constant: a lower-case letter first, or a number without leading zeros.
_ASP_CONSTANT: Final = re.compile(r"[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*")
_ASP_ESCAPES: Final = {"\\": "\\\\", '"': '\\"', "\n": "\\n"}
#: A comment: from a % outside quotes to the end of the line; quoted strings are kept.
_APX_COMMENT: Final = re.compile(r'("(?:[^"\\\n]|\\.)*")|%.*')
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
        line = _APX_COMMENT.sub(lambda m: m[1] or "", raw).strip()
        if not line:
            continue
        match = _APX_FACT.match(line)
        if not match or (match[1] == "arg") != (match[3] is None):
            problems.append(Problem(
                f"cannot read {line!r}: expected arg(name). or att(name,name).", (), file, number, 1))
            continue
        if match[1] == "arg":
            name = _asp_name(match[2])
            if name in arguments:
                problems.append(Problem(f"argument {name!r} is declared twice", (), file, number, 1))
            arguments[name] = None
        else:
            attacks.append((_asp_name(match[2]), _asp_name(match[3]), number))
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
    r"""Return *framework* in the apx format, each name an ASP constant or an ASP string.

    Examples
    --------
    >>> print(dumps_apx(Framework(["a", "us-draft", "Not"], [("us-draft", "a")])), end="")
    arg(a).
    arg("us-draft").
    arg("Not").
    att("us-draft",a).
    """
    names = {a: _asp_term(a) for a in framework.arguments}
    lines = [f"arg({names[a]})." for a in framework.arguments]
    lines += [f"att({names[a]},{names[b]})." for a, b in framework.attacks]
    return "\n".join(lines) + "\n"


def _asp_term(name: str) -> str:
    """Return *name* as ASP reads it as one term: bare if a constant, else a quoted string."""
    if _ASP_CONSTANT.fullmatch(name) and name != "not":
        return name
    return '"' + "".join(_ASP_ESCAPES.get(c, c) for c in name) + '"'


def _asp_name(term: str) -> str:
    """Return the name an apx term stands for: a quoted string unescaped, else the term."""
    if term.startswith('"'):
        return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], term[1:-1])
    return term


def dumps_i23(framework: Framework, *, names: bool = True) -> str:
    r"""Return *framework* in the ICCMA 2023 format.

    With *names* (the default) a comment ``# i name`` per argument keeps the
    names; solvers skip comment lines, but py_arg's (python-argumentation 2.0)
    ICCMA 2023 reader does not: write ``names=False`` for it.

    Examples
    --------
    >>> print(dumps_i23(Framework(["a", "b"], [("a", "b")]), names=False), end="")
    p af 2
    1 2
    """
    index = {a: i for i, a in enumerate(framework.arguments, start=1)}
    lines = [f"p af {len(framework.arguments)}"]
    if names:
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
