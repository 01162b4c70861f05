from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import argmap
from argmap.io.aif import AIFWarning, dumps_aif, loads_aif
from tests.conftest import DATA
from tests.strategies import maps

CORPUS = sorted((DATA / "aif").glob("*.json"))
S_TYPES = ("RA", "CA", "MA", "PA")


def structure(document: dict[str, Any]) -> Counter[tuple[str, frozenset[str], frozenset[str]]]:
    """The S-nodes of an AIF document: type, the I-nodes (or S-nodes) in, and out."""
    nodes = {str(n["nodeID"]): n for n in document["nodes"]}
    edges = [(str(e["fromID"]), str(e["toID"])) for e in document["edges"]]
    found: Counter[tuple[str, frozenset[str], frozenset[str]]] = Counter()
    for nid, n in nodes.items():
        if n["type"] in S_TYPES:
            into = frozenset(nodes[a]["text"] if nodes[a]["type"] == "I" else nodes[a]["type"]
                             for a, b in edges if b == nid and nodes[a]["type"] not in ("YA", "L"))
            out = frozenset(nodes[b]["text"] if nodes[b]["type"] == "I" else nodes[b]["type"]
                            for a, b in edges if a == nid)
            found[(n["type"], into, out)] += 1
    return found


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_corpus_file_loads_validates_and_round_trips(path: Path) -> None:
    original = json.loads(path.read_text())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        amap = argmap.load(path, "aif")
    i_nodes = [n for n in original.get("AIF", original)["nodes"] if n["type"] == "I"]
    assert [p.text for p in amap.points] == [n["text"] for n in i_nodes]
    written = json.loads(dumps_aif(amap))
    assert structure(written) == structure(original)
    again = loads_aif(json.dumps(written))
    assert again == amap
    assert argmap.loads(amap.dumps()) == amap  # and as format 1
    assert amap.to_graphviz().source.startswith("digraph")


def test_the_handwritten_negotiation_reads_speakers_rebuttal_and_undercut() -> None:
    amap = argmap.load(DATA / "aif" / "handwritten-minimal-negotiation.json", "aif")
    assert [(a.id, a.name) for a in amap.actors] == [
        ("anastas-mikoyan", "Anastas Mikoyan"), ("john-mccloy", "John McCloy")]
    kinds = {p.id: (p.kind.value, p.by, p.attacks, p.supports) for p in amap.points}
    assert kinds == {
        "1": ("claim", "anastas-mikoyan", (), ()),
        "2": ("objection", "john-mccloy", ("1",), ()),
        "3": ("claim", "unattributed", (), ("2",)),
        "4": ("rebuttal", "anastas-mikoyan", ("2",), ()),
    }
    # the undercut of inference 3 => 2 is an attack on 2 that remembers its RA node
    assert amap.point("4").meta["aif"]["undercuts"] == {"2": {"ca": "12", "ra": "10"}}
    assert amap.point("3").meta["aif"]["supports_via"] == {"2": "10"}
    # the dialogue (locutions, illocutions, transitions) is kept
    kept = amap.meta["aif"]
    assert [n["nodeID"] for n in kept["nodes"]][:3] == ["20", "21", "22"]
    assert len(kept["participants"]) == 2


def test_party_mapping_groups_speakers() -> None:
    text = (DATA / "aif" / "handwritten-minimal-negotiation.json").read_text()
    amap = loads_aif(text, parties={"anastas-mikoyan": "ussr", "John McCloy": "us"})
    assert {a.id: a.party for a in amap.actors} == {"anastas-mikoyan": "ussr", "john-mccloy": "us"}
    assert amap.unresolved().items[0].last_word == ("ussr",)


def test_xaif_wrapper_and_empty_graph() -> None:
    inner = json.loads((DATA / "aif" / "carneades4_nodeset513.json").read_text())
    wrapped = loads_aif(json.dumps({"AIF": inner, "text": "<span>...</span>", "OVA": {}}))
    assert wrapped == loads_aif(json.dumps(inner))
    empty = loads_aif('{"nodes": [], "edges": []}')
    assert empty.points == ()
    assert [p.id for p in empty.parties] == ["unattributed"]


def test_self_attack_and_missing_locutions() -> None:
    doc = {"nodes": [{"nodeID": "a", "text": "This sentence is false.", "type": "I"},
                     {"nodeID": "c", "text": "CA", "type": "CA"},
                     {"nodeID": "l", "text": "Epimenides says 'This sentence is false.'", "type": "L"},
                     {"nodeID": "y", "text": "Asserting", "type": "YA"}],
           "edges": [{"fromID": "a", "toID": "c"}, {"fromID": "c", "toID": "a"},
                     {"fromID": "l", "toID": "y"}, {"fromID": "y", "toID": "a"}]}
    amap = loads_aif(json.dumps(doc))
    (point,) = amap.points
    assert (point.kind.value, point.by, point.attacks) == ("objection", "epimenides", ("a",))


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"nodes": [{"nodeID": "1", "text": "x", "type": "I"}, {"nodeID": "1", "text": "y", "type": "I"}],
          "edges": []},
         ["<string>:1:56: duplicate nodeID 1 @ $.nodes[1].nodeID"]),
        ({"nodes": [{"nodeID": "1", "text": "x", "type": "I"}], "edges": [7]},
         ["<string>:1:66: each edge must be an object @ $.edges[0]"]),
        ([1, 2], ["<string>:1:1: an AIF file is a JSON object with 'nodes' and 'edges', not a list"]),
    ],
    ids=["duplicate-id", "edge-not-an-object", "not-an-object"],
)
def test_broken_aif_names_the_node_or_edge(doc: Any, expected: list[str]) -> None:
    with pytest.raises(argmap.FormatError) as info:
        loads_aif(json.dumps(doc))
    assert [str(p) for p in info.value.problems] == expected


