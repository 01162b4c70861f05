"""Format 1, argmap's own: YAML, or JSON with the same structure (DESIGN §3).

Reading keeps the line and column of every node, so each problem is reported
as ``file:line:col: message @ $.path``; all problems are reported at once.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Final, cast

import attrs
import yaml

from argmap._util import (
    FrozenDict,
    body_lines,
    decoded,
    did_you_mean,
    fold_whitespace,
    gc_paused,
    read_bounded,
    without_footnote_markers,
)
from argmap.errors import FormatError, Problem, ValidationError
from argmap.io._convert import (
    HEADER_FIELDS,
    REQUIRED_TOP,
    SECTIONS,
    TOP_KEYS,
    converter,
    describe,
    structure_item,
    trusted_point,
    unstructure,
)
from argmap.model import ArgumentMap, Point, Source, map_problems

__all__ = ["FORMAT_VERSION", "dumps_json", "dumps_yaml", "loads_json", "loads_yaml"]

#: The format version this module reads and writes.
FORMAT_VERSION: Final = 1

#: How many nodes a document may expand to through YAML aliases before it is refused.
MAX_EXPANDED_NODES: Final = 5_000_000

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_MERGE_TAG: Final = "tag:yaml.org,2002:merge"
_HEADER_TYPES: Final[dict[str, Any]] = {
    "id": str, "title": str, "date": datetime.date, "description": str, "meta": FrozenDict,
}

Path_ = tuple[str | int, ...]


# --- positions ------------------------------------------------------------------


class _Locator:
    """Finds the line and column of a document path in a composed YAML node tree."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def locate(self, path: Path_) -> tuple[int, int] | tuple[None, None]:
        node = self.root
        if node is None:
            return None, None
        mark = node.start_mark
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == part:
                        mark, child = key.start_mark, value
                        break
            elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
                  and 0 <= part < len(node.value)):
                child = node.value[part]
                mark = child.start_mark
            if child is None:
                break
            node = child
        return mark.line + 1, mark.column + 1


