"""Two codings of one document: which points match, and how far the coders agree.

A second coder codes the same source independently; the two maps are compared
in four steps (docs/agreement.md explains each and how to read the figures).

Terms
-----
span
    Where a point's quote lies in the source, placed as the loader checks it
    (whitespace folded, footnote markers allowed to be left out). Both maps
    must quote the same text, compared with whitespace folded; the part both
    code is where their bodies (:attr:`argmap.Source.body`) overlap.
alignment
    A one-to-one pairing of A's points with B's that maximises the total
    number of characters their spans share (a maximum-weight matching). Points
    without a quote, and points whose quote lies outside the part both code,
    are not aligned and are listed.
unitizing agreement
    Krippendorff's alpha (nominal) over the words of the common part, each word
    valued 1 by a coder whose quotes cover it and 0 otherwise: a word-level
    approximation of Krippendorff's (1995) alpha for unitizing. Splitting one
    stretch into two points or merging two into one does not show here; it
    shows in the alignment, as unaligned points.
category agreement
    Over aligned pairs: kind, speaker (``by``), party, ``on_behalf_of`` and
    issue, each with percent agreement, Krippendorff's alpha (nominal,
    computed by the ``krippendorff`` package) and a confusion table. Issue ids
    are the coders' own: each of A's issues is read as the issue of B that
    most of its aligned points are on (ties: B's first in file order).
relations
    For attacks, supports and agrees: how many of A's relations between aligned
    points B also has, between the points aligned with them, and the reverse.
outcomes
    What a reader concludes from each coding: per issue, the status
    :func:`argmap.query.compare` gives between two parties; and each unresolved
    thread or pending proposal, matched through the alignment of its root,
    with its status and last word. Both are read off each whole map; issues
    and threads with no point in the part both code are left out.
"""

from __future__ import annotations

import bisect
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from argmap._source import WORD, SourceText, covered, overlap
from argmap._table import TableMixin, cell_text, format_table
from argmap._util import in_line_ranges
from argmap.errors import MissingDependencyError, SourceError
from argmap.model import ArgumentMap, Relation

if TYPE_CHECKING:  # pragma: no cover
    from argmap.query import Comparison, IssueComparison

__all__ = [
    "AlignedPair",
    "Agreement",
    "CategoryAgreement",
    "IssueOutcome",
    "RelationAgreement",
    "ThreadOutcome",
    "UnitizingAgreement",
    "agreement",
]

#: The categories compared over aligned pairs, in report order.
CATEGORIES: Final = ("kind", "by", "party", "on_behalf_of", "issue")
#: The relations compared between aligned points.
RELATIONS: Final = (Relation.ATTACKS, Relation.SUPPORTS, Relation.AGREES)
#: Clusters of mutually overlapping points larger than this are matched greedily, heaviest
#: overlap first, since the exact matching takes time that grows with the cube of their size.
EXACT_MATCHING: Final = 400
#: The value of a category a point leaves empty (no issue, no ``on_behalf_of``).
NONE: Final = "(none)"



# --- records ------------------------------------------------------------------------


@attrs.frozen
class AlignedPair:
    """A point of A and the point of B that codes the same stretch of the source.

    Attributes
    ----------
    a, b : str
        The point ids.
    shared : int
        Characters their spans share (whitespace folded).
    jaccard : float
        Shared characters over the characters either covers: 1.0 for the same span.

    .. versionadded:: 0.2
    """

    a: str
    b: str
    shared: int
    jaccard: float


@attrs.frozen
class UnitizingAgreement:
    """How far the coders agree on what to code: word by word over the part both code.

    Attributes
    ----------
    words : int
        Words of the common part.
    agreeing : int
        Words both coders cover, or both leave out.
    alpha : float or None
        Krippendorff's alpha (nominal) over the words' covered/not-covered
        values; None when it is undefined (every word has the same value for both).

    .. versionadded:: 0.2
    """

    words: int
    agreeing: int
    alpha: float | None

    @property
    def percent(self) -> float:
        """The share of words on which the coders agree, 0 to 100."""
        return _share(self.agreeing, self.words)


