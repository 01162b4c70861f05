"""Questions asked of a map: what is disputed, what is open, who had the last word.

Every term here is defined in DESIGN §4 and in ``docs/queries.md``; in short,
with *P(x)* the party of point *x* (its actor's party, or the party itself):

- a **disagreement** is an ``attacks`` edge *a → t* with *P(a) ≠ P(t)*;
- it is **settled** when a point of *P(t)* agrees with *a* or a point of *P(a)*
  agrees with *t*, without a ``condition``, and **open** otherwise;
- a **thread** is a tree of open disagreements under a **root**: a point attacked
  through an open disagreement that itself attacks nothing through one (a cycle
  with no way out is rooted at its first point in file order);
- a thread is **unanswered** when no open disagreement attacks the root's
  attackers, **contested** otherwise; its **last word** is the party or parties of
  the points that end it, those nothing open attacks;
- a **proposal** that no other party attacks or agrees with is **pending**.

Functions take the map first. Those whose output grows with the map are
generators; the records they yield are frozen and have a readable repr.
"""

from __future__ import annotations

import itertools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Final, Literal, overload

import attrs

from argmap._table import TableMixin, cell_text, format_table
from argmap._util import gc_paused
from argmap.model import ArgumentMap, Relation

__all__ = [
    "ISSUE_STATUSES",
    "Comparison",
    "Concession",
    "Disagreement",
    "IssueComparison",
    "Reply",
    "Thread",
    "Unresolved",
    "compare",
    "concessions",
    "disagreements",
    "number_of_unresolved",
    "open_disagreements",
    "pending_proposals",
    "replies",
    "threads",
    "unresolved",
]

ThreadStatus = Literal["unanswered", "contested", "pending"]
IssueStatus = Literal["disputed", "agreed", "unengaged", "one-sided", "silent"]

#: The statuses :func:`compare` gives an issue, in order of precedence.
ISSUE_STATUSES: Final[tuple[IssueStatus, ...]] = (
    "disputed", "agreed", "unengaged", "one-sided", "silent",
)


# --- records ------------------------------------------------------------------------


@attrs.frozen
class Disagreement:
    """An attack across parties, *attacker* → *target* (DESIGN §4).

    Attributes
    ----------
    attacker, target : str
        Point ids.
    attacker_party, target_party : str
        Their parties.
    issue : str or None
        The attacker's issue (inherited where it names none).
    settled_by : tuple of str
        The ids of the points that settle it by agreeing; empty when it is open.

    .. versionadded:: 0.1
    """

    attacker: str
    target: str
    attacker_party: str
    target_party: str
    issue: str | None
    settled_by: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        """True when neither side has given way."""
        return not self.settled_by


@attrs.frozen
class Thread:
    """A tree of open disagreements under one root, or a pending proposal.

    Attributes
    ----------
    root : str
        The point the thread grows from.
    issue : str or None
        The root's issue.
    status : {"unanswered", "contested", "pending"}
        ``pending`` only for a proposal nobody answered (:func:`pending_proposals`).
    points : tuple of str
        The root and every point that reaches it through open disagreements,
        in file order.
    last_word : tuple of str
        The parties of the points that end the thread, in the map's party order.
    ends : tuple of str
        Those points: the thread's points that no open disagreement attacks.

    .. versionadded:: 0.1
    """

    root: str
    issue: str | None
    status: ThreadStatus
    points: tuple[str, ...]
    last_word: tuple[str, ...]
    ends: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        """Return the thread as a plain dict (the shape of ``argmap unresolved --json``)."""
        return {
            "root": self.root,
            "issue": self.issue,
            "status": self.status,
            "points": list(self.points),
            "last_word": list(self.last_word),
            "ends": list(self.ends),
        }


