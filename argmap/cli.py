"""The ``argmap`` command: thin wrappers over the library (DESIGN §7).

Exit codes: 0 success, 1 invalid input (every problem on stderr), 2 usage error.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import signal
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
import click

import argmap
import argmap.io
from argmap import semantics as semantics_module
from argmap._table import cell_text, csv_text, format_table
from argmap._util import did_you_mean, write_atomically
from argmap.corpus import SUMMARY_COLUMNS, UNRESOLVED_COLUMNS
from argmap.errors import ArgmapError, FormatWarning, ValidationError
from argmap.model import ArgumentMap

# the names the options offer come from modules that draw nothing, so that --help is quick;
# Graphviz's package and the readers are imported by the commands that use them
from argmap.render.choices import DIRECTIONS, ENGINES, LABELS, MAX_POINTS, SIZES, SizeWarning
from argmap.render.choices import FORMATS as RENDER_FORMATS
from argmap.render.themes import THEMES
from argmap.semantics import SEMANTICS, Framework, SemanticsName

F = TypeVar("F", bound=Callable[..., Any])

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


#: Control characters that would reach a terminal as commands (colours, titles, clearing):
#: C0 but tab and newline, DEL, and C1.
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _graphviz_missing() -> type[Exception]:
    """Return graphviz.ExecutableNotFound (an except clause calls this only when something failed)."""
    import graphviz

    missing: type[Exception] = graphviz.ExecutableNotFound
    return missing


def _escaped(message: str, as_json: bool = False) -> str:
    r"""Return *message* with control characters from the data shown as escapes, never obeyed.

    In text, ``ESC`` shows as ``\x1b``; in JSON (*as_json*), as ``\u001b``, the same string.
    """
    def shown(match: re.Match[str]) -> str:
        return f"\\u{ord(match[0]):04x}" if as_json else f"\\x{ord(match[0]):02x}"

    return _CONTROL.sub(shown, message)


def _echo(message: str = "", *, err: bool = False, nl: bool = True, as_json: bool = False) -> None:
    """Print *message* as :func:`_escaped` shows it."""
    click.echo(_escaped(message, as_json), err=err, nl=nl)


def _reports_errors(func: F) -> F:
    """Turn argmap's errors into a message on stderr and exit status 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ArgmapError as exc:
            if kwargs.get("as_json"):
                _json_error(str(exc), getattr(exc, "problems", ()))
            raise click.ClickException(_escaped(str(exc))) from None
        except OSError as exc:
            message = f"{exc.filename or ''}: {exc.strerror or exc}"
            if kwargs.get("as_json"):
                _json_error(message, ())
            raise click.ClickException(message) from None

    return wrapper  # type: ignore[return-value]


def _json_error(message: str, problems: Sequence[Any], code: int = 1) -> None:
    """With --json, report the error as JSON on stderr and exit with *code*."""
    _echo(json.dumps({
        "error": message,
        "problems": [{"file": p.file, "line": p.line, "column": p.column, "path": p.json_path,
                      "message": p.message} for p in problems],
    }, ensure_ascii=False), err=True, as_json=True)
    sys.exit(code)


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def _width() -> int:
    return max(80, shutil.get_terminal_size((120, 24)).columns)


def _max_bytes() -> int:
    """Return the limit ``argmap --max-bytes`` sets (the library's default outside a command)."""
    ctx = click.get_current_context(silent=True)
    value = ctx.find_root().params.get("max_bytes") if ctx is not None else None
    return int(value) if value is not None else argmap.io.DEFAULT_MAX_BYTES


