"""Status-aware disruption: what the out-of-play entities' removal did, and targets among the rest.

Entities whose status is in :data:`.context.OUT_OF_PLAY` (arrested,
convicted, deceased, dissolved) are taken out of the period's network
first; their removal is reported as what already happened to it
(:class:`.results.OutOfPlay`). Every later measure is on the **in-play
network** that remains, with the analysis' own machinery (the compiled
betweenness of :mod:`reportgen.analysis.centrality` with removed nodes
masked, and :class:`~reportgen.analysis.analyse._Remover` for the groups).

**Removal sequence** (the targets' order): adaptive, like the analysis'
best-fragmenting scenario: repeatedly remove the candidate with the highest
betweenness in what is left of the in-play network (ties: more remaining
links, then higher key-player score, then smaller id). Candidates are the
in-play entities of :data:`TARGET_TYPES` with at least one link (phones,
accounts and places stay in the network but are not targets). Wanted
persons are in play and flagged.

**Targets**: every entity of the removal sequence up to the step that halves
the in-play network's largest group (the weak set, below), so that every
entity an operation against the weak set acts on has a target package; at
least :data:`TARGET_MIN` (when the sequence is that long) and at most
:data:`TARGET_MAX`, for huge networks where halving takes many removals:
the rest of the sequence is in the report's removal-sequence table and
``analyze --json`` (key ``assessment.sequence``).

**Weak points**: in-play cut points (articulation points) of the in-play
network's largest group, ranked by how many entities their removal alone
separates from the rest of it (at least :data:`WEAK_POINT_MIN_CUT_OFF`;
:func:`cut_offs`). **Weak set**: the
shortest start of the removal sequence that halves that largest group
(``halved`` false if the whole sequence does not).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from ...data.model import Link
from .. import centrality
from ..disruption import Remover as _Remover
from ..graph import RANK_DIGITS
from . import grading
from .context import Context
from .findings import Draft
from .gaps import tasking
from .network import competition_ranks
from .results import Associate, Broker, Identifier, OutOfPlay, RemovalStep, Target

#: Entity types that can be targets (people and the organisations they run).
TARGET_TYPES = ("person", "organisation", "business")
#: Targets proposed at least (when the removal sequence is that long).
TARGET_MIN = 5
#: Targets proposed at most, however many removals halving the largest group takes.
TARGET_MAX = 15
#: Entity types listed as a target's identifiers and places, in this order: what an operation
#: intercepts (phones, e-mail), freezes (accounts, businesses), stops or searches.
IDENTIFIER_TYPES = ("phone", "email", "account", "business", "vehicle", "vessel", "document", "location")
#: Associates (people and organisations) listed per target, strongest links first.
ASSOCIATES = 5
#: Weak points reported.
WEAK_POINTS = 3
#: Entities a cut point must separate from the largest group to be a weak point.
WEAK_POINT_MIN_CUT_OFF = 2
#: Share of the largest group the weak set must leave at most.
HALF = 0.5


class InPlay:
    """The in-play network: the period's network without the out-of-play entities."""

    def __init__(self, ctx: Context):
        """Index the period's network and measure it without the out-of-play entities."""
        self.ctx = ctx
        self.matrix = ctx.graph.matrix
        self.remover = _Remover(ctx.graph)
        self.out = sorted(ctx.out_of_play)
        self.largest = self.remover.measure(self.out)[0]

    def present(self) -> np.ndarray:
        """Mask of the in-play nodes."""
        present = np.ones(len(self.remover.nodes), dtype=bool)
        present[[self.remover.index[v] for v in self.out]] = False
        return present

    def largest_root(self, present: np.ndarray) -> str:
        """The smallest id of the in-play network's largest group (ties: the group with the smallest id)."""
        labels = self.remover.labels(present)
        sizes = np.bincount(labels[present])
        first = {int(label): i for i, label in reversed(list(enumerate(labels.tolist()))) if present[i]}
        best = min(first, key=lambda label: (-int(sizes[label]), first[label]))
        return self.remover.nodes[first[best]]

    def share(self, removed: list[str]) -> float:
        """Share of the in-play largest group left after also removing ``removed``."""
        return self.remover.measure(self.out + removed)[0] / (self.largest or 1)

    def sequence(self, limit: int) -> list[tuple[str, float]]:
        """The removal sequence (module docstring): ``(id, betweenness when removed)`` pairs."""
        ctx, nodes = self.ctx, self.remover.nodes
        present = np.ones(len(nodes), dtype=bool)
        present[[self.remover.index[v] for v in self.out]] = False
        score = {v: round(ctx.metrics[v].key_player_score, RANK_DIGITS) for v in nodes}
        candidates = [i for i, v in enumerate(nodes)
                      if present[i] and ctx.metrics[v].type in TARGET_TYPES and ctx.metrics[v].degree]
        order: list[tuple[str, float]] = []
        for _ in range(min(limit, len(candidates))):
            remaining = int(present.sum())
            samples = None
            if remaining > ctx.settings.exact_adaptive_limit:
                samples = ctx.settings.adaptive_betweenness_samples
            between = centrality.betweenness(self.matrix, present, samples=samples, seed=ctx.settings.seed)
            links = (self.matrix @ present.astype(np.float64)) * present
            pool = [i for i in candidates if present[i]]
            # Only the candidates at (or within rounding of) the highest betweenness can win.
            top = float(between[pool].max())
            pool = np.asarray(pool)[between[pool] >= top - 1e-9].tolist()
            best = min(pool, key=lambda i: (-round(float(between[i]), RANK_DIGITS), -links[i],
                                            -score[nodes[i]], nodes[i]))
            order.append((nodes[best], float(between[best])))
            present[best] = False
        return order