@attrs.frozen
class Unresolved(TableMixin):
    """What is still open in a map: its threads and pending proposals, in file order of root.

    Iterate over it for :class:`Thread` records; ``len()`` counts them. ``str()``
    gives a plain-text table, and notebooks show an HTML one. :func:`unresolved` finds
    the threads at once and builds the records when first asked for, so that counting
    them (``len()``, :attr:`caption`) builds none; :attr:`items` compares, hashes and
    pickles as the tuple of the records.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 ``items`` is a sequence whose records are built when first asked for.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ("root", "issue", "status", "points", "last_word", "ends")

    map_id: str
    items: Sequence[Thread]
    texts: Mapping[str, str] = attrs.field(repr=False, eq=False, hash=False, factory=dict)

    def __iter__(self) -> Iterator[Thread]:
        return iter(self.items)

    def __repr__(self) -> str:
        return f"<Unresolved: {self.caption}>"

    def __len__(self) -> int:
        return len(self.items)

    def _counts(self) -> tuple[int, int]:
        """Return how many open threads and how many pending proposals, without building them."""
        if isinstance(self.items, _Records):
            pending = self.items.pending
        else:
            pending = sum(1 for t in self.items if t.status == "pending")
        return len(self.items) - pending, pending

    @property
    def caption(self) -> str:
        """A one-line summary, such as "5 open threads and 3 pending proposals"."""
        threads, pending = self._counts()
        return (f"{_plural(threads, 'open thread')} and {_plural(pending, 'pending proposal')} "
                f"in {self.map_id}")

    def to_records(self) -> list[dict[str, Any]]:
        """Return one dict per thread or proposal, with the keys of :attr:`COLUMNS`."""
        return [t.to_record() for t in self.items]

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, width: int = 100) -> str:
        """Return a plain-text table, the root's paraphrase cut to fit *width* characters."""
        rows = [
            [t.status, cell_text(t.issue), cell_text(t.last_word), str(len(t.points)),
             f"{t.root}: {self.texts.get(t.root, '')}"]
            for t in self.items
        ]
        table = format_table(rows, ["STATUS", "ISSUE", "LAST WORD", "POINTS", "ROOT"], width)
        return f"{self.caption}\n\n{table}" if rows else self.caption


@attrs.frozen
class IssueComparison:
    """Where two parties stand on one issue.

    Attributes
    ----------
    issue : str or None
        The issue id; None for the points that have no issue, even by inheritance.
    title : str
        The issue's title, or its id.
    status : {"disputed", "agreed", "unengaged", "one-sided", "silent"}
    a_points, b_points : tuple of str
        What each party said on the issue, in file order: constructed points
        (:attr:`argmap.Point.constructed`) are not among them.
    a_constructed, b_constructed : tuple of str
        Each party's constructed points on the issue: its positions as the
        other side states them. They count towards the status as the party's
        positions, but not as things it said.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 Constructed points moved to ``a_constructed`` and ``b_constructed``.
    """

    issue: str | None
    title: str
    status: IssueStatus
    a_points: tuple[str, ...]
    b_points: tuple[str, ...]
    a_constructed: tuple[str, ...] = ()
    b_constructed: tuple[str, ...] = ()


@attrs.frozen
class Comparison(TableMixin):
    """Two parties' positions issue by issue (:func:`compare`).

    Iterate over it for :class:`IssueComparison` rows, one per issue in map order.

    .. versionadded:: 0.1
    """

    map_id: str
    a: str
    b: str
    rows: tuple[IssueComparison, ...]

    def __iter__(self) -> Iterator[IssueComparison]:
        return iter(self.rows)

    def __repr__(self) -> str:
        return f"<Comparison of {self.a} and {self.b} in {self.map_id}: {len(self.rows)} issues>"

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, issue: str | None) -> IssueComparison:
        """Return the row of one issue."""
        for row in self.rows:
            if row.issue == issue:
                return row
        raise KeyError(issue)

    @property
    def COLUMNS(self) -> tuple[str, ...]:
        """The record keys: issue, title, status and the two party ids."""
        return ("issue", "title", "status", self.a, self.b)

    @property
    def caption(self) -> str:
        """A one-line summary."""
        return f"{self.a} and {self.b}, issue by issue, in {self.map_id}"

    def to_records(self) -> list[dict[str, Any]]:
        """Return one dict per issue: ``issue``, ``title``, ``status``, one key per party, ``constructed``.

        ``constructed`` lists both parties' constructed points on the issue.
        """
        return [
            {"issue": r.issue, "title": r.title, "status": r.status,
             self.a: list(r.a_points), self.b: list(r.b_points),
             "constructed": [*r.a_constructed, *r.b_constructed]}
            for r in self.rows
        ]

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, width: int = 100) -> str:
        """Return a plain-text table: issue, status, each party's number of points, title."""
        def count(said: tuple[str, ...], constructed: tuple[str, ...]) -> str:
            return f"{len(said)} (+{len(constructed)})" if constructed else str(len(said))

        rows = [
            [cell_text(r.issue), r.status, count(r.a_points, r.a_constructed),
             count(r.b_points, r.b_constructed), r.title]
            for r in self.rows
        ]
        header = ["ISSUE", "STATUS", self.a.upper(), self.b.upper(), "TITLE"]
        table = f"{self.caption}\n\n{format_table(rows, header, width)}"
        if any(r.a_constructed or r.b_constructed for r in self.rows):
            table += ("\n\n(+n): constructed points, a party's positions stated only in the "
                      "other side's words")
        return table