def _load(path: Path) -> ArgumentMap:
    """Load a map; what a reader kept aside or guessed is said on stderr, one line per kind."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FormatWarning)
        amap = argmap.load(path, max_bytes=_max_bytes())
    for w in caught:
        if issubclass(w.category, FormatWarning):
            _echo(f"{path}: warning: {w.message}", err=True)
        else:  # not ours to report: let Python's filters decide, as without the catch
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return amap


class _Group(click.Group):
    """The command group: usage errors come as JSON when --json was asked for."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:  # a caller that handles errors itself
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            return super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            argv = list(args) if args is not None else sys.argv[1:]
            if "--json" in argv:
                _json_error(exc.format_message(), (), exc.exit_code)
            exc.show()
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            _echo("Aborted!", err=True)
            sys.exit(1)


class _Size(click.ParamType):  # type: ignore[type-arg]
    """A number of bytes, plain or with a unit: 300000000, 900M, 2G (powers of 1,024)."""

    name = "SIZE"
    _UNITS: Final = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*([0-9]{1,15})\s*([KMG]?)(?:i?B)?\s*", str(value), re.IGNORECASE)
        if not match or int(match[1]) == 0:
            self.fail(f"{value!r} is not a size: write bytes, or a number with K, M or G "
                      "(900M, 2G)", param, ctx)
        return int(match[1]) * self._UNITS[match[2].upper()]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"],
                                           "max_content_width": 100})
@click.version_option(package_name="argmap", prog_name="argmap")
@click.option("--max-bytes", type=_Size(), default=argmap.io.DEFAULT_MAX_BYTES, envvar="ARGMAP_MAX_BYTES",
              show_default="256M", help="The largest map file read (also ARGMAP_MAX_BYTES); raise it "
              "for a large map you trust, such as a million-point AIF file argmap wrote.")
def main(max_bytes: int) -> None:
    """Map arguments in negotiations and debates: who claimed, objected, rebutted, conceded."""
    # SIGTERM ends the command through Python, so that a half-written file is removed
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: Any) -> None:
    sys.exit(128 + signum)


@main.command(short_help="Check maps and case files; list every problem.")
@click.argument("files", nargs=-1, required=True, type=_FILE)
def validate(files: tuple[Path, ...]) -> None:
    """Check map files (and .case.yaml case files); print every problem as file:line:col."""
    failed = False
    for path in files:
        try:
            summary = _validated(path)
        except ValidationError as exc:
            failed = True
            for problem in exc.problems:
                _echo(str(problem), err=True)
        except ArgmapError as exc:
            failed = True
            _echo(f"{path}: {exc}", err=True)
        else:
            _echo(f"{path}: {summary}")
    if failed:
        sys.exit(1)


def _validated(path: Path) -> str:
    """Load a map or a case file and return what it holds, or raise what is wrong with it."""
    if path.name.endswith(".case.yaml"):
        return f"valid case ({_plural(len(argmap.load_case(path).maps), 'map')})"
    amap = _load(path)
    counts = ", ".join(
        _plural(len(items), name) for items, name in
        ((amap.points, "point"), (amap.issues, "issue"), (amap.parties, "party")))
    return f"valid ({counts})"


def _print_records(records: list[dict[str, Any]], columns: Sequence[str], as_json: bool) -> None:
    if as_json:
        _echo(json.dumps(records, indent=2, ensure_ascii=False), as_json=True)
        return
    from argmap.io.csv_format import safe_cell

    rows = [[safe_cell(cell_text(record[c])) for c in columns] for record in records]
    _echo(csv_text([list(columns), *rows]), nl=False)


def _output_options(func: F) -> F:
    func = click.option("--csv", "as_csv", is_flag=True, help="Print CSV (ids joined by spaces).")(func)
    func = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)
    return func


def _check_exclusive(as_json: bool, as_csv: bool) -> None:
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")


def _check_ids(amap: ArgumentMap, what: str, values: Iterable[str], known: list[str],
               hint: str | None = None) -> None:
    for value in values:
        if value not in known:
            raise click.BadParameter(
                f"{amap.id} has no {what} {value!r}{did_you_mean(value, known)}; "
                f"there are: {', '.join(known)}",
                param_hint=hint or (f"--{what}" if what in ("issue", "party") else what),
            )


