"""The exceptions argmap raises, all rooted at :class:`ArgmapError`.

Each class also inherits the built-in exception it refines, so code that
catches ``ValueError`` or ``KeyError`` keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArgmapError",
    "FormatError",
    "FormatWarning",
    "MissingDependencyError",
    "Problem",
    "RenderError",
    "SourceError",
    "UnknownReferenceError",
    "UnsupportedFormatError",
    "ValidationError",
]


def _path(value: Iterable[str | int]) -> tuple[str | int, ...]:
    return tuple(value)


def _format_path(path: Sequence[str | int]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@attrs.frozen
class Problem:
    """One thing wrong with a map, with where it is.

    Attributes
    ----------
    message : str
        What is wrong and, where possible, how to fix it.
    path : tuple of str and int
        Where in the document, as keys and list indices from the top
        (``("points", 2, "attacks", 0)``); shown as ``$.points[2].attacks[0]``.
    file : str or None
        The file the map was read from, if any.
    line, column : int or None
        One-based position in *file* of the offending key or value.

    .. versionadded:: 0.1
    """

    message: str
    path: tuple[str | int, ...] = attrs.field(default=(), converter=_path)
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def json_path(self) -> str:
        """The path in JSONPath-like form, ``$.points[2].attacks[0]``."""
        return _format_path(self.path)

    def __str__(self) -> str:
        place = ""
        if self.file is not None:
            place = self.file
            if self.line is not None:
                place += f":{self.line}:{self.column or 1}"
            place += ": "
        where = f" @ {self.json_path}" if self.path else ""
        return f"{place}{self.message}{where}"


class ArgmapError(Exception):
    """Root of every exception raised by argmap.

    .. versionadded:: 0.1
    """


class ValidationError(ArgmapError, ValueError):
    """A map breaks the rules of the model (DESIGN §2 and §3).

    Every problem is reported at once, one per line of the message.

    Attributes
    ----------
    problems : tuple of Problem
        Each problem, in document order where positions are known.

    .. versionadded:: 0.1
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class FormatError(ValidationError):
    """A file cannot be read as a map.

    Bad syntax, unknown keys, wrong types, dangling references, misquotes: every
    problem carries the file, line and column.

    .. versionadded:: 0.1
    """


class UnknownReferenceError(ArgmapError, KeyError):
    """An id was asked for that the map does not hold.

    Attributes
    ----------
    ref_id : str
        The id that was not found.
    kind : str
        What was looked up: ``"point"``, ``"party"``, ``"issue"`` ...

    .. versionadded:: 0.1
    """

    def __init__(self, kind: str, ref_id: str, message: str) -> None:
        self.kind = kind
        self.ref_id = ref_id
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return self.message


class UnsupportedFormatError(ArgmapError, ValueError):
    """A file name or format name that argmap cannot read or write.

    .. versionadded:: 0.1
    """


class SourceError(ArgmapError, ValueError):
    """A map's source text is missing, or is not the text another map codes.

    Raised by :func:`argmap.coverage` and :func:`argmap.agreement`, which read
    the source a map quotes.

    .. versionadded:: 0.2
    """


class RenderError(ArgmapError, RuntimeError):
    """A diagram could not be produced.

    .. versionadded:: 0.1
    """


class MissingDependencyError(ArgmapError, ImportError):
    """An optional dependency is needed for this call and is not installed.

    .. versionadded:: 0.1
    """


class FormatWarning(UserWarning):
    """A file that loads, but with something read by a guess or kept only in ``meta``.

    The command line prints these as ``FILE: warning: ...``; a program can turn
    them into errors with :func:`warnings.simplefilter` (``"error"``).

    .. versionadded:: 0.2
    """
