"""The DOT text of diagrams: checked as text, no Graphviz binary needed."""

from __future__ import annotations

import re
from typing import Any

import pytest

import argmap
from argmap.render import THEMES, to_graphviz
from tests.util import make_map


def node_line(source: str, node: str) -> str:
    (line,) = [ln for ln in source.splitlines() if ln.strip().startswith(f'"{node}" [')
               or ln.strip().startswith(f"{node} [")]
    return line


def drawn_points(source: str) -> set[str]:
    """The point ids drawn as boxes (the legend's name is not quoted)."""
    return set(re.findall(r'^\s*"([^"]+)" \[label=<<TABLE', source, re.M))


def edge_line(source: str, tail: str, head: str) -> str:
    pattern = re.compile(rf'^\s*"?{re.escape(tail)}"?\s*->\s*"?{re.escape(head)}"?\s*\[')
    (line,) = [ln for ln in source.splitlines() if pattern.match(ln)]
    return line


def test_one_cluster_per_party_that_speaks_with_its_name(nov29: argmap.ArgumentMap) -> None:
    src = to_graphviz(nov29).source
    assert "subgraph cluster_us {" in src
    assert "subgraph cluster_ussr {" in src
    assert "cluster_cuba" not in src  # Cuba is absent: its demands are voiced by Mikoyan
    assert "label=<<B>United States</B>>" in src
    assert "label=<<B>Soviet Union</B>>" in src


def test_every_point_is_a_node_headed_by_speaker_and_kind(nov29: argmap.ArgumentMap) -> None:
    src = to_graphviz(nov29).source
    for point in nov29.points:
        assert f'"{point.id}" [' in src or f"{point.id} [" in src
    line = node_line(src, "castro-stop-subversion")
    assert "<B>Anastas I. Mikoyan for Cuba</B>" in line
    assert "PROPOSAL" in line
    assert "peripheries=2" in line
    assert 'class="point kind-proposal party-ussr issue-subversion"' in line


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("claim", 'style=filled penwidth=1.2 peripheries=1'),
        ("proposal", 'style=filled penwidth=1.2 peripheries=2'),
        ("objection", 'style="filled,bold" penwidth=2.8 peripheries=1'),
        ("rebuttal", 'style="filled,bold,dashed" penwidth=2.8 peripheries=1'),
        ("concession", 'style="filled,rounded" penwidth=1.2 peripheries=2'),
        ("reason", 'style="filled,rounded" penwidth=1.2 peripheries=1'),
    ],
)
def test_kinds_differ_by_border(nov29: argmap.ArgumentMap, kind: str, expected: str) -> None:
    src = to_graphviz(nov29, legend=False).source
    point = nov29.points_of_kind(kind)[0]
    line = node_line(src, point.id)
    for attribute in expected.split():
        assert f" {attribute}" in line


@pytest.mark.parametrize(
    ("attacker", "target", "expected"),
    [
        ("mikoyan-lapse-is-retreat", "us-draft-lapse",
         'arrowtail=normal color="#c0392b" dir=back penwidth=2.2 style=solid'),
        ("stevenson-no-observation-possible", "stevenson-own-means",
         'arrowtail=empty color="#2e7d3e" dir=back penwidth=1.6 style=dashed'),
        ("ussr-assures-finish-quickly", "mccloy-finish-promptly",
         'arrowtail=odot color="#1f5fa8" dir=back penwidth=2.4 style=dotted'),
    ],
    ids=["attacks", "supports", "agrees"],
)
def test_relations_differ_by_line_and_arrowhead_and_point_up(
    nov29: argmap.ArgumentMap, attacker: str, target: str, expected: str,
) -> None:
    line = edge_line(to_graphviz(nov29).source, target, attacker)  # drawn from the target
    for attribute in expected.split():
        assert attribute in line


def test_title_names_date_source_and_series(nov29: argmap.ArgumentMap) -> None:
    src = to_graphviz(nov29).source
    assert "<B>Stevenson, McCloy and Yost meet Mikoyan, Zorin, Kuznetsov and Mendelevich</B>" in src
    assert "1962-11-28 · Telegram From the Department of State to the Embassy in the Soviet Union" in src
    assert "Volume XI, Cuban Missile Crisis and Aftermath, ed. Edward C. Keefer" in src
    assert "labelloc=t" in src
    assert "Volume XI" not in to_graphviz(nov29, title=False).source


