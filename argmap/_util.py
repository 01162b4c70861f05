"""Small helpers shared by the model, the readers and the renderers."""

from __future__ import annotations

import contextlib
import difflib
import gc
import os
import re
import stat
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

_WHITESPACE: Final = re.compile(r"\s+")


def fold_whitespace(text: str) -> str:
    """Return *text* with every run of whitespace made one space, stripped."""
    return _WHITESPACE.sub(" ", text).strip()


#: An editor's footnote marker printed right after a word or mark, as FRUS prints
#: ``October 27(1)``; a quote may leave it out (docs/coding.md).
FOOTNOTE_MARKER: Final = re.compile(r"(?<=\S)\([0-9]{1,2}\)")


def without_footnote_markers(text: str) -> str:
    """Return *text* with editors' footnote markers such as ``(1)`` after a word removed.

    Examples
    --------
    >>> without_footnote_markers("statement President's letter October 27(1) not only")
    "statement President's letter October 27 not only"
    """
    return FOOTNOTE_MARKER.sub("", text)


def in_line_ranges(line: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """Return True if *line* lies in one of the inclusive ``(first, last)`` *ranges*, or there are none."""
    return not ranges or any(first <= line <= last for first, last in ranges)


def body_lines(text: str, body: Sequence[tuple[int, int]]) -> list[tuple[int, str]]:
    """Return ``(line number, line)`` for the lines of *text* inside the *body* ranges (all without)."""
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if in_line_ranges(n, body)]


def read_bounded(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """Return the bytes of the regular file *path*, refusing one that is larger than *max_bytes*.

    The limit counts the bytes actually read, so that a device, a FIFO or a file
    under ``/proc`` (whose size says 0) is refused at once rather than read forever.

    Raises
    ------
    argmap.FormatError
        For a file that is not a regular file, or is too large; the message says what to do.
    OSError
        If the file cannot be opened.
    """
    from argmap.errors import FormatError, Problem

    file = str(path)
    if "\0" in file:
        raise FormatError([Problem(f"the {what} name {file!r} holds a NUL character", (), file)])
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a FIFO" if stat.S_ISFIFO(info.st_mode)
                else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
        raise FormatError([Problem(f"the {what} is {kind}, not a regular file; argmap reads only "
                                   "files", (), file)])
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FormatError([Problem(
            f"the {what} is larger than {max_bytes:,} bytes; if you trust it, raise the limit: "
            "max_bytes= in Python, 'argmap --max-bytes SIZE ...' on the command line",
            (), file)])
    return data


def decoded(data: bytes, file: str) -> str:
    """Return *data* as UTF-8 text (a byte-order mark dropped), or say where it is not UTF-8.

    Raises
    ------
    argmap.FormatError
        Naming the line of the first byte that is not UTF-8.
    """
    from argmap.errors import FormatError, Problem

    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError([Problem(
            f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8", (), file, line)
        ]) from None


def did_you_mean(word: str, known: Collection[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest of *known*, or ``""``."""
    close = difflib.get_close_matches(str(word), list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Hints:
    """The "did you mean" of each unknown name a check meets, within a budget of comparisons.

    Each look-up compares the name with every name known (:func:`did_you_mean`), so that
    a map whose n points each name a different unknown point would take n × n comparisons
    (20,000 such points took seven minutes). A name is looked up once, and only while the
    comparisons made stay within :attr:`BUDGET`; the rest get no hint.
    """

    #: Comparisons one check may make: a few tenths of a second.
    BUDGET: Final = 200_000

    def __init__(self) -> None:
        self.found: dict[tuple[str, ...], str] = {}
        self.spent = 0

    def __call__(self, key: tuple[str, ...], word: str, known: Collection[str]) -> str:
        """Return the hint for *word* among *known* (``""`` for none), found once per *key*."""
        hint = self.found.get(key)
        if hint is None:
            hint = ""
            if self.spent + len(known) <= self.BUDGET:
                self.spent += len(known)
                hint = did_you_mean(word, known)
            self.found[key] = hint
        return hint


class FrozenDict(Mapping[str, Any]):
    """A read-only mapping, for the free-form ``meta`` of model objects.

    It compares equal to any mapping with the same items, as a dict does.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self._data: dict[str, Any] = dict(data or {})

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (self._data,))


def freeze(value: Any) -> Any:
    """Return *value* with mappings made read-only and lists made tuples, deeply."""
    if isinstance(value, Mapping):
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Undo :func:`freeze`: plain dicts and lists, ready to be written."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(v) for v in value]
    return value


_EMPTY: Final = FrozenDict()


def freeze_meta(value: Mapping[str, Any] | None) -> FrozenDict:
    """Return *value* as a read-only ``meta`` mapping (the converter of ``meta`` fields)."""
    if not value:  # None or empty: one shared, read-only empty mapping
        if value is not None and not isinstance(value, Mapping):
            raise TypeError(f"meta must be a mapping, not {type(value).__name__}")
        return _EMPTY
    if isinstance(value, FrozenDict):
        return value
    if not isinstance(value, Mapping):
        raise TypeError(f"meta must be a mapping, not {type(value).__name__}")
    return FrozenDict({k: freeze(v) for k, v in value.items()})


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write *data* to *path* whole or not at all: a temporary file beside it, then a rename.

    *data* may come in pieces (an iterable of bytes), written as they come. The
    file gets the permissions a plainly created file would (0666 less the umask),
    or keeps those of the file it replaces.
    """
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror or str(exc) or "cannot write", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            if isinstance(data, bytes | bytearray):
                out.write(data)
            else:
                out.writelines(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror or str(exc) or "cannot write", str(path)) from None
    except BaseException:  # SystemExit from SIGTERM (argmap's command), KeyboardInterrupt
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that stay alive.

    Each full collection walks every live object, so building a large map with
    the collector running costs time that grows faster than the map. The
    collector's previous state is restored on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
