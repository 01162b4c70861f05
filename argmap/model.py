"""The argument-map model: parties, actors, issues, points and their relations.

Everything here is a frozen attrs class. The model knows nothing of files,
Graphviz or the terminal: readers and writers live in :mod:`argmap.io`,
renderers in :mod:`argmap.render`. The methods that save or draw a map import
those modules when they are called.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from argmap._util import FrozenDict, Hints, did_you_mean, freeze_meta, in_line_ranges
from argmap.errors import Problem, UnknownReferenceError, ValidationError

if TYPE_CHECKING:  # pragma: no cover
    import graphviz
    import networkx as nx

    from argmap.query import (
        Comparison,
        Disagreement,
        Thread,
        Unresolved,
    )

__all__ = [
    "ID_PATTERN",
    "REF_PATTERN",
    "Actor",
    "ArgumentMap",
    "Issue",
    "Kind",
    "Party",
    "Point",
    "Relation",
    "Source",
]

#: What an id may look like: a letter or digit, then letters, digits, ``-``, ``_`` or ``.``.
ID_PATTERN: Final = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_ID_RE: Final = re.compile(ID_PATTERN)


class Kind(enum.StrEnum):
    """What a point does in the exchange (DESIGN §2).

    .. versionadded:: 0.1
    """

    CLAIM = "claim"
    """A statement of position or fact."""
    PROPOSAL = "proposal"
    """Something a party asks the other to do or accept."""
    OBJECTION = "objection"
    """Attacks a point of another party."""
    REBUTTAL = "rebuttal"
    """Attacks an objection or a rebuttal."""
    CONCESSION = "concession"
    """Agrees with a point of another party."""
    REASON = "reason"
    """Supports a point of its own party."""


class Relation(enum.StrEnum):
    """How one point bears on another; an edge from the point that says it.

    .. versionadded:: 0.1
    """

    ATTACKS = "attacks"
    SUPPORTS = "supports"
    AGREES = "agrees"


# --- field helpers ------------------------------------------------------------


def _field_error(cls: type[Exception], attribute: attrs.Attribute[Any], message: str) -> Exception:
    """Return an exception that records which field it is about (read by the loader)."""
    exc = cls(message)
    exc.argmap_field = attribute.name  # type: ignore[attr-defined]
    return exc


def _check_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise _field_error(
            TypeError, attribute, f"{attribute.name} must be a string, not {type(value).__name__}"
        )
    if not _ID_RE.fullmatch(value):
        raise _field_error(
            ValueError, attribute,
            f"{value!r} is not a valid id: start with a letter or digit and use only "
            "letters, digits, '-', '_' and '.' (no spaces)",
        )


def _check_optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_id(instance, attribute, value)


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise _field_error(
            TypeError, attribute, f"{attribute.name} must be a string, not {type(value).__name__}"
        )
    if not value.strip():
        raise _field_error(ValueError, attribute, f"{attribute.name} must not be empty")


def _check_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise _field_error(
            TypeError, attribute, f"{attribute.name} must be true or false, not {value!r}")


def _check_optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_text(instance, attribute, value)


def _id_tuple(value: Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        raise TypeError(f"expected a list of ids, not the string {value!r}; write [{value}]")
    return tuple(value)


def _check_ids(instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    for item in value:
        _check_id(instance, attribute, item)


#: A reference to a point of another map: ``map-id#point-id``.
REF_PATTERN: Final = rf"({ID_PATTERN})#({ID_PATTERN})"
_REF_RE: Final = re.compile(REF_PATTERN)


def _check_refs(instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    for item in value:
        if not isinstance(item, str) or not _REF_RE.fullmatch(item):
            raise _field_error(
                ValueError, attribute,
                f"{item!r} is not a reference to another map's point: write map-id#point-id, "
                "for example 1962-10-31-new-york#us-avoid-incidents")


def _optional_text() -> Any:
    return attrs.field(default=None, validator=_check_optional_text, kw_only=True)


def _optional_date(value: object) -> datetime.date | None:
    if value is None or type(value) is datetime.date:
        return value
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    raise TypeError(f"expected a date (YYYY-MM-DD), not {type(value).__name__}")


def line_ranges(value: object) -> tuple[tuple[int, int], ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise TypeError(f"body must be a list of [first, last] line ranges, not {value!r}")
    ranges = []
    for item in value:
        if (not isinstance(item, list | tuple) or len(item) != 2
                or not all(type(n) is int for n in item)):
            raise TypeError(f"each body range is [first, last], two line numbers, not {item!r}")
        start, end = item
        if not 1 <= start <= end:
            raise ValueError(f"body range {[start, end]} must run from line 1 or later, "
                             "first line before last")
        ranges.append((start, end))
    return tuple(ranges)


# --- the model -----------------------------------------------------------------


@attrs.frozen
class Party:
    """A side in the exchange, such as ``us`` or ``ussr``.

    A party may be absent and voiced by another (see :attr:`Point.on_behalf_of`).

    Examples
    --------
    >>> Party("us", name="United States")
    Party(id='us', name='United States', description=None, meta={})

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_check_id)
    name: str | None = _optional_text()
    description: str | None = _optional_text()
    meta: FrozenDict = attrs.field(
        factory=FrozenDict, converter=freeze_meta, hash=False, kw_only=True)

    @property
    def label(self) -> str:
        """The name, or the id where there is no name."""
        return self.name or self.id


