"""GraphML, for Gephi, yEd and Cytoscape: the map's graph with every attribute (write only).

Nodes are point ids with ``kind``, ``by``, ``party``, ``issue`` (inherited where
the point names none), ``text`` and, where present, ``quote``, ``on_behalf_of``
and ``note``; edges carry ``relation``; the graph carries the map's ``id``,
``title`` and ``date``. GraphML has no null, so absent values are left out.
"""

from __future__ import annotations

import io

import networkx as nx

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
    out = io.BytesIO()
    nx.write_graphml(to_networkx(amap), out, encoding="utf-8", prettyprint=True)
    return out.getvalue().decode("utf-8")
