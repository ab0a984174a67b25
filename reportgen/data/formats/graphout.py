"""GraphML and GEXF for Gephi, yEd and networkx: entities as nodes, links as edges, measures as attributes.

Nodes carry the entity's columns (``label`` its name) and its measures
(``degree``, ``betweenness``, ``community``, ``key_player_rank``,
``key_player_score``) so that Gephi can size and colour by them. The graph
is undirected with parallel edges (one per link, keyed by the link's id or
``SOURCE>TARGET``), so that every link comes back on import. Activities have
no place in a graph and are left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import networkx as nx

from .export import Release, cells


def graph(release: Release) -> nx.MultiGraph:
    """The released network as a networkx multigraph with every column and measure as attributes."""
    network: nx.MultiGraph = nx.MultiGraph(name=release.project.meta.code_name)
    for entity in release.project.entities:
        attributes: dict[str, Any] = {key: value for key, value in cells(entity).items() if key != "id"}
        attributes["label"] = attributes.pop("name")
        attributes.update(release.measure_cells(entity.id))
        network.add_node(entity.id, **attributes)
    seen: dict[str, int] = {}
    for link in release.project.links:
        key = link.ref
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        attributes = {k: v for k, v in cells(link).items() if k not in ("id", "source", "target")}
        attributes["weight"] = link.weight
        network.add_edge(link.source, link.target, key=key, **attributes)
    return network


def write_graphml(release: Release) -> bytes:
    """The network as GraphML."""
    return _written(release, lambda g, out: nx.write_graphml(g, out, encoding="utf-8", prettyprint=True))


def write_gexf(release: Release) -> bytes:
    """The network as GEXF 1.2, dated the period's end (networkx writes today's date)."""
    data = _written(release, lambda g, out: nx.write_gexf(g, out, encoding="utf-8", prettyprint=True))
    day = release.project.meta.period.end.isoformat().encode()
    return re.sub(rb'lastmodifieddate="[^"]*"', b'lastmodifieddate="' + day + b'"', data, count=1)


def _written(release: Release, write: Callable[[nx.MultiGraph, io.BytesIO], None]) -> bytes:
    out = io.BytesIO()
    write(graph(release), out)
    return out.getvalue()