@attrs.frozen
class Actor:
    """A person who speaks, belonging to one party.

    Examples
    --------
    >>> Actor("mikoyan", name="Anastas I. Mikoyan", party="ussr").party
    'ussr'

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_check_id)
    name: str | None = _optional_text()
    party: str = attrs.field(validator=_check_id, kw_only=True)
    role: str | None = _optional_text()
    meta: FrozenDict = attrs.field(
        factory=FrozenDict, converter=freeze_meta, hash=False, kw_only=True)

    @property
    def label(self) -> str:
        """The name, or the id where there is no name."""
        return self.name or self.id


@attrs.frozen
class Issue:
    """A topic under negotiation, such as ``inspection``.

    Examples
    --------
    >>> Issue("guantanamo", title="The Guantanamo base").title
    'The Guantanamo base'

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_check_id)
    title: str | None = _optional_text()
    description: str | None = _optional_text()
    meta: FrozenDict = attrs.field(
        factory=FrozenDict, converter=freeze_meta, hash=False, kw_only=True)

    @property
    def label(self) -> str:
        """The title, or the id where there is no title."""
        return self.title or self.id


@attrs.frozen
class Point:
    """One unit of argument.

    Parameters
    ----------
    id : str
        Unique among the map's points.
    kind : Kind or str
        ``claim``, ``proposal``, ``objection``, ``rebuttal``, ``concession`` or ``reason``.
    by : str
        The id of the actor or party that says it.
    text : str
        A paraphrase.
    issue : str, optional
        The issue it is about; without one it takes the issue of the point it
        attacks, supports or agrees with (:meth:`ArgumentMap.issue_of`).
    quote : str, optional
        The source's words, verbatim.
    on_behalf_of : str, optional
        A party whose demand the speaker voices.
    note : str, optional
        The coder's remark.
    attacks, supports, agrees : sequence of str
        The ids of the points this one attacks, supports or agrees with.
    restates, answers, revises : sequence of str
        Points of earlier maps of the same case (``map-id#point-id``) that this
        one restates, answers, or revises (a party changing its own earlier
        position); checked when the maps are loaded as a case
        (:func:`argmap.load_case`).
    condition : str, optional
        The condition on which this point agrees (a conditional concession):
        it answers what it agrees with but settles nothing (DESIGN §4).
    constructed : bool, default False
        True for a party's position that the document states only in another
        party's words (the US draft's provisions in Mikoyan's mouth). It takes
        part in threads as its owner's position, and :func:`argmap.query.compare`
        lists it apart from what the party said.
    meta : mapping, optional
        Anything else, kept through load and save.

    Examples
    --------
    >>> p = Point("o1", "objection", "mikoyan", "The lapse clause is a retreat.", attacks=["c1"])
    >>> p.kind
    <Kind.OBJECTION: 'objection'>
    >>> p.attacks
    ('c1',)

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_check_id)
    kind: Kind = attrs.field(converter=Kind)
    by: str = attrs.field(validator=_check_id)
    issue: str | None = attrs.field(default=None, validator=_check_optional_id, kw_only=True)
    on_behalf_of: str | None = attrs.field(default=None, validator=_check_optional_id, kw_only=True)
    attacks: tuple[str, ...] = attrs.field(
        default=(), converter=_id_tuple, validator=_check_ids, kw_only=True
    )
    supports: tuple[str, ...] = attrs.field(
        default=(), converter=_id_tuple, validator=_check_ids, kw_only=True
    )
    agrees: tuple[str, ...] = attrs.field(
        default=(), converter=_id_tuple, validator=_check_ids, kw_only=True
    )
    restates: tuple[str, ...] = attrs.field(
        default=(), converter=_id_tuple, validator=_check_refs, kw_only=True
    )
    answers: tuple[str, ...] = attrs.field(
        default=(), converter=_id_tuple, validator=_check_refs, kw_only=True
    )
    revises: tuple[str, ...] = attrs.field(
        default=(), converter=_id_tuple, validator=_check_refs, kw_only=True
    )
    text: str = attrs.field(validator=_check_text)
    quote: str | None = _optional_text()
    condition: str | None = _optional_text()
    constructed: bool = attrs.field(default=False, validator=_check_bool, kw_only=True)
    note: str | None = _optional_text()
    meta: FrozenDict = attrs.field(
        factory=FrozenDict, converter=freeze_meta, hash=False, kw_only=True)

    def targets(self, relation: Relation | str) -> tuple[str, ...]:
        """Return the ids this point bears on through *relation*.

        Examples
        --------
        >>> Point("r", "reason", "us", "Because.", supports=["c"]).targets("supports")
        ('c',)
        """
        rel = Relation(relation)
        result: tuple[str, ...] = getattr(self, rel.value)
        return result

    def relations(self) -> Iterator[tuple[Relation, str]]:
        """Yield ``(relation, target id)`` for every outgoing relation, in field order."""
        for rel in Relation:
            for target in getattr(self, rel.value):
                yield rel, target


@attrs.frozen
class Source:
    """The document a map codes.

    Attributes
    ----------
    title : str
        Required.
    date : datetime.date, optional
    citation : str, optional
        The archival citation.
    series : str, optional
        The publication and document number (FRUS 1961–1963, vol. XI, doc. 220).
    classification : str, optional
    file : str, optional
        The source text, relative to the map's file; quotes are checked against it.
    url : str, optional
        Where the transcription was read.
    accessed : datetime.date, optional
        When it was read at *url*.
    relays : str, optional
        The originating report, where the document relays or summarises another.
    body : sequence of (int, int), optional
        The lines of *file* that are the document (first and last, counted from
        1, inclusive), where the file also holds a publisher's headings, notes or
        page text; written ``body: [[7, 15]]``. Coverage counts only these lines.
    excerpt : str, optional
        Set where *file* holds only part of the document: what part, and why.
    text : str, optional
        The text of *file*, as the loader read it to check the quotes; None for
        a source built in code or read from a format that holds no text. It is
        never written to a map file (*file* names it) and takes no part in
        comparing sources. :func:`argmap.coverage`, :func:`argmap.agreement`
        and the page's source view read it.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 ``accessed``, ``relays``, ``body``, ``excerpt`` and ``text``.
    """

    title: str = attrs.field(validator=_check_text)
    date: datetime.date | None = attrs.field(default=None, converter=_optional_date, kw_only=True)
    citation: str | None = _optional_text()
    series: str | None = _optional_text()
    classification: str | None = _optional_text()
    file: str | None = _optional_text()
    url: str | None = _optional_text()
    accessed: datetime.date | None = attrs.field(
        default=None, converter=_optional_date, kw_only=True)
    relays: str | None = _optional_text()
    body: tuple[tuple[int, int], ...] = attrs.field(
        default=(), converter=line_ranges, kw_only=True)
    excerpt: str | None = _optional_text()
    meta: FrozenDict = attrs.field(
        factory=FrozenDict, converter=freeze_meta, hash=False, kw_only=True)
    text: str | None = attrs.field(
        default=None, eq=False, hash=False, repr=False, kw_only=True, metadata={"in_files": False},
        validator=attrs.validators.optional(attrs.validators.instance_of(str)))

    def in_body(self, line: int) -> bool:
        """Return True if *line* (from 1) is part of the document (every line, without ``body``)."""
        return in_line_ranges(line, self.body)


def _count(items: tuple[Any, ...], word: str) -> str:
    if len(items) == 1:
        return f"1 {word}"
    return f"{len(items)} {word[:-1]}ies" if word.endswith("y") else f"{len(items)} {word}s"


def _validate_map(instance: ArgumentMap, attribute: attrs.Attribute[Any], value: object) -> None:
    problems, graph = _check_map(
        list(enumerate(instance.parties)),
        list(enumerate(instance.actors)),
        list(enumerate(instance.issues)),
        list(enumerate(instance.points)),
    )
    if problems:
        raise ValidationError(problems)
    # the checking pass numbered the points: keep that for the queries
    object.__setattr__(instance, "_index", _Index(instance, graph))


def _items_of(cls: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        for item in value:
            if not isinstance(item, cls):
                raise TypeError(
                    f"{attribute.name} must hold {cls.__name__} objects, not {type(item).__name__}"
                )

    return check


def _parties(value: Iterable[Party] | None) -> tuple[Party, ...]:
    return () if value is None else tuple(value)


def _actors(value: Iterable[Actor] | None) -> tuple[Actor, ...]:
    return () if value is None else tuple(value)


def _issues(value: Iterable[Issue] | None) -> tuple[Issue, ...]:
    return () if value is None else tuple(value)


def _points(value: Iterable[Point] | None) -> tuple[Point, ...]:
    return () if value is None else tuple(value)


@attrs.frozen
class ArgumentMap:
    """A coded exchange: who said what, and what bears on what.

    The map checks itself when built: every reference resolves and every
    point's kind fits its relations (DESIGN §2); all problems are raised at
    once as a :class:`~argmap.ValidationError`.

    Parameters
    ----------
    id, title : str
        Required.
    parties : sequence of Party
        At least one.
    actors, issues, points : sequence
        Optional; points keep their file order, which some queries use as a
        documented tie-break.
    date : datetime.date, optional
    description : str, optional
    source : Source, optional
    meta : mapping, optional

    Examples
    --------
    >>> m = ArgumentMap(
    ...     "m", "A small exchange",
    ...     parties=[Party("a"), Party("b")],
    ...     points=[Point("c", "claim", "a", "It is so."),
    ...             Point("o", "objection", "b", "It is not.", attacks=["c"])],
    ... )
    >>> m.party_of("o")
    'b'
    >>> list(m.graph.edges(keys=True))
    [('o', 'c', 'attacks')]

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    date: datetime.date | None = attrs.field(default=None, converter=_optional_date, kw_only=True)
    description: str | None = _optional_text()
    source: Source | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Source)),
        kw_only=True,
    )
    parties: tuple[Party, ...] = attrs.field(
        default=(), converter=_parties, validator=_items_of(Party), kw_only=True)
    actors: tuple[Actor, ...] = attrs.field(
        default=(), converter=_actors, validator=_items_of(Actor), kw_only=True)
    issues: tuple[Issue, ...] = attrs.field(
        default=(), converter=_issues, validator=_items_of(Issue), kw_only=True)
    points: tuple[Point, ...] = attrs.field(
        default=(), converter=_points, validator=[_items_of(Point), _validate_map], kw_only=True)
    meta: FrozenDict = attrs.field(
        factory=FrozenDict, converter=freeze_meta, hash=False, kw_only=True)

    # --- look-ups --------------------------------------------------------------

    def __repr__(self) -> str:
        """Return a short summary; the points are in ``m.points``, the diagram in a notebook's output."""
        return (f"<ArgumentMap {self.id!r}: {_count(self.points, 'point')}, "
                f"{_count(self.issues, 'issue')}, {_count(self.parties, 'party')}>")

    @functools.cached_property
    def _index(self) -> _Index:  # set when the map is checked; built here after unpickling
        return _Index(self)

    def _get(self, kind: str, table: Mapping[str, Any], ref: str) -> Any:
        try:
            return table[ref]
        except (KeyError, TypeError):
            hint = did_you_mean(ref, table) if isinstance(ref, str) else ""
            raise UnknownReferenceError(
                kind, ref, f"map {self.id!r} has no {kind} {ref!r}{hint}"
            ) from None

    def point(self, point_id: str) -> Point:
        """Return the point with id *point_id*.

        Raises
        ------
        UnknownReferenceError
            If there is none; the message suggests the closest id.
        """
        result: Point = self._get("point", self._index.points, point_id)
        return result

    def party(self, party_id: str) -> Party:
        """Return the party with id *party_id* (raises :class:`UnknownReferenceError`)."""
        result: Party = self._get("party", self._index.parties, party_id)
        return result

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with id *actor_id* (raises :class:`UnknownReferenceError`)."""
        result: Actor = self._get("actor", self._index.actors, actor_id)
        return result

    def issue(self, issue_id: str) -> Issue:
        """Return the issue with id *issue_id* (raises :class:`UnknownReferenceError`)."""
        result: Issue = self._get("issue", self._index.issues, issue_id)
        return result

    def _point_id(self, point: Point | str) -> str:
        pid = point.id if isinstance(point, Point) else point
        self.point(pid)
        return pid

    def party_of(self, point: Point | str) -> str:
        """Return the id of the party a point speaks for: its actor's party, or its party.

        Examples
        --------
        >>> amap = argmap.datasets.load("1962-11-28-new-york")
        >>> amap.party_of("mikoyan-lapse-is-retreat")
        'ussr'
        """
        return self._index.party_of[self._point_id(point)]

    def speaker_of(self, point: Point | str) -> Actor | None:
        """Return the actor who says a point, or None when a party says it."""
        by = self.point(self._point_id(point)).by
        return self._index.actors.get(by)

    def issue_of(self, point: Point | str) -> str | None:
        """Return a point's issue id, inherited from its target where it names none.

        A point without ``issue`` takes the issue of the first point it attacks,
        or failing that supports, or failing that agrees with, and so on up the
        chain (DESIGN §4). A chain that loops back on itself without reaching an
        issue gives None.

        Examples
        --------
        >>> amap = argmap.datasets.load("1962-11-28-new-york")
        >>> amap.issue_of("stevenson-us-went-further")
        'invasion'
        """
        return self._index.issues_of[self._point_id(point)]

    def points_by(self, speaker: str) -> tuple[Point, ...]:
        """Return the points said by an actor, or by a party and all its actors, in file order."""
        if speaker in self._index.parties:
            return tuple(p for p in self.points if self._index.party_of[p.id] == speaker)
        self._get("party or actor", {**self._index.parties, **self._index.actors}, speaker)
        return tuple(p for p in self.points if p.by == speaker)

    def points_on(self, issue: str | None) -> tuple[Point, ...]:
        """Return the points on an issue (inherited issues included), in file order.

        ``None`` selects the points that have no issue, even by inheritance.
        """
        if issue is not None:
            self.issue(issue)
        return tuple(p for p in self.points if self._index.issues_of[p.id] == issue)

    def points_of_kind(self, kind: Kind | str) -> tuple[Point, ...]:
        """Return the points of one kind, in file order."""
        k = Kind(kind)
        return tuple(p for p in self.points if p.kind is k)

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The map as a frozen :class:`networkx.MultiDiGraph`.

        Nodes are point ids, in file order, with the attributes ``kind``, ``by``,
        ``party`` and ``issue`` (the inherited issue included). An edge runs from
        the point that says it to the point it is about, keyed and labelled by its
        ``relation`` (``"attacks"``, ``"supports"`` or ``"agrees"``). The graph is
        frozen (:func:`networkx.freeze`); copy it with ``nx.MultiDiGraph(m.graph)``
        to change it.
        """
        import networkx as nx  # imported when first asked for: it takes a tenth of a second

        g = nx.MultiDiGraph(id=self.id, title=self.title)
        index = self._index
        g.add_nodes_from(
            (
                p.id,
                {
                    "kind": p.kind.value,
                    "by": p.by,
                    "party": index.party_of[p.id],
                    "issue": index.issues_of[p.id],
                },
            )
            for p in self.points
        )
        g.add_edges_from(
            (p.id, target, rel.value, {"relation": rel.value})
            for p in self.points
            for rel, target in p.relations()
        )
        return nx.freeze(g)

    # --- queries (argmap.query) -------------------------------------------------

    def disagreements(self) -> tuple[Disagreement, ...]:
        """Return every attack across parties, open or settled: see :func:`argmap.query.disagreements`."""
        from argmap import query

        return tuple(query.disagreements(self))

    def threads(self) -> tuple[Thread, ...]:
        """Return the threads of open disagreements: see :func:`argmap.query.threads`."""
        from argmap import query

        return tuple(query.threads(self))

    def unresolved(self) -> Unresolved:
        """Return the open threads and pending proposals: see :func:`argmap.query.unresolved`."""
        from argmap import query

        return query.unresolved(self)

    def compare(self, a: str, b: str) -> Comparison:
        """Return each issue's status between parties *a* and *b*: see :func:`argmap.query.compare`."""
        from argmap import query

        return query.compare(self, a, b)

    # --- files and diagrams (argmap.io, argmap.render) ----------------------------

    def dumps(self, format: str = "yaml") -> str:
        """Return the map as format-1 text, ``"yaml"`` or ``"json"``.

        Examples
        --------
        >>> amap = argmap.datasets.load("1962-11-28-new-york")
        >>> print(amap.dumps()[:9])
        argmap: 1
        """
        from argmap import io

        return io.dumps(self, format=format)

    def save(self, path: str | Path, format: str | None = None) -> Path:
        """Write the map to *path*; the format follows the extension unless given.

        Returns the path written. See :func:`argmap.save`.
        """
        from argmap import io

        return io.save(self, path, format=format)

    def to_graphviz(self, **options: Any) -> graphviz.Digraph:
        """Return the diagram as a :class:`graphviz.Digraph`: see :func:`argmap.render.to_graphviz`."""
        from argmap import render

        return render.to_graphviz(self, **options)

    def to_html(self, **options: Any) -> str:
        """Return a self-contained interactive page of the map: see :func:`argmap.render.to_html`."""
        from argmap import render

        return render.to_html(self, **options)

    def render(self, path: str | Path, **options: Any) -> Path:
        """Draw the map to *path* (svg, png, pdf, dot, html): see :func:`argmap.render.render`."""
        from argmap import render

        return render.render(self, path, **options)

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        bundle: dict[str, Any] = self.to_graphviz()._repr_mimebundle_(
            include=include, exclude=exclude, **kwargs
        )
        return bundle


