"""Abstract argumentation: a map's points and ``attacks`` edges as a Dung framework.

Every point is an argument and every ``attacks`` edge an attack, whatever the
parties (an objection within one side counts as much as one across sides).
``supports`` and ``agrees`` edges are **not** attacks and are ignored here; to
give them a meaning of your own, build a :class:`networkx.DiGraph` of the attacks
you want (for example from ``amap.graph``) and pass it instead of the map.

Semantics (Dung 1995; Caminada's labellings):

- **grounded**: the least complete labelling, computed in time linear in
  arguments plus attacks;
- **complete**: every labelling where an argument is IN exactly when all its
  attackers are OUT, and OUT exactly when some attacker is IN;
- **preferred**: complete labellings with a maximal IN set;
- **stable**: complete labellings with no UNDEC;
- **semi-stable**: complete labellings with a minimal UNDEC set.

Complete, preferred, stable and semi-stable extensions are found by a labelling
search that starts from the grounded labelling, propagates the labelling rules
and prunes branches that cannot lead to a new preferred extension. With the
``sat`` extra (python-sat) installed, preferred and stable extensions and
acceptance queries go to a SAT solver instead (``solver="sat"``; ``"auto"``
picks it when it is installed). Both give the same answers.

Examples
--------
>>> import networkx as nx
>>> af = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
>>> grounded_extension(af)
frozenset()
>>> sorted(sorted(e) for e in preferred_extensions(af))
[['a', 'c'], ['b']]
"""

from __future__ import annotations

import collections
import contextlib
import enum
import functools
import itertools
import sys
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs

from argmap._util import did_you_mean, gc_paused
from argmap.errors import MissingDependencyError, Problem, UnknownReferenceError, ValidationError
from argmap.model import ArgumentMap, Relation

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "SEMANTICS",
    "Framework",
    "Label",
    "complete_extensions",
    "complete_labellings",
    "credulously_accepted",
    "extensions",
    "framework",
    "grounded_extension",
    "grounded_labelling",
    "is_admissible",
    "is_complete",
    "is_conflict_free",
    "is_stable",
    "labelling_of",
    "preferred_extensions",
    "sceptically_accepted",
    "semi_stable_extensions",
    "stable_extensions",
    "statuses",
]

SemanticsName = Literal["grounded", "complete", "preferred", "stable", "semi-stable"]
#: The semantics :func:`extensions` knows.
SEMANTICS: Final[tuple[SemanticsName, ...]] = (
    "grounded", "complete", "preferred", "stable", "semi-stable")
Solver = Literal["auto", "python", "sat"]


class Label(enum.StrEnum):
    """An argument's status in a labelling.

    .. versionadded:: 0.1
    """

    IN = "IN"
    OUT = "OUT"
    UNDEC = "UNDEC"


def _arguments(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, list | tuple) and set(map(type, values)) <= {str}:
        return tuple(values)  # the common case, at C speed
    return tuple(map(str, values))


def _attacks(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = pairs if isinstance(pairs, list | tuple) else list(pairs)
    if set(map(type, pairs)) <= {tuple} and set(map(len, pairs)) <= {2}:
        # the common case, at C speed, repeats dropped; a name that is not a string is not
        # found among the (string) arguments by Framework's check, which then makes it one
        with contextlib.suppress(TypeError):  # an unhashable name
            return tuple(dict.fromkeys(pairs))
    return _named_attacks(pairs)


def _named_attacks(pairs: Iterable[tuple[object, object]]) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys((str(a), str(b)) for a, b in pairs))