class _LazyJsonLocator(_Locator):
    """Composes JSON text as YAML (a superset) only when a problem needs a place."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._composed = False
        super().__init__(None)

    def locate(self, path: Path_) -> tuple[int, int] | tuple[None, None]:
        if not self._composed:
            self._composed = True
            try:
                self.root = yaml.compose(self._text, Loader=_SafeLoader)
            except yaml.YAMLError:
                self.root = None
        return super().locate(path)


def _located(problems: Iterable[Problem], file: str, locator: _Locator) -> list[Problem]:
    out = []
    for p in problems:
        line, column = locator.locate(p.path)
        out.append(Problem(p.message, p.path, file, line, column))
    out.sort(key=lambda p: (p.line or 0, p.column or 0))
    return out


# --- parsing ----------------------------------------------------------------------


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader, noting mappings that repeat a key (PyYAML keeps the last)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.repeated: list[tuple[yaml.Node, str]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # keys are compared as the mapping will hold them: 1 and 0x1, null and ~, true and yes
        # are the same key; 1 and '1' are not
        seen: set[Any] = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE_TAG:
                try:
                    value = self.construct_object(key)
                    hash(value)
                except Exception:
                    continue
                if value in seen:
                    self.repeated.append((key, key.value))
                seen.add(value)
        result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return result

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """Read an impossible date such as 1962-13-01 as text, for the checker to name."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _expanded_size(root: yaml.Node) -> int:
    """Count the nodes of *root* as if every alias were copied out, without copying."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = (
            [n for pair in node.value for n in pair]
            if isinstance(node, yaml.MappingNode) else list(node.value)
        )
        if done:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 0) for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


#: What PyYAML's messages usually mean, in plain words, and what to do.
_YAML_HINTS: Final = (
    ("that cannot start any token",
     "a text that begins with a character YAML reserves (@, `, %): put the text in quotes"),
    ("mapping values are not allowed",
     "a colon followed by a space inside a text that is not in quotes (put the text in quotes: "
     "text: \"Mikoyan said: no\"), or a line indented deeper than the key above it"),
    ("expected '-' indicator",
     "this line is not lined up with the list above it: the '- ' of every item of one list starts "
     "in the same column"),
    ("did not find expected key",
     "this line is not lined up with the lines above it: the keys of one mapping start in the same "
     "column, and an item of a list starts with '- '"),
    ("expected <block end>",
     "this line is not lined up with the lines above it: the keys of one mapping start in the same "
     "column"),
    ("did not find expected ',' or ']'",
     "a list in brackets is not closed on its line, or an item in it holds a colon or a bracket: "
     "close it with ']', or put the item in quotes"),
    ("did not find expected ',' or '}'",
     "a mapping in braces is not closed on its line, or a text in it holds a colon or a brace: "
     "close it with '}', or put the text in quotes"),
    ("quoted scalar",
     "a quotation mark is opened and never closed: close it; a text that contains a double quote "
     "goes in single quotes, and the other way round"),
    ("could not find expected ':'",
     "a line that is neither 'key: value' nor '- item': a text that runs on to the next line must "
     "be indented under its key, or be put in quotes"),
    ("undefined alias",
     "a text that begins with '*' is read as a reference to an '&anchor': put the text in quotes"),
)


def yaml_hint(message: str, char: str = "") -> str:
    r"""Return what a PyYAML error message usually means, as ``"; this usually means ..."``, or ``""``.

    *char* is the character where PyYAML stopped.

    Examples
    --------
    >>> yaml_hint("mapping values are not allowed in this context")[:60]
    '; this usually means a colon followed by a space inside a te'
    >>> yaml_hint("found character that cannot start any token", "\t")
    '; this usually means a tab: YAML indents with spaces only; replace the tab with spaces'
    """
    if char == "\t":
        return "; this usually means a tab: YAML indents with spaces only; replace the tab with spaces"
    for marker, hint in _YAML_HINTS:
        if marker in message:
            return f"; this usually means {hint}"
    return ""


def _char_at(text: str, mark: Any) -> str:
    """Return the character at a PyYAML mark, or "" where there is none."""
    if mark is None:
        return ""
    lines = text.splitlines()
    if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
        return str(lines[mark.line][mark.column])
    return ""


def _syntax_problem(message: str, file: str, mark: Any) -> FormatError:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return FormatError([Problem(message, (), file, line, column)])


#: The most nodes (scalars, lists and mappings) a YAML document may hold. PyYAML keeps every node
#: while it reads (the hostile-input review measured 1.55 GB for 20 MB of short list items);
#: JSON, read without nodes, takes large maps far more cheaply (argmap convert map.yaml map.json).
MAX_YAML_NODES: Final = 10_000_000
#: Documents shorter than this cannot hold MAX_YAML_NODES nodes; longer ones are counted first.
_COUNT_ABOVE: Final = 2 * MAX_YAML_NODES


def _count_nodes(text: str, file: str) -> None:
    """Refuse a YAML document of more than :data:`MAX_YAML_NODES` nodes.

    The events are counted one at a time, so that memory stays flat.
    """
    count = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent | yaml.AliasEvent):
            count += 1
            if count > MAX_YAML_NODES:
                raise _syntax_problem(
                    f"the YAML document holds more than {MAX_YAML_NODES:,} values, more than argmap "
                    "reads as YAML; write so large a map as JSON (argmap convert map.yaml map.json)",
                    file, event.start_mark)


def _parse_yaml(text: str, file: str) -> tuple[Any, _Locator, list[Problem]]:
    loader = _Loader(text)
    try:
        if len(text) > _COUNT_ABOVE:
            _count_nodes(text, file)
        node = loader.get_single_node()
        if node is not None and _expanded_size(node) > MAX_EXPANDED_NODES:
            raise _syntax_problem(
                f"the document expands to more than {MAX_EXPANDED_NODES:,} nodes through YAML "
                "aliases (&anchor / *alias); refusing to expand it", file, node.start_mark)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        raise _syntax_problem(f"YAML syntax error: {what}{yaml_hint(what, _char_at(text, exc.problem_mark))}",
                              file, exc.problem_mark) from None
    except yaml.YAMLError as exc:
        raise _syntax_problem(f"cannot read YAML: {exc}", file, None) from None
    except RecursionError:
        raise _syntax_problem("the document is nested too deeply to read", file, None) from None
    except FormatError:  # ours, with its place: not a value PyYAML could not construct
        raise
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar PyYAML cannot construct
        raise _syntax_problem(f"cannot read a value: {exc}", file, None) from None
    finally:
        loader.dispose()
    repeated = [
        Problem(f"key {name!r} appears twice in one mapping; the first would be lost",
                (), file, key.start_mark.line + 1, key.start_mark.column + 1)
        for key, name in loader.repeated
    ]
    return data, _Locator(node), repeated


def _parse_json(text: str, file: str) -> tuple[Any, _Locator, list[Problem]]:
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            repeated.extend(k for k, _ in items if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        problem = Problem(f"JSON syntax error: {exc.msg}", (), file, exc.lineno, exc.colno)
        raise FormatError([problem]) from None
    except RecursionError:
        raise FormatError([Problem("the document is nested too deeply to read", (), file)]) from None
    except _LongNumber:
        at = re.search(r"[0-9]{4301}", text)
        line, column = _line_column(text, at.start() if at else 0)
        raise FormatError([Problem(
            "a number has more than 4,300 digits, more than Python reads; write it as text in quotes",
            (), file, line, column)]) from None
    locator = _LazyJsonLocator(text)
    problems = []
    for key in dict.fromkeys(repeated):
        places = [m.start() for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
        where: tuple[int | None, int | None] = (
            _line_column(text, places[1]) if len(places) > 1 else (None, None))
        problems.append(Problem(f"key {key!r} appears twice in one object; the first would be lost",
                                (), file, *where))
    return data, locator, problems


class _LongNumber(Exception):
    """A JSON number longer than Python converts (4,300 digits)."""


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > 4300:
        raise _LongNumber
    return int(digits)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- building the map -----------------------------------------------------------------


def _header(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    fields = attrs.fields_dict(ArgumentMap)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name in HEADER_FIELDS:
        if name not in data:
            continue
        raw = data[name]
        try:
            value = converter.structure(raw, _HEADER_TYPES[name])
            attribute = fields[name]
            convert = cast("Callable[[Any], Any] | None", attribute.converter)
            if convert is not None:
                value = convert(value)
            if attribute.validator is not None:
                attribute.validator(None, attribute, value)
            values[name] = value
        except (TypeError, ValueError) as exc:
            problems.append(Problem(str(exc), (name,)))
    return values, problems


def _top_problems(data: Mapping[str, Any]) -> list[Problem]:
    problems = []
    for key in data:
        if key not in TOP_KEYS:
            problems.append(Problem(
                f"unknown key {key!r}{did_you_mean(str(key), TOP_KEYS)}; allowed here: "
                f"{', '.join(TOP_KEYS)} (free-form data goes under 'meta')", (str(key),)))
    for key in REQUIRED_TOP:
        if key not in data:
            hint = ": add 'argmap: 1' at the top" if key == "argmap" else ""
            problems.append(Problem(f"missing required key {key!r}{hint}", ()))
    version = data.get("argmap", FORMAT_VERSION)
    if version != FORMAT_VERSION or isinstance(version, bool):
        problems.append(Problem(
            f"unsupported format version {version!r}: this argmap reads version {FORMAT_VERSION}",
            ("argmap",)))
    return problems


def _sections(
    data: Mapping[str, Any],
) -> tuple[dict[str, list[tuple[int, Any]]], list[Problem], frozenset[str]]:
    items: dict[str, list[tuple[int, Any]]] = {}
    problems: list[Problem] = []
    broken: set[str] = set()
    for key, cls in SECTIONS.items():
        raw = data.get(key, [])
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            problems.append(Problem(f"{key} must be a list, not {describe(raw)}", (key,)))
            broken.add(key)
            items[key] = []
            continue
        good = []
        fast = trusted_point if cls is Point else None
        for i, raw_item in enumerate(raw):
            if fast is not None and type(raw_item) is dict:
                trusted = fast(raw_item)
                if trusted is not None:
                    good.append((i, trusted))
                    continue
            item, item_problems = structure_item(raw_item, cls, (key, i))
            if item is None:
                problems.extend(item_problems)
                if isinstance(raw_item, Mapping) and isinstance(raw_item.get("id"), str):
                    broken.add(raw_item["id"])
                if key == "parties":
                    broken.add("parties")
            else:
                good.append((i, item))
        items[key] = good
    return items, problems, frozenset(broken)


#: The largest source text a map may quote (bytes): a document, not a database.
SOURCE_MAX_BYTES: Final = 64 * 1024 * 1024


def _source_text(
    source: Source, base_dir: Path | None, allow_outside: bool
) -> tuple[str | None, list[Problem]]:
    assert source.file is not None
    path = ("source", "file")
    if "\0" in source.file:
        return None, [Problem("the source file's name holds a NUL character", path)]
    rel = Path(source.file)
    base = (base_dir or Path.cwd()).resolve()
    target = (base / rel).resolve()
    if not allow_outside and (rel.is_absolute() or not target.is_relative_to(base)):
        return None, [Problem(
            f"source file {source.file!r} lies outside the map's folder {str(base)!r}; move it "
            "beside the map (or pass allow_outside=True if you trust this file)", path)]
    try:
        return decoded(read_bounded(target, SOURCE_MAX_BYTES, "source file"), source.file), []
    except FileNotFoundError:
        return None, [Problem(
            f"source file {source.file!r} not found (looked for {str(target)!r}); the path is "
            "relative to the map's file", path)]
    except FormatError as exc:
        return None, [Problem(f"cannot read source file {source.file!r}: {exc.problems[0].message}", path)]
    except OSError as exc:
        return None, [Problem(f"cannot read source file {source.file!r}: {exc.strerror or exc}", path)]


def _misquote(quote: str, folded_source: str, file: str) -> str:
    """Explain where *quote* parts from the source, by its longest matching start."""
    lo, hi = 0, len(quote)
    while lo < hi:  # the longest prefix of quote found in the source
        mid = (lo + hi + 1) // 2
        if quote[:mid] in folded_source:
            lo = mid
        else:
            hi = mid - 1
    message = f"quote not found in {file} (compared with whitespace folded)"
    if lo >= 8:
        at = folded_source.index(quote[:lo]) + lo
        message += (
            f": it matches up to {_before(quote, lo)!r}, then the quote has "
            f"{_after(quote, lo)!r} where the source has {_after(folded_source, at)!r}"
        )
    return message


def _before(text: str, end: int, width: int = 30) -> str:
    """Return about *width* characters of *text* before *end*, cut at a word and marked "…".

    Examples
    --------
    >>> _before("statement in the city's letter", 30, width=13)
    "…city's letter"
    """
    start = max(0, end - width)
    if start > 0:
        space = text.find(" ", start - 1, end)
        start = space + 1 if 0 <= space < end - 1 else start
        return "…" + text[start:end]
    return text[:end]


def _after(text: str, start: int, width: int = 25) -> str:
    """Return about *width* characters of *text* from *start*, cut at a word and marked "…".

    Examples
    --------
    >>> _after("clear retreat from statement in", 0, width=16)
    'clear retreat…'
    """
    end = start + width
    if end >= len(text):
        return text[start:]
    space = text.rfind(" ", start + 1, end + 1)
    return text[start:space if space > start else end] + "…"


def _quote_problems(
    quotes: Iterable[tuple[int, str]], source: Source, text: str,
) -> list[Problem]:
    assert source.file is not None
    problems: list[Problem] = []
    count = len(text.splitlines())
    beyond = [list(r) for r in source.body if r[1] > count]
    if beyond:
        return [*problems, Problem(
            f"the body lines {', '.join(map(str, beyond))} lie past the end of {source.file} "
            f"({count} lines): give the first and last line of the document", ("source", "body"))]
    lines = body_lines(text, source.body)
    folded = fold_whitespace("\n".join(line for _, line in lines))
    unmarked: str | None = None
    for i, raw_quote in quotes:
        if raw_quote is not None:
            quote = fold_whitespace(raw_quote)
            if quote in folded:
                continue
            if unmarked is None:
                unmarked = without_footnote_markers(folded)
            if quote not in unmarked:
                where = source.file + (" (its body lines)" if source.body else "")
                problems.append(Problem(_misquote(quote, folded, where), ("points", i, "quote")))
    return problems


def _quotes(data: Mapping[str, Any], good: Iterable[tuple[int, Point]]) -> list[tuple[int, str]]:
    """Return each point's quote by its index, also of points that did not load.

    A misquote is so reported together with the point's other problems.
    """
    quotes = {i: p.quote for i, p in good if p.quote is not None}
    raw = data.get("points")
    if isinstance(raw, list):
        for i, item in enumerate(raw):
            if i not in quotes and isinstance(item, Mapping) and isinstance(item.get("quote"), str):
                quotes[i] = item["quote"]
    return sorted(quotes.items())


def with_source(amap: ArgumentMap, file: str, base_dir: Path | None, allow_outside: bool) -> ArgumentMap:
    """Return *amap* (read from another format) with its quotes checked against its source file.

    A map that names a source file holds quotes of it, whatever format carries
    it; they are checked as format 1's are, so that converting the map to format
    1 never gives a file the loader refuses for a misquote. Without *base_dir*
    (a map read from a string), or when the source file is not there to read,
    nothing is checked.

    Raises
    ------
    FormatError
        For a source that cannot be read or a quote that is not in it, naming the point.
    """
    source = amap.source
    if source is None or source.file is None or base_dir is None:
        return amap
    text, _ = _source_text(source, base_dir, allow_outside)
    if text is None:  # not beside this file (converted elsewhere): nothing to check against
        return amap
    problems = _quote_problems(((i, p.quote) for i, p in enumerate(amap.points) if p.quote),
                               source, text)
    if problems:
        def named(problem: Problem) -> str:
            at = problem.path[1] if problem.path[:1] == ("points",) else None
            return (f"point {amap.points[at].id!r}: " if isinstance(at, int) else "") + problem.message

        raise FormatError([Problem(named(p), (), file) for p in problems])
    return attrs.evolve(amap, source=attrs.evolve(source, text=text))


def build_map(
    data: object, *, base_dir: Path | None = None, allow_outside: bool = False,
) -> tuple[ArgumentMap | None, list[Problem]]:
    """Turn parsed format-1 data into a map, or say every problem with it.

    Returns the map (None when there are problems) and the problems, with paths
    but no positions.
    """
    if not isinstance(data, Mapping):
        return None, [Problem(
            "a map file must be a mapping with at least 'argmap: 1', 'id', 'title' and "
            f"'parties', not {describe(data)}")]
    problems = _top_problems(data)
    header, header_problems = _header(data)
    problems += header_problems
    source: Source | None = None
    if data.get("source") is not None:
        source, source_problems = structure_item(data["source"], Source, ("source",))
        problems += source_problems
    items, item_problems, broken = _sections(data)
    problems += item_problems
    if source is not None and source.file is not None:
        text, source_problems = _source_text(source, base_dir, allow_outside)
        problems += source_problems
        if text is not None:
            problems += _quote_problems(_quotes(data, items["points"]), source, text)
            source = attrs.evolve(source, text=text)
    amap = None
    if item_problems:
        problems += map_problems(
            items["parties"], items["actors"], items["issues"], items["points"], broken_ids=broken)
    else:
        try:
            amap = ArgumentMap(
                **header, source=source,
                parties=tuple(item for _, item in items["parties"]),
                actors=tuple(item for _, item in items["actors"]),
                issues=tuple(item for _, item in items["issues"]),
                points=tuple(item for _, item in items["points"]),
            )
        except ValidationError as exc:
            problems += exc.problems
        except (TypeError, ValueError):  # a header field already reported above
            pass
    if problems:
        return None, problems
    return amap, problems


def _loads(
    text: str, parse: Callable[[str, str], tuple[Any, _Locator, list[Problem]]], file: str,
    base_dir: Path | None, allow_outside: bool,
) -> ArgumentMap:
    try:
        with gc_paused():
            data, locator, repeated = parse(text, file)
            amap, problems = build_map(data, base_dir=base_dir, allow_outside=allow_outside)
            del data  # freed now, so that the collector does not walk it when it resumes
    except RecursionError:
        raise FormatError([Problem("the document is nested too deeply to read", (), file)]) from None
    if repeated or problems or amap is None:
        located = _located(problems, file, locator) + repeated
        located.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise FormatError(located)
    return amap


def loads_yaml(
    text: str, *, file: str = "<string>", base_dir: Path | None = None,
    allow_outside: bool = False,
) -> ArgumentMap:
    """Return the map in YAML *text*; see :func:`argmap.loads`."""
    return _loads(text, _parse_yaml, file, base_dir, allow_outside)


def loads_json(
    text: str, *, file: str = "<string>", base_dir: Path | None = None,
    allow_outside: bool = False,
) -> ArgumentMap:
    """Return the map in JSON *text*; see :func:`argmap.loads`."""
    return _loads(text, _parse_json, file, base_dir, allow_outside)


# --- writing -------------------------------------------------------------------------


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Writes short lists of ids inline, ``[a, b]``, and everything else in block style."""


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = bool(value) and (all(isinstance(v, str) and len(v) <= 40 for v in value)
                            or all(type(v) is int for v in value))
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dumps_yaml(amap: ArgumentMap) -> str:
    """Return *amap* as format-1 YAML."""
    text: str = yaml.dump(
        unstructure(amap), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
        default_flow_style=False,
    )
    return text


def _json_default(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps_json(amap: ArgumentMap) -> str:
    """Return *amap* as format-1 JSON."""
    return json.dumps(unstructure(amap), indent=2, ensure_ascii=False, default=_json_default) + "\n"
