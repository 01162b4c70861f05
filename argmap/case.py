"""Cases: the maps of one negotiation, meeting by meeting, and how positions move.

A :class:`Case` holds maps in date order that share party, actor and issue ids.
Points may say that they restate or answer a point of an earlier map, or
revise their own party's earlier position (``restates`` / ``answers`` /
``revises``, written ``map-id#point-id``); the case checks that those
references resolve, and that a point revises only its own party's point.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from argmap._table import TableMixin, cell_text, format_table
from argmap._util import FrozenDict, Hints, did_you_mean, freeze_meta
from argmap.errors import Problem, UnknownReferenceError, ValidationError
from argmap.model import ArgumentMap, Kind, Point

__all__ = ["Case", "CaseDiff", "Timeline", "TimelineRow", "diff"]


def _maps(value: Iterable[ArgumentMap]) -> tuple[ArgumentMap, ...]:
    return tuple(value)


def _check_case(instance: Case, attribute: attrs.Attribute[Any], value: tuple[ArgumentMap, ...]) -> None:
    problems = case_problems(value)
    if problems:
        raise ValidationError(problems)


def case_problems(maps: tuple[ArgumentMap, ...]) -> list[Problem]:
    """Return what is wrong with *maps* as one case: order, shared ids, cross-map references."""
    problems: list[Problem] = []
    if not maps:
        return [Problem("a case needs at least one map", ("maps",))]
    seen_ids: dict[str, int] = {}
    for i, m in enumerate(maps):
        if m.id in seen_ids:
            problems.append(Problem(f"map {m.id!r} is listed twice", ("maps", i)))
        seen_ids[m.id] = i
    dates = [(i, m.date) for i, m in enumerate(maps) if m.date is not None]
    for (i, a), (j, b) in itertools.pairwise(dates):
        if b < a:
            problems.append(Problem(
                f"maps must be in date order: {maps[j].id!r} ({b}) comes after {maps[i].id!r} ({a})",
                ("maps", j)))
    names: dict[tuple[str, str], tuple[str | None, str]] = {}
    for m in maps:
        for kind, items, label in (("party", m.parties, "name"), ("actor", m.actors, "name"),
                                   ("issue", m.issues, "title")):
            for item in items:
                value = getattr(item, label)
                first = names.setdefault((kind, item.id), (value, m.id))
                if value is not None and first[0] is not None and first[0] != value:
                    problems.append(Problem(
                        f"{kind} {item.id!r} is {first[0]!r} in {first[1]} but {value!r} in {m.id}: "
                        "the same id must name the same thing in every map of a case", ("maps",)))
        actor_party = {a.id: a.party for a in m.actors}
        for a_id, party in actor_party.items():
            key = ("actor-party", a_id)
            first = names.setdefault(key, (party, m.id))
            if first[0] != party:
                problems.append(Problem(
                    f"actor {a_id!r} belongs to {first[0]!r} in {first[1]} but to {party!r} in {m.id}",
                    ("maps",)))
    earlier: dict[str, ArgumentMap] = {}
    hints = Hints()
    for m in maps:
        for i, point in enumerate(m.points):
            for field in ("restates", "answers", "revises"):
                for j, ref in enumerate(getattr(point, field)):
                    map_id, _, point_id = ref.partition("#")
                    where = (m.id, "points", i, field, j)
                    if map_id not in earlier:
                        problems.append(Problem(
                            f"{point.id} {field} {ref!r}, but {map_id!r} is not an earlier map of "
                            f"the case{hints(('map', map_id), map_id, list(earlier))}", where))
                    elif point_id not in earlier[map_id]._index.points:
                        problems.append(Problem(
                            f"{point.id} {field} {ref!r}, but {map_id} has no point {point_id!r}"
                            f"{hints(('point', map_id, point_id), point_id, earlier[map_id]._index.points)}",
                            where))
                    elif field == "revises":
                        own = m._index.party_of[point.id]
                        theirs = earlier[map_id]._index.party_of[point_id]
                        if own != theirs:
                            problems.append(Problem(
                                f"{point.id} revises {ref!r}, but that is {theirs!r}'s point and "
                                f"{point.id} is {own!r}'s: a party revises only its own position "
                                "(use answers for a reply to another party)", where))
        earlier[m.id] = m
    return problems


@attrs.frozen
class TimelineRow:
    """One issue at one meeting: each party's points there and the issue's status after it.

    .. versionadded:: 0.1
    """

    issue: str
    map_id: str
    date: str | None
    status: str
    a_points: tuple[str, ...]
    b_points: tuple[str, ...]


@attrs.frozen
class Timeline(TableMixin):
    """Issues meeting by meeting (:meth:`Case.timeline`).

    .. versionadded:: 0.1
    """

    a: str
    b: str
    rows: tuple[TimelineRow, ...]

    def __iter__(self) -> Iterator[TimelineRow]:
        return iter(self.rows)

    def __repr__(self) -> str:
        return f"<Timeline of {self.a} and {self.b}: {len(self.rows)} rows>"

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def COLUMNS(self) -> tuple[str, ...]:
        """The record keys."""
        return ("issue", "map", "date", "status", self.a, self.b)

    @property
    def caption(self) -> str:
        """A one-line summary."""
        return f"{self.a} and {self.b}, issue by issue, meeting by meeting"

    def to_records(self) -> list[dict[str, Any]]:
        """Return one dict per issue and meeting."""
        return [{"issue": r.issue, "map": r.map_id, "date": r.date, "status": r.status,
                 self.a: list(r.a_points), self.b: list(r.b_points)} for r in self.rows]

    def to_text(self, width: int = 100) -> str:
        """Return a plain-text table."""
        rows = [[r.issue, r.date or r.map_id, r.status, str(len(r.a_points)), str(len(r.b_points))]
                for r in self.rows]
        return f"{self.caption}\n\n" + format_table(
            rows, ["ISSUE", "MEETING", "STATUS", self.a.upper(), self.b.upper()], width)

    def __str__(self) -> str:
        return self.to_text()


@attrs.frozen
class CaseDiff:
    """What changed between two maps of a negotiation (:func:`diff`).

    Attributes
    ----------
    appeared, disappeared : tuple of str
        Issues that have points in the later map and not the earlier, and the reverse.
    status_changes : tuple of (issue, before, after)
        Issues whose status between the two parties changed.
    restated : tuple of (point, earlier point reference)
        Points of the later map that restate a point of the earlier one.
    answered : tuple of (point, earlier point reference)
        Points of the later map that answer a point of the earlier one.
    revised : tuple of (point, earlier point reference)
        Points of the later map by which a party revises its own earlier position.
    new_objections, new_concessions : tuple of str
        The later map's objections and rebuttals, and its concessions, that are
        new: not in the earlier map (a point of the same id and kind) and not a
        restatement of one of its points.

    .. versionadded:: 0.1
    """

    earlier: str
    later: str
    a: str | None
    b: str | None
    appeared: tuple[str, ...]
    disappeared: tuple[str, ...]
    status_changes: tuple[tuple[str, str, str], ...]
    restated: tuple[tuple[str, str], ...]
    answered: tuple[tuple[str, str], ...]
    revised: tuple[tuple[str, str], ...]
    new_objections: tuple[str, ...]
    new_concessions: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        """Return the diff as plain data (the shape of ``argmap diff --json``)."""
        data = attrs.asdict(self, recurse=False)
        data["status_changes"] = [
            {"issue": i, "before": x, "after": y} for i, x, y in self.status_changes]
        data["restated"] = [{"point": p, "restates": r} for p, r in self.restated]
        data["answered"] = [{"point": p, "answers": r} for p, r in self.answered]
        data["revised"] = [{"point": p, "revises": r} for p, r in self.revised]
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}

    def __str__(self) -> str:
        parties = f" ({self.a} and {self.b})" if self.a and self.b else " (fewer than two shared parties)"
        lines = [f"{self.earlier} -> {self.later}{parties}"]
        lines.append(f"issues appeared: {cell_text(self.appeared) or '-'}")
        lines.append(f"issues disappeared: {cell_text(self.disappeared) or '-'}")
        for issue, before, after in self.status_changes:
            lines.append(f"status of {issue}: {before} -> {after}")
        for point, ref in self.restated:
            lines.append(f"{point} restates {ref}")
        for point, ref in self.answered:
            lines.append(f"{point} answers {ref}")
        for point, ref in self.revised:
            lines.append(f"{point} revises {ref}")
        lines.append(f"new objections and rebuttals: {len(self.new_objections)}")
        lines.append(f"concessions: {cell_text(self.new_concessions) or '-'}")
        return "\n".join(lines)


def _issues_with_points(amap: ArgumentMap) -> list[str]:
    present = {i for i in amap._index.issues_of.values() if i is not None}
    return [i.id for i in amap.issues if i.id in present]


def diff(earlier: ArgumentMap, later: ArgumentMap, a: str | None = None,
         b: str | None = None) -> CaseDiff:
    """Return what changed from *earlier* to *later* between parties *a* and *b*.

    *a* and *b* default to the first two parties the maps share; maps that
    share fewer than two have no status changes (``a`` and ``b`` are None), and
    everything else is reported.

    Examples
    --------
    >>> case = argmap.datasets.load_case("1962-cuba")
    >>> d = diff(case.map("1962-11-24-new-york"), case.map("1962-11-28-new-york"))
    >>> [c for c in d.status_changes if c[0] == "settlement-form"]
    [('settlement-form', 'disputed', 'agreed')]
    >>> d.revised  # doctest: +NORMALIZE_WHITESPACE
    (('ussr-accepts-declarations', '1962-11-24-new-york#kuznetsov-protocol-paragraphs'),)
    """
    shared = [p.id for p in earlier.parties if p.id in later._index.parties]
    if a is None or b is None:
        a, b = (shared[0], shared[1]) if len(shared) >= 2 else (None, None)
    had, has = _issues_with_points(earlier), _issues_with_points(later)
    changes: tuple[tuple[str, str, str], ...] = ()
    if a is not None and b is not None:  # statuses need two parties; everything else does not
        before = {r.issue: r.status for r in earlier.compare(a, b) if r.issue is not None}
        after = {r.issue: r.status for r in later.compare(a, b) if r.issue is not None}
        changes = tuple((i, before.get(i, "silent"), after.get(i, "silent"))
                        for i in [*had, *[x for x in has if x not in had]]
                        if before.get(i, "silent") != after.get(i, "silent"))
    prefix = f"{earlier.id}#"
    return CaseDiff(
        earlier=earlier.id, later=later.id, a=a, b=b,
        appeared=tuple(i for i in has if i not in had),
        disappeared=tuple(i for i in had if i not in has),
        status_changes=changes,
        restated=tuple((p.id, r) for p in later.points for r in p.restates if r.startswith(prefix)),
        answered=tuple((p.id, r) for p in later.points for r in p.answers if r.startswith(prefix)),
        revised=tuple((p.id, r) for p in later.points for r in p.revises if r.startswith(prefix)),
        new_objections=tuple(p.id for p in later.points
                             if p.kind in (Kind.OBJECTION, Kind.REBUTTAL) and _new(p, earlier, prefix)),
        new_concessions=tuple(p.id for p in later.points
                              if p.kind is Kind.CONCESSION and _new(p, earlier, prefix)),
    )


def _new(point: Point, earlier: ArgumentMap, prefix: str) -> bool:
    """Return True unless the earlier map has this point (same id and kind) or it restates one of its."""
    same = earlier._index.points.get(point.id)
    if same is not None and same.kind is point.kind:
        return False
    return not any(r.startswith(prefix) for r in point.restates)


@attrs.frozen
class Case:
    """The maps of one negotiation, in date order, sharing party, actor and issue ids.

    Building a case checks that the maps are in date order, that a shared id
    names the same thing in every map, and that every ``restates`` and
    ``answers`` reference resolves to a point of an earlier map.

    Examples
    --------
    >>> case = argmap.datasets.load_case("1962-cuba")
    >>> [m.id for m in case.maps]  # doctest: +NORMALIZE_WHITESPACE
    ['1962-10-30-moscow', '1962-10-31-new-york', '1962-11-01-new-york', '1962-11-05-new-york',
     '1962-11-24-new-york', '1962-11-28-new-york']

    .. versionadded:: 0.1
    """

    id: str
    title: str
    maps: tuple[ArgumentMap, ...] = attrs.field(converter=_maps, validator=_check_case)
    description: str | None = attrs.field(default=None, kw_only=True)
    meta: FrozenDict = attrs.field(
        factory=FrozenDict, converter=freeze_meta, hash=False, kw_only=True)

    def __repr__(self) -> str:
        span = f" from {self.maps[0].id} to {self.maps[-1].id}" if self.maps else ""
        return f"<Case {self.id!r}: {len(self.maps)} maps{span}>"

    def map(self, map_id: str) -> ArgumentMap:
        """Return the map with id *map_id*."""
        for m in self.maps:
            if m.id == map_id:
                return m
        known = [m.id for m in self.maps]
        raise UnknownReferenceError(
            "map", map_id, f"case {self.id!r} has no map {map_id!r}{did_you_mean(map_id, known)}")

    @functools.cached_property
    def issues(self) -> tuple[str, ...]:
        """The issue ids of every map, in order of first appearance."""
        return tuple(dict.fromkeys(i.id for m in self.maps for i in m.issues))

    @functools.cached_property
    def parties(self) -> tuple[str, ...]:
        """The party ids of every map, in order of first appearance."""
        return tuple(dict.fromkeys(p.id for m in self.maps for p in m.parties))

    def _pair(self, a: str | None, b: str | None) -> tuple[str, str]:
        if a is None or b is None:
            if len(self.parties) < 2:
                raise ValidationError([Problem(
                    f"case {self.id!r} has {len(self.parties)} party ({', '.join(self.parties)}); a "
                    "timeline sets two parties' positions side by side, so it needs two")])
            return self.parties[0], self.parties[1]
        return a, b

    def timeline(self, issue: str | None = None, a: str | None = None,
                 b: str | None = None) -> Timeline:
        """Return, for each issue (or one), each meeting's points of *a* and *b* and its status.

        *a* and *b* default to the case's first two parties. A meeting where an
        issue does not come up gives ``silent``.

        Examples
        --------
        >>> case = argmap.datasets.load_case("1962-cuba")
        >>> [(r.date, r.status) for r in case.timeline("il-28")][2:5]
        [('1962-11-01', 'silent'), ('1962-11-05', 'disputed'), ('1962-11-24', 'silent')]
        """
        a, b = self._pair(a, b)
        issues = self.issues if issue is None else (issue,)
        if issue is not None and issue not in self.issues:
            raise UnknownReferenceError(
                "issue", issue, f"case {self.id!r} has no issue {issue!r}"
                f"{did_you_mean(issue, self.issues)}")
        # one comparison per meeting, not one per issue and meeting
        compared = {m.id: m.compare(a, b) for m in self.maps
                    if a in m._index.parties and b in m._index.parties}
        rows = []
        for i in issues:
            for m in self.maps:
                if m.id in compared and i in m._index.issues:
                    row = compared[m.id][i]
                    status, pa, pb = row.status, row.a_points, row.b_points
                else:
                    status, pa, pb = "silent", (), ()
                rows.append(TimelineRow(i, m.id, m.date.isoformat() if m.date else None,
                                        status, pa, pb))
        return Timeline(a, b, tuple(rows))

    def positions(self, party: str, issue: str) -> list[tuple[str, tuple[str, ...]]]:
        """Return ``(map id, point ids)`` for each meeting: what *party* said on *issue*.

        Examples
        --------
        >>> case = argmap.datasets.load_case("1962-cuba")
        >>> case.positions("ussr", "settlement-form")[0]
        ('1962-10-30-moscow', ('gromyko-codify-obligations', 'gromyko-talks-at-un'))
        """
        result = []
        for m in self.maps:
            points = tuple(p.id for p in m.points if m._index.party_of[p.id] == party
                           and m._index.issues_of[p.id] == issue)
            result.append((m.id, points))
        return result

    def diff(self, earlier: str, later: str, a: str | None = None, b: str | None = None) -> CaseDiff:
        """Return :func:`diff` of two of the case's maps, by id."""
        a, b = self._pair(a, b)
        return diff(self.map(earlier), self.map(later), a, b)