DEGENERATE = {
    "nodes": [
        {"nodeID": "1", "text": "Taxes should fall.", "type": "I"},
        {"nodeID": "2", "text": "Growth would follow.", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA", "scheme": "Default Inference"},
        {"nodeID": "4", "text": "Default Inference", "type": "RA"},  # premise, no conclusion
        {"nodeID": "5", "text": "Default Conflict", "type": "CA"},  # conclusion, no premise
        {"nodeID": "6", "text": "", "type": "I"},  # no text
        {"nodeID": "7", "text": "?", "type": "XA"},  # no such type
        {"nodeID": "8", "text": "Bob : growth would follow", "type": "L"},  # said, never linked
        {"nodeID": "9", "text": "Default Transition", "type": "TA"},
        {"nodeID": "10", "text": "Default Rephrase", "type": "MA"},  # aimed at an L-node
    ],
    "edges": [
        {"edgeID": "a", "fromID": "2", "toID": "3"}, {"edgeID": "b", "fromID": "3", "toID": "1"},
        {"edgeID": "c", "fromID": "2", "toID": "4"},
        {"edgeID": "d", "fromID": "5", "toID": "1"},
        {"edgeID": "e", "fromID": "6", "toID": "3"},
        {"edgeID": "f", "fromID": "1", "toID": "99"},  # to a node that is not there
        {"edgeID": "g", "fromID": "9", "toID": "8"},
        {"edgeID": "h", "fromID": "1", "toID": "10"}, {"edgeID": "i", "fromID": "10", "toID": "8"},
    ],
    "locutions": [], "participants": [],
}


def node_and_edge_counts(document: Mapping[str, Any]) -> Counter[str]:
    counts = Counter(str(n["type"]) for n in document["nodes"])
    counts["edges"] = len(document["edges"])
    return counts


def test_what_argmap_cannot_relate_is_kept_and_written_back_with_a_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        amap = loads_aif(json.dumps(DEGENERATE))
    assert sorted(str(w.message) for w in caught) == [
        "CA-node without a premise or a conclusion (1: 5) kept aside in meta.aif.kept and written "
        "back unchanged",
        "I-node without text (1: 6) kept aside in meta.aif.kept and written back unchanged",
        "MA-node argmap cannot relate to its points (1: 10) kept aside in meta.aif.kept and written "
        "back unchanged",
        "RA-node without a premise or a conclusion (1: 4) kept aside in meta.aif.kept and written "
        "back unchanged",
        "edge to a node the file does not hold (1: 99) kept aside in meta.aif.kept and written back "
        "unchanged",
        "node of a type AIF does not define ('XA') (1: 7) kept aside in meta.aif.kept and written "
        "back unchanged",
    ]
    assert [p.id for p in amap.points] == ["1", "2"]
    assert amap.point("2").supports == ("1",)
    again = json.loads(dumps_aif(amap))
    assert node_and_edge_counts(again) == node_and_edge_counts(DEGENERATE)
    assert {(e["fromID"], e["toID"]) for e in again["edges"]} == {
        (e["fromID"], e["toID"]) for e in DEGENERATE["edges"]}
    kept = {n["nodeID"]: n for n in again["nodes"]}
    assert kept["4"] == DEGENERATE["nodes"][3]
    assert kept["7"] == DEGENERATE["nodes"][6]
    with warnings.catch_warnings(record=True) as caught:  # read again: the same map, the same words
        warnings.simplefilter("always")
        assert loads_aif(json.dumps(again)) == amap
    assert len(caught) == 6


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_shipped_aif_file_keeps_its_nodes_and_edges(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    document = document.get("AIF", document)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AIFWarning)
        again = json.loads(dumps_aif(argmap.load(path, format="aif")))
    assert node_and_edge_counts(again) == node_and_edge_counts(document)


@settings(max_examples=100, deadline=None)
@given(maps())
def test_argmap_to_aif_to_argmap_keeps_everything(amap: argmap.ArgumentMap) -> None:
    assert loads_aif(dumps_aif(amap)) == amap


def test_aif_written_by_argmap_loads_in_arguebuf(nov29: argmap.ArgumentMap, tmp_path: Path) -> None:
    import arguebuf  # the peer, a test dependency (never skipped: make test installs it)
    path = tmp_path / "map.json"
    path.write_text(dumps_aif(nov29))
    document = json.loads(path.read_text())
    graph = arguebuf.load.file(path)
    kinds = Counter(n["type"] for n in document["nodes"])
    s_ids = {n["nodeID"] for n in document["nodes"] if n["type"] in S_TYPES}
    i_ids = {n["nodeID"] for n in document["nodes"] if n["type"] == "I"}
    argument_edges = [e for e in document["edges"]
                      if {e["fromID"], e["toID"]} <= s_ids | i_ids]
    assert len(graph.atom_nodes) == kinds["I"] == len(nov29.points)
    assert len(graph.scheme_nodes) == sum(kinds[t] for t in S_TYPES)
    assert len(graph.edges) == len(argument_edges)


def test_every_interchange_map_and_a_self_agreement_come_back_from_aif_unchanged() -> None:
    from tests.interchange import every_map

    selfish = argmap.ArgumentMap("m", "Self agreement", parties=[argmap.Party("us")], points=[
        argmap.Point("a", "claim", "us", "A claim.", agrees=["a"])])
    for name, amap in [*every_map(), ("self-agreement", selfish)]:
        again = loads_aif(dumps_aif(amap))
        assert {p.id: p for p in again.points} == {p.id: p for p in amap.points}, name