@main.command(short_help="The open threads and pending proposals of a map.")
@click.argument("file", type=_FILE)
@_output_options
@_reports_errors
def unresolved(file: Path, as_json: bool, as_csv: bool) -> None:
    """Print the open threads and pending proposals of a map.

    A thread is open when neither side gave way on its disagreements; it is
    unanswered when nobody replied to the objections, contested otherwise.
    """
    _check_exclusive(as_json, as_csv)
    result = _load(file).unresolved()
    if as_json or as_csv:
        _print_records(result.to_records(), result.COLUMNS, as_json)
    else:
        _echo(result.to_text(_width()))


@main.command(short_help="Two parties' points and status, issue by issue.")
@click.argument("file", type=_FILE)
@click.argument("a")
@click.argument("b")
@_output_options
@_reports_errors
def compare(file: Path, a: str, b: str, as_json: bool, as_csv: bool) -> None:
    """Print, issue by issue, the points of parties A and B and the issue's status.

    Status: disputed, agreed, unengaged, one-sided or silent (docs/queries.md).
    """
    _check_exclusive(as_json, as_csv)
    amap = _load(file)
    parties = [p.id for p in amap.parties]
    _check_ids(amap, "party", [a], parties, hint="A")
    _check_ids(amap, "party", [b], parties, hint="B")
    if a == b:
        raise click.BadParameter("A and B must be two different parties", param_hint="B")
    result = amap.compare(a, b)
    if as_json or as_csv:
        _print_records(result.to_records(), result.COLUMNS, as_json)
    else:
        _echo(result.to_text(_width()))


@main.command(short_help="Agreement between two codings of one source.")
@click.argument("a", type=_FILE)
@click.argument("b", type=_FILE)
@click.option("--parties", nargs=2, metavar="P Q", default=None,
              help="The two parties whose issue statuses are compared (default: A's first two).")
@_output_options
@_reports_errors
def agree(a: Path, b: Path, parties: tuple[str, str] | None, as_json: bool, as_csv: bool) -> None:
    """Compare two codings A and B of the same source: aligned points and agreement.

    Points are aligned by where their quotes lie in the source. For the words
    coded, and for kind, speaker, party, on-behalf-of and issue over aligned
    points, it prints percent agreement and Krippendorff's alpha; then the
    relations each coding shares with the other, and each issue's status and
    each unresolved thread in both (docs/agreement.md).
    """
    _check_exclusive(as_json, as_csv)
    first, second = _load(a), _load(b)
    if parties:
        for amap in (first, second):
            _check_ids(amap, "parties", parties, [p.id for p in amap.parties])
    result = argmap.agreement(first, second, parties)
    if as_json:
        _echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False), as_json=True)
    elif as_csv:
        _print_records(result.to_records(), result.COLUMNS, False)
    else:
        _echo(result.to_text(_width()))


@main.command(short_help="The source's sentences and the points quoting them.")
@click.argument("file", type=_FILE)
@click.option("--all", "everything", is_flag=True, help="List every sentence, not only those not quoted.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (docs/agreement.md).")
@_reports_errors
def coverage(file: Path, everything: bool, as_json: bool) -> None:
    """Print how much of its source a map quotes, and the sentences no point quotes.

    The source's body (source.body, or the whole file) is split into sentences;
    each is listed with its line and the points whose quotes share text with it.
    """
    result = argmap.coverage(_load(file))
    if as_json:
        _echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False), as_json=True)
    else:
        _echo(result.to_text(_width(), everything=everything))


