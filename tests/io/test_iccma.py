from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

import argmap
from argmap.io.iccma import dumps_apx, dumps_i23, load_framework, loads_apx, loads_i23
from argmap.semantics import Framework, framework
from tests.test_semantics import frameworks


@settings(max_examples=100, deadline=None)
@given(frameworks())
def test_apx_and_i23_round_trip(af: Framework) -> None:
    assert loads_apx(dumps_apx(af)) == af
    assert loads_i23(dumps_i23(af)) == af


def test_i23_without_names_numbers_the_arguments() -> None:
    af = loads_i23("# a comment\np af 3\n1 2\n\n2 3\n")
    assert af.arguments == ("1", "2", "3")
    assert af.attacks == (("1", "2"), ("2", "3"))


def test_a_map_converts_to_its_attack_graph(nov29: argmap.ArgumentMap, tmp_path: Path) -> None:
    path = tmp_path / "map.apx"
    path.write_text(dumps_apx(framework(nov29)))
    assert load_framework(path) == framework(nov29)
    # ids with '-' are not ASP constants: written as ASP strings, which clingo reads as one term
    assert 'att("mikoyan-lapse-is-retreat","us-draft-lapse").' in path.read_text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arg(a).\natt(a,b).\n", ["<string>:2:1: att(a,b) names 'b', which no arg(...) declares"]),
        ("arg(a).\narg a\n", ["<string>:2:1: cannot read 'arg a': expected arg(name). or att(name,name)."]),
        ("arg(a).\narg(a).\n", ["<string>:2:1: argument 'a' is declared twice"]),
    ],
)
def test_apx_errors_name_the_line(text: str, expected: list[str]) -> None:
    with pytest.raises(argmap.FormatError) as info:
        loads_apx(text)
    assert [str(p) for p in info.value.problems] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 2\n", ["<string>:1:1: expected the header 'p af N' first, not '1 2'"]),
        ("p af 2\n1 3\n", ["<string>:2:1: argument 3 is outside 1..2 (the header's count)"]),
        ("p af 2\n1 x\n", ["<string>:2:1: expected an attack 'i j', not '1 x'"]),
        ("", ["<string>:1:1: the file is empty: expected the header 'p af N'"]),
    ],
)
def test_i23_errors_name_the_line(text: str, expected: list[str]) -> None:
    with pytest.raises(argmap.FormatError) as info:
        loads_i23(text)
    assert [str(p) for p in info.value.problems] == expected
