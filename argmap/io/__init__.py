"""Reading and writing maps, one module per format.

The format of a file follows its name:

========== ======================= ====== ====== ===================================
format     extensions              reads  writes module
========== ======================= ====== ====== ===================================
yaml       ``.yaml``, ``.yml``     yes    yes    :mod:`argmap.io.yaml_format` (format 1)
json       ``.json``               yes    yes    :mod:`argmap.io.yaml_format` (format 1)
aif        ``.aif.json``           yes    yes    :mod:`argmap.io.aif`
graphml    ``.graphml``            no     yes    :mod:`argmap.io.graphml`
csv        ``.csv``                no     yes    :mod:`argmap.io.csv_format`
apx, i23   ``.apx``, ``.i23``      yes    yes    :mod:`argmap.io.iccma` (the attack graph)
argdown    ``.argdown``, ``.ad``   yes    yes    :mod:`argmap.io.argdown`
kialo      ``.txt``                yes    no     :mod:`argmap.io.kialo` (a discussion export)
========== ======================= ====== ====== ===================================

Readers take their own keyword arguments through :func:`load` and :func:`loads`
(for example ``party_tags=["aff", "neg"]`` for Argdown).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from argmap._util import decoded, read_bounded, write_atomically
from argmap.errors import ArgmapError, FormatError, Problem, UnsupportedFormatError
from argmap.model import ArgumentMap

if TYPE_CHECKING:  # pragma: no cover
    from argmap.semantics import Framework

__all__ = ["FORMATS", "dumps", "format_for", "load", "loads", "save", "schema_path"]

#: Refuse files larger than this many bytes unless the caller raises the limit.
DEFAULT_MAX_BYTES: Final = 256 * 1024 * 1024


@attrs.frozen
class _Format:
    name: str
    suffixes: tuple[str, ...]
    loads: Callable[..., ArgumentMap] | None
    dumps: Callable[[ArgumentMap], str] | None
    options: bool = False  # whether its reader takes options of its own


def _loads_aif(text: str, *, file: str = "<string>", base_dir: Path | None = None,
               allow_outside: bool = False, **_: Any) -> ArgumentMap:
    from argmap.io.aif import loads_aif
    from argmap.io.yaml_format import with_source

    return with_source(loads_aif(text, file=file), file, base_dir, allow_outside)


def _dumps_aif(amap: ArgumentMap) -> str:
    from argmap.io.aif import dumps_aif

    return dumps_aif(amap)


def _dumps_graphml(amap: ArgumentMap) -> str:
    from argmap.io.graphml import dumps_graphml

    return dumps_graphml(amap)


def _dumps_csv(amap: ArgumentMap) -> str:
    from argmap.io.csv_format import dumps_csv

    return dumps_csv(amap)


def _loads_argdown(text: str, *, file: str = "<string>", base_dir: Path | None = None,
                   allow_outside: bool = False, **options: Any) -> ArgumentMap:
    from argmap.io.argdown import loads_argdown
    from argmap.io.yaml_format import with_source

    return with_source(loads_argdown(text, file=file, **options), file, base_dir, allow_outside)


def _dumps_argdown(amap: ArgumentMap) -> str:
    from argmap.io.argdown import dumps_argdown

    return dumps_argdown(amap)


def _loads_kialo(text: str, *, file: str = "<string>", **options: Any) -> ArgumentMap:
    from argmap.io.kialo import loads_kialo

    return loads_kialo(text, file=file, **options)


def _iccma(name: str) -> tuple[Callable[..., ArgumentMap], Callable[[ArgumentMap], str]]:
    def loads(text: str, *, file: str = "<string>", **_: Any) -> ArgumentMap:
        from argmap.io import iccma

        reader = iccma.loads_apx if name == "apx" else iccma.loads_i23
        return framework_to_map(reader(text, file=file), Path(file).stem or "framework")

    def dumps(amap: ArgumentMap) -> str:
        from argmap.io import iccma
        from argmap.semantics import framework

        writer = iccma.dumps_apx if name == "apx" else iccma.dumps_i23
        return writer(framework(amap))

    return loads, dumps


def framework_to_map(af: Framework, map_id: str = "framework") -> ArgumentMap:
    """Return a map of an abstract framework: each argument a claim of one party, ``af``.

    The claims' text is the argument's name; attacks are kept, nothing else is
    invented. A name that is not an id argmap can use (``<x>``, ``café``) gives
    its point an id made of it (``x``, ``caf``), made unique; the text keeps the name.
    """
    from argmap.io._shared import unique_id
    from argmap.model import Party, Point

    taken: set[str] = set()
    ids = {a: unique_id(a, taken) for a in af.arguments}
    attacks: dict[str, list[str]] = {a: [] for a in af.arguments}
    for a, b in af.attacks:
        attacks[a].append(ids[b])
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", map_id).strip("-._") or "framework"
    return ArgumentMap(
        slug, f"Argumentation framework {map_id}",
        parties=[Party("af", name="Framework")],
        points=[Point(ids[a], "claim", "af", a, attacks=attacks[a]) for a in af.arguments],
    )


def _format_1(name: str) -> tuple[Callable[..., ArgumentMap], Callable[[ArgumentMap], str]]:
    """Return the reader and writer of format 1 as YAML or JSON; PyYAML and cattrs load on first use."""

    def loads(text: str, **options: Any) -> ArgumentMap:
        from argmap.io import yaml_format

        return getattr(yaml_format, f"loads_{name}")(text, **options)  # type: ignore[no-any-return]

    def dumps(amap: ArgumentMap) -> str:
        from argmap.io import yaml_format

        return getattr(yaml_format, f"dumps_{name}")(amap)  # type: ignore[no-any-return]

    return loads, dumps


_REGISTRY: Final = (
    _Format("yaml", (".yaml", ".yml"), *_format_1("yaml")),
    _Format("json", (".json",), *_format_1("json")),
    _Format("aif", (".aif.json", ".aif"), _loads_aif, _dumps_aif),
    _Format("graphml", (".graphml",), None, _dumps_graphml),
    _Format("csv", (".csv",), None, _dumps_csv),
    _Format("apx", (".apx",), *_iccma("apx")),
    _Format("i23", (".i23",), *_iccma("i23")),
    _Format("argdown", (".argdown", ".ad"), _loads_argdown, _dumps_argdown, options=True),
    _Format("kialo", (".txt",), _loads_kialo, None, options=True),
)

#: The names of the formats argmap reads and writes, for ``format=``.
FORMATS: Final = tuple(f.name for f in _REGISTRY)


def _by_name(name: str) -> _Format:
    for fmt in _REGISTRY:
        if fmt.name == name:
            return fmt
    raise UnsupportedFormatError(
        f"unknown format {name!r}; use one of {', '.join(FORMATS)}"
    )


@attrs.frozen
class _Readable:
    name: str
    loads: Callable[..., ArgumentMap]
    options: bool


def _readable(name: str) -> _Readable:
    fmt = _by_name(name)
    if fmt.loads is None:
        readable = ", ".join(f.name for f in _REGISTRY if f.loads is not None)
        raise UnsupportedFormatError(
            f"argmap writes {name} but does not read it; it reads {readable}")
    return _Readable(fmt.name, fmt.loads, fmt.options)


def schema_path() -> Path:
    """Return the path of the JSON Schema of format 1, for editors that check YAML as you type.

    Examples
    --------
    >>> argmap.io.schema_path().name
    'argmap-1.schema.json'
    """
    return Path(__file__).resolve().parent.parent / "argmap-1.schema.json"


def format_for(path: str | Path) -> str:
    """Return the format name for a file name, by its extension.

    Raises
    ------
    UnsupportedFormatError
        If no format claims the extension; the message lists those that do.

    Examples
    --------
    >>> from argmap.io import format_for
    >>> format_for("maps/meeting.yml")
    'yaml'
    """
    name = Path(path).name.lower()
    # the longest suffix wins, so that ".aif.json" can be told from ".json"
    matches = [(len(s), f) for f in _REGISTRY for s in f.suffixes if name.endswith(s)]
    if not matches:
        known = ", ".join(s for f in _REGISTRY for s in f.suffixes)
        raise UnsupportedFormatError(
            f"cannot tell the format of {str(path)!r} from its name; use one of {known}"
        )
    return max(matches, key=lambda m: m[0])[1].name


def loads(
    text: str, format: str = "yaml", *, base_dir: str | Path | None = None,
    allow_outside: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, **options: Any,
) -> ArgumentMap:
    r"""Return the map written in *text*.

    Parameters
    ----------
    text : str
        The document.
    format : str
        How it is written: one of :data:`FORMATS` that argmap reads.
    base_dir : path, optional
        The folder a ``source.file`` is relative to; the current directory
        when not given.
    allow_outside : bool
        Let ``source.file`` name a file outside *base_dir* (absolute paths and
        ``..``); refused by default.
    max_bytes : int
        Refuse longer text (256 MiB of UTF-8 by default).
    **options
        Options of the format's reader, such as ``party_tags`` for Argdown
        (:func:`argmap.io.argdown.loads_argdown`) or ``parties`` for Kialo
        (:func:`argmap.io.kialo.loads_kialo`).

    Returns
    -------
    ArgumentMap

    Raises
    ------
    FormatError
        Listing every problem, each with its line, column and path.
    UnsupportedFormatError
        If *format* is not one argmap reads.

    Examples
    --------
    >>> m = argmap.loads('''
    ... argmap: 1
    ... id: tiny
    ... title: A tiny map
    ... parties: [{id: a}, {id: b}]
    ... points:
    ...   - {id: c, kind: claim, by: a, text: It is so.}
    ...   - {id: o, kind: objection, by: b, attacks: [c], text: It is not.}
    ... ''')
    >>> m.point("o").attacks
    ('c',)
    >>> argmap.loads("argmap: 1\nid: x\ntitle: X\nparties: [{id: a}]\ntitel: typo\n")
    Traceback (most recent call last):
    ...
    argmap.errors.FormatError: <string>:5:1: unknown key 'titel' (did you mean 'title'?); ...
    """
    fmt = _readable(format)
    _check_size(len(text.encode("utf-8", "surrogatepass")), max_bytes, "<string>")
    return read_safely(  # type: ignore[no-any-return]
        fmt.loads, text, fmt.name, "<string>", base_dir=Path(base_dir) if base_dir is not None else None,
        allow_outside=allow_outside, **_options_for(fmt, options),
    )


def load(
    path: str | Path, format: str | None = None, *, allow_outside: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES, **options: Any,
) -> ArgumentMap:
    """Return the map in the file at *path*.

    Parameters
    ----------
    path : path
        The file; its extension gives the format unless *format* is given. A
        ``.json`` file that opens as AIF does (``{"nodes": ...``, as AIFdb's
        ``nodesetNNNN.json``, or ``{"AIF": ...`` as OVA's) is read as AIF.
    format : str, optional
        One of :data:`FORMATS`.
    allow_outside : bool
        Let the map's ``source.file`` lie outside the map's folder.
    max_bytes : int
        Refuse larger files (256 MiB by default).
    **options
        Options of the format's reader, as for :func:`loads`.

    Returns
    -------
    ArgumentMap

    Raises
    ------
    FormatError
        Listing every problem as ``file:line:col: message @ $.path``.
    UnsupportedFormatError
        If the format cannot be told or is not one argmap reads.
    OSError
        If the file cannot be opened.

    Examples
    --------
    >>> data_dir = argmap.datasets.data_dir()
    >>> m = argmap.load(data_dir / "1962-11-28-new-york.yaml")
    >>> m.party("ussr").name
    'Soviet Union'
    """
    path = Path(path)
    fmt = _readable(format or format_for(path))
    sniff = format is None and fmt.name == "json"
    file = str(path)
    text = decoded(read_bounded(path, max_bytes, "map file"), file)
    if sniff and _looks_like_aif(text):  # AIFdb names its files nodesetNNNN.json
        fmt = _readable("aif")
    return read_safely(  # type: ignore[no-any-return]
        fmt.loads, text, fmt.name, file, base_dir=path.parent, allow_outside=allow_outside,
        **_options_for(fmt, options))


def read_safely(reader: Callable[..., Any], text: str, format: str, file: str, **options: Any) -> Any:
    """Call a reader, turning anything but argmap's own errors into a :class:`FormatError`.

    Each reader reports what it knows of with a line and a column. This is the
    net under them: a file that reaches a case no reader foresaw still gives
    one line that names the file, never a traceback from inside a library.
    """
    try:
        return reader(text, file=file, **options)
    except (ArgmapError, MemoryError, KeyboardInterrupt, SystemExit):
        raise
    except RecursionError:
        raise FormatError([Problem("the document is nested too deeply to read", (), file)]) from None
    except Exception as exc:
        raise FormatError([Problem(
            f"cannot read this file as {format}: {type(exc).__name__}: {exc}", (), file)]) from None


_FORMAT_1: Final = re.compile(r'"argmap"\s*:\s*1\s*[,}]')
_AIF_KEYS: Final = re.compile(r'^\s*\{\s*"(nodes|AIF|edges|locutions)"\s*:')


def _looks_like_aif(text: str) -> bool:
    """Return True for JSON that opens as AIF does and is not a format-1 map."""
    return bool(_AIF_KEYS.match(text)) and not _FORMAT_1.search(text)


def _options_for(fmt: _Readable, options: dict[str, Any]) -> dict[str, Any]:
    if options and not fmt.options:
        raise UnsupportedFormatError(
            f"the {fmt.name} reader takes no options, but was given {', '.join(options)}")
    return options


def _check_size(size: int, max_bytes: int, file: str) -> None:
    if size > max_bytes:
        raise FormatError([Problem(
            f"the input is {size:,} bytes, over the limit of {max_bytes:,}; if you trust it, "
            "raise the limit: max_bytes= in Python, 'argmap --max-bytes SIZE ...' on the command "
            "line", (), file)])


def dumps(amap: ArgumentMap, format: str = "yaml") -> str:
    """Return *amap* written in *format* (``"yaml"`` or ``"json"``).

    Loading the text again gives an equal map.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> data_dir = argmap.datasets.data_dir()
    >>> argmap.loads(argmap.dumps(amap, "json"), "json", base_dir=data_dir) == amap
    True
    """
    fmt = _by_name(format)
    if fmt.dumps is None:
        raise UnsupportedFormatError(f"argmap reads {format} but does not write it")
    return fmt.dumps(amap)


def save(amap: ArgumentMap, path: str | Path, format: str | None = None) -> Path:
    """Write *amap* to *path* and return the path.

    The file is written whole or not at all: the text goes to a temporary file
    beside it, which then replaces *path*.
    """
    path = Path(path)
    name = format or format_for(path)
    if name == "aif":  # piece by piece: a large map's AIF is several times the map's size
        from argmap.io.aif import iter_aif

        write_atomically(path, (piece.encode("utf-8") for piece in iter_aif(amap)))
        return path
    text = dumps(amap, name)
    write_atomically(path, text.encode("utf-8"))
    return path