def _render_options(func: F) -> F:
    options = [
        click.option("--theme", type=click.Choice(sorted(THEMES)), default="color",
                     show_default=True, help="color; print (greyscale); colorblind (Okabe-Ito)."),
        click.option("--issue", "issues", multiple=True, metavar="ID",
                     help="Draw only the points on this issue (repeatable)."),
        click.option("--party", "parties", multiple=True, metavar="ID",
                     help="Draw only the points of this party (repeatable)."),
        click.option("--highlight", type=click.Choice(["unresolved"]),
                     help="Make open threads stand out and mute settled exchanges."),
        click.option("--label", type=click.Choice(list(LABELS)), default=None,
                     help="Show the paraphrase (text, the default), the verbatim quote, both, "
                     "or the first words (short); with --size, chosen to fit unless given."),
        click.option("--direction", type=click.Choice(list(DIRECTIONS)), default=None,
                     help="Layout direction (Graphviz rankdir; TB by default); with --size, "
                     "chosen to fit unless given."),
        click.option("--engine", type=click.Choice(list(ENGINES)), default="dot",
                     show_default=True, help="Graphviz layout program."),
        click.option("--labelling", type=click.Choice(["grounded"]),
                     help="Fill points by their grounded label: IN, OUT or UNDEC."),
        click.option("--only-unresolved", is_flag=True,
                     help="Draw only open threads and pending proposals (settled ones collapsed)."),
        click.option("--max-points", type=click.IntRange(min=1), default=MAX_POINTS,
                     show_default=True, help="Refuse larger diagrams (dot gets slow)."),
        click.option("--size", type=click.Choice([*SIZES, "poster"]), default=None,
                     help="Lay the diagram out to be read at this size: 16:9 or 4:3 (a "
                     "projector, text at least 18 px), a4 or letter (text at least 8 pt), or "
                     "poster (full size). Default: 16:9 for png and svg, a4 for pdf."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command(short_help="Draw a map: svg, png, pdf, dot or an html page.")
@click.argument("file", type=_FILE)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write; its extension gives the format.")
@click.option("--format", "fmt", type=click.Choice(list(RENDER_FORMATS)),
              help="Output format, if not the output's extension.")
@_render_options
@_reports_errors
def render(
    file: Path, output: Path, fmt: str | None, theme: str, issues: tuple[str, ...],
    parties: tuple[str, ...], highlight: str | None, label: str | None, direction: str | None,
    engine: str, labelling: str | None, only_unresolved: bool, max_points: int, size: str | None,
) -> None:
    """Draw a map (svg, png, pdf, dot, html) with Graphviz; a .case.yaml draws the case's grid."""
    from argmap.render.output import _format_for

    try:
        chosen = _format_for(output, fmt)
    except argmap.UnsupportedFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="-o") from None
    if size is None:
        size = {"png": "16:9", "svg": "16:9", "pdf": "a4"}.get(chosen, "poster")
    if file.name.endswith(".case.yaml"):
        _render_case(file, output, fmt, theme)
        return
    amap = _load(file)
    _check_ids(amap, "issue", issues, [i.id for i in amap.issues])
    _check_ids(amap, "party", parties, [p.id for p in amap.parties])
    if output.resolve() == file.resolve():
        raise click.BadParameter("the output would overwrite the input map", param_hint="-o")
    try:
        given = {k: v for k, v in (("label", label), ("direction", direction)) if v is not None}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SizeWarning)
            path = amap.render(
                output, format=fmt, engine=engine, theme=theme, issue=issues or None,
                party=parties or None, highlight=highlight, size=size,
                labelling=semantics_module.grounded_labelling(amap) if labelling else None,
                only_unresolved=only_unresolved, max_points=max_points, **given,
            )
    except _graphviz_missing():
        raise click.ClickException(_NO_GRAPHVIZ) from None
    _echo(f"wrote {path}")
    _notes(output, caught)


