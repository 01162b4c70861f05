from __future__ import annotations

import pytest

import argmap
from argmap import FormatError
from argmap.io.kialo import loads_kialo
from tests.conftest import DATA

UNIFORMS = DATA / "kialo" / "school-uniforms.txt"


@pytest.fixture(scope="module")
def debate() -> argmap.ArgumentMap:
    return argmap.load(UNIFORMS)


def test_claims_become_points_of_two_sides_by_the_parity_of_con_steps(
        debate: argmap.ArgumentMap) -> None:
    assert debate.title == "Should schools require uniforms?"
    assert [p.id for p in debate.parties] == ["for", "against"]
    sides = {p.id: p.by for p in debate.points}
    assert sides == {
        "1": "for", "1.1": "for", "1.1.1": "against", "1.1.1.1": "for", "1.1.1.1.1": "against",
        "1.1.2": "for", "1.2": "against", "1.2.1": "for", "1.2.2": "against", "1.3": "against",
        "1.3.1": "for", "1.4": "for"}
    kinds = {p.id: p.kind.value for p in debate.points}
    assert kinds["1"] == "claim"
    assert kinds["1.2"] == "objection"
    assert kinds["1.2.1"] == "rebuttal"
    assert kinds["1.1.1.1.1"] == "rebuttal"
    assert kinds["1.4"] == "reason"
    # a claim over two lines keeps both
    assert debate.point("1.2.2").text == (
        "Some schools sell uniforms only through one expensive supplier,\n"
        "so families cannot shop around.")


def test_links_are_relations_of_the_linked_claim(debate: argmap.ArgumentMap) -> None:
    ids = [p.id for p in debate.points]
    assert "1.2.1.1" not in ids
    assert "1.3.2" not in ids
    assert debate.point("1.1").supports == ("1", "1.2.1")
    assert debate.point("1.1.1").supports == ("1.3",)
    assert debate.point("1.1.1").attacks == ("1.1",)
    assert debate.point("1.1").meta["kialo"]["links"] == ("1.2.1.1",)


def test_unresolved_and_compare_read_as_a_debate(debate: argmap.ArgumentMap) -> None:
    unresolved = debate.unresolved()
    roots = {t.root: (t.status, t.last_word) for t in unresolved}
    # the thesis is attacked by the against side (uniform costs, self-expression) and the
    # for side has answered both, each answer still standing: contested, for has the last word
    assert roots["1"] == ("contested", ("for",))
    # the competition over clothes: against answered, for answered back, against had the last word
    assert roots["1.1"] == ("contested", ("against",))
    row = next(iter(debate.compare("for", "against")))
    assert (row.issue, row.status) == ("thesis", "disputed")


def test_the_cli_reads_a_kialo_export() -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    result = CliRunner().invoke(main, ["unresolved", str(UNIFORMS)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2 open threads" in out
    assert "1.1: Uniforms stop pupils competing" in out


@pytest.mark.parametrize(("text", "line", "message"), [
    ("Title: no\n1. x\n", 1, "is not a Kialo discussion export"),
    ("Discussion Title: t\n\n1. Thesis\n1.1. Maybe: x\n", 4, "says neither 'Pro:' nor 'Con:'"),
    ("Discussion Title: t\n\n1. Thesis\n1.2.1. Pro: x\n", 4, "answers 1.2., which does not come"),
    ("Discussion Title: t\n\n1. Thesis\n1.1. Pro: x\n1.1. Con: y\n", 5, "appears twice"),
    ("Discussion Title: t\n\n1. Thesis\n1.1. Pro: -> See 1.9.\n", 4, "links to 1.9."),
    ("Discussion Title: t\n\n1. Pro: Thesis\n", 3, "is a thesis and cannot be Pro"),
])
def test_errors_name_the_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FormatError) as info:
        loads_kialo(text, file="debate.txt")
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == ("debate.txt", line)
    assert message in problem.message


def test_a_con_link_makes_the_linked_claim_attack_where_it_is_linked() -> None:
    amap = loads_kialo("Discussion Title: t\n\n1. Thesis\n1.1. Pro: Because.\n"
                       "1.2. Con: Not so.\n1.2.1. Con: -> See 1.1.\n")
    assert amap.point("1.1").attacks == ("1.2",)  # the linked claim also attacks 1.2
    assert amap.point("1.1").supports == ("1",)
    assert len(amap.points) == 3
