"""Shortest-path centralities in compiled code.

networkx defines the measures reportgen reports; its pure-Python loops
take minutes on the 5,000–50,000-entity networks analysts hold (exact
betweenness of 5,000 nodes and 20,000 edges: over two minutes). Here the
same definitions run in compiled code: betweenness is igraph's Brandes
accumulation (``Graph.betweenness`` from a subset of sources when sampled),
distances are igraph's breadth-first searches, a batch of sources at a
time. Sampled searches are split in two halves, the second searched in a
forked helper (:mod:`.parallel`). Results equal networkx's up to
floating-point rounding; the tests compare them.

All functions take the unweighted, symmetric adjacency matrix of the graph
(``scipy.sparse`` CSR, node order fixed by the caller) and an optional
boolean mask of the nodes still present (the disruption scenarios remove
nodes without rebuilding the matrix).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

import igraph
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from .parallel import in_two

#: Cells of the dense ``sources × nodes`` distance arrays per batch: bounds
#: memory (~32 MB of float64 per batch) and sets the batch size.
BATCH_CELLS = 4_000_000


def _batches(sources: np.ndarray, n: int) -> Iterator[np.ndarray]:
    size = max(1, min(len(sources), BATCH_CELLS // max(n, 1)))
    for start in range(0, len(sources), size):
        yield sources[start : start + size]


def _distances(matrix: sparse.csr_array, sources: np.ndarray) -> np.ndarray:
    """Hop distances from each source (rows) to every node (columns); -1 = unreachable.

    igraph's breadth-first searches: a third faster than scipy's
    ``csgraph.shortest_path`` on 50,000 nodes, the same distances.
    """
    dist = np.array(_igraph(matrix, None).distances(source=np.asarray(sources).tolist()), dtype=np.float64)
    dist = dist.reshape(len(sources), matrix.shape[0])
    dist[np.isinf(dist)] = -1
    return dist.astype(np.int64)


#: The last matrix turned into an igraph graph, with that graph and its edge ends
#: (the removal sequences ask for the same network, one node fewer each time).
_LAST: list[tuple[sparse.csr_array, igraph.Graph, np.ndarray, np.ndarray]] = []


def _igraph(matrix: sparse.csr_array, present: np.ndarray | None) -> igraph.Graph:
    """The graph of ``matrix`` in igraph, nodes in matrix order, without the edges of absent nodes."""
    if not _LAST or _LAST[0][0] is not matrix:
        upper = sparse.triu(matrix, k=1, format="coo")
        rows, cols = upper.row, upper.col
        _LAST[:] = [(matrix, igraph.Graph(n=matrix.shape[0], edges=np.column_stack((rows, cols)).tolist()),
                     rows, cols)]
    _, graph, rows, cols = _LAST[0]
    if present is None or present.all():
        return graph
    kept = np.flatnonzero(present[rows] & present[cols])
    return graph.subgraph_edges(kept.tolist(), delete_vertices=False)


def _dependencies(matrix: sparse.csr_array, sources: np.ndarray, present: np.ndarray | None) -> np.ndarray:
    """Sum over ``sources`` of Brandes' single-source dependency of every node.

    igraph counts each (source, target) pair of an undirected graph once,
    the single-source accumulation once per source: hence the factor 2.
    """
    graph = _igraph(matrix, present)
    if len(sources) >= matrix.shape[0]:
        return 2.0 * np.asarray(graph.betweenness(directed=False), dtype=np.float64)

    def search(part: list[int]) -> np.ndarray:
        return np.asarray(graph.betweenness(directed=False, sources=part), dtype=np.float64)

    first, second = in_two(search, sources.tolist())
    return 2.0 * (first + second)


def betweenness(
    matrix: sparse.csr_array,
    present: np.ndarray | None = None,
    samples: int | None = None,
    seed: int = 0,
) -> np.ndarray:
    """Normalised betweenness of every node, as ``nx.betweenness_centrality``.

    Exact when ``samples`` is ``None`` or not smaller than the number of
    present nodes; otherwise networkx's estimator: ``samples`` sources drawn
    with ``random.Random(seed).sample`` from the present nodes in matrix
    order, and networkx's rescaling of sampled counts (source nodes and other
    nodes scaled apart, endpoints excluded). Removed nodes get 0.
    """
    n_all = matrix.shape[0]
    nodes = np.flatnonzero(present) if present is not None else np.arange(n_all)
    n = len(nodes)
    if n < 3:
        return np.zeros(n_all)
    sampled = samples is not None and samples < n
    sources = nodes
    if samples is not None and sampled:
        sources = np.array(random.Random(seed).sample(list(nodes), samples))
    total = _dependencies(matrix, sources if sampled else np.arange(n_all), present)
    big_n = n - 1  # pairs exclude the node itself (networkx: endpoints=False)
    if not sampled:
        return total / (big_n * (big_n - 1))
    k = len(sources)
    scale = np.full(n_all, 1.0 / (k * (big_n - 1)))
    scale[sources] = 1.0 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
    result = total * scale
    if present is not None:
        result[~present] = 0.0
    return result


def closeness(matrix: sparse.csr_array, sources: np.ndarray | None = None) -> np.ndarray:
    """Closeness of every node, as ``nx.closeness_centrality`` (Wasserman–Faust).

    ``c(u) = (r - 1) / S(u) * (r - 1) / (n - 1)`` where ``r`` counts the nodes
    reachable from ``u`` (itself included) and ``S(u)`` is the sum of their
    distances. With ``sources`` (pivots), ``S(u)`` is estimated for the nodes
    of a component holding pivots from their distances to those pivots
    (Eppstein–Wang): ``(r - 1) × mean distance to the component's other
    pivots``; components with no pivot other than the node itself are
    computed exactly.
    """
    n = matrix.shape[0]
    result = np.zeros(n)
    if n < 2 or matrix.nnz == 0:
        return result
    if sources is None:
        for batch in _batches(np.arange(n), n):
            dist = _distances(matrix, batch)
            reach = (dist >= 0).sum(axis=1) - 1
            total = np.where(dist > 0, dist, 0).sum(axis=1).astype(float)
            with np.errstate(divide="ignore", invalid="ignore"):
                result[batch] = np.where(total > 0, (reach / total) * (reach / (n - 1)), 0.0)
        return result

    _, labels = csgraph.connected_components(matrix, directed=False)
    sizes = np.bincount(labels)
    reach = sizes[labels] - 1  # r - 1 for every node

    def search(part: list[int]) -> np.ndarray:
        """Summed distance from the ``part`` pivots (row 0) and how many reach each node (row 1); integers."""
        sums = np.zeros((2, n), dtype=np.int64)
        for batch in _batches(np.asarray(part, dtype=np.int64), n):
            dist = _distances(matrix, batch)
            positive = dist > 0
            sums[0] += np.where(positive, dist, 0).sum(axis=0)
            sums[1] += positive.sum(axis=0)
        return sums

    first, second = in_two(search, np.asarray(sources).tolist())
    sum_dist, pivots_seen = (first + second).astype(np.float64)
    estimated = pivots_seen > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        result[estimated] = (pivots_seen[estimated] / sum_dist[estimated]) * (reach[estimated] / (n - 1))
    # Nodes whose component holds no other pivot: exact, from the node itself.
    missing = np.flatnonzero(~estimated & (reach > 0))
    for batch in _batches(missing, n):
        dist = _distances(matrix, batch)
        r = (dist >= 0).sum(axis=1) - 1
        total = np.where(dist > 0, dist, 0).sum(axis=1).astype(float)
        result[batch] = (r / total) * (r / (n - 1))
    return result


def eigenvector(matrix: sparse.csr_array, max_iter: int = 1000, tol: float = 1.0e-6) -> np.ndarray:
    """Eigenvector centrality by networkx's own power iteration on ``A + I``.

    Same start vector (uniform), Euclidean normalisation and L1 convergence
    test (``< n × tol``) as ``nx.eigenvector_centrality``. Where the power
    iteration converges too slowly (a long chain, two components of nearly
    equal size), where networkx would give up, the same limit is computed
    directly: :func:`_eigenvector_limit`.
    """
    n = matrix.shape[0]
    if n == 0:
        return np.zeros(0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + matrix @ last
        x = x / (math.sqrt(float(x @ x)) or 1.0)
        if float(np.abs(x - last).sum()) < n * tol:
            return x
    return _eigenvector_limit(matrix)


def _eigenvector_limit(matrix: sparse.csr_array) -> np.ndarray:
    """The limit of the power iteration from a uniform start, by eigen-decomposition.

    Per connected component, the leading eigenvector (positive, unit length);
    the components whose leading eigenvalue is the largest (to 1e-9) keep
    their share of the uniform start vector, the others vanish, and the
    result has unit length — what the power iteration tends to.
    """
    from scipy.sparse.linalg import eigsh

    n = matrix.shape[0]
    count, labels = csgraph.connected_components(matrix, directed=False)
    pairs = []
    for component in range(count):
        nodes = np.flatnonzero(labels == component)
        sub = matrix[nodes][:, nodes]
        if len(nodes) < 200:  # small: dense and exact
            values, vectors = np.linalg.eigh(sub.toarray())
            value, vector = values[-1], vectors[:, -1]
        else:
            values, vectors = eigsh(sub.astype(np.float64), k=1, which="LA", v0=np.ones(len(nodes)), tol=1e-12)
            value, vector = values[0], vectors[:, 0]
        vector = np.abs(vector)  # Perron vector: one sign
        pairs.append((float(value), nodes, vector / np.linalg.norm(vector)))
    top = max(value for value, _, _ in pairs)
    x = np.zeros(n)
    for value, nodes, vector in pairs:
        if value >= top - 1e-9 * max(1.0, abs(top)):
            x[nodes] = vector * (vector.sum() / n)  # its share of the uniform start
    return x / (np.linalg.norm(x) or 1.0)
