"""GraphML, for Gephi, yEd and Cytoscape: the map's graph with every attribute (write only).

Nodes are point ids with ``kind``, ``by``, ``party``, ``issue`` (inherited where
the point names none), ``text`` and, where present, ``quote``, ``on_behalf_of``
and ``note``; edges carry ``relation``; the graph carries the map's ``id``,
``title`` and ``date`` (the ``id`` also as the ``<graph id>`` attribute, which
networkx and igraph do not show). Every edge has its own id, ``e0``, ``e1`` ... in
the order the points give their relations, as the GraphML schema requires
(``edge_id_unique``): Gephi, yEd, JGraphT and graphology refuse repeated ids.
GraphML has no null, so absent values are left out.
"""

from __future__ import annotations

import io
import re
from typing import Final

import networkx as nx

from argmap.errors import Problem, ValidationError
from argmap.model import ArgumentMap

__all__ = ["dumps_graphml", "to_networkx"]


def to_networkx(amap: ArgumentMap) -> nx.MultiDiGraph:
    """Return a new, unfrozen MultiDiGraph of *amap* with the texts on the nodes.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> g = to_networkx(amap)
    >>> g.nodes["us-draft-lapse"]["party"], g.graph["title"][:9]
    ('us', 'Stevenson')
    """
    graph = nx.MultiDiGraph(amap.graph)
    graph.graph.update({"id": amap.id, "title": amap.title})
    if amap.date:
        graph.graph["date"] = amap.date.isoformat()
    for point in amap.points:
        data = graph.nodes[point.id]
        data["text"] = point.text
        for key in ("quote", "on_behalf_of", "condition", "note"):
            value = getattr(point, key)
            if value is not None:
                data[key] = value
        if point.constructed:
            data["constructed"] = True
        if data.get("issue") is None:
            data.pop("issue", None)
    return graph


def dumps_graphml(amap: ArgumentMap) -> str:
    """Return *amap* as GraphML text."""
    _check_xml_text(amap)
    graph = to_networkx(amap)
    unique = nx.MultiDiGraph()
    unique.graph.update(graph.graph)
    unique.add_nodes_from(graph.nodes(data=True))
    unique.add_edges_from((a, b, f"e{i}", data) for i, (a, b, data)
                          in enumerate(graph.edges(data=True)))
    out = io.BytesIO()
    nx.write_graphml(unique, out, encoding="utf-8", prettyprint=True)
    return out.getvalue().decode("utf-8")


#: Characters XML 1.0 cannot hold, escaped or not: C0 controls but tab, newline and return; and
#: U+FFFE, U+FFFF.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml_text(amap: ArgumentMap) -> None:
    """Refuse, naming the place, a text that GraphML (XML 1.0) cannot hold."""
    places: list[tuple[str, str | None]] = [("the map's title", amap.title),
                                            ("the map's description", amap.description)]
    for point in amap.points:
        places += [(f"point {point.id!r} text", point.text), (f"point {point.id!r} quote", point.quote),
                   (f"point {point.id!r} note", point.note)]
    places += [(f"party {p.id!r} name", p.name) for p in amap.parties]
    for where, text in places:
        match = _NOT_XML.search(text or "")
        if match:
            raise ValidationError([Problem(
                f"GraphML is XML, which cannot hold the control character U+{ord(match[0]):04X} in "
                f"{where}; remove it, or write another format (YAML, JSON, AIF keep it)")])
