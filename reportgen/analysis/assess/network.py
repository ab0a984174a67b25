"""Network findings: brokers, the leadership core, and the ranking on well-graded links only.

**Brokers** (distinct from key players, who score high on degree,
betweenness and eigenvector together): an entity is a broker when

- its links reach at least :data:`BROKER_MIN_BRIDGED` communities other
  than its own, and
- its betweenness ranks strictly higher than its degree: it lies on more
  shortest paths between others than its number of links alone explains.

Ranks are competition ranks over the period's network (equal values share
a rank, so the best-connected entity, first on both, is not a broker by
this rule unless another entity has more links). Brokers are listed by
betweenness; the :data:`BROKER_FINDINGS` first still in play are
``principal_broker`` findings, evidenced by their links that leave their
community.

**Leadership core**: the key players (top list) linked directly to the
leaders of at least :data:`LEADERSHIP_MIN_LEADERS` other communities
(communities of one entity are not communities and do not count).

**Grading sensitivity**: the key-player ranking recomputed on the period's
network with only well-graded links (:data:`.grading.WELL_GRADED` or
better: Admiralty A–C and 1–3); the entities that leave the top list are
``weakly_sourced_player`` findings.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ...data.model import Link
from .. import centrality
from ..arrays import GraphArrays
from ..graph import RANK_DIGITS, build_graph
from ..graph import key_player_scores as _key_player_scores
from ..graph import ranked as _ranked
from ..results import Settings
from . import grading
from .context import Context
from .findings import Draft
from .results import Broker, GradingSensitivity

#: Other communities a broker's links must reach.
BROKER_MIN_BRIDGED = 2
#: A broker's rank for direct links is at least this many times its betweenness rank: it lies on far
#: more shortest paths than its number of contacts explains (2 against 3 is not a broker; 9 against 15 is).
BROKER_RANK_RATIO = 1.5
#: ... and at least this many places lower.
BROKER_RANK_GAP = 3
#: Brokers in play reported as ``principal_broker`` findings.
BROKER_FINDINGS = 3
#: Leaders of other communities a key player must be linked to, to be in the leadership core.
LEADERSHIP_MIN_LEADERS = 3


def competition_ranks(values: dict[str, float]) -> dict[str, int]:
    """Rank of each key by descending value: 1 + how many values are strictly greater."""
    ordered = sorted(round(v, RANK_DIGITS) for v in values.values())
    total = len(ordered)
    return {key: 1 + total - bisect_right(ordered, round(value, RANK_DIGITS)) for key, value in values.items()}


def find_brokers(ctx: Context) -> list[Broker]:
    """The brokers of the period's network (module docstring), highest betweenness first."""
    entities = ctx.analysis.entities
    between = competition_ranks({m.id: m.betweenness for m in entities})
    degree = competition_ranks({m.id: float(m.degree) for m in entities})
    community = {m.id: m.community for m in entities}
    found = []
    for m in entities:
        if (m.bridged_communities < BROKER_MIN_BRIDGED or m.betweenness <= 0
                or degree[m.id] < BROKER_RANK_RATIO * between[m.id]
                or degree[m.id] - between[m.id] < BROKER_RANK_GAP):
            continue
        reached = sorted({community[u] for u in ctx.graph.neighbours(m.id)} - {m.community})
        found.append(Broker(
            id=m.id, status=m.status, in_play=m.id not in ctx.out_of_play, betweenness=m.betweenness,
            betweenness_rank=between[m.id], degree=m.degree, degree_rank=degree[m.id],
            bridged_communities=m.bridged_communities, cross_community_share=m.cross_community_share,
            communities=tuple(reached),
        ))
    found.sort(key=lambda b: (-round(b.betweenness, RANK_DIGITS), b.id))
    return found