@attrs.frozen
class Framework:
    """A Dung argumentation framework: arguments and the attacks between them.

    Parameters
    ----------
    arguments : sequence of str
        In a fixed order (a map's file order), which results follow.
    attacks : iterable of (str, str)
        ``(attacker, attacked)`` pairs; repeats are dropped.

    Examples
    --------
    >>> Framework(["a", "b"], [("a", "b")]).attackers_of("b")
    ('a',)

    .. versionadded:: 0.1
    """

    arguments: tuple[str, ...] = attrs.field(converter=_arguments)
    attacks: tuple[tuple[str, str], ...] = attrs.field(converter=_attacks)

    def __repr__(self) -> str:
        return f"<Framework: {len(self.arguments)} arguments, {len(self.attacks)} attacks>"

    @attacks.validator
    def _check(self, attribute: attrs.Attribute[object], value: tuple[tuple[str, str], ...]) -> None:
        # the positions every semantics needs, built here: looking each name up is the check
        index = dict(zip(self.arguments, range(len(self.arguments)), strict=True))
        if len(index) != len(self.arguments):
            raise ValueError("arguments must be unique")
        try:
            pairs = list(map(index.__getitem__, itertools.chain.from_iterable(value)))
        except KeyError:
            if not set(map(type, itertools.chain.from_iterable(value))) <= {str}:
                value = _named_attacks(value)  # names given as numbers, say: as strings
                object.__setattr__(self, "attacks", value)
                self._check(attribute, value)
                return
        else:  # every name is known: checked at C speed
            object.__setattr__(self, "_index", index)
            object.__setattr__(self, "_pairs", pairs)
            return
        known = index.keys()
        for a, b in value:
            for x in (a, b):
                if x not in known:
                    raise UnknownReferenceError(
                        "argument", x,
                        f"the attack ({a}, {b}) names an unknown argument {x!r}"
                        f"{did_you_mean(x, self.arguments)}")

    @functools.cached_property
    def _index(self) -> dict[str, int]:
        return dict(zip(self.arguments, range(len(self.arguments)), strict=True))

    @functools.cached_property
    def _pairs(self) -> list[int]:
        """Every attack as two positions, attacker then attacked, in one flat list (built at C speed)."""
        return list(map(self._index.__getitem__, itertools.chain.from_iterable(self.attacks)))

    def _lists(self, source: int) -> list[list[int]]:
        """Return, for each argument, the positions of its targets (*source* 0) or attackers (1)."""
        result: list[list[int]] = [[] for _ in self.arguments]
        flat = self._pairs
        with gc_paused():  # many small lists that all stay alive
            for i, j in zip(flat[source::2], flat[1 - source::2], strict=True):
                result[i].append(j)
        return result

    @functools.cached_property
    def _targets(self) -> list[list[int]]:
        return self._lists(0)

    @functools.cached_property
    def _attackers(self) -> list[list[int]]:
        return self._lists(1)

    @functools.cached_property
    def _attacker_counts(self) -> list[int]:
        counts = [0] * len(self.arguments)
        for j, n in collections.Counter(self._pairs[1::2]).items():
            counts[j] = n
        return counts

    def attackers_of(self, argument: str) -> tuple[str, ...]:
        """Return the arguments that attack *argument*."""
        return tuple(self.arguments[i] for i in self._attackers[self._position(argument)])

    def _position(self, argument: str) -> int:
        try:
            return self._index[argument]
        except KeyError:
            raise UnknownReferenceError(
                "argument", argument,
                f"no argument {argument!r}{did_you_mean(argument, self.arguments)}") from None

    def _ids(self, members: Iterable[int]) -> frozenset[str]:
        return frozenset(self.arguments[i] for i in members)


Source: TypeAlias = "ArgumentMap | nx.DiGraph | Framework"


def framework(source: Source) -> Framework:
    """Return the framework of a map (points, ``attacks`` edges), a DiGraph or a framework.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> af = framework(amap)
    >>> len(af.arguments), len(af.attacks)
    (46, 17)
    """
    if isinstance(source, Framework):
        return source
    if isinstance(source, ArgumentMap):
        return Framework(
            [p.id for p in source.points],
            [(p.id, t) for p in source.points for t in p.targets(Relation.ATTACKS)],
        )
    graph_type = getattr(sys.modules.get("networkx"), "Graph", None)  # a graph implies networkx is loaded
    if graph_type is not None and isinstance(source, graph_type):
        if not source.is_directed():
            raise TypeError("a framework needs a directed graph (networkx.DiGraph)")
        return Framework([str(n) for n in source.nodes], [(str(a), str(b)) for a, b in source.edges()])
    raise TypeError(
        f"expected an ArgumentMap, a networkx.DiGraph or a Framework, not {type(source).__name__}")