class _Graph:
    """A map's points numbered by file position, and its relations as lists of positions.

    Built by the same pass that checks the map (:func:`_check_map`), so that the
    queries walk lists of small integers instead of looking ids up again: a random
    look-up in a large dict of text keys costs several times a list index.
    """

    __slots__ = ("agree_sources", "agree_targets", "attack_sources", "attack_targets",
                 "first_target", "issues", "party_codes", "position", "proposals")

    def __init__(self) -> None:
        #: Each point's position, by id.
        self.position: dict[str, int] = {}
        #: Each point's party, as its position among the map's parties (-1: unknown); a
        #: bytearray where every point has a known party and there are fewer than 255.
        self.party_codes: Sequence[int] = []
        #: Each point's own issue, or None.
        self.issues: list[str | None] = []
        #: The position of the first point each point attacks, supports or agrees with, or -1.
        self.first_target: list[int] = []
        #: Every ``attacks`` edge as (source, target) positions, in file order of source.
        self.attack_sources: list[int] = []
        self.attack_targets: list[int] = []
        #: Every ``agrees`` edge likewise.
        self.agree_sources: list[int] = []
        self.agree_targets: list[int] = []
        #: The positions of the proposals.
        self.proposals: list[int] = []


class _Index:
    """Look-up tables derived from a map, built once per map (the tables by id when first asked)."""

    def __init__(self, amap: ArgumentMap, graph: _Graph | None = None) -> None:
        if graph is None:
            graph = _check_map(list(enumerate(amap.parties)), list(enumerate(amap.actors)),
                               list(enumerate(amap.issues)), list(enumerate(amap.points)))[1]
        self._map = amap
        self.graph = graph
        #: Each point's file position, by id.
        self.position = graph.position
        #: Each point's party as its position in ``amap.parties``, by point position.
        self.party_codes = graph.party_codes
        #: Each point's issue, inherited where it names none, by point position.
        self.issue_list = _inherited_issues(graph.issues, graph.first_target)

    @functools.cached_property
    def ids(self) -> list[str]:
        """The point ids, by position."""
        return list(self.position)

    @functools.cached_property
    def points(self) -> dict[str, Point]:
        return dict(zip(self.ids, self._map.points, strict=True))

    @functools.cached_property
    def parties(self) -> dict[str, Party]:
        return {p.id: p for p in self._map.parties}

    @functools.cached_property
    def actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self._map.actors}

    @functools.cached_property
    def issues(self) -> dict[str, Issue]:
        return {i.id: i for i in self._map.issues}

    @functools.cached_property
    def party_of(self) -> dict[str, str]:
        names = [p.id for p in self._map.parties]
        return dict(zip(self.ids, [names[c] for c in self.party_codes], strict=True))

    @functools.cached_property
    def issues_of(self) -> dict[str, str | None]:
        return dict(zip(self.ids, self.issue_list, strict=True))


