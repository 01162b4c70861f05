"""Dung semantics against brute force and textbook cases."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import semantics as sem
from argmap.semantics import Framework, Label

SOLVERS = ["python", "sat"]


# --- brute force, straight from the definitions ---------------------------------------------


def subsets(af: Framework) -> list[frozenset[str]]:
    args = af.arguments
    return [frozenset(c) for r in range(len(args) + 1) for c in itertools.combinations(args, r)]


def defends(af: Framework, s: frozenset[str], a: str) -> bool:
    return all(any((c, b) in af.attacks for c in s) for b in af.attackers_of(a))


def brute(af: Framework, semantics: str) -> set[frozenset[str]]:
    cf = [s for s in subsets(af) if not any((a, b) in af.attacks for a in s for b in s)]
    admissible = [s for s in cf if all(defends(af, s, a) for a in s)]
    complete = [s for s in admissible
                if {a for a in af.arguments if defends(af, s, a)} == set(s)]
    if semantics == "complete":
        return set(complete)
    if semantics == "grounded":
        return {min(complete, key=len)}
    if semantics == "preferred":
        return {s for s in complete if not any(s < t for t in complete)}
    if semantics == "stable":
        return {s for s in cf if all(a in s or any((b, a) in af.attacks for b in s)
                                     for a in af.arguments)}
    if semantics == "semi-stable":
        def rng(s: frozenset[str]) -> frozenset[str]:
            return s | {b for a in s for (x, b) in af.attacks if x == a}
        return {s for s in complete if not any(rng(s) < rng(t) for t in complete)}
    raise AssertionError(semantics)


@st.composite
def frameworks(draw: st.DrawFn, max_args: int = 12) -> Framework:
    n = draw(st.integers(0, max_args))
    args = [f"a{i}" for i in range(n)]
    pairs = [(a, b) for a in args for b in args]
    attacks = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * n)) if pairs else []
    return Framework(args, attacks)


def all_small_frameworks(n: int) -> list[Framework]:
    args = [f"a{i}" for i in range(n)]
    pairs = [(a, b) for a in args for b in args]
    return [Framework(args, [p for p, keep in zip(pairs, bits, strict=True) if keep])
            for bits in itertools.product([False, True], repeat=len(pairs))]


# --- agreement with brute force ---------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_every_framework_up_to_3_arguments(n: int) -> None:
    for af in all_small_frameworks(n):
        check_all(af)


def test_every_framework_of_4_arguments() -> None:
    # all 65,536 frameworks of 4 arguments (python solver; sat is checked on the rest)
    for af in all_small_frameworks(4):
        check_all(af, solvers=["python"])


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_random_frameworks_up_to_12_arguments(af: Framework) -> None:
    check_all(af)


def check_all(af: Framework, solvers: list[str] = SOLVERS) -> None:
    assert {sem.grounded_extension(af)} == brute(af, "grounded")
    assert set(sem.complete_extensions(af)) == brute(af, "complete")
    assert set(sem.semi_stable_extensions(af)) == brute(af, "semi-stable")
    for solver in solvers:
        preferred = sem.preferred_extensions(af, solver=solver)  # type: ignore[arg-type]
        assert len(preferred) == len(set(preferred))
        assert set(preferred) == brute(af, "preferred"), solver
        stable = sem.stable_extensions(af, solver=solver)  # type: ignore[arg-type]
        assert set(stable) == brute(af, "stable"), solver
    for a in af.arguments[:3]:
        expected = any(a in e for e in brute(af, "preferred"))
        for solver in solvers:
            assert sem.credulously_accepted(af, a, solver=solver) is expected  # type: ignore[arg-type]


# --- textbook cases ---------------------------------------------------------------------------


def af(*edges: str, args: str = "") -> Framework:
    pairs = [(e[0], e[1]) for e in edges]
    names = sorted(set(args) | {x for p in pairs for x in p})
    return Framework(names, pairs)


@pytest.mark.parametrize("solver", SOLVERS)
def test_even_cycle_has_two_preferred_and_two_stable(solver: str) -> None:
    f = af("ab", "ba")
    assert sem.grounded_extension(f) == frozenset()
    assert set(sem.preferred_extensions(f, solver=solver)) == {frozenset("a"), frozenset("b")}  # type: ignore[arg-type]
    assert set(sem.stable_extensions(f, solver=solver)) == {frozenset("a"), frozenset("b")}  # type: ignore[arg-type]


@pytest.mark.parametrize("solver", SOLVERS)
def test_odd_cycle_has_no_stable_extension(solver: str) -> None:
    f = af("ab", "bc", "ca")
    assert sem.preferred_extensions(f, solver=solver) == [frozenset()]  # type: ignore[arg-type]
    assert sem.stable_extensions(f, solver=solver) == []  # type: ignore[arg-type]
    assert sem.grounded_labelling(f) == {"a": Label.UNDEC, "b": Label.UNDEC, "c": Label.UNDEC}


def test_self_attack() -> None:
    f = af("aa", "ab")
    assert sem.grounded_labelling(f) == {"a": Label.UNDEC, "b": Label.UNDEC}
    assert sem.stable_extensions(f) == []
    assert not sem.is_conflict_free(f, ["a"])


def test_floating_defeat_and_floating_acceptance() -> None:
    # a and b attack each other and both attack c; c attacks d
    f = af("ab", "ba", "ac", "bc", "cd")
    assert set(sem.preferred_extensions(f)) == {frozenset("ad"), frozenset("bd")}
    assert sem.sceptically_accepted(f, "d", "preferred")  # floating acceptance
    assert not sem.credulously_accepted(f, "c", "preferred")  # floating defeat
    assert not sem.sceptically_accepted(f, "d", "grounded")
    assert sem.statuses(f) == {"a": "credulous", "b": "credulous", "c": "rejected",
                               "d": "sceptical"}


def test_reinstatement_in_a_chain() -> None:
    f = af("ab", "bc")
    assert sem.grounded_labelling(f) == {"a": Label.IN, "b": Label.OUT, "c": Label.IN}
    assert sem.is_admissible(f, ["a", "c"])
    assert not sem.is_admissible(f, ["c"])
    assert sem.is_complete(f, ["a", "c"])
    assert sem.is_stable(f, ["a", "c"])
    assert sem.labelling_of(f, ["a"]) == {"a": Label.IN, "b": Label.OUT, "c": Label.UNDEC}


def test_a_map_and_a_digraph_give_the_same_framework(nov29: argmap.ArgumentMap) -> None:
    f = sem.framework(nov29)
    g = nx.DiGraph()
    g.add_nodes_from(f.arguments)
    g.add_edges_from(f.attacks)
    assert sem.framework(g) == f
    # Stevenson's "we have no other choice" answers "one-sided inspection is impossible"
    assert sem.grounded_labelling(nov29)["stevenson-no-other-choice"] == Label.IN
    assert sem.grounded_labelling(nov29)["mikoyan-no-one-sided-inspection"] == Label.OUT
    assert sem.grounded_labelling(nov29)["stevenson-own-means"] == Label.IN
    with pytest.raises(TypeError, match="directed graph"):
        sem.framework(nx.Graph())


def test_names_that_are_not_strings_are_made_strings() -> None:
    assert Framework([1, 2, 3], [(1, 2), (2, 3), ("1", "2")]).attacks == (("1", "2"), ("2", "3"))
    assert Framework(("1", "2"), [["1", "2"]]).attacks == (("1", "2"),)
    assert Framework(iter("ab"), iter([("a", "b")])).arguments == ("a", "b")
    with pytest.raises(argmap.UnknownReferenceError, match="unknown argument '5'"):
        Framework(["1"], [(1, 5)])


def test_errors() -> None:
    with pytest.raises(argmap.UnknownReferenceError, match="unknown argument 'c'"):
        Framework(["a"], [("a", "c")])
    with pytest.raises(argmap.UnknownReferenceError, match=r"no argument 'x'"):
        sem.credulously_accepted(af("ab"), "x")
    with pytest.raises(ValueError, match=r"unknown semantics 'prefered' .did you mean 'preferred'"):
        sem.extensions(af("ab"), "prefered")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown solver"):
        sem.preferred_extensions(af("ab"), solver="z3")  # type: ignore[arg-type]


def test_large_grounded_is_linear_and_recursion_free() -> None:
    n = 200_000
    f = Framework([str(i) for i in range(n)], [(str(i), str(i + 1)) for i in range(n - 1)])
    lab = sem.grounded_labelling(f)
    assert lab["0"] == Label.IN
    assert lab[str(n - 1)] == (Label.IN if (n - 1) % 2 == 0 else Label.OUT)