@attrs.frozen
class CategoryAgreement:
    """Agreement on one category over the aligned pairs.

    Attributes
    ----------
    category : str
        ``kind``, ``by``, ``party``, ``on_behalf_of`` or ``issue``.
    pairs : int
        Aligned pairs compared.
    agreeing : int
        Pairs with the same value (for ``issue``, after mapping A's issues to B's).
    alpha : float or None
        Krippendorff's alpha (nominal); None when undefined (only one value occurs).
    confusion : tuple of (str, str, int)
        ``(A's value, B's value, pairs)``, most frequent first.

    .. versionadded:: 0.2
    """

    category: str
    pairs: int
    agreeing: int
    alpha: float | None
    confusion: tuple[tuple[str, str, int], ...]

    @property
    def percent(self) -> float:
        """The share of pairs with the same value, 0 to 100."""
        return _share(self.agreeing, self.pairs)


@attrs.frozen
class RelationAgreement:
    """One relation between aligned points, looked for in both directions.

    Attributes
    ----------
    relation : str
        ``attacks``, ``supports`` or ``agrees``.
    a_total, b_total : int
        Each coding's relations of this kind between aligned points.
    a_in_b, b_in_a : int
        Of those, how many the other coding has between the points aligned with them.
    a_unaligned, b_unaligned : int
        Each coding's relations of this kind that touch an unaligned point (not compared).

    .. versionadded:: 0.2
    """

    relation: str
    a_total: int
    a_in_b: int
    b_total: int
    b_in_a: int
    a_unaligned: int
    b_unaligned: int


@attrs.frozen
class IssueOutcome:
    """One issue as each coding tells it: the :func:`~argmap.query.compare` status in each.

    Attributes
    ----------
    a_issue, b_issue : str or None
        The issue in each coding (None where the other coding has no counterpart).
    a_status, b_status : str or None

    .. versionadded:: 0.2
    """

    a_issue: str | None
    b_issue: str | None
    a_status: str | None
    b_status: str | None

    @property
    def same(self) -> bool:
        """True when both codings give the issue the same status."""
        return self.a_status == self.b_status


@attrs.frozen
class ThreadOutcome:
    """An unresolved thread (or pending proposal) of either coding, and its counterpart.

    Attributes
    ----------
    a_root, b_root : str or None
        The thread's root in each coding; a root's counterpart is the point
        aligned with it, when that point is a root in the other coding too.
    a_status, b_status : str or None
        ``unanswered``, ``contested`` or ``pending``.
    a_last_word, b_last_word : tuple of str
        The parties with the last word.

    .. versionadded:: 0.2
    """

    a_root: str | None
    b_root: str | None
    a_status: str | None
    b_status: str | None
    a_last_word: tuple[str, ...] = ()
    b_last_word: tuple[str, ...] = ()

    @property
    def same(self) -> bool:
        """True when both codings have the thread, with the same status and last word."""
        return (self.a_root is not None and self.b_root is not None
                and self.a_status == self.b_status and self.a_last_word == self.b_last_word)