def _inherited_issues(own: list[str | None], first_target: list[int]) -> list[str | None]:
    """Return each point's issue, by position: its own, else its first target's, up the chain."""
    issue = own.copy()
    decided = bytearray(i is not None for i in own)
    visited = [-1] * len(own)  # the start whose walk last passed here: a cycle comes back to it
    for start in range(len(own)):
        if decided[start]:
            continue
        chain: list[int] = []
        current = start
        found: str | None = None
        while current >= 0:
            if decided[current]:
                found = issue[current]
                break
            if visited[current] == start:  # round a cycle without an issue
                break
            visited[current] = start
            chain.append(current)
            current = first_target[current]
        for i in chain:
            issue[i] = found
            decided[i] = 1
    return issue


# --- the rules a map must keep (DESIGN §2, §3) -----------------------------------


def map_problems(
    parties: Iterable[tuple[int, Party]],
    actors: Iterable[tuple[int, Actor]],
    issues: Iterable[tuple[int, Issue]],
    points: Iterable[tuple[int, Point]],
    *,
    broken_ids: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Return every rule the given items break, each with its document path.

    Items come as ``(index, item)`` so that a reader that could not build some
    items still reports the right positions for the rest; *broken_ids* are ids
    of items that exist but could not be built, so references to them are not
    reported as unknown.
    """
    return _check_map(list(parties), list(actors), list(issues), list(points), broken_ids)[0]


def _check_map(
    parties: list[tuple[int, Party]],
    actors: list[tuple[int, Actor]],
    issues: list[tuple[int, Issue]],
    points: list[tuple[int, Point]],
    broken_ids: frozenset[str] = frozenset(),
) -> tuple[list[Problem], _Graph]:
    """Return the problems of :func:`map_problems` and, from the same pass, the map's graph.

    The graph is complete only where there are no problems.
    """
    problems: list[Problem] = []
    graph = _Graph()

    if not parties and "parties" not in broken_ids:
        problems.append(Problem("a map needs at least one party under 'parties'", ("parties",)))

    speakers: dict[str, tuple[str, int]] = {}
    for section, items in (("parties", parties), ("actors", actors)):
        for i, item in items:
            if item.id in speakers:
                first_section, first = speakers[item.id]
                problems.append(Problem(
                    f"duplicate id {item.id!r}: parties and actors share one namespace and "
                    f"{first_section}[{first}] already has it", (section, i, "id")))
            else:
                speakers[item.id] = (section, i)
    party_ids = {p.id for _, p in parties}
    actor_party = {a.id: a.party for _, a in actors}
    issue_ids: set[str] = set()
    for i, issue in issues:
        if issue.id in issue_ids:
            problems.append(Problem(f"duplicate issue id {issue.id!r}", ("issues", i, "id")))
        issue_ids.add(issue.id)
    position = graph.position
    point_at: list[Point] = []
    at: list[int] = []  # each item's position, or -1 for a second point with an id
    for i, point in points:
        if point.id in position:
            problems.append(Problem(f"duplicate point id {point.id!r}", ("points", i, "id")))
            at.append(-1)
        else:
            position[point.id] = len(point_at)
            at.append(len(point_at))
            point_at.append(point)

    hints = Hints()
    unknown = functools.partial(_unknown, problems, broken_ids, hints)

    for i, actor in actors:
        if actor.party not in party_ids:
            if actor.party in actor_party:
                problems.append(Problem(
                    f"actor {actor.id!r} belongs to {actor.party!r}, which is an actor, not a party",
                    ("actors", i, "party")))
            else:
                unknown("party", actor.party, party_ids, ("actors", i, "party"))

    names = [p.id for _, p in parties]  # then any party an actor names that is not there
    code_of = {name: k for k, name in enumerate(names)}
    for _, actor in actors:
        if actor.party not in code_of:
            code_of[actor.party] = len(names)
            names.append(actor.party)
    speaker_code = {a.id: code_of[a.party] for _, a in actors}
    speaker_code.update((name, k) for k, name in enumerate(names) if name in party_ids)
    codes: Sequence[int] = [speaker_code.get(point.by, -1) for point in point_at]
    if len(names) < 255 and -1 not in codes:  # a byte each: a tenth of a list's memory traffic
        codes = bytearray(codes)
    graph.party_codes = codes
    graph.issues = [point.issue for point in point_at]
    first_target = graph.first_target
    attack_sources, attack_targets = graph.attack_sources, graph.attack_targets
    agree_sources, agree_targets = graph.agree_sources, graph.agree_targets
    proposals = graph.proposals
    objection, rebuttal, concession, reason = Kind.OBJECTION, Kind.REBUTTAL, Kind.CONCESSION, Kind.REASON
    replies = (objection, rebuttal)
    for (i, point), k in zip(points, at, strict=True):
        # the common case in plain checks; a point that fails any is checked again, slowly,
        # by _point_problems, which says what is wrong
        attacks, supports, agrees, kind = point.attacks, point.supports, point.agrees, point.kind
        own = speaker_code.get(point.by, -1)
        ok = (own >= 0 and (point.issue is None or point.issue in issue_ids)
              and (point.on_behalf_of is None or point.on_behalf_of in party_ids)
              and (point.condition is None or bool(agrees)))
        first = -1
        if attacks:
            if len(attacks) > 1 and len(set(attacks)) < len(attacks):
                ok = False
            for target in attacks:
                t = position.get(target, -1)
                if t < 0 or (kind is rebuttal and point_at[t].kind not in replies):
                    ok = False
                attack_sources.append(k)
                attack_targets.append(t)
            first = attack_targets[-len(attacks)]
        elif kind is objection or kind is rebuttal:
            ok = False
        if supports:
            if len(supports) > 1 and len(set(supports)) < len(supports):
                ok = False
            for target in supports:
                t = position.get(target, -1)
                if t < 0 or (kind is reason and codes[t] != own and codes[t] >= 0):
                    ok = False
            if first < 0 and not attacks:
                first = position.get(supports[0], -1)
        elif kind is reason:
            ok = False
        if agrees:
            if len(agrees) > 1 and len(set(agrees)) < len(agrees):
                ok = False
            for target in agrees:
                t = position.get(target, -1)
                if t < 0 or (kind is concession and codes[t] == own):
                    ok = False
                agree_sources.append(k)
                agree_targets.append(t)
            if not attacks and not supports:
                first = agree_targets[-len(agrees)]
        elif kind is concession:
            ok = False
        if k >= 0:
            first_target.append(first)
            if kind is Kind.PROPOSAL:
                proposals.append(k)
        if not ok:
            problems += _point_problems(i, point, position, point_at, speakers, issue_ids, party_ids,
                                        codes, own, names, broken_ids, hints)
    return problems, graph


def _unknown(problems: list[Problem], broken_ids: Collection[str], hints: Hints,
             what: str, ref: str, known: Collection[str], path: tuple[str | int, ...]) -> None:
    """Add to *problems* that *ref* names no known *what*, unless it is an item that could not be built."""
    if ref not in broken_ids:
        problems.append(Problem(f"unknown {what} {ref!r}{hints((what, ref), ref, known)}", path))


def _point_problems(
    i: int, point: Point, position: Mapping[str, int], point_at: Sequence[Point],
    speakers: Mapping[str, object], issue_ids: Collection[str], party_ids: Collection[str],
    codes: Sequence[int], own: int, names: Sequence[str], broken_ids: Collection[str],
    hints: Hints,
) -> list[Problem]:
    """Return the problems of one point, in the order a reader meets them (see _check_map)."""
    problems: list[Problem] = []

    unknown = functools.partial(_unknown, problems, broken_ids, hints)
    if point.by not in speakers:
        unknown("party or actor", point.by, speakers, ("points", i, "by"))
    if point.issue is not None and point.issue not in issue_ids:
        unknown("issue", point.issue, issue_ids, ("points", i, "issue"))
    if point.on_behalf_of is not None and point.on_behalf_of not in party_ids:
        unknown("party", point.on_behalf_of, party_ids, ("points", i, "on_behalf_of"))
    for name in ("attacks", "supports", "agrees"):
        seen: set[str] = set()
        for j, target in enumerate(getattr(point, name)):
            path: tuple[str | int, ...] = ("points", i, name, j)
            if target in seen:
                problems.append(Problem(f"{target!r} is listed twice under {name}", path))
            seen.add(target)
            if target not in position:
                unknown("point", target, position, path)
    if point.condition is not None and not point.agrees:
        problems.append(Problem(
            "a condition qualifies an agreement, but this point agrees with nothing: add "
            "'agrees: [...]' (a conditional concession) or move the words to 'note'",
            ("points", i, "condition")))
    problems.extend(_kind_problems(i, point, position, point_at, codes, own, names))
    return problems


_NEEDS: Final = {
    Kind.OBJECTION: (
        Relation.ATTACKS, "an objection must attack a point: add 'attacks: [...]'"),
    Kind.REBUTTAL: (
        Relation.ATTACKS, "a rebuttal must attack an objection or rebuttal: add 'attacks: [...]'"),
    Kind.CONCESSION: (
        Relation.AGREES,
        "a concession must agree with a point of another party: add 'agrees: [...]'"),
    Kind.REASON: (
        Relation.SUPPORTS, "a reason must support a point of its own party: add 'supports: [...]'"),
}


def _kind_problems(
    i: int, point: Point, position: Mapping[str, int], point_at: Sequence[Point], codes: Sequence[int],
    own: int, names: Sequence[str],
) -> Iterator[Problem]:
    need = _NEEDS.get(point.kind)
    if need is None:
        return
    relation, message = need
    targets = point.targets(relation)
    if not targets:
        yield Problem(message, ("points", i, "kind"))
        return
    for j, target_id in enumerate(targets):
        k = position.get(target_id)
        if k is None:
            continue
        target = point_at[k]
        path: tuple[str | int, ...] = ("points", i, relation.value, j)
        if point.kind is Kind.REBUTTAL and target.kind not in (Kind.OBJECTION, Kind.REBUTTAL):
            yield Problem(
                f"a rebuttal attacks objections or rebuttals, but {target_id!r} is a "
                f"{target.kind.value}; make this point an objection, or attack the objection", path)
        other = codes[k]
        if own < 0 or other < 0:
            continue
        if point.kind is Kind.CONCESSION and other == own:
            yield Problem(
                f"a concession agrees with another party's point, but {target_id!r} is "
                f"{names[own]!r}'s own; use a reason (supports) instead", path)
        if point.kind is Kind.REASON and other != own:
            yield Problem(
                f"a reason supports its own party's point, but {target_id!r} is "
                f"{names[other]!r}'s; use a concession (agrees) instead", path)