# --- checks -----------------------------------------------------------------------------


def _members(af: Framework, arguments: Collection[str]) -> set[int]:
    return {af._position(a) for a in arguments}


def is_conflict_free(source: Source, arguments: Collection[str]) -> bool:
    """Return True when no argument of *arguments* attacks another (or itself)."""
    af = framework(source)
    members = _members(af, arguments)
    return not any(t in members for a in members for t in af._targets[a])


def is_admissible(source: Source, arguments: Collection[str]) -> bool:
    """Return True when *arguments* is conflict-free and defends each of its members."""
    af = framework(source)
    members = _members(af, arguments)
    if not is_conflict_free(af, arguments):
        return False
    attacked = {t for a in members for t in af._targets[a]}
    return all(b in attacked for a in members for b in af._attackers[a])


def is_complete(source: Source, arguments: Collection[str]) -> bool:
    """Return True when *arguments* is admissible and holds every argument it defends."""
    af = framework(source)
    if not is_admissible(af, arguments):
        return False
    members = _members(af, arguments)
    attacked = {t for a in members for t in af._targets[a]}
    defended = {a for a in range(len(af.arguments)) if all(b in attacked for b in af._attackers[a])}
    return defended <= members


def is_stable(source: Source, arguments: Collection[str]) -> bool:
    """Return True when *arguments* is conflict-free and attacks every argument outside it."""
    af = framework(source)
    members = _members(af, arguments)
    attacked = {t for a in members for t in af._targets[a]}
    return is_conflict_free(af, arguments) and all(
        a in members or a in attacked for a in range(len(af.arguments)))


# --- grounded ------------------------------------------------------------------------------

_UNSET, _IN, _OUT, _UNDEC = 0, 1, 2, 3
_LABELS: Final = {_IN: Label.IN, _OUT: Label.OUT, _UNDEC: Label.UNDEC}


def _grounded_in(af: Framework) -> tuple[list[int], list[int]]:
    """Return the grounded labels (UNDEC still unset) and the IN arguments, in one pass.

    An argument goes IN once every attacker is OUT, and what it attacks goes OUT;
    each argument and each attack is looked at a bounded number of times.
    """
    targets = af._targets
    alive = list(af._attacker_counts)  # attackers not yet OUT
    label = [_UNSET] * len(alive)
    todo = [i for i, n in enumerate(alive) if not n]
    ins = []
    pop, push, unset, out = todo.pop, todo.append, _UNSET, _OUT
    while todo:
        a = pop()
        label[a] = _IN
        ins.append(a)
        for t in targets[a]:
            if label[t] == unset:
                label[t] = out
                for u in targets[t]:
                    alive[u] -= 1
                    # every attacker of u is OUT, so nothing can make u OUT: it goes IN
                    if not alive[u] and label[u] == unset:
                        push(u)
    return label, ins


def _grounded(af: Framework) -> list[int]:
    """Label IN what nothing undefeated attacks, OUT what an IN argument attacks; the rest UNDEC."""
    label, _ = _grounded_in(af)
    return [x if x != _UNSET else _UNDEC for x in label]


def grounded_labelling(source: Source) -> dict[str, Label]:
    """Return the grounded labelling: every argument IN, OUT or UNDEC, in argument order.

    Linear in the number of arguments plus attacks.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> lab = grounded_labelling(amap)
    >>> lab["us-draft-lapse"], lab["mikoyan-lapse-is-retreat"], lab["stevenson-us-went-further"]
    (<Label.IN: 'IN'>, <Label.OUT: 'OUT'>, <Label.IN: 'IN'>)
    """
    af = framework(source)
    return {a: _LABELS[x] for a, x in zip(af.arguments, _grounded(af), strict=True)}