def removal_steps(ctx: Context, network: InPlay, sequence: list[tuple[str, float]]) -> tuple[RemovalStep, ...]:
    """The removal sequence with what each step leaves of the in-play network's largest group."""
    order = [v for v, _ in sequence]
    return tuple(
        RemovalStep(k=k, id=v, status=ctx.metrics[v].status, betweenness=between,
                    lcc_fraction=network.share(order[:k]))
        for k, (v, between) in enumerate(sequence, start=1)
    )


def out_of_play(ctx: Context, network: InPlay) -> tuple[OutOfPlay, list[Draft]]:
    """What removing the out-of-play entities did to the network, and its finding."""
    remover, out = network.remover, network.out
    largest_before, components_before = remover.measure([])
    largest_after, components_after = remover.measure(out)
    present = network.present()
    degree_after = (network.matrix @ present.astype(np.float64)) * present
    isolated_after = int(np.count_nonzero(present & (degree_after == 0) & (ctx.graph.degree > 0)))
    statuses = {
        s: sum(1 for v in out if ctx.metrics[v].status == s) for s in sorted({ctx.metrics[v].status for v in out})
    }
    result = OutOfPlay(
        ids=tuple(out),
        statuses=statuses,
        key_players=tuple(v for v in ctx.analysis.key_players.overall if v in ctx.out_of_play),
        nodes_before=len(remover.nodes),
        nodes_after=len(remover.nodes) - len(out),
        largest_before=largest_before,
        largest_after=largest_after,
        components_before=components_before,
        components_after=components_after,
        lcc_fraction=largest_after / (largest_before or 1),
        isolated_after=isolated_after,
    )
    if not out:
        return result, []
    values = {
        "count": len(out),
        "statuses": statuses,
        "key_players": list(result.key_players),
        "largest_before": largest_before,
        "largest_after": largest_after,
        "lcc_fraction": result.lcc_fraction,
        "components_before": components_before,
        "components_after": components_after,
        "isolated_after": isolated_after,
    }
    links = [link for v in out for link in ctx.links_of(v)]
    return result, [Draft("out_of_play", values, [*out, *(k.ref for k in links)], links)]


def halved_at(steps: Iterable[RemovalStep]) -> int | None:
    """The removal step that halves the in-play network's largest group (``None``: none of ``steps`` does)."""
    return next((step.k for step in steps if step.lcc_fraction <= HALF), None)


def halving_step(network: InPlay, order: list[str]) -> int:
    """The shortest start of ``order`` whose removal halves the largest group (``len(order)`` if none does)."""
    return next((k for k in range(1, len(order) + 1) if network.share(order[:k]) <= HALF), len(order))


def target_count(network: InPlay, sequence: list[tuple[str, float]]) -> int:
    """How many entities of the removal sequence are targets (module docstring)."""
    order = [v for v, _ in sequence]
    return min(len(order), TARGET_MAX, max(TARGET_MIN, halving_step(network, order)))


def targets(ctx: Context, network: InPlay, sequence: list[tuple[str, float]], brokers: list[Broker]) -> list[Target]:
    """The target packages of the start of the removal sequence (:func:`target_count` entities)."""
    broker_ids = {b.id for b in brokers}
    rank_of = {v: i for i, v in enumerate(ctx.ranking, start=1)}
    between_rank = competition_ranks({m.id: m.betweenness for m in ctx.analysis.entities})
    chosen = sequence[:target_count(network, sequence)]
    picks = [v for v, _ in chosen]
    packages = []
    for rank, (v, between) in enumerate(chosen, start=1):
        m, entity = ctx.metrics[v], ctx.edition.entity_index[v]
        acted_in = [a.countries for a in ctx.activities if v in a.entities]
        packages.append(
            Target(
                rank=rank,
                id=v,
                type=m.type,
                status=m.status,
                wanted=m.status == "wanted",
                roles=m.roles,
                countries=entity.home_countries,
                activity_countries=tuple(sorted({c for countries in acted_in for c in countries})),
                key_player_score=m.key_player_score,
                key_player_rank=rank_of[v],
                betweenness=m.betweenness,
                in_play_betweenness=between,
                degree=m.degree,
                bridged_communities=m.bridged_communities,
                broker=v in broker_ids,
                articulation_point=m.articulation_point,
                lcc_alone=network.share([v]),
                lcc_cumulative=network.share(picks[:rank]),
                associates=associates(ctx, v),
                profile=grading.profile(ctx.links_of(v), ctx.system),
                ranked=len(ctx.ranking),
                betweenness_rank=between_rank[v],
                aliases=entity.aliases,
                identifiers=identifiers(ctx, v),
                agencies=tuple(tasking([*entity.home_countries, *(c for countries in acted_in for c in countries)])),
            )
        )
    return packages


