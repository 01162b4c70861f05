"""The one cattrs converter argmap uses between plain data and the model.

Structuring is strict: unknown keys are errors, strings are never made out of
numbers, and every failure is turned into :class:`~argmap.errors.Problem`
objects with the path of the offending key (:func:`problems_from`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from argmap._util import FrozenDict, did_you_mean, freeze_meta, thaw
from argmap.errors import Problem
from argmap.model import (
    ID_PATTERN,
    REF_PATTERN,
    Actor,
    ArgumentMap,
    Issue,
    Kind,
    Party,
    Point,
    Source,
    line_ranges,
)

Path = tuple[str | int, ...]

_TYPE_NAMES: Final = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    datetime.date: "a date",
    datetime.datetime: "a timestamp",
    type(None): "nothing (null)",
}


def describe(value: object) -> str:
    """Return ``"a number (2024)"``: the kind of a YAML/JSON value, for messages."""
    if isinstance(value, str):
        return f"the text {value!r}"
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, list | dict):
        return name
    return f"{name} ({value!r})" if not isinstance(value, datetime.date) else f"{name} ({value})"


#: How deep ``meta`` may nest: deeper data could not be written back (the writers recurse).
MAX_META_DEPTH: Final = 64
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _check_text(value: str) -> str:
    if value.isascii():  # the common case, decided in C: no surrogate can be there
        return value
    match = _SURROGATE.search(value)
    if match:
        raise ValueError(f"the text holds a lone surrogate (U+{ord(match[0]):04X}, at character "
                         f"{match.start()}), which is not a character and cannot be written; remove it")
    return value


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return _check_text(value)
    hint = "; put it in quotes" if isinstance(value, bool | int | float | datetime.date) else ""
    raise TypeError(f"expected text, not {describe(value)}{hint}")


def _structure_ids(value: object, _: type) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a list of point ids, not the text {value!r}; write [{value}]")
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected a list of point ids, not {describe(value)}")
    errors = []
    for i, item in enumerate(value):
        try:
            _structure_str(item, str)
        except TypeError as exc:
            exc.__notes__ = [cattrs.errors.IterableValidationNote(f"item {i}", i, str)]
            errors.append(exc)
    if errors:
        raise IterableValidationError("invalid ids", errors, tuple)
    return tuple(value)


_KINDS: Final = {k.value: k for k in Kind}
_EMPTY_META: Final = freeze_meta(None)


def _structure_kind(value: object, _: type) -> Kind:
    kind = _KINDS.get(value) if isinstance(value, str) else None
    if kind is not None:
        return kind
    allowed = ", ".join(_KINDS)
    if not isinstance(value, str):
        raise TypeError(f"kind must be one of {allowed}, not {describe(value)}")
    hint = did_you_mean(value, list(_KINDS))
    raise ValueError(f"unknown kind {value!r}{hint}; use one of {allowed}")


def _structure_date(value: object, _: type) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date written YYYY-MM-DD, not {describe(value)}")


def _structure_meta(value: object, _: type) -> FrozenDict:
    if not isinstance(value, Mapping):
        raise TypeError(f"meta must be a mapping (key: value pairs), not {describe(value)}")
    _check_meta(value, 0)
    return freeze_meta(value)


def _check_meta(value: object, depth: int) -> None:
    """Refuse in ``meta`` what could not be written back as it was read."""
    if depth > MAX_META_DEPTH:
        raise ValueError(f"meta nests deeper than {MAX_META_DEPTH} levels; flatten it")
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str | int | float | bool | datetime.date) and key is not None:
                raise TypeError(f"a key in meta is {describe(key)}; use text")
            if isinstance(key, str):
                _check_text(key)
            _check_meta(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_meta(item, depth + 1)
    elif isinstance(value, bytes | bytearray):
        raise TypeError("meta holds binary data (!!binary), which a JSON file cannot hold; write it "
                        "as text (base64) instead")
    elif isinstance(value, set | frozenset):
        raise TypeError("meta holds a set (!!set), which a JSON file cannot hold; write a list")
    elif not isinstance(value, int | float | bool | datetime.date) and value is not None:
        raise TypeError(f"meta holds {describe(value)}, which argmap cannot write back; use text")


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, not {describe(value)}")


def _structure_ranges(value: object, _: type) -> tuple[tuple[int, int], ...]:
    return line_ranges(value)


def field_names(cls: type) -> list[str]:
    """Return the keys a file may use for *cls* (not :attr:`Source.text`, which files never hold)."""
    return [a.name for a in attrs.fields(cls) if a.metadata.get("in_files", True)]


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_ids)
    conv.register_structure_hook(Kind, _structure_kind)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_structure_hook(FrozenDict, _structure_meta)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_func(
        lambda t: t == tuple[tuple[int, int], ...], _structure_ranges)
    conv.register_unstructure_hook_func(
        lambda t: t == tuple[tuple[int, int], ...], lambda v: [list(r) for r in v])
    conv.register_unstructure_hook(FrozenDict, thaw)
    conv.register_unstructure_hook(Kind, lambda k: k.value)
    conv.register_unstructure_hook(datetime.date, lambda d: d)
    for cls in (Party, Actor, Issue, Point, Source):
        conv.register_unstructure_hook(cls, _ordered(cls, conv))
    conv.register_structure_hook(Source, make_dict_structure_fn(  # a file never gives the text
        Source, conv, text=override(omit=True), _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True))
    return conv


def _ordered(cls: type, conv: cattrs.Converter) -> Any:
    """Unstructure *cls* leaving out defaults, keys in field order (cattrs puts required first)."""
    plain: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
        cls, conv, _cattrs_omit_if_default=True)
    order = field_names(cls)

    def unstructure(obj: Any) -> dict[str, Any]:
        data = plain(obj)
        return {key: data[key] for key in order if key in data}

    return unstructure


converter: Final = _make_converter()

#: The classes of the items under each list key of a map file.
SECTIONS: Final[dict[str, type]] = {
    "parties": Party,
    "actors": Actor,
    "issues": Issue,
    "points": Point,
}

#: Keys allowed at the top of a format-1 file, in the order they are written.
TOP_KEYS: Final = ("argmap", "id", "title", "date", "description", "source",
                   "parties", "actors", "issues", "points", "meta")
HEADER_FIELDS: Final = ("id", "title", "date", "description", "meta")
REQUIRED_TOP: Final = ("argmap", "id", "title", "parties")


def problems_from(exc: BaseException, path: Path, cls: type | None = None) -> Iterator[Problem]:
    """Yield a :class:`Problem` for every failure inside a cattrs exception.

    Mirrors :func:`cattrs.transform_error`, keeping paths as tuples so that the
    reader can find each one's line and column.
    """
    if isinstance(exc, IterableValidationError):
        noted, other = exc.group_exceptions()
        for sub, inote in noted:
            yield from problems_from(sub, (*path, inote.index), None)
        for sub in other:
            yield from problems_from(sub, path, None)
    elif isinstance(exc, ClassValidationError):
        cnoted, other = exc.group_exceptions()
        for sub, cnote in cnoted:
            if isinstance(sub, KeyError):  # a required key is missing: point at its mapping
                yield Problem(f"missing required key {cnote.name!r}", path)
            else:
                yield from problems_from(sub, (*path, cnote.name), None)
        for sub in other:
            yield from problems_from(sub, path, exc.cl)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = field_names(exc.cl)
        for key in sorted(exc.extra_fields):
            yield Problem(
                f"unknown key {key!r}{did_you_mean(key, known)}; allowed here: "
                f"{', '.join(known)} (free-form data goes under 'meta')",
                (*path, key),
            )
    elif isinstance(exc, KeyError):
        key = exc.args[0] if exc.args else "?"
        yield Problem(f"missing required key {key!r}", path)
    else:
        field = getattr(exc, "argmap_field", None)
        yield Problem(str(exc), (*path, field) if field else path)


def structure_item(raw: object, cls: type, path: Path) -> tuple[Any, list[Problem]]:
    """Structure one item; return it, or None with the problems that stopped it."""
    if not isinstance(raw, Mapping):
        what = cls.__name__.lower()
        return None, [Problem(
            f"each {what} must be a mapping (key: value pairs), not {describe(raw)}", path)]
    try:
        return converter.structure(raw, cls), []
    except Exception as exc:  # every failure is reported as a problem with its path
        return None, list(problems_from(exc, path, cls))


# --- the fast path for well-formed points ------------------------------------------------

_ID_MATCH: Final = re.compile(ID_PATTERN).fullmatch
_REF_MATCH: Final = re.compile(REF_PATTERN).fullmatch
#: The keys of a point that hold ids, and those that hold references to other maps' points.
_ID_LISTS: Final = ("attacks", "supports", "agrees")
_REF_LISTS: Final = ("restates", "answers", "revises")
_OPTIONAL_TEXTS: Final = ("quote", "condition", "note")
#: The keys :func:`trusted_point` takes; a point with any other (``meta``, or an unknown key)
#: goes the checked way.
_SIMPLE_KEYS: Final = frozenset(
    ("id", "kind", "by", "text", "issue", "on_behalf_of", "constructed", *_ID_LISTS, *_REF_LISTS,
     *_OPTIONAL_TEXTS))
_new_point = object.__new__
#: Each field's slot setter: a point built by :func:`trusted_point` fills every slot through
#: these, which is what attrs' generated ``__init__`` does, less the checks already made.
_SETTERS: Final[dict[str, Callable[[Point, Any], None]]] = {
    field.name: vars(Point)[field.name].__set__ for field in attrs.fields(Point)}
_SET_ID, _SET_KIND, _SET_BY, _SET_TEXT, _SET_ISSUE, _SET_ON_BEHALF_OF = (
    _SETTERS[name] for name in ("id", "kind", "by", "text", "issue", "on_behalf_of"))
_SET_ATTACKS, _SET_SUPPORTS, _SET_AGREES, _SET_RESTATES, _SET_ANSWERS, _SET_REVISES = (
    _SETTERS[name] for name in ("attacks", "supports", "agrees", "restates", "answers", "revises"))
_SET_QUOTE, _SET_CONDITION, _SET_NOTE, _SET_CONSTRUCTED, _SET_META = (
    _SETTERS[name] for name in ("quote", "condition", "note", "constructed", "meta"))


def _is_text(value: object) -> bool:
    """Return True for text the model takes: a string, not blank, without lone surrogates."""
    return (type(value) is str and not value.isspace() and value != ""
            and (value.isascii() or not _SURROGATE.search(value)))


def _ids(value: object, match: Callable[[str], object]) -> tuple[str, ...] | None:
    """Return a list of ids as a tuple, or None if any is not one (or the value is no list)."""
    if type(value) is not list:
        return None
    for item in value:
        if type(item) is not str or not match(item):
            return None
    return tuple(value)


_NO_IDS: Final[tuple[str, ...]] = ()


def trusted_point(raw: dict[str, Any]) -> Point | None:
    """Return the point *raw* describes when every field is well formed, else None.

    This is the common case of loading, decided with plain checks on the plain data:
    the keys are known, ids match :data:`~argmap.model.ID_PATTERN`, texts are text,
    and so on, exactly the checks the converter and the model's validators make. The
    point is then built without running them again. Anything else returns None, and
    the caller takes the checked way (:func:`structure_item`), which reports what is
    wrong; a point built here equals the one that way would build.
    """
    if not _SIMPLE_KEYS.issuperset(raw):
        return None
    get = raw.get
    pid, kind, by, text = get("id"), get("kind"), get("by"), get("text")
    if (type(pid) is not str or not _ID_MATCH(pid) or type(kind) is not str
            or type(by) is not str or not _ID_MATCH(by) or not _is_text(text)):
        return None
    kind = _KINDS.get(kind)
    if kind is None:
        return None
    issue = get("issue")
    attacks, supports, agrees = get("attacks"), get("supports"), get("agrees")
    common = 4
    if issue is not None:
        if type(issue) is not str or not _ID_MATCH(issue):
            return None
        common += 1
    lists = []
    for value in (attacks, supports, agrees):
        if value is not None:
            value = _ids(value, _ID_MATCH)
            if value is None:
                return None
            common += 1
        lists.append(value or _NO_IDS)
    point = _new_point(Point)
    if common < len(raw):  # an issue: null, a list: null, or a rarer field
        if any(raw.get(name, ()) is None for name in _ID_LISTS):  # a list: null is refused
            return None
        on_behalf_of = get("on_behalf_of")
        if on_behalf_of is not None and (type(on_behalf_of) is not str or not _ID_MATCH(on_behalf_of)):
            return None
        _SET_ON_BEHALF_OF(point, on_behalf_of)
        for name in _REF_LISTS:
            value = get(name)
            if value is None:
                if name in raw:
                    return None
                value = _NO_IDS
            else:
                value = _ids(value, _REF_MATCH)
                if value is None:
                    return None
            _SETTERS[name](point, value)
        for name in _OPTIONAL_TEXTS:
            value = get(name)
            if value is not None and not _is_text(value):
                return None
            _SETTERS[name](point, value)
        constructed = get("constructed", False)
        if type(constructed) is not bool:
            return None
        _SET_CONSTRUCTED(point, constructed)
    else:
        _SET_ON_BEHALF_OF(point, None)
        _SET_RESTATES(point, _NO_IDS)
        _SET_ANSWERS(point, _NO_IDS)
        _SET_REVISES(point, _NO_IDS)
        _SET_QUOTE(point, None)
        _SET_CONDITION(point, None)
        _SET_NOTE(point, None)
        _SET_CONSTRUCTED(point, False)
    _SET_ID(point, pid)
    _SET_KIND(point, kind)
    _SET_BY(point, by)
    _SET_TEXT(point, text)
    _SET_ISSUE(point, issue)
    _SET_ATTACKS(point, lists[0])
    _SET_SUPPORTS(point, lists[1])
    _SET_AGREES(point, lists[2])
    _SET_META(point, _EMPTY_META)
    return point


def checked_point_fields(
    fields: Mapping[str, Any], path: Path,
) -> tuple[dict[str, Any], list[Problem]]:
    """Return the fields of a point that another format carries, checked one by one as format 1 would.

    Gives the fields whose values are of the right type, and a problem (with
    the field in its path) for each of the others. For the AIF side block and
    Argdown's ``argmap`` data, which hold a point's fields apart from its text.
    """
    good: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in fields.items():
        trial = {"id": "p", "kind": "claim", "by": "x", "text": "x"}
        if value is not None:
            trial[key] = value
        _, found = structure_item(trial, Point, path)
        if found:
            problems += found
        else:
            good[key] = value
    return good, problems


def unstructure(amap: ArgumentMap) -> dict[str, Any]:
    """Return the map as plain data in format 1, optional empty fields left out."""
    out: dict[str, Any] = {"argmap": 1}
    for key in TOP_KEYS[1:]:
        value = getattr(amap, key)
        if value is None or (not value and key != "parties"):
            continue
        if key in SECTIONS:
            out[key] = [converter.unstructure(item) for item in value]
        else:
            out[key] = converter.unstructure(value)
    return out