def _notes(path: Path, caught: list[warnings.WarningMessage]) -> None:
    """Print the size notes of a drawing on stderr; pass other warnings on."""
    for w in caught:
        if issubclass(w.category, SizeWarning):
            _echo(f"{path}: note: {w.message}", err=True)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _render_case(file: Path, output: Path, fmt: str | None, theme: str) -> None:
    from argmap.render.case import case_to_graphviz
    from argmap.render.output import _format_for, pipe

    chosen = _format_for(output, fmt)
    if chosen == "html":
        raise click.BadParameter("a case renders as svg, png, pdf or dot", param_hint="--format")
    if output.resolve() == file.resolve():
        raise click.BadParameter("the output would overwrite the input case", param_hint="-o")
    data = pipe(case_to_graphviz(argmap.load_case(file), theme=theme), chosen)
    write_atomically(output, data)
    _echo(f"wrote {output}")


_NO_GRAPHVIZ = (
    "Graphviz's 'dot' program was not found on PATH; it draws the diagrams. Install it: "
    "'apt-get install graphviz' (Debian, Ubuntu), 'brew install graphviz' (macOS), "
    "'conda install graphviz', or see https://graphviz.org/download/"
)


@main.command(short_help="Draw the bundled 1962 map and print what is open.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Folder for the diagrams.")
@_reports_errors
def demo(output_dir: Path) -> None:
    """Draw the bundled 1962 map and print its unresolved points.

    Writes the whole map at full size (a poster, svg and png) and a classroom set
    in OUTPUT_DIR/classroom: PNG slides each readable on a 1920 x 1080 projector,
    issue by issue.

    The map codes State Department telegram 1180 of 30 November 1962: Mikoyan's
    objections to the US draft declaration ending the Cuban missile crisis, and
    Stevenson's and McCloy's replies.
    """
    amap = argmap.datasets.load(DEMO_MAP)
    output_dir.mkdir(parents=True, exist_ok=True)
    try:
        for fmt in ("svg", "png"):  # the whole map at full size, a poster
            path = amap.render(output_dir / f"{amap.id}.{fmt}")
            _echo(f"wrote {path} (the poster)")
        _write_slides(amap, output_dir / "classroom", "16:9", "png", "color")
    except _graphviz_missing():
        raise click.ClickException(_NO_GRAPHVIZ) from None
    _echo()
    _echo(f"{amap.title} ({amap.date})")
    _echo(amap.unresolved().to_text(_width()))


def _write_slides(amap: ArgumentMap, folder: Path, size: str, fmt: str, theme: str) -> None:
    from argmap.render.fit import slides
    from argmap.render.output import pipe

    folder.mkdir(parents=True, exist_ok=True)
    made = slides(amap, size, theme=theme)
    unit = SIZES[size].unit
    for number, (name, fit) in enumerate(made, start=1):
        path = folder / f"{number:02d}-{name}.{fmt}"
        write_atomically(path, pipe(fit.dot, fmt))
        how = ", overview" if fit.overview else ""
        _echo(f"wrote {path} (text {fit.text:.0f} {unit} at {size}{how})")
        if not fit.readable:
            _echo(f"{path}: note: text {fit.text:.1f} {unit} is below the {SIZES[size].smallest:g} "
                  f"{unit} {size} asks for", err=True)


@main.command(short_help="A map as slides or pages each readable at a size, issue by issue.")
@click.argument("file", type=_FILE)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the diagrams, numbered in the map's order of issues.")
@click.option("--size", type=click.Choice(list(SIZES)), default="16:9", show_default=True,
              help="16:9 or 4:3 (a projector: text at least 18 px), a4 or letter (at least 8 pt).")
@click.option("--format", "fmt", type=click.Choice(["png", "svg", "pdf"]), default="png",
              show_default=True, help="Output format.")
@click.option("--theme", type=click.Choice(sorted(THEMES)), default="color", show_default=True,
              help="color; print (greyscale); colorblind (Okabe-Ito).")