def grounded_extension(source: Source) -> frozenset[str]:
    """Return the grounded extension: the arguments IN in the grounded labelling."""
    af = framework(source)
    return frozenset(map(af.arguments.__getitem__, _grounded_in(af)[1]))


# --- the labelling search ---------------------------------------------------------------------


class _Conflict(Exception):
    pass


def _propagate(af: Framework, label: list[int], queue: list[int]) -> None:
    """Apply the rules of complete labellings until nothing changes; raise _Conflict if stuck."""
    attackers, targets = af._attackers, af._targets

    def assign(x: int, value: int) -> None:
        if label[x] == _UNSET:
            label[x] = value
            queue.append(x)
        elif label[x] != value:
            raise _Conflict

    while queue:
        x = queue.pop()
        for a in (x, *targets[x]):  # x's own rule, and the rules of what x attacks
            n_in = n_undec = n_unset = 0
            unset = -1
            for b in attackers[a]:
                v = label[b]
                if v == _IN:
                    n_in += 1
                elif v == _UNDEC:
                    n_undec += 1
                elif v == _UNSET:
                    n_unset += 1
                    unset = b
            if n_in:
                assign(a, _OUT)
            elif n_undec == 0 and n_unset == 0:
                assign(a, _IN)
            value = label[a]
            if value == _IN:
                for b in attackers[a]:
                    assign(b, _OUT)
            elif value == _OUT and n_in == 0 and n_unset == 1:
                assign(unset, _IN)
            elif value == _UNDEC and n_undec == 0 and n_unset == 1:
                assign(unset, _UNDEC)
            if value == _OUT and n_in == 0 and n_unset == 0:
                raise _Conflict


def _search(
    af: Framework, values: tuple[int, ...], prune: list[set[int]] | None = None,
    fix: tuple[int, int] | None = None,
) -> Iterator[list[int]]:
    """Yield every complete labelling (stable ones only when UNDEC is not among *values*).

    With *prune*, skip branches whose IN arguments, plus those still open, fit
    inside a set already in *prune* (they cannot give a new preferred extension).
    With *fix* = (argument, label), only labellings that give it that label.
    """
    start = _grounded(af)
    label = [_UNSET if x == _UNDEC else x for x in start]
    if fix is not None:
        i, value = fix
        if label[i] not in (_UNSET, value):
            return
        if label[i] == _UNSET:
            label[i] = value
            try:
                _propagate(af, label, [i])
            except _Conflict:
                return
    open_args = [i for i, x in enumerate(label) if x == _UNSET]
    # branch on the arguments with most attacks first: they decide most
    order = sorted(open_args, key=lambda i: -(len(af._attackers[i]) + len(af._targets[i])))
    stack: list[list[int]] = [label]
    while stack:
        current = stack.pop()
        if prune:
            possible = {i for i, x in enumerate(current) if x in (_IN, _UNSET)}
            if any(possible <= found for found in prune):
                continue
        choice = next((i for i in order if current[i] == _UNSET), None)
        if choice is None:
            if _UNDEC not in values and _UNDEC in current:
                continue
            yield current
            continue
        for value in reversed(values):  # pushed in reverse, so tried in the order given
            branch = current.copy()
            branch[choice] = value
            try:
                _propagate(af, branch, [choice])
            except _Conflict:
                continue
            stack.append(branch)


def _to_labelling(af: Framework, label: list[int]) -> dict[str, Label]:
    return {a: _LABELS[x] for a, x in zip(af.arguments, label, strict=True)}


def complete_labellings(source: Source) -> Iterator[dict[str, Label]]:
    """Yield every complete labelling.

    Notes
    -----
    There can be exponentially many; the search is lazy, so errors surface on
    iteration.
    """
    af = framework(source)
    for label in _search(af, (_IN, _OUT, _UNDEC)):
        yield _to_labelling(af, label)