@attrs.frozen
class Reply:
    """A point's replies, as a tree (:func:`replies`).

    Attributes
    ----------
    point : str
        The point replied to.
    relation : Relation or None
        How this point bears on its parent; None at the top of the tree.
    children : tuple of Reply
        The points that attack, support or agree with this one, in file order.

    .. versionadded:: 0.1
    """

    point: str
    relation: Relation | None
    children: tuple[Reply, ...] = ()

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Reply]]:
        """Yield ``(depth, node)`` for this node and every node below it, depth first."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


@attrs.frozen
class Concession:
    """A point by which a party agrees with another party's point.

    Attributes
    ----------
    point : str
        The agreeing point (usually of kind ``concession``).
    party : str
        Its party.
    agrees_with : tuple of str
        The points of other parties it agrees with.
    conceded_to : tuple of str
        Their parties, in map order.
    condition : str or None
        The condition of a conditional concession (which settles nothing).

    .. versionadded:: 0.1
    """

    point: str
    party: str
    issue: str | None
    agrees_with: tuple[str, ...]
    conceded_to: tuple[str, ...]
    condition: str | None = None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- disagreements ---------------------------------------------------------------------


def _settling(amap: ArgumentMap) -> tuple[int, dict[int, list[int]]]:
    """Return the settling agreements, by point positions, and the width of their keys.

    The key ``target * width + party`` maps to the positions, in file order, of the
    points of that party that agree with that target. Conditional agreements (points
    with a ``condition``) are left out: they answer a point but settle nothing (DESIGN §4).
    A disagreement *a* → *t* is settled when P(t) agrees with *a* or P(a) with *t*.
    """
    index = amap._index
    graph, party, points = index.graph, index.party_codes, amap.points
    width = max(party, default=0) + 1
    settling: dict[int, list[int]] = {}
    for i, j in zip(graph.agree_sources, graph.agree_targets, strict=True):
        if points[i].condition is None:
            settling.setdefault(j * width + party[i], []).append(i)
    return width, settling


def disagreements(amap: ArgumentMap) -> Iterator[Disagreement]:
    """Yield every attack across parties, open or settled, in file order of attacker.

    Parameters
    ----------
    amap : ArgumentMap

    Yields
    ------
    Disagreement
        ``settled_by`` names the agreeing points of a settled one.

    See Also
    --------
    open_disagreements

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import disagreements
    >>> d = next(disagreements(amap))
    >>> d.attacker, d.target, d.is_open, d.settled_by
    ('us-dislikes-protocol', 'ussr-protocol-best', False, ('ussr-accepts-declarations',))
    """
    index = amap._index
    graph, party, ids, issue = index.graph, index.party_codes, index.ids, index.issue_list
    names = [p.id for p in amap.parties]
    width, settling = _settling(amap)
    for i, j in zip(graph.attack_sources, graph.attack_targets, strict=True):
        pa, pt = party[i], party[j]
        if pa == pt:
            continue
        settled = [*settling.get(i * width + pt, ()), *settling.get(j * width + pa, ())]
        yield Disagreement(ids[i], ids[j], names[pa], names[pt], issue[i],
                           tuple(ids[k] for k in settled))


def open_disagreements(amap: ArgumentMap) -> Iterator[Disagreement]:
    """Yield the disagreements neither side has given way on, in file order of attacker.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import open_disagreements
    >>> sum(1 for _ in open_disagreements(amap))
    16
    """
    return (d for d in disagreements(amap) if d.is_open)


# --- threads -------------------------------------------------------------------------------
#
# The thread queries work on point positions (small integers) rather than ids: the graph is
# walked over lists, and a point's id is looked up only for the records returned. Every pass
# below is linear in the points and relations, and the threads' points are found once per
# thread they belong to, so the whole is linear in the size of the answer.


class _OpenGraph:
    """The open-disagreement graph over point positions.

    ``starts[i]`` is 1 when point *i* starts an open disagreement; ``attackers[j]`` lists
    the points attacking *j* through one, or is None; ``answered[j]`` is 1 when another
    party attacks or agrees with *j* (settled or not, conditional or not); ``sources`` and
    ``targets`` are the open disagreements, in file order of attacker.
    """

    __slots__ = ("answered", "attackers", "sources", "starts", "targets")

    def __init__(self, starts: bytearray, attackers: list[list[int] | None], answered: bytearray,
                 sources: list[int], targets: list[int]) -> None:
        self.starts = starts
        self.attackers = attackers
        self.answered = answered
        self.sources = sources
        self.targets = targets


def _open_graph(amap: ArgumentMap) -> _OpenGraph:
    """Return the open-disagreement graph of *amap*, from its relations as positions."""
    index = amap._index
    graph = index.graph
    party = index.party_codes
    n = len(party)
    width, settling = _settling(amap)
    agreed = bytearray(n)  # 1 where some point is agreed with, settling: a quick test first
    for key in settling:
        agreed[key // width] = 1
    answered = bytearray(n)
    for i, j in zip(graph.agree_sources, graph.agree_targets, strict=True):
        if party[j] != party[i]:
            answered[j] = 1
    starts = bytearray(n)
    attackers: list[list[int] | None] = [None] * n
    sources: list[int] = []  # the open disagreements, in file order of attacker
    targets: list[int] = []
    for i, j in zip(graph.attack_sources, graph.attack_targets, strict=True):
        own, other = party[i], party[j]
        if own == other:
            continue
        answered[j] = 1
        if (agreed[i] and i * width + other in settling) or (agreed[j] and j * width + own in settling):
            continue
        sources.append(i)
        targets.append(j)
        starts[i] = 1
        found = attackers[j]
        if found is None:
            attackers[j] = [i]
        else:
            found.append(i)
    return _OpenGraph(starts, attackers, answered, sources, targets)


def _open_edges(amap: ArgumentMap) -> Iterator[tuple[str, str]]:
    """Yield (attacker, target) of every open disagreement, in file order of attacker."""
    graph = _open_graph(amap)
    ids = amap._index.ids
    for i, j in zip(graph.sources, graph.targets, strict=True):
        yield ids[i], ids[j]


def _cyclic_sinks(graph: _OpenGraph, nodes: list[int]) -> list[tuple[int, list[int]]]:
    """Return the sink components among *nodes*, as (root, members), by Tarjan's algorithm.

    *nodes* are the points that reach no point attacked through an open disagreement
    that starts none: every path from them runs into a cycle.
    """
    targets: dict[int, list[int]] = {i: [] for i in nodes}
    for i, j in zip(graph.sources, graph.targets, strict=True):
        if i in targets:
            targets[i].append(j)
    number: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    result: list[tuple[int, list[int]]] = []
    for start in nodes:
        if start in number:
            continue
        number[start] = low[start] = len(number)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(targets[start]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in targets:  # it reaches a root, so the node's part is no sink
                    continue
                if child not in number:
                    number[child] = low[child] = len(number)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(targets[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], number[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == number[node]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.append(member)
                        if member == node:
                            break
                    inside = set(members)
                    if all(t in inside for m in members for t in targets[m]):
                        members.sort()
                        result.append((members[0], members))
    return result


#: A thread as positions: its root, the points it starts from (None for the root alone, or a
#: cycle's points), every point in it, and its ends.
_ThreadPart = tuple[int, list[int] | None, list[int], list[int]]


def _thread_parts(graph: _OpenGraph) -> list[_ThreadPart]:
    """Return (root, members, points, ends) of every thread by root position, points unsorted.

    A point attacked through an open disagreement that starts none is a root of its
    own; each thread is one walk back along the open attacks from its root, which
    also finds its ends (the points nothing open attacks). Points that no such walk
    reached but that attack through an open disagreement reach only cycles: Tarjan's
    algorithm, run on them alone, finds the cycles that nothing leaves, and each is
    walked back in the same way.
    """
    attackers, starts = graph.attackers, graph.starts
    visited = [-1] * len(attackers)  # the root whose walk last reached a point

    def walk(root: int, members: list[int]) -> _ThreadPart:
        points = members.copy()
        ends = []
        for m in members:
            visited[m] = root
        for p in points:  # grows as it goes: a breadth-first walk
            found = attackers[p]
            if found is None:
                ends.append(p)
                continue
            for a in found:
                if visited[a] != root:
                    visited[a] = root
                    points.append(a)
        return root, members, points, ends

    parts: list[_ThreadPart] = []
    add = parts.append
    # the attacked points that attack nothing open, each walked as walk() does, written out
    # (a tenth less time: a map of a million points has a quarter of a million of them)
    for root in itertools.compress(range(len(attackers)), attackers):
        if starts[root]:
            continue
        visited[root] = root
        points = [root]
        ends = []
        for p in points:  # grows as it goes: a breadth-first walk
            found = attackers[p]
            if found is None:
                ends.append(p)
                continue
            for a in found:
                if visited[a] != root:
                    visited[a] = root
                    points.append(a)
        add((root, None, points, ends))
    # the points walked are the roots and the sources they reach: counted at C speed, the
    # sources no walk reached (there are some only where open attacks form cycles) are looked
    # for only when they number more than none
    if len(visited) - visited.count(-1) - len(parts) < starts.count(1):
        left = list(dict.fromkeys(i for i in graph.sources if visited[i] < 0))
        parts += [walk(root, members) for root, members in _cyclic_sinks(graph, left)]
        parts.sort(key=operator.itemgetter(0))
    return parts


def threads(amap: ArgumentMap) -> Iterator[Thread]:
    """Yield the threads of open disagreements, in file order of their roots.

    A root is a point attacked through an open disagreement that attacks
    nothing through one. Where open attacks form a cycle with no way out (a sink
    strongly connected component), the cycle is rooted at its first point in
    file order and its thread holds the whole cycle; the last word is then every
    party in the thread unless some point attacks the cycle unanswered.

    Parameters
    ----------
    amap : ArgumentMap

    Yields
    ------
    Thread
        With status ``"unanswered"`` or ``"contested"``.

    Notes
    -----
    A point may sit in several threads (one rebuttal answering two objections).
    The work is done lazily: errors surface on iteration.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import threads
    >>> t = next(t for t in threads(amap) if t.root == "us-draft-lapse")
    >>> t.status, t.last_word
    ('contested', ('us',))
    >>> t.points  # doctest: +NORMALIZE_WHITESPACE
    ('us-draft-lapse', 'mikoyan-lapse-is-retreat', 'stevenson-us-went-further',
     'mccloy-us-went-beyond-letters')
    """
    # a generator, so that the work is done when the first thread is asked for
    yield from (thread for _, thread in _threads(amap, _open_graph(amap)))


def _threads(amap: ArgumentMap, graph: _OpenGraph, parts: list[_ThreadPart] | None = None,
             ) -> list[tuple[int, Thread]]:
    """Return (root position, thread) of every thread of *graph* (of its *parts*), by root position."""
    index = amap._index
    ids, party, issue = index.ids, index.party_codes, index.issue_list
    names = [p.id for p in amap.parties]
    attackers = graph.attackers
    result = []
    new, set_root, set_issue, set_status, set_points, set_last_word, set_ends = _THREAD_SETTERS
    for root, members, found, ends in _thread_parts(graph) if parts is None else parts:
        if len(found) > 1:
            found.sort()
            ends.sort()
        if len(ends) == 1:
            last_word: tuple[str, ...] = (names[party[ends[0]]],)
        else:
            codes = set(map(party.__getitem__, ends or found))
            last_word = tuple([names[c] for c in sorted(codes)])
        if members is None:
            outside = attackers[root] or ()
        else:
            inside = set(members)
            outside = [a for m in members for a in attackers[m] or () if a not in inside]
            outside += [a for a in attackers[root] or () if a in inside]
        status: ThreadStatus = "unanswered"
        for a in outside:
            if attackers[a] is not None:
                status = "contested"
                break
        # built slot by slot, as attrs' __init__ does, without its bound-method calls: a map
        # of a million points has a quarter of a million threads
        thread = new(Thread)
        set_root(thread, ids[root])
        set_issue(thread, issue[root])
        set_status(thread, status)
        set_points(thread, tuple(map(ids.__getitem__, found)))
        set_last_word(thread, last_word)
        set_ends(thread, tuple(map(ids.__getitem__, ends)))
        result.append((root, thread))
    return result


#: object.__new__, then the slot setter of each field of Thread, in field order (unpacked above,
#: so that a new field fails at import rather than being left unset).
_THREAD_SETTERS: Final = (
    object.__new__, *(vars(Thread)[field.name].__set__ for field in attrs.fields(Thread)))


def pending_proposals(amap: ArgumentMap) -> Iterator[Thread]:
    """Yield, as one-point threads, the proposals no other party attacks or agrees with.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import pending_proposals
    >>> [t.root for t in pending_proposals(amap)]
    ['stevenson-wants-soviet-draft', 'stevenson-separate-declarations']
    """
    pending = _unanswered_proposals(amap, _open_graph(amap))
    return (thread for _, thread in _pending_threads(amap, pending))


def _unanswered_proposals(amap: ArgumentMap, graph: _OpenGraph) -> list[int]:
    """Return the positions of the proposals no other party attacks or agrees with."""
    answered = graph.answered
    return [i for i in amap._index.graph.proposals if not answered[i]]


def _pending_threads(amap: ArgumentMap, positions: list[int]) -> list[tuple[int, Thread]]:
    """Return (position, thread) of the pending proposals at *positions*."""
    index = amap._index
    names = [p.id for p in amap.parties]
    result = []
    for i in positions:
        pid = index.ids[i]
        result.append((i, Thread(pid, index.issue_list[i], "pending", (pid,),
                                 (names[index.party_codes[i]],), (pid,))))
    return result


def unresolved(amap: ArgumentMap) -> Unresolved:
    """Return the open threads and the pending proposals, in file order of their roots.

    Settled disagreements and agreed points are not in it.

    Parameters
    ----------
    amap : ArgumentMap

    Returns
    -------
    Unresolved
        Iterable of :class:`Thread`; ``to_records()``, ``to_dataframe()``, and
        a plain-text table as ``str()``.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import unresolved
    >>> u = unresolved(amap)
    >>> u.caption
    '10 open threads and 2 pending proposals in 1962-11-28-new-york'
    >>> [(t.root, t.status) for t in u][:2]
    [('us-draft-lapse', 'contested'), ('us-draft-silent-on-subversion', 'contested')]
    """
    with gc_paused():  # the working lists are freed before the collector runs again
        items = _unresolved(amap)
    return Unresolved(amap.id, items, _Texts(amap))


class _Texts(Mapping[str, str]):
    """The paraphrase of each point of a map, by id, looked up when asked for."""

    def __init__(self, amap: ArgumentMap) -> None:
        self._index = amap._index

    def __getitem__(self, key: str) -> str:
        return self._index.points[key].text

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.points)

    def __len__(self) -> int:
        return len(self._index.points)


def _unresolved(amap: ArgumentMap) -> _Records:
    """Return the threads and pending proposals of *amap*, found now and built when asked for."""
    graph = _open_graph(amap)
    parts = _thread_parts(graph)
    pending = _unanswered_proposals(amap, graph)

    def build() -> tuple[Thread, ...]:
        with gc_paused():
            found = _threads(amap, graph, parts)
            if pending:  # two sorted runs: the sort merges them in one pass
                found += _pending_threads(amap, pending)
                found.sort(key=operator.itemgetter(0))
            return tuple([thread for _, thread in found])

    return _Records(build, len(parts) + len(pending), len(pending))


class _Records(Sequence[Thread]):
    """The threads of :func:`unresolved`, found at once and built as records when first asked for.

    Counting them (``len()``, a caption) builds nothing: a map of a million points has a quarter
    of a million threads. It compares, hashes and pickles as the tuple of its records.
    """

    __slots__ = ("_build", "_items", "_length", "pending")

    def __init__(self, build: Callable[[], tuple[Thread, ...]], length: int, pending: int) -> None:
        self._build: Callable[[], tuple[Thread, ...]] | None = build
        self._items: tuple[Thread, ...] = ()
        self._length = length
        self.pending = pending

    def _all(self) -> tuple[Thread, ...]:
        build = self._build  # read once: another thread may be building them too
        if build is not None:
            self._items = build()
            self._build = None  # lets the working lists go
        return self._items

    @overload
    def __getitem__(self, i: int) -> Thread: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Thread, ...]: ...

    def __getitem__(self, i: int | slice) -> Thread | tuple[Thread, ...]:
        return self._all()[i]

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Thread]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Records | tuple):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __reduce__(self) -> tuple[type[tuple[Thread, ...]], tuple[tuple[Thread, ...]]]:
        return tuple, (self._all(),)

    def __repr__(self) -> str:
        return repr(self._all())


def number_of_unresolved(amap: ArgumentMap) -> int:
    """Return how many threads and pending proposals are open.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import number_of_unresolved
    >>> number_of_unresolved(amap)
    12
    """
    return len(unresolved(amap))


# --- positions ------------------------------------------------------------------------


def compare(amap: ArgumentMap, a: str, b: str) -> Comparison:
    """Return, for every issue, the points of parties *a* and *b* and its status.

    The status is the first that holds of:

    ``disputed``
        an open thread rooted on the issue holds points of both;
    ``agreed``
        a point of one agrees, without condition, with a point of the other,
        and either is on the issue;
    ``unengaged``
        both said something on it;
    ``one-sided``
        only one of them said anything on it;
    ``silent``
        neither did.

    Issues come in map order; a last row with issue None collects the points
    that have no issue even by inheritance, when there are any.

    Parameters
    ----------
    amap : ArgumentMap
    a, b : str
        Party ids.

    Raises
    ------
    UnknownReferenceError
        If *a* or *b* is not a party of the map.
    ValueError
        If *a* and *b* are the same party.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import compare
    >>> c = compare(amap, "us", "ussr")
    >>> c["guantanamo"].status, c["settlement-form"].status, c["castro-points"].status
    ('disputed', 'agreed', 'disputed')
    >>> c["invasion"].a_points, c["invasion"].a_constructed
    (('stevenson-us-went-further',), ('us-draft-lapse',))
    """
    amap.party(a)
    amap.party(b)
    if a == b:
        raise ValueError(f"compare needs two different parties, got {a!r} twice")
    index = amap._index
    party, issue_of = index.party_codes, index.issue_list
    code_a, code_b = (next(i for i, p in enumerate(amap.parties) if p.id == x) for x in (a, b))
    # what each party said on each issue (0), and its constructed points there (1), kept apart
    kept: dict[int, tuple[defaultdict[str | None, list[str]], defaultdict[str | None, list[str]]]] = {
        code: (defaultdict(list), defaultdict(list)) for code in (code_a, code_b)}
    agreed: set[str | None] = set()
    position = index.position
    for code, issue, point in zip(party, issue_of, amap.points, strict=True):
        lists = kept.get(code)
        if lists is None:
            continue
        lists[point.constructed][issue].append(point.id)
        if point.agrees and point.condition is None:
            opposite = code_b if code == code_a else code_a
            for target in point.agrees:
                j = position[target]
                if party[j] == opposite:
                    agreed.update((issue, issue_of[j]))
    (said_a, built_a), (said_b, built_b) = kept[code_a], kept[code_b]

    with gc_paused():  # the working lists are freed before the collector runs again
        disputed = _disputed(amap, code_a, code_b)

    issues: list[tuple[str | None, str]] = [(i.id, i.label) for i in amap.issues]
    if any(None in found for found in (said_a, built_a, said_b, built_b)):
        issues.append((None, "(no issue)"))
    empty: list[str] = []
    rows = []
    for issue, title in issues:
        own_a, own_b = said_a.get(issue, empty), said_b.get(issue, empty)
        other_a, other_b = built_a.get(issue, empty), built_b.get(issue, empty)
        has_a, has_b = bool(own_a or other_a), bool(own_b or other_b)
        status: IssueStatus
        if issue in disputed:
            status = "disputed"
        elif issue in agreed:
            status = "agreed"
        elif has_a and has_b:
            status = "unengaged"
        elif has_a or has_b:
            status = "one-sided"
        else:
            status = "silent"
        rows.append(IssueComparison(issue, title, status, tuple(own_a), tuple(own_b),
                                    tuple(other_a), tuple(other_b)))
    return Comparison(amap.id, a, b, tuple(rows))


def _disputed(amap: ArgumentMap, code_a: int, code_b: int) -> set[str | None]:
    """Return the issues of the threads that hold points of both parties."""
    index = amap._index
    party, issue_of = index.party_codes, index.issue_list
    disputed: set[str | None] = set()
    for root, _, found, _ in _thread_parts(_open_graph(amap)):
        issue = issue_of[root]
        if issue not in disputed:
            codes = set(map(party.__getitem__, found))
            if code_a in codes and code_b in codes:
                disputed.add(issue)
    return disputed


def concessions(amap: ArgumentMap, party: str | None = None) -> Iterator[Concession]:
    """Yield the points by which a party agrees with other parties' points, in file order.

    Parameters
    ----------
    amap : ArgumentMap
    party : str, optional
        Only this party's concessions.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import concessions
    >>> [c.point for c in concessions(amap, "ussr")]  # doctest: +NORMALIZE_WHITESPACE
    ['ussr-accepts-declarations', 'mikoyan-us-may-ask-inspection', 'ussr-assures-finish-quickly',
     'ussr-meet-again-friday']
    >>> [(c.point, c.condition) for c in concessions(amap, "us") if c.condition]
    [('mccloy-normalize-when-no-threat', 'Castro ceases to be a threat to the western hemisphere.')]
    """
    if party is not None:
        amap.party(party)
    party_of = amap._index.party_of
    party_order = {p.id: i for i, p in enumerate(amap.parties)}
    for point in amap.points:
        own = party_of[point.id]
        if party is not None and own != party:
            continue
        others = tuple(t for t in point.agrees if party_of[t] != own)
        if others:
            to = sorted({party_of[t] for t in others}, key=party_order.__getitem__)
            yield Concession(point.id, own, amap._index.issues_of[point.id], others, tuple(to),
                             point.condition)


def replies(amap: ArgumentMap, point: str) -> Reply:
    """Return the tree of replies under *point*: what attacks, supports or agrees with it.

    Each point appears once, where it is first reached (breadth first), so a
    cycle of replies does not loop.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> from argmap.query import replies
    >>> tree = replies(amap, "us-draft-lapse")
    >>> [(depth, node.point, node.relation) for depth, node in tree.walk()][:2]
    [(0, 'us-draft-lapse', None), (1, 'mikoyan-lapse-is-retreat', <Relation.ATTACKS: 'attacks'>)]
    """
    amap.point(point)
    order = {p.id: i for i, p in enumerate(amap.points)}
    incoming: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
    for p in amap.points:
        for rel, target in p.relations():
            incoming[target].append((p.id, rel))
    # breadth first, so that each point hangs under its nearest parent
    parent_of: dict[str, tuple[str, Relation] | None] = {point: None}
    visit = [point]
    children: dict[str, list[str]] = defaultdict(list)
    for node in visit:  # grows as it goes: a breadth-first walk
        for source, rel in sorted(incoming[node], key=lambda e: order[e[0]]):
            if source not in parent_of:
                parent_of[source] = (node, rel)
                children[node].append(source)
                visit.append(source)
    built: dict[str, Reply] = {}
    for node in reversed(visit):  # leaves first, so that no recursion is needed
        link = parent_of[node]
        built[node] = Reply(
            node, link[1] if link else None, tuple(built[c] for c in children[node]))
    return built[point]