def test_legend_lists_only_the_kinds_and_relations_used() -> None:
    m = make_map([{"id": "c", "kind": "claim", "by": "a"},
                  {"id": "o", "kind": "objection", "by": "b", "attacks": ["c"]}])
    src = to_graphviz(m).source
    legend = node_line(src, "_legend")
    assert "claim" in legend
    assert "objection" in legend
    assert "attacks: solid line" in legend
    assert "rebuttal" not in legend
    assert "supports" not in legend
    assert "_legend" not in to_graphviz(m, legend=False).source


def test_issue_bands_head_each_issue_in_map_order(nov29: argmap.ArgumentMap) -> None:
    src = to_graphviz(nov29).source
    headings = re.findall(r'_issue_(\d+) \[label=<<B>(.*?)</B>>', src)
    assert [title for _, title in headings] == [i.label for i in nov29.issues]
    assert "Castro's five points" in [title for _, title in headings]
    assert "_issue_" not in to_graphviz(nov29, by_issue=False).source


def test_issue_filter_draws_the_issue_and_its_direct_context(nov29: argmap.ArgumentMap) -> None:
    src = to_graphviz(nov29, issue="guantanamo").source
    assert drawn_points(src) == {"castro-negotiate-guantanamo",
                                 "stevenson-cannot-discuss-castro-points"}
    context = node_line(src, "stevenson-cannot-discuss-castro-points")
    assert "dashed" in context
    assert "muted" in context
    alone = to_graphviz(nov29, issue="guantanamo", context=False).source
    assert "stevenson-cannot-discuss-castro-points" not in alone


def test_party_filter(nov29: argmap.ArgumentMap) -> None:
    src = to_graphviz(nov29, party="us", context=False).source
    assert "cluster_ussr" not in src
    assert drawn_points(src) == {p.id for p in nov29.points_by("us")}


def test_highlight_unresolved_mutes_what_is_settled(nov29: argmap.ArgumentMap) -> None:
    src = to_graphviz(nov29, highlight="unresolved").source
    muted = THEMES["color"].muted_fill
    assert f'fillcolor="{muted}"' in node_line(src, "ussr-protocol-best")  # settled
    assert f'fillcolor="{muted}"' not in node_line(src, "us-draft-lapse")  # open thread
    assert 'color="#c4c4c4"' in edge_line(src, "ussr-protocol-best", "us-dislikes-protocol")
    assert 'color="#c0392b"' in edge_line(src, "us-draft-lapse", "mikoyan-lapse-is-retreat")


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_themes_change_only_colours(nov29: argmap.ArgumentMap, theme: str) -> None:
    src = to_graphviz(nov29, theme=theme).source
    colors = set(re.findall(r'(?:fill)?color="(#[0-9a-f]{6})"', src))
    t = THEMES[theme]
    allowed = {*t.party_fills, *t.party_borders, *t.cluster_fills, *t.relation_colors.values(),
               t.text, t.muted_text, t.muted_fill, t.muted_line, "#999999", "#ffffff", "#333333"}
    assert colors <= allowed
    if theme == "print":  # greyscale: every colour has equal red, green and blue
        assert all(c[1:3] == c[3:5] == c[5:7] for c in colors)
    plain = re.sub(r'(?:fill)?color="#[0-9a-f]{6}"|COLOR=\'#[0-9a-f]{6}\'', "", src)
    other = re.sub(r'(?:fill)?color="#[0-9a-f]{6}"|COLOR=\'#[0-9a-f]{6}\'', "",
                   to_graphviz(nov29, theme="color").source)
    assert plain == other


@pytest.mark.parametrize("label", ["text", "quote", "both"])
def test_labels_by_paraphrase_quote_or_both(nov29: argmap.ArgumentMap, label: str) -> None:
    dot = to_graphviz(nov29, label=label, wrap=200)
    line = node_line(dot.source, "mikoyan-no-one-sided-inspection")
    assert ("One-sided inspection is impossible." in line) is (label != "quote")
    assert ("<I>“one-sided inspection is impossible”</I>" in line) is (label != "text")


def test_wrong_options_list_what_is_allowed(nov29: argmap.ArgumentMap) -> None:
    with pytest.raises(ValueError, match=r"unknown issue 'invasio' \(did you mean 'invasion'\?\)"):
        to_graphviz(nov29, issue="invasio")
    with pytest.raises(ValueError, match="unknown theme 'sepia'; use one of color, colorblind, print"):
        to_graphviz(nov29, theme="sepia")
    with pytest.raises(ValueError, match="use one of TB, LR, BT, RL"):
        to_graphviz(nov29, direction="up")
    with pytest.raises(ValueError, match="use one of unresolved"):
        to_graphviz(nov29, highlight="all")