def complete_extensions(source: Source) -> Iterator[frozenset[str]]:
    """Yield every complete extension (the IN sets of complete labellings)."""
    af = framework(source)
    for label in _search(af, (_IN, _OUT, _UNDEC)):
        yield af._ids(i for i, x in enumerate(label) if x == _IN)


def _preferred_python(af: Framework, cap: int | None = None) -> list[set[int]]:
    """Return the preferred extensions by search; stop once more than *cap* are held."""
    found: list[set[int]] = []
    for label in _search(af, (_IN, _UNDEC, _OUT), prune=found):
        ins = {i for i, x in enumerate(label) if x == _IN}
        if not any(ins <= other for other in found):
            found = [other for other in found if not other < ins]
            found.append(ins)
            if cap is not None and len(found) > cap:
                break
    return found


def _sat_available() -> bool:
    try:
        import pysat  # noqa: F401
    except ImportError:
        return False
    return True


def _use_sat(solver: Solver) -> bool:
    if solver == "python":
        return False
    if solver == "sat":
        if not _sat_available():
            raise MissingDependencyError(
                "solver='sat' needs python-sat: pip install 'argmap[sat]'")
        return True
    if solver == "auto":
        return _sat_available()
    raise ValueError(f"unknown solver {solver!r}; use one of auto, python, sat")


def preferred_extensions(source: Source, *, solver: Solver = "auto") -> list[frozenset[str]]:
    """Return the preferred extensions: complete extensions with a maximal IN set.

    Parameters
    ----------
    source : ArgumentMap, networkx.DiGraph or Framework
    solver : {"auto", "python", "sat"}
        ``sat`` needs the ``sat`` extra; ``auto`` uses it when installed.

    Returns
    -------
    list of frozenset
        In the order found; there is always at least one.
    """
    af = framework(source)
    if _use_sat(solver):
        from argmap import _sat

        return [af._ids(e) for e in _sat.preferred(af)]
    return [af._ids(e) for e in _preferred_python(af)]


def stable_extensions(source: Source, *, solver: Solver = "auto") -> list[frozenset[str]]:
    """Return the stable extensions (there may be none)."""
    return list(_stable_found(source, solver))


def _stable_found(source: Source, solver: Solver) -> Iterator[frozenset[str]]:
    af = framework(source)
    if _use_sat(solver):
        from argmap import _sat

        yield from (af._ids(e) for e in _sat.stable(af))
        return
    yield from (af._ids(i for i, x in enumerate(label) if x == _IN)
                for label in _search(af, (_IN, _OUT)))


def _preferred_found(source: Source, solver: Solver, cap: int) -> Iterator[frozenset[str]]:
    """Yield the preferred extensions; the Python search stops once it holds more than *cap*."""
    af = framework(source)
    if _use_sat(solver):
        from argmap import _sat

        yield from (af._ids(e) for e in _sat.preferred(af))
        return
    yield from (af._ids(e) for e in _preferred_python(af, cap))


def semi_stable_extensions(source: Source) -> list[frozenset[str]]:
    """Return the semi-stable extensions: complete labellings with a minimal UNDEC set."""
    af = framework(source)
    labellings = list(_search(af, (_IN, _OUT, _UNDEC)))
    undec = [frozenset(i for i, x in enumerate(lab) if x == _UNDEC) for lab in labellings]
    return [af._ids(i for i, x in enumerate(lab) if x == _IN)
            for lab, u in zip(labellings, undec, strict=True)
            if not any(other < u for other in undec)]


#: How many extensions :func:`extensions` lists before it stops and says so: a framework of a
#: few dozen arguments can have millions (16 pairs of mutual attacks have 3**16 complete ones).
MAX_EXTENSIONS: Final = 10_000


def _capped(found: Iterable[frozenset[str]], semantics: str, cap: int) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    for extension in found:
        if len(out) >= cap:
            raise ValidationError([Problem(
                f"the framework has more than {cap:,} {semantics} extensions, too many to list; ask "
                "about one argument instead (credulously_accepted, sceptically_accepted, or "
                "'argmap semantics --semantics grounded'), or pass a larger max_extensions")])
        out.append(extension)
    return out


