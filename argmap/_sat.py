"""Preferred and stable semantics with a SAT solver (the ``sat`` extra: python-sat).

Each argument *a* has two variables, IN(a) and OUT(a); the clauses say that a
labelling is complete (Caminada's rules), and stable adds that nothing is
UNDEC. Preferred extensions are found as in PrefSAT: take a complete
extension, grow it while a strictly larger one exists, record it, then ask for
one not contained in any recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pysat.solvers import Solver

if TYPE_CHECKING:  # pragma: no cover
    from argmap.semantics import Framework

#: The SAT solver python-sat runs (CaDiCaL 1.5.3, bundled with python-sat).
SOLVER = "cadical153"


def _complete(af: Framework) -> tuple[list[list[int]], int]:
    n = len(af.arguments)
    clauses: list[list[int]] = []
    for a in range(n):
        i, o = a + 1, n + a + 1
        attackers = af._attackers[a]
        clauses.append([-i, -o])
        clauses.append([i, *(-(n + b + 1) for b in attackers)])  # all attackers OUT -> IN
        clauses.append([-o, *(b + 1 for b in attackers)])  # OUT -> some attacker IN
        for b in attackers:
            clauses.append([-i, n + b + 1])  # IN -> every attacker OUT
            clauses.append([-(b + 1), o])  # an attacker IN -> OUT
    return clauses, 2 * n


def _ins(model: list[int], n: int) -> set[int]:
    return {v - 1 for v in model if 0 < v <= n}


def stable(af: Framework) -> Iterator[set[int]]:
    """Yield the stable extensions as sets of argument positions."""
    n = len(af.arguments)
    clauses, _ = _complete(af)
    clauses += [[a + 1, n + a + 1] for a in range(n)]
    with Solver(name=SOLVER, bootstrap_with=clauses) as solver:
        while solver.solve():
            ins = _ins(solver.get_model() or [], n)
            yield ins
            solver.add_clause([-(a + 1) if a in ins else a + 1 for a in range(n)])


def preferred(af: Framework) -> list[set[int]]:
    """Return the preferred extensions as sets of argument positions."""
    n = len(af.arguments)
    clauses, top = _complete(af)
    found: list[set[int]] = []
    with Solver(name=SOLVER, bootstrap_with=clauses) as solver:
        while solver.solve():
            ins = _ins(solver.get_model() or [], n)
            while True:  # grow to a maximal one
                outside = [a + 1 for a in range(n) if a not in ins]
                if not outside:
                    break
                top += 1
                solver.add_clause([-top, *outside])
                grown = solver.solve(assumptions=[top, *(a + 1 for a in ins)])
                if grown:  # read the model before the solver is changed again
                    ins = _ins(solver.get_model() or [], n)
                solver.add_clause([-top])
                if not grown:
                    break
            found.append(ins)
            outside = [a + 1 for a in range(n) if a not in ins]
            if not outside:
                break
            solver.add_clause(outside)  # next: not inside this one
    return found


def credulous_complete(af: Framework, a: int) -> bool:
    """Return True when some complete labelling has argument *a* IN."""
    clauses, _ = _complete(af)
    with Solver(name=SOLVER, bootstrap_with=clauses) as solver:
        return bool(solver.solve(assumptions=[a + 1]))