@attrs.frozen
class Agreement(TableMixin):
    """Two codings of one source compared (:func:`agreement`).

    ``str()`` gives the report; :meth:`to_records` (and ``to_dataframe()``)
    one row per measure; :meth:`to_json` everything, in the shape of
    ``argmap agree --json`` (docs/agreement.md).

    Attributes
    ----------
    a, b : str
        The map ids.
    source_file : str
        The source, as map A names it.
    pairs : tuple of AlignedPair
        In A's file order.
    a_unaligned, b_unaligned : tuple of str
        Points with a quote in the common part and no counterpart.
    a_not_placed, b_not_placed : tuple of str
        Points with no quote, or a quote outside the part both code.
    unitizing : UnitizingAgreement
    categories : tuple of CategoryAgreement
    relations : tuple of RelationAgreement
    issue_map : tuple of (str or None, str or None)
        Each of A's issues (None for points without one) and the issue of B it is read as.
    parties : (str, str) or None
        The two parties the issue outcomes compare; None when a map has fewer than two.
    issues : tuple of IssueOutcome
    threads : tuple of ThreadOutcome

    .. versionadded:: 0.2
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ("measure", "units", "agreeing", "percent", "alpha")

    a: str
    b: str
    source_file: str
    pairs: tuple[AlignedPair, ...]
    a_unaligned: tuple[str, ...]
    b_unaligned: tuple[str, ...]
    a_not_placed: tuple[str, ...]
    b_not_placed: tuple[str, ...]
    unitizing: UnitizingAgreement
    categories: tuple[CategoryAgreement, ...]
    relations: tuple[RelationAgreement, ...]
    issue_map: tuple[tuple[str | None, str | None], ...]
    parties: tuple[str, str] | None
    issues: tuple[IssueOutcome, ...]
    threads: tuple[ThreadOutcome, ...]

    def category(self, name: str) -> CategoryAgreement:
        """Return the agreement on one category (``kind``, ``by``, ``party``, ``on_behalf_of``, ``issue``)."""
        for c in self.categories:
            if c.category == name:
                return c
        raise KeyError(name)

    @property
    def caption(self) -> str:
        """A one-line summary."""
        return (f"A = {self.a}, B = {self.b}: {len(self.pairs)} aligned points; "
                f"{len(self.a_unaligned)} of A's and {len(self.b_unaligned)} of B's without a counterpart")

    def to_records(self) -> list[dict[str, Any]]:
        """Return one dict per measure: unitizing, each category, each relation direction.

        Keys: ``measure``, ``units`` (words, pairs or relations), ``agreeing``,
        ``percent`` and ``alpha`` (None for relations, and where undefined).
        """
        u = self.unitizing
        rows: list[dict[str, Any]] = [
            {"measure": "unitizing (words)", "units": u.words, "agreeing": u.agreeing,
             "percent": round(u.percent, 1), "alpha": _rounded(u.alpha)}]
        rows += [{"measure": c.category, "units": c.pairs, "agreeing": c.agreeing,
                  "percent": round(c.percent, 1), "alpha": _rounded(c.alpha)} for c in self.categories]
        for r in self.relations:
            rows.append({"measure": f"{r.relation}, A's in B", "units": r.a_total,
                         "agreeing": r.a_in_b, "percent": _percent(r.a_in_b, r.a_total), "alpha": None})
            rows.append({"measure": f"{r.relation}, B's in A", "units": r.b_total,
                         "agreeing": r.b_in_a, "percent": _percent(r.b_in_a, r.b_total), "alpha": None})
        return rows

    def to_json(self) -> dict[str, Any]:
        """Return the whole comparison as plain data (the shape of ``argmap agree --json``)."""
        u = self.unitizing
        return {
            "a": self.a, "b": self.b, "source": self.source_file,
            "alignment": {
                "pairs": [attrs.asdict(p) | {"jaccard": round(p.jaccard, 4)} for p in self.pairs],
                "a_unaligned": list(self.a_unaligned), "b_unaligned": list(self.b_unaligned),
                "a_not_placed": list(self.a_not_placed), "b_not_placed": list(self.b_not_placed),
            },
            "unitizing": {"words": u.words, "agreeing": u.agreeing, "percent": round(u.percent, 2),
                          "alpha": _rounded(u.alpha)},
            "categories": [
                {"category": c.category, "pairs": c.pairs, "agreeing": c.agreeing,
                 "percent": round(c.percent, 2), "alpha": _rounded(c.alpha),
                 "confusion": [{"a": x, "b": y, "pairs": n} for x, y, n in c.confusion]}
                for c in self.categories],
            "relations": [attrs.asdict(r) for r in self.relations],
            "issue_map": [{"a": x, "b": y} for x, y in self.issue_map],
            "parties": list(self.parties) if self.parties else None,
            "issues": [attrs.asdict(o) | {"same": o.same} for o in self.issues],
            "threads": [
                {"a_root": t.a_root, "b_root": t.b_root, "a_status": t.a_status, "b_status": t.b_status,
                 "a_last_word": list(t.a_last_word), "b_last_word": list(t.b_last_word), "same": t.same}
                for t in self.threads],
        }

    def __repr__(self) -> str:
        alpha = _rounded(self.unitizing.alpha)
        return (f"<Agreement {self.a} / {self.b}: {len(self.pairs)} pairs, "
                f"{len(self.a_unaligned)}+{len(self.b_unaligned)} unaligned, unitizing alpha {alpha}>")

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, width: int = 100) -> str:
        """Return the report as plain text: measures, alignment gaps, issue and thread outcomes."""
        measures = [[r["measure"], str(r["units"]), str(r["agreeing"]), f"{r['percent']:.1f}%",
                     _alpha_text(r["alpha"], r["measure"])] for r in self.to_records()]
        out = [self.caption, "",
               format_table(measures, ["MEASURE", "UNITS", "AGREE", "PERCENT", "ALPHA"], width)]
        for who, ids in (("Only in A", self.a_unaligned), ("Only in B", self.b_unaligned),
                         ("Not placed in A (no quote, or outside the part both code)", self.a_not_placed),
                         ("Not placed in B (no quote, or outside the part both code)", self.b_not_placed)):
            if ids:
                out += ["", textwrap.fill(f"{who}: {', '.join(ids)}", width, subsequent_indent="  ",
                                          break_on_hyphens=False)]
        for c in self.categories:
            off = [(x, y, n) for x, y, n in c.confusion if x != y]
            if off:
                out += ["", f"{c.category}: where the coders differ (A -> B)"]
                out += [f"  {n} x {x} -> {y}" for x, y, n in off]
        rows = [[cell_text(o.a_issue) or "-", cell_text(o.b_issue) or "-", o.a_status or "-",
                 o.b_status or "-", "yes" if o.same else "NO"] for o in self.issues]
        if rows and self.parties:
            out += ["", f"Issues, {self.parties[0]} and {self.parties[1]}:",
                    format_table(rows, ["ISSUE A", "ISSUE B", "STATUS A", "STATUS B", "SAME"], width)]
        rows = [[t.a_root or "-", t.b_root or "-", t.a_status or "-", t.b_status or "-",
                 f"{cell_text(t.a_last_word) or '-'} / {cell_text(t.b_last_word) or '-'}",
                 "yes" if t.same else "NO"] for t in self.threads]
        if rows:
            out += ["", "Unresolved threads:",
                    format_table(rows, ["ROOT A", "ROOT B", "STATUS A", "STATUS B", "LAST WORD A / B",
                                        "SAME"], width)]
        return "\n".join(out)


def _rounded(alpha: float | None) -> float | None:
    return None if alpha is None else round(alpha, 4)


def _share(part: int, whole: int) -> float:
    """Return *part* as a percentage of *whole*; 100 when there is nothing to agree on."""
    return 100.0 * part / whole if whole else 100.0


def _percent(part: int, whole: int) -> float:
    return round(_share(part, whole), 1)


def _alpha_text(alpha: float | None, measure: str) -> str:
    if alpha is not None:
        return f"{alpha:.3f}"
    return "" if "'s in " in measure else "undefined"


# --- computing --------------------------------------------------------------------------


def nominal_alpha(a_values: Sequence[str], b_values: Sequence[str]) -> float | None:
    """Return Krippendorff's alpha (nominal) for two coders' values, or None when undefined.

    Computed by the ``krippendorff`` package; alpha is undefined when fewer
    than two distinct values occur (there is no variation to agree on).

    Examples
    --------
    >>> nominal_alpha(["x", "y", "x"], ["x", "y", "x"])
    1.0
    >>> nominal_alpha(["x", "x"], ["x", "x"]) is None
    True
    """
    try:
        import krippendorff
        import numpy as np
    except ImportError:  # pragma: no cover - both are dependencies of argmap
        raise MissingDependencyError(
            "agreement needs the krippendorff package: pip install krippendorff") from None
    domain = sorted(set(a_values) | set(b_values))
    if len(domain) < 2 or not a_values:
        return None
    code = {v: i for i, v in enumerate(domain)}
    data = np.array([[code[v] for v in a_values], [code[v] for v in b_values]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, value_domain=list(range(len(domain))),
                                     level_of_measurement="nominal"))


@attrs.frozen
class _Coding:
    """One map with its points placed in the common coordinates (indices in the whole folded file)."""

    amap: ArgumentMap
    text: SourceText
    spans: dict[str, tuple[int, int]]
    body_mask: bytes  # 1 for each character of the whole folded file inside the map's body

    @classmethod
    def of(cls, amap: ArgumentMap) -> _Coding:
        text = SourceText.of(amap)
        whole = text.whole
        spans = {}
        for pid, (start, end) in text.quote_spans(amap).items():
            spans[pid] = (whole.index_of(start), whole.index_of(end - 1) + 1)
        body = text.body
        mask = bytes(in_line_ranges(text.line_of(o), body) for o in whole.origin)
        return cls(amap, text, spans, mask)


def _aligned(a: _Coding, b: _Coding, placed_a: Iterable[str], placed_b: Iterable[str]) -> list[AlignedPair]:
    """Return the maximum-overlap one-to-one pairing, in A's file order.

    Shared characters decide (exactly, by a maximum-weight matching, in every
    cluster of overlapping points up to :data:`EXACT_MATCHING` points;
    greedily, heaviest overlap first, in a larger one). Equal overlaps (one coder's sentence holding two
    of the other's points) are decided, in turn, by: the same id; the same
    place among points that share one span; the closer boundaries; file order.
    Every edge weight is a distinct integer, so the matching does not depend on
    the order in which the graph is walked.
    """
    import networkx as nx

    placed_a = list(placed_a)
    b_sorted = sorted(placed_b, key=lambda pid: b.spans[pid])
    b_starts = [b.spans[pid][0] for pid in b_sorted]
    b_longest = max((e - s for s, e in b.spans.values()), default=0)
    ordinal_a, ordinal_b = _ordinals(a, placed_a), _ordinals(b, b_sorted)
    rank_b = {pid: i for i, pid in enumerate(b_sorted)}
    length = len(a.text.whole.text) + 1
    orders = len(placed_a) * len(b_sorted) + 1
    graph = nx.Graph()
    for i, pa in enumerate(placed_a):
        sa = a.spans[pa]
        first = bisect.bisect_left(b_starts, sa[0] - b_longest)
        for pb in b_sorted[first:bisect.bisect_left(b_starts, sa[1])]:
            sb = b.spans[pb]
            shared = overlap(sa, sb)
            if not shared:
                continue
            tie = 2 if pa == pb else int(sa == sb and ordinal_a[pa] == ordinal_b[pb])
            distance = abs(sa[0] - sb[0]) + abs(sa[1] - sb[1])
            order = orders - 1 - (i * len(b_sorted) + rank_b[pb])
            weight = ((shared * 3 + tie) * 2 * length + (2 * length - 1 - distance)) * orders + order
            graph.add_edge(("a", pa), ("b", pb), weight=weight)
    pairs = []
    for component in sorted(nx.connected_components(graph), key=lambda c: sorted(c)):
        part = graph.subgraph(component)
        matched = _greedy(part) if len(component) > EXACT_MATCHING else nx.max_weight_matching(part)
        for u, v in sorted(matched):
            (_, pa), (_, pb) = (u, v) if u[0] == "a" else (v, u)
            sa, sb = a.spans[pa], b.spans[pb]
            shared = overlap(sa, sb)
            union = max(sa[1], sb[1]) - min(sa[0], sb[0])
            pairs.append(AlignedPair(pa, pb, shared, shared / union))
    order_a = {p.id: i for i, p in enumerate(a.amap.points)}
    return sorted(pairs, key=lambda p: order_a[p.a])


def _greedy(graph: Any) -> set[tuple[Any, Any]]:
    """Return a matching built from the heaviest edges down: at least half the best weight."""
    taken: set[Any] = set()
    matched = set()
    for u, v, _ in sorted(graph.edges(data="weight"), key=lambda e: -e[2]):
        if u not in taken and v not in taken:
            taken.update((u, v))
            matched.add((u, v))
    return matched


def _ordinals(coding: _Coding, placed: Iterable[str]) -> dict[str, int]:
    """Return each point's place among the points whose quote has the same span, in file order."""
    seen: Counter[tuple[int, int]] = Counter()
    out = {}
    for pid in placed:
        span = coding.spans[pid]
        out[pid] = seen[span]
        seen[span] += 1
    return out


def _unitizing(a: _Coding, b: _Coding, common: bytes) -> UnitizingAgreement:
    """Agreement on which words of the part both code (*common*, by character) are quoted."""
    words = [(m.start(), m.end()) for m in WORD.finditer(a.text.whole.text) if common[m.start()]]

    def values(coding: _Coding) -> list[str]:
        return ["1" if c else "0" for c in covered(words, coding.spans.values())]

    va, vb = values(a), values(b)
    return UnitizingAgreement(len(words), sum(x == y for x, y in zip(va, vb, strict=True)),
                              nominal_alpha(va, vb))


def _issue_map(a: ArgumentMap, b: ArgumentMap, pairs: Sequence[AlignedPair]) -> dict[str | None, str | None]:
    """Read each of A's issues as the issue of B most of its aligned points are on."""
    votes: dict[str | None, Counter[str | None]] = {}
    for p in pairs:
        votes.setdefault(a.issue_of(p.a), Counter())[b.issue_of(p.b)] += 1
    rank = {issue.id: i for i, issue in enumerate(b.issues)}
    out: dict[str | None, str | None] = {}
    for issue, counter in votes.items():
        best = max(counter.values())
        out[issue] = min((j for j, n in counter.items() if n == best),
                         key=lambda j: rank.get(j, len(rank)) if j is not None else len(rank) + 1)
    return out


def _value(amap: ArgumentMap, pid: str, category: str,
           issue_map: Mapping[str | None, str | None] | None = None) -> str:
    """Return a point's value in *category*; its issue read through *issue_map* when given."""
    point = amap.point(pid)
    if category == "kind":
        return point.kind.value
    if category == "by":
        return point.by
    if category == "party":
        return amap.party_of(pid)
    if category == "on_behalf_of":
        return point.on_behalf_of or NONE
    issue = amap.issue_of(pid)
    return (issue_map.get(issue) if issue_map is not None else issue) or NONE


def _categories(a: ArgumentMap, b: ArgumentMap, pairs: Sequence[AlignedPair],
                issue_map: dict[str | None, str | None]) -> list[CategoryAgreement]:
    out = []
    for category in CATEGORIES:
        va = [_value(a, p.a, category, issue_map) for p in pairs]
        vb = [_value(b, p.b, category) for p in pairs]
        confusion = Counter(zip(va, vb, strict=True))
        table = tuple(sorted(((x, y, n) for (x, y), n in confusion.items()),
                             key=lambda row: (-row[2], row[0], row[1])))
        out.append(CategoryAgreement(category, len(pairs), sum(x == y for x, y in zip(va, vb, strict=True)),
                                     nominal_alpha(va, vb), table))
    return out


def _edges(amap: ArgumentMap, relation: Relation) -> Iterator[tuple[str, str]]:
    for point in amap.points:
        for target in point.targets(relation):
            yield point.id, target


def _relations(a: ArgumentMap, b: ArgumentMap, pairs: Sequence[AlignedPair]) -> list[RelationAgreement]:
    to_b = {p.a: p.b for p in pairs}
    to_a = {p.b: p.a for p in pairs}
    out = []
    for relation in RELATIONS:
        ea, eb = set(_edges(a, relation)), set(_edges(b, relation))

        def found(edges: set[tuple[str, str]], other: set[tuple[str, str]],
                  mapping: dict[str, str]) -> tuple[int, int, int]:
            comparable = [(s, t) for s, t in edges if s in mapping and t in mapping]
            hits = sum((mapping[s], mapping[t]) in other for s, t in comparable)
            return len(comparable), hits, len(edges) - len(comparable)

        a_total, a_in_b, a_out = found(ea, eb, to_b)
        b_total, b_in_a, b_out = found(eb, ea, to_a)
        out.append(RelationAgreement(relation.value, a_total, a_in_b, b_total, b_in_a, a_out, b_out))
    return out


def _issue_outcomes(ca: Comparison, cb: Comparison, issue_map: dict[str | None, str | None],
                    coded: Callable[[IssueComparison, str], bool]) -> list[IssueOutcome]:
    """Pair each of A's issues with the issue of B it is read as; B's unpaired issues follow.

    Issues with no point in the part both maps code (``coded`` is false) are left out.
    """
    b_status = {row.issue: row.status for row in cb if coded(row, "b")}
    issues, seen = [], set()
    for row in ca:
        if not coded(row, "a"):
            continue
        mapped = issue_map.get(row.issue)
        if row.issue in issue_map and mapped in b_status:
            seen.add(mapped)
            issues.append(IssueOutcome(row.issue, mapped, row.status, b_status[mapped]))
        else:
            issues.append(IssueOutcome(row.issue, None, row.status, None))
    issues += [IssueOutcome(None, row.issue, None, status)
               for row in cb if row.issue not in seen and (status := b_status.get(row.issue))]
    return issues


def _outcomes(
    a: ArgumentMap, b: ArgumentMap, pairs: Sequence[AlignedPair], issue_map: dict[str | None, str | None],
    parties: tuple[str, str] | None, outside: Mapping[str, set[str]],
) -> tuple[list[IssueOutcome], list[ThreadOutcome]]:
    """Return the issue and thread outcomes, leaving out what lies outside the part both code."""
    from argmap.query import compare, unresolved

    def coded(row: IssueComparison, side: str) -> bool:
        points = (*row.a_points, *row.b_points, *row.a_constructed, *row.b_constructed)
        return any(p not in outside[side] for p in points)

    issues: list[IssueOutcome] = []
    if parties is not None:
        issues = _issue_outcomes(compare(a, *parties), compare(b, *parties), issue_map, coded)
    ta = {t.root: t for t in unresolved(a) if t.root not in outside["a"]}
    tb = {t.root: t for t in unresolved(b) if t.root not in outside["b"]}
    to_b = {p.a: p.b for p in pairs}
    threads, matched = [], set()
    for root, t in ta.items():
        other = tb.get(to_b.get(root, ""))
        if other is not None:
            matched.add(other.root)
            threads.append(ThreadOutcome(root, other.root, t.status, other.status, t.last_word,
                                         other.last_word))
        else:
            threads.append(ThreadOutcome(root, None, t.status, None, t.last_word, ()))
    threads += [ThreadOutcome(None, root, None, t.status, (), t.last_word)
                for root, t in tb.items() if root not in matched]
    return issues, threads


def agreement(a: ArgumentMap, b: ArgumentMap, parties: Sequence[str] | None = None) -> Agreement:
    """Return how far two codings of the same source agree.

    Parameters
    ----------
    a, b : ArgumentMap
        Two maps of one document, each loaded from a file whose ``source.file``
        holds the document's text (the same text, compared with whitespace folded).
    parties : pair of str, optional
        The two parties whose positions the outcomes compare; by default the
        first two parties of *a*. Both must be parties of both maps.

    Returns
    -------
    Agreement

    Raises
    ------
    SourceError
        If a map holds no source text, or the two texts differ (the message
        says where).
    UnknownReferenceError
        If a party of *parties* is missing from either map.

    Examples
    --------
    >>> m = argmap.datasets.load("1962-11-28-new-york")
    >>> same = argmap.agreement(m, m)
    >>> same.category("kind").alpha, same.unitizing.alpha, len(same.a_unaligned)
    (1.0, 1.0, 0)

    .. versionadded:: 0.2
    """
    ca, cb = _Coding.of(a), _Coding.of(b)
    parted = ca.text.same_text(cb.text)
    if parted is not None:
        line = ca.text.line_of(parted)
        here = ca.text.raw[parted:parted + 30].split("\n")[0]
        raise SourceError(
            f"{a.id} and {b.id} quote different texts: {ca.text.name} and {cb.text.name} part at "
            f"line {line} of {ca.text.name} ({here!r}); agreement compares two codings of one document")
    both = bytes(x & y for x, y in zip(ca.body_mask, cb.body_mask, strict=True))

    def placed(coding: _Coding) -> list[str]:
        return [pid for pid, (start, _) in coding.spans.items() if both[start]]

    placed_a, placed_b = placed(ca), placed(cb)
    pairs = _aligned(ca, cb, placed_a, placed_b)
    paired_a, paired_b = {p.a for p in pairs}, {p.b for p in pairs}
    chosen = _parties(a, b, parties)
    issue_map = _issue_map(a, b, pairs)
    in_a, in_b = set(placed_a), set(placed_b)
    outside = {"a": set(ca.spans) - in_a, "b": set(cb.spans) - in_b}
    issues, threads = _outcomes(a, b, pairs, issue_map, chosen, outside)
    return Agreement(
        a.id, b.id, ca.text.name, tuple(pairs),
        tuple(pid for pid in placed_a if pid not in paired_a),
        tuple(pid for pid in placed_b if pid not in paired_b),
        tuple(p.id for p in a.points if p.id not in in_a),
        tuple(p.id for p in b.points if p.id not in in_b),
        _unitizing(ca, cb, both),
        tuple(_categories(a, b, pairs, issue_map)),
        tuple(_relations(a, b, pairs)),
        tuple((issue, issue_map[issue]) for issue in [*(i.id for i in a.issues), None] if issue in issue_map),
        chosen, tuple(issues), tuple(threads),
    )


def _parties(a: ArgumentMap, b: ArgumentMap, parties: Sequence[str] | None) -> tuple[str, str] | None:
    """Return the two parties to compare, or None when the maps have fewer than two."""
    if parties is None:
        ids = [p.id for p in a.parties if p.id in {q.id for q in b.parties}]
        if len(ids) < 2:
            ids = [p.id for p in a.parties]
    else:
        ids = list(parties)
    if len(ids) < 2:
        return None
    chosen = (ids[0], ids[1])
    for amap in (a, b):
        for pid in chosen:
            amap.party(pid)  # raises UnknownReferenceError naming the parties there are
    return chosen