def extensions(
    source: Source, semantics: SemanticsName, *, solver: Solver = "auto",
    max_extensions: int = MAX_EXTENSIONS,
) -> list[frozenset[str]]:
    """Return the extensions of *source* under *semantics* (grounded gives exactly one).

    Raises
    ------
    ValidationError
        If there are more than *max_extensions* of them (:data:`MAX_EXTENSIONS`).

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> [sorted(e)[:2] for e in extensions(amap, "preferred")]
    [['mccloy-castro-subversion', 'mccloy-finish-promptly']]
    """
    if semantics == "grounded":
        return [grounded_extension(source)]
    if semantics == "complete":
        return _capped(complete_extensions(source), semantics, max_extensions)
    if semantics == "preferred":
        return _capped(_preferred_found(source, solver, max_extensions), semantics, max_extensions)
    if semantics == "stable":
        return _capped(_stable_found(source, solver), semantics, max_extensions)
    if semantics == "semi-stable":
        af = framework(source)
        _capped((af._ids(i for i, x in enumerate(label) if x == _IN)
                 for label in _search(af, (_IN, _OUT, _UNDEC))), "complete", max_extensions)
        return semi_stable_extensions(af)
    raise ValueError(
        f"unknown semantics {semantics!r}{did_you_mean(str(semantics), SEMANTICS)}; "
        f"use one of {', '.join(SEMANTICS)}")


# --- acceptance -------------------------------------------------------------------------------


def credulously_accepted(
    source: Source, argument: str, semantics: SemanticsName = "preferred", *,
    solver: Solver = "auto",
) -> bool:
    """Return True when *argument* is in some extension under *semantics*.

    Under complete and preferred semantics this asks whether some admissible
    set holds it; under grounded, whether the grounded extension does.
    """
    af = framework(source)
    i = af._position(argument)
    if semantics == "grounded":
        return _grounded(af)[i] == _IN
    if semantics in ("complete", "preferred"):
        if _use_sat(solver):
            from argmap import _sat

            return _sat.credulous_complete(af, i)
        return next(_search(af, (_IN, _UNDEC, _OUT), fix=(i, _IN)), None) is not None
    return any(argument in e for e in extensions(af, semantics, solver=solver))


def sceptically_accepted(
    source: Source, argument: str, semantics: SemanticsName = "preferred", *,
    solver: Solver = "auto",
) -> bool:
    """Return True when *argument* is in every extension under *semantics*.

    Under stable semantics with no stable extension, every argument is
    sceptically accepted (vacuously), as is usual in the literature.
    """
    af = framework(source)
    af._position(argument)
    if semantics in ("grounded", "complete"):
        return argument in grounded_extension(af)
    return all(argument in e for e in extensions(af, semantics, solver=solver))


def statuses(
    source: Source, semantics: SemanticsName = "preferred", *, solver: Solver = "auto",
) -> dict[str, Literal["sceptical", "credulous", "rejected"]]:
    """Return each argument's acceptance: in every extension, in some, or in none.

    For large frameworks this is what to ask for rather than every preferred
    extension, of which there can be thousands.
    """
    af = framework(source)
    found = extensions(af, semantics, solver=solver)
    result: dict[str, Literal["sceptical", "credulous", "rejected"]] = {}
    for a in af.arguments:
        n = sum(1 for e in found if a in e)
        result[a] = "sceptical" if found and n == len(found) else "credulous" if n else "rejected"
    return result


def labelling_of(source: Source, extension: Collection[str]) -> dict[str, Label]:
    """Return the labelling of an extension: IN its members, OUT what they attack, UNDEC the rest."""
    af = framework(source)
    members = _members(af, extension)
    attacked = {t for a in members for t in af._targets[a]}
    return {a: Label.IN if i in members else Label.OUT if i in attacked else Label.UNDEC
            for i, a in enumerate(af.arguments)}
