"""The apx files argmap writes, solved by clingo with ASPARTIX-style encodings.

apx is a file of ASP facts, and the ASPARTIX encodings are the reference its users
run; clingo must read every fact of the file (a name that is not an ASP term would be
dropped with no more than an 'info' line) and find argmap's own extensions.
"""

from __future__ import annotations

import clingo
import pytest

from argmap import ArgumentMap
from argmap.io.iccma import dumps_apx, loads_apx
from argmap.semantics import (
    Framework,
    framework,
    grounded_extension,
    preferred_extensions,
    stable_extensions,
)
from tests.interchange import every_map

# Complete extensions (Dung 1995), written after ASPARTIX (Egly, Gaggl and Woltran 2010).
COMPLETE = """
#defined arg/1. #defined att/2.
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X, Y).
defeated(X) :- in(Y), att(Y, X).
undefended(X) :- att(Y, X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not undefended(X).
"""
STABLE = COMPLETE + ":- out(X), not defeated(X).\n"
# preferred: the complete extensions subset-maximal in in/1, by clingo's domain heuristic
PREFERRED = COMPLETE + "#heuristic in(X) : arg(X). [1, true]\n"

MAPS = [(name, amap) for name, amap in every_map() if len(amap.points) <= 60]


def name_of(symbol: clingo.Symbol) -> str:
    if symbol.type is clingo.SymbolType.String:
        return symbol.string
    if symbol.type is clingo.SymbolType.Number:
        return str(symbol.number)
    assert symbol.type is clingo.SymbolType.Function, symbol
    assert not symbol.arguments, symbol
    return symbol.name


def solve(facts: str, program: str, *options: str) -> list[frozenset[str]]:
    messages: list[str] = []

    def log(code: clingo.MessageCode, text: str) -> None:
        if code is not clingo.MessageCode.Other or "domRec ignored" not in text:
            messages.append(text)  # clingo's note when every atom is decided is harmless

    control = clingo.Control(["0", *options], logger=log)
    control.add("base", [], facts + program)
    control.ground([("base", [])])
    models: list[frozenset[str]] = []
    control.solve(on_model=lambda model: models.append(frozenset(
        name_of(s.arguments[0]) for s in model.symbols(atoms=True) if s.match("in", 1))))
    assert not messages, messages  # 'operation undefined' and the like: a fact did not read
    return models


@pytest.mark.parametrize(("name", "amap"), MAPS, ids=[name for name, _ in MAPS])
def test_clingo_reads_every_fact_and_finds_argmaps_extensions(name: str, amap: ArgumentMap) -> None:
    af = framework(amap)
    facts = dumps_apx(af)
    assert loads_apx(facts) == af
    cautious = solve(facts, COMPLETE, "--enum-mode=cautious")
    assert cautious[-1] == grounded_extension(af)
    assert set(solve(facts, STABLE)) == set(stable_extensions(af))
    assert set(solve(facts, PREFERRED, "--heuristic=Domain", "--enum-mode=domRec")) \
        == set(preferred_extensions(af))


def test_every_fact_is_read_as_written() -> None:
    af = Framework(["us-draft", "Castro", "not", "a.b", 'say "no"', "x"],
                   [("us-draft", "Castro"), ("not", "a.b"), ('say "no"', "x"), ("x", "x")])
    control = clingo.Control()
    control.add("base", [], dumps_apx(af))
    control.ground([("base", [])])
    atoms = {str(a.symbol) for a in control.symbolic_atoms}
    assert len([a for a in atoms if a.startswith("arg(")]) == 6
    assert len([a for a in atoms if a.startswith("att(")]) == 4