# Awkward labels: each must reach the diagram literally, never as markup or DOT syntax.
AWKWARD = [
    ('He said "no".', 'He said "no".'),
    ("back\\slash \\N \\G", "back\\\\slash \\\\N \\\\G"),
    ("<b>not bold</b>", "&lt;b&gt;not bold&lt;/b&gt;"),
    ("AT&T & sons", "AT&amp;T &amp; sons"),
    ("Мир и дружба", "Мир и дружба"),
    ("שלום עליכם", "שלום עליכם"),
    ("tab\there", "tab\there"),
    ("bell\x07gone", "bellgone"),
    ('"]; evil [label="x', '"]; evil [label="x'),
    ("</TD></TR></TABLE>>", "&lt;/TD&gt;&lt;/TR&gt;&lt;/TABLE&gt;&gt;"),
    ("</svg><script>alert(1)</script>", "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("&lt;b&gt; &#x41; &amp;", "&amp;lt;b&amp;gt; &amp;#x41; &amp;amp;"),
    ("\u202eevil\u202c right-to-left", "\u202eevil\u202c right-to-left"),
    ("null\x00byte \x1b[31m escape", "nullbyte [31m escape"),
]


@pytest.mark.parametrize(("text", "escaped"), AWKWARD)
def test_awkward_labels_are_escaped(text: str, escaped: str) -> None:
    m = make_map([{"id": "c", "kind": "claim", "by": "a", "text": text}])
    line = node_line(to_graphviz(m, wrap=200).source, "c")
    assert escaped in line


def test_a_party_includes_the_points_voiced_on_its_behalf_and_the_key_says_so(
        nov29: argmap.ArgumentMap) -> None:
    src = to_graphviz(nov29, party="cuba", context=False).source
    voiced = {p.id for p in nov29.points if p.on_behalf_of == "cuba"}
    assert voiced
    assert drawn_points(src) == voiced  # Cuba is absent: every point of its is voiced by Mikoyan
    assert "said by X on behalf of party P" in src
    assert "said by X on behalf" not in to_graphviz(nov29, party="us", context=False).source


def test_an_empty_diagram_is_an_error_that_says_what_would_draw(nov29: argmap.ArgumentMap) -> None:
    with pytest.raises(argmap.RenderError, match=(
            r"nothing to draw: no point is issue quarantine and party cuba; the party's points are "
            r"on the issues castro-points, guantanamo, inspection, normalization, subversion")):
        to_graphviz(nov29, issue="quarantine", party="cuba")


def test_the_key_explains_greyed_dashed_and_constructed_points(nov29: argmap.ArgumentMap) -> None:
    plain = to_graphviz(nov29).source
    assert "greyed: settled" not in plain
    assert "context, outside the filter" not in plain
    assert "dashed: constructed, in the other side's words" in plain  # 1180 has some
    assert "greyed: settled, not in an open thread" in to_graphviz(
        nov29, highlight="unresolved").source
    assert "dashed, grey: context, outside the filter" in to_graphviz(nov29, issue="guantanamo").source
    assert "outside the filter" not in to_graphviz(nov29, issue="guantanamo", context=False).source


def test_stagger_spreads_the_replies_to_a_point_with_many_over_ranks() -> None:
    import json

    from argmap.render import pipe

    fan = make_map([{"id": "c", "kind": "claim", "by": "a"}]
                   + [{"id": f"o{n}", "kind": "objection", "by": "b", "attacks": ["c"]} for n in range(7)]
                   + [{"id": "r", "kind": "rebuttal", "by": "a", "attacks": ["o0"]}]
                   + [{"id": f"few{n}", "kind": "objection", "by": "b", "attacks": ["r"]} for n in range(3)])

    def ranks(**options: Any) -> dict[str, float]:
        layout = json.loads(pipe(to_graphviz(fan, legend=False, title=False, **options), "json"))
        return {o["name"]: round(float(o["pos"].split(",")[1])) for o in layout["objects"] if "pos" in o}

    flat = ranks()
    assert len({flat[f"o{n}"] for n in range(7)}) == 1  # seven objections side by side
    staggered = ranks(stagger=2)
    assert len({staggered[f"o{n}"] for n in range(7)}) == 2
    assert [staggered[f"o{n}"] for n in range(7)].count(staggered["o0"]) == 4  # taking turns
    assert len({staggered[f"few{n}"] for n in range(3)}) == 1  # three replies stay on one rank
    source = to_graphviz(fan, stagger=3).source
    assert source.count("minlen=") == 7
    assert "minlen=3" in source
    with pytest.raises(ValueError, match="stagger must be a whole number of ranks, at least 1, not 0"):
        to_graphviz(fan, stagger=0)
