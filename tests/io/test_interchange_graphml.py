"""GraphML as the peers read it: the GraphML schema, networkx and igraph, on every map."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import igraph
import networkx as nx
import pytest
from lxml import etree

from argmap import ArgumentMap
from argmap.io.graphml import dumps_graphml
from tests.conftest import DATA
from tests.interchange import every_map

MAPS = every_map()


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATA / "graphml" / "graphml.xsd")))


def relations(amap: ArgumentMap) -> Counter[tuple[str, str, str]]:
    return Counter((p.id, target, relation.value) for p in amap.points
                   for relation, target in p.relations())


@pytest.mark.parametrize(("name", "amap"), MAPS, ids=[name for name, _ in MAPS])
def test_graphml_is_valid_and_reads_the_same_in_networkx_and_igraph(
        name: str, amap: ArgumentMap, schema: etree.XMLSchema, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.graphml"
    path.write_text(dumps_graphml(amap), encoding="utf-8")
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log.last_error
    ids = [edge.get("id") for edge in document.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids)) == sum(relations(amap).values())

    graph = nx.read_graphml(path, force_multigraph=True)
    assert set(graph.nodes) == {p.id for p in amap.points}
    assert Counter((a, b, d["relation"]) for a, b, d in graph.edges(data=True)) == relations(amap)
    assert {n: d["text"] for n, d in graph.nodes(data=True)} == {p.id: p.text for p in amap.points}

    other = igraph.Graph.Read_GraphML(str(path))
    names = other.vs["id"]
    assert sorted(names) == sorted(p.id for p in amap.points)
    assert Counter((names[e.source], names[e.target], e["relation"]) for e in other.es) \
        == relations(amap)
    assert dict(zip(names, other.vs["text"], strict=True)) == {p.id: p.text for p in amap.points}