def identifiers(ctx: Context, entity: str) -> tuple[Identifier, ...]:
    """The entities of :data:`IDENTIFIER_TYPES` directly linked to ``entity``, by type (in that order), then id."""
    order = {kind: i for i, kind in enumerate(IDENTIFIER_TYPES)}
    found: dict[str, list[Link]] = {}
    for link in ctx.links_of(entity):
        other = link.target if link.source == entity else link.source
        if other != entity and ctx.metrics[other].type in order:
            found.setdefault(other, []).append(link)
    return tuple(
        Identifier(id=u, type=ctx.metrics[u].type, links=tuple(dict.fromkeys(k.ref for k in links)),
                   grades=tuple(str(k.grading) if k.grading else grading.UNGRADED for k in links))
        for u, links in sorted(found.items(), key=lambda item: (order[ctx.metrics[item[0]].type], item[0]))
    )


def associates(ctx: Context, entity: str) -> tuple[Associate, ...]:
    """The entity's strongest associates (by merged link weight, then id) with their links.

    People and organisations only: its phones, accounts, places … are its identifiers (:func:`identifiers`).
    """
    weight = {u: w for u, w in ctx.graph.weights_of(entity).items() if ctx.metrics[u].type not in IDENTIFIER_TYPES}
    ranked = sorted(weight, key=lambda u: (-weight[u], u))[:ASSOCIATES]
    found = []
    for u in ranked:
        links = ctx.links_between(entity, u)
        found.append(
            Associate(
                id=u,
                status=ctx.metrics[u].status,
                links=tuple(k.ref for k in links),
                types=tuple(sorted({k.type for k in links})),
                grades=tuple(str(k.grading) if k.grading else grading.UNGRADED for k in links),
                weight=weight[u],
                graded=tuple(sorted({(k.type, str(k.grading) if k.grading else grading.UNGRADED) for k in links})),
            )
        )
    return tuple(found)


def weak_points(ctx: Context, network: InPlay) -> list[Draft]:
    """``weak_point`` findings: the in-play cut points that separate the most entities."""
    present = network.present()
    if not present.any():
        return []
    in_play = ctx.graph.neighbour_lists(present)
    cuts = sorted(
        (-cut_off, v) for v, cut_off in cut_offs(in_play, network.largest_root(present)).items()
        if cut_off >= WEAK_POINT_MIN_CUT_OFF
    )
    drafts = []
    for order, (negative, v) in enumerate(cuts[:WEAK_POINTS]):
        links = ctx.links_of(v)
        left = network.largest - 1 + negative
        values = {
            "entity": v,
            "cut_off": -negative,
            "lcc_fraction": left / (network.largest or 1),
            "largest_before": network.largest,
        }
        drafts.append(Draft("weak_point", values, [v, *(k.ref for k in links)], list(links), order))
    return drafts


def cut_offs(graph: Mapping[str, Iterable[str]], root: str) -> dict[str, int]:
    """For each cut point of ``root``'s component: the entities its removal separates from the largest piece.

    One depth-first search (Hopcroft–Tarjan low points, iterative): a child
    subtree whose low point does not reach above a node is a piece that node
    separates; the rest of the component is one more piece. The cut-off is
    the component's size, less the node, less its largest piece.
    """
    disc, low, size = {root: 0}, {root: 0}, {root: 1}
    pieces: dict[str, list[int]] = {}
    stack = [(root, "", iter(graph[root]))]
    while stack:
        v, parent, children = stack[-1]
        for u in children:
            if u == parent:
                continue
            if u in disc:
                low[v] = min(low[v], disc[u])
                continue
            disc[u] = low[u] = len(disc)
            size[u] = 1
            stack.append((u, v, iter(graph[u])))
            break
        else:
            stack.pop()
            if parent:
                low[parent] = min(low[parent], low[v])
                size[parent] += size[v]
                if low[v] >= disc[parent]:
                    pieces.setdefault(parent, []).append(size[v])
    total = size[root]
    return {
        v: total - 1 - max(*sizes, total - 1 - sum(sizes)) for v, sizes in pieces.items() if v != root or len(sizes) > 1
    }


def weak_set(ctx: Context, network: InPlay, sequence: list[tuple[str, float]]) -> list[Draft]:
    """The ``weak_set`` finding: the shortest start of the sequence that halves the largest group."""
    order = [v for v, _ in sequence]
    if not order:
        return []
    k = halving_step(network, order)
    chosen = order[:k]
    share = network.share(chosen)
    links = [link for v in chosen for link in ctx.links_of(v)]
    values = {
        "entities": chosen,
        "removed": k,
        "lcc_fraction": share,
        "halved": share <= HALF,
        "largest_before": network.largest,
    }
    return [Draft("weak_set", values, [*chosen, *(link.ref for link in links)], links)]