def broker_findings(ctx: Context, brokers: list[Broker]) -> list[Draft]:
    """``principal_broker`` findings for the first brokers still in play."""
    community = {m.id: m.community for m in ctx.analysis.entities}
    drafts = []
    for order, broker in enumerate(b for b in brokers if b.in_play):
        if order >= BROKER_FINDINGS:
            break
        links = [link for link in ctx.links_of(broker.id)
                 if community.get(link.source) != community.get(link.target)]
        values = {
            "entity": broker.id, "betweenness": broker.betweenness, "betweenness_rank": broker.betweenness_rank,
            "degree": broker.degree, "degree_rank": broker.degree_rank,
            "bridged_communities": broker.bridged_communities,
            "cross_community_share": broker.cross_community_share, "communities": list(broker.communities),
        }
        drafts.append(Draft("principal_broker", values, [broker.id, *(k.ref for k in links)], links, order))
    return drafts


def leadership_core(ctx: Context) -> list[Draft]:
    """The ``leadership_core`` finding, if any key player reaches enough community leaders."""
    real = [c for c in ctx.analysis.communities if c.size > 1]
    leader_of = {c.leader: c.id for c in real}
    community = {m.id: m.community for m in ctx.analysis.entities}
    members: list[str] = []
    reached: set[int] = set()
    links: list[Link] = []
    for v in ctx.analysis.key_players.overall:
        leaders = [u for u in ctx.graph.neighbours(v) if u in leader_of and leader_of[u] != community[v]]
        if len({leader_of[u] for u in leaders}) >= LEADERSHIP_MIN_LEADERS:
            members.append(v)
            reached.update(leader_of[u] for u in leaders)
            links.extend(link for u in sorted(leaders) for link in ctx.links_between(v, u))
    if not members:
        return []
    links.extend(link for i, u in enumerate(members) for v in members[i + 1:] for link in ctx.links_between(u, v))
    values = {
        "members": members, "in_play": [v for v in members if v not in ctx.out_of_play],
        "communities_reached": len(reached), "communities": len(real),
        "linked": all(ctx.graph.has_edge(u, v) for i, u in enumerate(members) for v in members[i + 1:]),
    }
    return [Draft("leadership_core", values, [*members, *(k.ref for k in links)], links)]


def key_player_ranking(graph: GraphArrays, settings: Settings) -> list[str]:
    """Every node of ``graph`` by the analysis' key-player score, highest first.

    The same score as :func:`reportgen.analysis.analyse.analyse` (mean of
    degree, betweenness and eigenvector centrality, each over its maximum),
    for a network the analysis did not compute.
    """
    nodes, n, matrix = graph.nodes, graph.n, graph.matrix
    if n == 0:
        return []
    degree = (dict(zip(nodes, [d / (n - 1) for d in graph.degree.tolist()], strict=True)) if n > 1
              else dict.fromkeys(nodes, 0.0))
    samples = settings.betweenness_samples if n > settings.exact_betweenness_limit else None
    scores = centrality.betweenness(matrix, samples=samples, seed=settings.seed).tolist()
    between = dict(zip(nodes, scores, strict=True))
    eigen = dict(zip(nodes, centrality.eigenvector(matrix).tolist(), strict=False))
    return _ranked(_key_player_scores(nodes, degree, between, eigen), nodes)


def grading_sensitivity(ctx: Context) -> tuple[GradingSensitivity, list[Draft]]:
    """The key-player top list on well-graded links only, and the players it drops."""
    kept = tuple(link for link in ctx.scope.links if grading.creditable(link.grading))
    ranking = key_player_ranking(build_graph(replace(ctx.scope, links=kept)), ctx.settings)
    top = tuple(ranking[: ctx.settings.top])
    usual = tuple(ctx.analysis.key_players.overall)
    position = {v: i for i, v in enumerate(ranking, start=1)}
    usual_rank = {v: i for i, v in enumerate(ctx.ranking, start=1)}
    left = tuple(v for v in usual if v not in top)
    drafts = [
        Draft(
            "weakly_sourced_player",
            {"entity": v, "rank": usual_rank[v], "well_graded_rank": position.get(v)},
            [v, *(k.ref for k in ctx.links_of(v))],
            list(ctx.links_of(v)),
            order,
        )
        for order, v in enumerate(left)
    ]
    result = GradingSensitivity(
        threshold=grading.WELL_GRADED,
        links_kept=len(kept),
        links_total=len(ctx.scope.links),
        top=top,
        top_all_links=usual,
        entered=tuple(v for v in top if v not in usual),
        left=left,
        changed=set(top) != set(usual),
    )
    return result, drafts
