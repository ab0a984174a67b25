"""The entity graph as arrays: built once per analysed network, shared by every measure.

A 50,000-entity project has 250,000 links; a networkx graph of it takes
seconds to build and every pass over it runs in Python. :class:`GraphArrays`
holds the same undirected graph as integer edge arrays, and derives from
them, once each and only when asked, what the measures run on: the sparse
adjacency matrix (scipy's compiled graph routines), the igraph graph
(Leiden, betweenness, clustering, cut points, diameter) and the networkx
graph (the link charts draw small parts of it).

Nodes are every entity in id order; an edge joins two entities linked in
either direction, its ``weight`` the sum of their links' weights (in link
order), ``types`` the sorted link types and ``links`` their count; edges are
in ``(u, v)`` order, ``u < v`` — the order :func:`networkx.Graph.edges` gives
for the graph built the same way, so that igraph sees the same graph either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import igraph
import networkx as nx
import numpy as np
from scipy import sparse

from ..data.model import Link


@dataclass(frozen=True, eq=False)
class GraphArrays:
    """An undirected simple graph over string ids, as index arrays (module docstring)."""

    #: Every node, in id order; a node's index is its position here.
    nodes: list[str]
    #: Smaller and larger end of each edge (indices into ``nodes``), edges sorted by ``(rows, cols)``.
    rows: np.ndarray
    cols: np.ndarray
    #: Summed link weight of each edge.
    weight: np.ndarray
    #: Links merged into each edge.
    links: np.ndarray
    #: Sorted link types of each edge.
    types: list[tuple[str, ...]]

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return len(self.rows)

    @cached_property
    def index(self) -> dict[str, int]:
        """Node id to its index."""
        return {v: i for i, v in enumerate(self.nodes)}

    @cached_property
    def matrix(self) -> sparse.csr_array:
        """Unweighted symmetric adjacency matrix (as ``nx.to_scipy_sparse_array(weight=None)``)."""
        n = self.n
        rows = np.concatenate((self.rows, self.cols))
        cols = np.concatenate((self.cols, self.rows))
        return sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))

    @cached_property
    def igraph(self) -> igraph.Graph:
        """The graph in igraph: vertices in node order, edges in edge order, with ``weight``."""
        result = igraph.Graph(n=self.n, edges=np.column_stack((self.rows, self.cols)).tolist())
        result.es["weight"] = self.weight.tolist()
        return result

    @cached_property
    def graph(self) -> nx.Graph:
        """The graph in networkx, with each edge's ``weight``, ``types`` and ``links``."""
        graph: nx.Graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        nodes = self.nodes
        graph.add_edges_from(
            (nodes[u], nodes[v], {"weight": w, "types": t, "links": k})
            for u, v, w, t, k in zip(self.rows.tolist(), self.cols.tolist(), self.weight.tolist(), self.types,
                                     self.links.tolist(), strict=True)
        )
        return graph

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of neighbours of each node."""
        return np.bincount(self.rows, minlength=self.n) + np.bincount(self.cols, minlength=self.n)

    @cached_property
    def weighted_degree(self) -> np.ndarray:
        """Summed edge weight of each node."""
        return (np.bincount(self.rows, weights=self.weight, minlength=self.n)
                + np.bincount(self.cols, weights=self.weight, minlength=self.n))

    def neighbours(self, v: str) -> list[str]:
        """The neighbours of node ``v``, in node order."""
        i = self.index[v]
        matrix = self.matrix
        return [self.nodes[j] for j in matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]].tolist()]

    @cached_property
    def weights(self) -> sparse.csr_array:
        """Symmetric matrix of the edges' weights."""
        n = self.n
        rows = np.concatenate((self.rows, self.cols))
        cols = np.concatenate((self.cols, self.rows))
        return sparse.csr_array((np.concatenate((self.weight, self.weight)), (rows, cols)), shape=(n, n))

    def weights_of(self, v: str) -> dict[str, float]:
        """Each neighbour of ``v`` with the weight of their edge."""
        i, matrix = self.index[v], self.weights
        span = slice(matrix.indptr[i], matrix.indptr[i + 1])
        pairs = zip(matrix.indices[span].tolist(), matrix.data[span].tolist(), strict=True)
        return {self.nodes[j]: w for j, w in pairs}

    def neighbour_lists(self, present: np.ndarray) -> dict[str, list[str]]:
        """The neighbours of every ``present`` node among the present nodes (a network with some nodes removed)."""
        matrix, nodes = self.matrix, self.nodes
        indptr, indices = matrix.indptr.tolist(), matrix.indices.tolist()
        keep = present.tolist()
        return {nodes[i]: [nodes[j] for j in indices[indptr[i]:indptr[i + 1]] if keep[j]]
                for i in range(self.n) if keep[i]}

    def isolated(self) -> list[str]:
        """The nodes without any edge, in node order."""
        return [self.nodes[i] for i in np.flatnonzero(self.degree == 0).tolist()]

    def has_edge(self, u: str, v: str) -> bool:
        """Whether ``u`` and ``v`` are linked."""
        return bool(self.matrix[self.index[u], self.index[v]])

    def edge_set(self) -> set[tuple[str, str]]:
        """Every edge as a ``(smaller id, larger id)`` pair."""
        nodes = self.nodes
        return {(nodes[u], nodes[v]) for u, v in zip(self.rows.tolist(), self.cols.tolist(), strict=True)}

    def components(self) -> np.ndarray:
        """Connected-component label of every node (labels numbered in order of their smallest node)."""
        from scipy.sparse.csgraph import connected_components

        return connected_components(self.matrix, directed=False)[1]


def graph_arrays(nodes: Iterable[str], links: Sequence[Link]) -> GraphArrays:
    """The graph of ``links`` over ``nodes`` (module docstring)."""
    ordered = sorted(nodes)
    index = {v: i for i, v in enumerate(ordered)}
    n, count = len(ordered), len(links)
    source = np.fromiter((index[link.source] for link in links), dtype=np.int64, count=count)
    target = np.fromiter((index[link.target] for link in links), dtype=np.int64, count=count)
    low, high = np.minimum(source, target), np.maximum(source, target)
    keys, edge_of = np.unique(low * max(n, 1) + high, return_inverse=True)
    edge_of = edge_of.reshape(-1)
    weights = np.fromiter((link.weight for link in links), dtype=np.float64, count=count)
    types: list[set[str]] = [set() for _ in range(len(keys))]
    for edge, link in zip(edge_of.tolist(), links, strict=True):
        types[edge].add(link.type)
    return GraphArrays(
        nodes=ordered,
        rows=(keys // max(n, 1)).astype(np.int64),
        cols=(keys % max(n, 1)).astype(np.int64),
        weight=np.bincount(edge_of, weights=weights, minlength=len(keys)).astype(np.float64),
        links=np.bincount(edge_of, minlength=len(keys)).astype(np.int64),
        types=[tuple(sorted(t)) for t in types],
    )
