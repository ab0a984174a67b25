"""What changed since the last briefing: this period's analysis against the previous one.

Both analyses come from :func:`reportgen.analysis.analyse.analyse` on the same data,
selected for the reporting period and for the previous period of the same
length (:mod:`reportgen.data.periods`). Language-independent, like the analysis.

- **Entities and links** are new when seen in this period and not in the
  previous one, no longer seen the other way round (links as merged pairs).
- **Key players** rose when they are in this period's top list and were
  ranked lower (or not at all) before, by at least :data:`RANK_STEP` places;
  fell when they were in the previous top list and are not in this one.
- **Roles**: holders of each role in both periods, and how many took it up
  (new holders) or dropped out (holders no longer seen).
- **Communities** (Louvain, computed apart in each period) are matched by
  shared members: a current community that takes a substantial part of two
  or more previous ones merged them; a previous community whose members are
  substantially in two or more current ones split. Substantial: at least
  :data:`MIN_SHARED` members and a quarter of the smaller community.
"""

from __future__ import annotations

from typing import Any

from ..data import vocab
from .analyse import Analysis

#: Places a key player must move to count as rising.
RANK_STEP = 3
#: Shared members needed to tie two communities across periods.
MIN_SHARED = 3
#: Longest list of names kept for each kind of change.
LIST_LENGTH = 10


def compare(current: Analysis, previous: Analysis) -> dict[str, Any]:
    """Changes from ``previous`` to ``current`` as plain data."""
    now = {e.id: e for e in current.entities}
    then = {e.id: e for e in previous.entities}
    score = lambda table: (lambda v: (-table[v].key_player_score, v))  # noqa: E731
    new = sorted(set(now) - set(then), key=score(now))
    gone = sorted(set(then) - set(now), key=score(then))
    edges_now = {tuple(sorted(e)) for e in current.graph.edges()}
    edges_then = {tuple(sorted(e)) for e in previous.graph.edges()}

    ranks_now = {v: i for i, v in enumerate(_ranking(current), start=1)}
    ranks_then = {v: i for i, v in enumerate(_ranking(previous), start=1)}
    rose = [
        {"id": v, "name": now[v].name, "rank": ranks_now[v], "previous_rank": ranks_then.get(v)}
        for v in current.key_players["overall"]
        if ranks_then.get(v) is None or ranks_then[v] - ranks_now[v] >= RANK_STEP
    ]
    top_now = set(current.key_players["overall"])
    fell = [
        {"id": v, "name": then[v].name, "rank": ranks_now.get(v), "previous_rank": ranks_then[v]}
        for v in previous.key_players["overall"]
        if v not in top_now
    ]

    shared = {}
    for c in current.communities:
        members = set(c.members)
        for p in previous.communities:
            count = len(members & set(p.members))
            if count >= MIN_SHARED and count * 4 >= min(c.size, p.size):
                shared[(c.id, p.id)] = count
    merged = [
        {"community": c.id, "from": sorted(p for (cc, p) in shared if cc == c.id)}
        for c in current.communities
        if sum(1 for (cc, _) in shared if cc == c.id) >= 2
    ]
    split = [
        {"previous_community": p.id, "into": sorted(c for (c, pp) in shared if pp == p.id)}
        for p in previous.communities
        if sum(1 for (_, pp) in shared if pp == p.id) >= 2
    ]
    return {
        "previous_period": previous.project["period"],
        "entities": {
            "now": len(now), "before": len(then), "new": len(new), "gone": len(gone),
            "new_top": [{"id": v, "name": now[v].name, "roles": list(now[v].roles)} for v in new[:LIST_LENGTH]],
            "gone_top": [{"id": v, "name": then[v].name, "roles": list(then[v].roles)} for v in gone[:LIST_LENGTH]],
        },
        "links": {"now": len(edges_now), "before": len(edges_then), "new": len(edges_now - edges_then),
                  "gone": len(edges_then - edges_now)},
        "activities": {"now": current.activities["count"], "before": previous.activities["count"]},
        "countries": {"now": current.activities["countries"], "before": previous.activities["countries"]},
        "communities": {"now": len(current.communities), "before": len(previous.communities),
                        "merged": merged, "split": split},
        "key_players": {"rose": rose, "fell": fell},
        "roles": _roles(now, then),
    }


def _roles(now: dict, then: dict) -> list[dict[str, Any]]:
    """Holders of each role in both periods, and who took up or dropped it.

    Roles are recorded per entity, not per period, so a role changes with
    the entities seen: ``gained`` are holders new in this period, ``lost``
    holders no longer seen.
    """
    rows = []
    for role in vocab.ROLES:
        holders_now = {v for v, e in now.items() if role in e.roles}
        holders_then = {v for v, e in then.items() if role in e.roles}
        if holders_now or holders_then:
            rows.append({"role": role, "now": len(holders_now), "before": len(holders_then),
                         "gained": len(holders_now - holders_then), "lost": len(holders_then - holders_now)})
    return rows


def _ranking(analysis: Analysis) -> list[str]:
    return [e.id for e in sorted(analysis.entities, key=lambda e: (-round(e.key_player_score, 12), e.id))]