@_reports_errors
def slides(file: Path, output_dir: Path, size: str, fmt: str, theme: str) -> None:
    """Draw FILE as few diagrams as are each readable at --size.

    The whole map if it (or its overview, with short labels) is readable; else
    groups of consecutive issues; an issue too large alone is drawn in parts,
    thread by thread. Each file is numbered, named for what it draws, and said
    with the height of its text at the size.
    """
    try:
        _write_slides(_load(file), output_dir, size, fmt, theme)
    except _graphviz_missing():
        raise click.ClickException(_NO_GRAPHVIZ) from None


@main.command(short_help="A printed handout of a map: one PDF, diagrams and tables.")
@click.argument("file", type=_FILE)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The PDF to write.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--theme", type=click.Choice(sorted(THEMES)), default="print", show_default=True,
              help="print (greyscale, the default); color; colorblind (Okabe-Ito).")
@_reports_errors
def handout(file: Path, output: Path, paper: str, theme: str) -> None:
    """Write a handout of FILE as one PDF.

    A title page with the document's citation, the issue-by-issue comparison and
    the unresolved threads as tables, then each issue's diagram fitted to the
    paper (turned, or in parts, where that keeps its smallest text at 8 pt or
    more) and its points with their speakers and quotes. Typeset with Typst
    (pip install 'argmap[handout]').
    """
    from argmap.render.handout import handout as write_handout

    if output.suffix.lower() != ".pdf":
        raise click.BadParameter("a handout is a PDF: give a file name ending .pdf", param_hint="-o")
    amap = _load(file)
    try:
        path = write_handout(amap, output, paper=paper, theme=theme)
    except _graphviz_missing():
        raise click.ClickException(_NO_GRAPHVIZ) from None
    _echo(f"wrote {path}")


#: The bundled map ``argmap demo`` draws.
DEMO_MAP = "1962-11-28-new-york"


def _framework(path: Path) -> Framework:
    if path.suffix.lower() in (".apx", ".i23", ".af"):
        from argmap.io.iccma import load_framework

        return load_framework(path, max_bytes=_max_bytes())
    return semantics_module.framework(_load(path))


@main.command(short_help="A map's extensions under Dung's semantics.")
@click.argument("file", type=_FILE)
@click.option("--semantics", "name", type=click.Choice(list(SEMANTICS)), required=True,
              help="Which extensions to compute.")
@click.option("--json", "as_json", is_flag=True, help='Print {"semantics": ..., "extensions": [...]}.')
@_reports_errors
def semantics(file: Path, name: SemanticsName, as_json: bool) -> None:
    """Print the extensions of a map's attack graph, or of an ICCMA .apx or .i23 framework.

    Every point is an argument and every attacks edge an attack; supports and
    agrees edges are not attacks (docs/semantics.md).
    """
    af = _framework(file)
    found = semantics_module.extensions(af, name)
    order = {a: i for i, a in enumerate(af.arguments)}
    ordered = [sorted(e, key=order.__getitem__) for e in found]
    if as_json:
        _echo(json.dumps({"semantics": name, "extensions": ordered}, ensure_ascii=False), as_json=True)
        return
    _echo(f"{name}: {_plural(len(ordered), 'extension')} over "
               f"{_plural(len(af.arguments), 'argument')} and {_plural(len(af.attacks), 'attack')}")
    for i, extension in enumerate(ordered, start=1):
        _echo(f"{i}: {' '.join(extension) if extension else '(empty)'}")


@main.command(short_help="Convert a map between formats.")
@click.argument("source", type=_FILE)
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite TARGET if it exists.")
@click.option("--copy-source", is_flag=True,
              help="Copy the map's source text beside TARGET when TARGET's folder does not hold it.")
@_reports_errors
def convert(source: Path, target: Path, force: bool, copy_source: bool) -> None:
    """Convert a map between formats, chosen by the files' extensions.

    Reads .yaml .yml .json, AIF (.aif.json, or AIFdb's nodeset .json), Argdown
    (.argdown .ad), Kialo exports (.txt) and ICCMA frameworks (.apx .i23); writes
    .yaml .yml .json .aif.json .argdown .graphml .csv .apx .i23. A map's source
    text must stay where the new file can find it (see --copy-source).
    """
    if target.exists() and target.resolve() == source.resolve():
        raise click.BadParameter("TARGET is SOURCE: convert never overwrites its input",
                                 param_hint="TARGET")
    if target.exists() and not force:
        raise click.BadParameter(f"{target} exists; pass --force to replace it",
                                 param_hint="TARGET")
    try:
        argmap.io.format_for(target)  # an unknown extension fails before any work
    except argmap.UnsupportedFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="TARGET") from None
    amap = _load(source)
    amap = _source_for(amap, source, target, copy_source)
    argmap.save(amap, target)
    _echo(f"wrote {target}")


def _source_for(amap: ArgumentMap, source: Path, target: Path, copy_source: bool) -> ArgumentMap:
    """Return *amap* with its ``source.file`` found from *target*'s folder, or say why it cannot be."""
    if amap.source is None or amap.source.file is None:
        return amap
    here, there = source.parent.resolve(), target.parent.resolve()
    if here == there:
        return amap
    document = (here / amap.source.file).resolve()
    relative = Path(os.path.relpath(document, there))
    if not relative.parts or relative.parts[0] != "..":
        return attrs.evolve(amap, source=attrs.evolve(amap.source, file=relative.as_posix()))
    if not copy_source and argmap.io.format_for(target) not in ("yaml", "json"):
        _echo(f"{target}: warning: the map's source file {amap.source.file!r} is kept as "
                   f"written, relative to {source}'s folder; --copy-source copies it beside "
                   f"{target.name}", err=True)
        return amap
    if not copy_source:
        raise click.ClickException(
            f"{amap.id}'s source file {amap.source.file!r} would lie outside {target}'s folder, where "
            "argmap does not look for it; pass --copy-source to copy it beside the new file, or "
            "convert into a folder that holds it")
    copy = there / amap.source.file
    if copy.exists() and copy.read_bytes() != document.read_bytes():
        raise click.ClickException(f"{copy} exists and differs from {document}; not overwritten")
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(document, copy)
    _echo(f"copied {document} to {copy}")
    return amap


@main.group(short_help="Cases: the maps of one negotiation.")
def case() -> None:
    """Cases: the maps of one negotiation, meeting by meeting."""


@case.command(short_help="Each issue's status, meeting by meeting.")
@click.argument("case_file", metavar="CASE", type=_FILE)
@click.option("--issue", metavar="ID", help="Only this issue.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON records.")
@_reports_errors
def timeline(case_file: Path, issue: str | None, as_json: bool) -> None:
    """Print each issue's status and each party's points, meeting by meeting."""
    loaded = argmap.load_case(case_file)
    if issue is not None and issue not in loaded.issues:
        raise click.BadParameter(
            f"{loaded.id} has no issue {issue!r}{did_you_mean(issue, loaded.issues)}",
            param_hint="--issue")
    result = loaded.timeline(issue)
    if as_json:
        _echo(json.dumps(result.to_records(), indent=2, ensure_ascii=False), as_json=True)
    else:
        _echo(result.to_text(_width()))


@main.group(short_help="The same queries over every map of a corpus.")
def corpus() -> None:
    """Many maps: every file under the PATHs (files, folders, glob patterns), one row each.

    Serially by default; on N processes with --workers N, or on a Dask cluster with
    --scheduler ADDRESS (Dask is the extra argmap[dask]). A file that fails to load
    becomes a row with its error; the run goes on.
    """


def _corpus_options(func: F) -> F:
    options = [
        click.argument("paths", nargs=-1, required=True, metavar="PATH..."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON: a list of rows."),
        click.option("--csv", "as_csv", is_flag=True, help="Print CSV (ids joined by spaces)."),
        click.option("--workers", type=click.IntRange(min=1), metavar="N",
                     help="Run on N processes (Dask's local scheduler)."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Run on the Dask cluster at ADDRESS (tcp://host:8786)."),
        click.option("--format", "fmt", type=click.Choice(list(argmap.io.FORMATS)),
                     help="Read every file as this format, whatever its extension."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _corpus_rows(paths: tuple[str, ...], workers: int | None, scheduler: str | None, fmt: str | None,
                 query: str) -> list[dict[str, Any]]:
    """Return the rows of a corpus query (``summary`` or ``unresolved``) where the options say."""
    if workers and scheduler:
        raise click.UsageError("choose one of --workers and --scheduler")
    progress = sys.stderr.isatty()
    if not scheduler:
        corpus = argmap.Corpus(paths, format=fmt, workers=workers)
        return getattr(corpus, f"{query}_records")(progress=progress)  # type: ignore[no-any-return]
    try:
        from distributed import Client
    except ImportError:
        raise click.ClickException("--scheduler needs Dask: pip install 'argmap[dask]'") from None
    with Client(scheduler) as client:
        corpus = argmap.Corpus(paths, format=fmt, client=client)
        return getattr(corpus, f"{query}_records")(progress=progress)  # type: ignore[no-any-return]


@corpus.command("summary", short_help="One row per file: counts, open threads, errors.")
@_corpus_options
@_reports_errors
def corpus_summary(paths: tuple[str, ...], as_json: bool, as_csv: bool, workers: int | None,
                   scheduler: str | None, fmt: str | None) -> None:
    """Print one row per file: its counts, open threads, and any error.

    The row holds the id, title, date, counts of points, parties and issues, open
    threads, pending proposals, disputed issues, and the error of a file that did not load.
    """
    _check_exclusive(as_json, as_csv)
    rows = _corpus_rows(paths, workers, scheduler, fmt, "summary")
    if as_json or as_csv:
        _print_records(rows, SUMMARY_COLUMNS, as_json)
        return
    failed = sum(1 for r in rows if r["error"])
    table = [[str(r[c]) if r[c] is not None else "-" for c in
              ("points", "open_threads", "pending_proposals", "disputed_issues")]
             + [r["error"].splitlines()[0] if r["error"] else r["file"]] for r in rows]
    _echo(f"{_plural(len(rows), 'file')}, {failed} failed to load\n")
    _echo(format_table(table, ["POINTS", "OPEN", "PENDING", "DISPUTED", "FILE"], _width()))


@corpus.command("unresolved", short_help="Every open thread and pending proposal, file by file.")
@_corpus_options
@_reports_errors
def corpus_unresolved(paths: tuple[str, ...], as_json: bool, as_csv: bool, workers: int | None,
                      scheduler: str | None, fmt: str | None) -> None:
    """Print every open thread and pending proposal of every file, with the file's name."""
    _check_exclusive(as_json, as_csv)
    rows = _corpus_rows(paths, workers, scheduler, fmt, "unresolved")
    if as_json or as_csv:
        _print_records(rows, UNRESOLVED_COLUMNS, as_json)
        return
    table = [[r["status"] or "error", cell_text(r["issue"]) or "-", cell_text(r["last_word"]) or "-",
              f"{r['file']}: {r['root']}" if not r["error"] else r["error"].splitlines()[0]]
             for r in rows]
    _echo(format_table(table, ["STATUS", "ISSUE", "LAST WORD", "FILE: ROOT"], _width()))


@main.command("diff", short_help="What changed between two maps.")
@click.argument("earlier", type=_FILE)
@click.argument("later", type=_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_reports_errors
def diff_command(earlier: Path, later: Path, as_json: bool) -> None:
    """Print what changed between two maps: issues, statuses, restated points, concessions."""
    result = argmap.diff(_load(earlier), _load(later))
    if as_json:
        _echo(json.dumps(result.to_record(), indent=2, ensure_ascii=False), as_json=True)
    else:
        _echo(str(result))
