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
- **Communities** (Leiden, computed apart in each period) are matched by
  shared members: a current community that takes a substantial part of two
  or more previous ones merged them; a previous community whose members are
  substantially in two or more current ones split. Substantial: at least
  :data:`MIN_SHARED` members and a quarter of the smaller community.
  Merges and splits are listed largest first (the members they move);
  communities are counted without the entities that have no link.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..data import vocab
from .graph import RANK_DIGITS
from .results import Analysis, EntityMetrics, PeriodFacts

#: Places a key player must move to count as rising.
RANK_STEP = 3
#: Shared members needed to tie two communities across periods.
MIN_SHARED = 3
#: Longest list of names kept for each kind of change.
LIST_LENGTH = 10


# -- results -------------------------------------------------------------------------------


@dataclass
class NamedEntity:
    id: str
    name: str
    roles: list[str]


@dataclass
class EntityChanges:
    now: int
    before: int
    new: int
    gone: int
    #: The most central new entities, and the most central no longer seen.
    new_top: list[NamedEntity]
    gone_top: list[NamedEntity]


@dataclass
class LinkChanges:
    now: int
    before: int
    new: int
    gone: int


@dataclass
class Totals:
    """One count in this period and in the previous one."""

    now: int
    before: int


@dataclass
class Merge:
    """A current community that brings together members of several previous ones."""

    community: int
    sources: list[int] = field(metadata={"key": "from"})
    #: Members the community shares with the previous ones it brings together.
    members: int = 0


@dataclass
class Split:
    """A previous community whose members are now spread over several current ones."""

    previous_community: int
    into: list[int]
    #: Members of the previous community found in the current ones it is spread over.
    members: int = 0


@dataclass
class CommunityChanges:
    now: int
    before: int
    merged: list[Merge]
    split: list[Split]


@dataclass
class RankMove:
    """A key player that rose in, or left, the top of the ranking."""

    id: str
    name: str
    rank: int | None
    previous_rank: int | None


@dataclass
class KeyPlayerChanges:
    rose: list[RankMove]
    fell: list[RankMove]


@dataclass
class RoleChange:
    """Holders of one role in both periods, and who took it up or dropped out."""

    role: str
    now: int
    before: int
    gained: int
    lost: int


@dataclass
class Changes:
    """What changed since the previous period of the same length."""

    previous_period: PeriodFacts
    entities: EntityChanges
    links: LinkChanges
    activities: Totals
    countries: Totals
    communities: CommunityChanges
    key_players: KeyPlayerChanges
    roles: list[RoleChange]


# -- comparison ----------------------------------------------------------------------------


def compare(current: Analysis, previous: Analysis) -> Changes:
    """Changes from ``previous`` to ``current``."""
    now, then = current.entity_index, previous.entity_index
    edges_now = current.arrays.edge_set()
    edges_then = previous.arrays.edge_set()
    return Changes(
        previous_period=previous.project.period,
        entities=_entities(now, then),
        links=LinkChanges(now=len(edges_now), before=len(edges_then), new=len(edges_now - edges_then),
                          gone=len(edges_then - edges_now)),
        activities=Totals(now=current.activities.count, before=previous.activities.count),
        countries=Totals(now=current.activities.countries, before=previous.activities.countries),
        communities=_communities(current, previous),
        key_players=_key_players(current, previous),
        roles=_roles(now, then),
    )


def _by_score(table: dict[str, EntityMetrics], ids: set[str]) -> list[str]:
    return sorted(ids, key=lambda v: (-table[v].key_player_score, v))


def _entities(now: dict[str, EntityMetrics], then: dict[str, EntityMetrics]) -> EntityChanges:
    new = _by_score(now, set(now) - set(then))
    gone = _by_score(then, set(then) - set(now))
    return EntityChanges(
        now=len(now), before=len(then), new=len(new), gone=len(gone),
        new_top=[NamedEntity(v, now[v].name, list(now[v].roles)) for v in new[:LIST_LENGTH]],
        gone_top=[NamedEntity(v, then[v].name, list(then[v].roles)) for v in gone[:LIST_LENGTH]],
    )


def _key_players(current: Analysis, previous: Analysis) -> KeyPlayerChanges:
    now, then = current.entity_index, previous.entity_index
    ranks_now = {v: i for i, v in enumerate(_ranking(current), start=1)}
    ranks_then = {v: i for i, v in enumerate(_ranking(previous), start=1)}
    rose = []
    for v in current.key_players.overall:
        before = ranks_then.get(v)
        if before is None or before - ranks_now[v] >= RANK_STEP:
            rose.append(RankMove(v, now[v].name, ranks_now[v], before))
    top_now = set(current.key_players.overall)
    fell = [RankMove(v, then[v].name, ranks_now.get(v), ranks_then[v])
            for v in previous.key_players.overall if v not in top_now]
    return KeyPlayerChanges(rose=rose, fell=fell)


def _communities(current: Analysis, previous: Analysis) -> CommunityChanges:
    before = {v: p for p in previous.communities for v in p.members}
    size_before = {p.id: p.size for p in previous.communities}
    shared = {}
    for c in current.communities:
        overlaps = Counter(before[v].id for v in c.members if v in before)
        for p, count in sorted(overlaps.items()):
            if count >= MIN_SHARED and count * 4 >= min(c.size, size_before[p]):
                shared[(c.id, p)] = count
    merged = [
        Merge(c.id, sorted(p for (cc, p) in shared if cc == c.id),
              sum(n for (cc, _p), n in shared.items() if cc == c.id))
        for c in current.communities
        if sum(1 for (cc, _) in shared if cc == c.id) >= 2
    ]
    split = [
        Split(p.id, sorted(c for (c, pp) in shared if pp == p.id),
              sum(n for (_c, pp), n in shared.items() if pp == p.id))
        for p in previous.communities
        if sum(1 for (_, pp) in shared if pp == p.id) >= 2
    ]
    merged.sort(key=lambda m: (-m.members, m.community))
    split.sort(key=lambda s: (-s.members, s.previous_community))
    return CommunityChanges(now=_linked_communities(current), before=_linked_communities(previous), merged=merged,
                            split=split)


def _linked_communities(analysis: Analysis) -> int:
    """Communities, not counting entities without any link (each its own community), as the reports count them."""
    graph = analysis.arrays
    return sum(1 for c in analysis.communities if c.size > 1 or graph.degree[graph.index[c.members[0]]] > 0)


def _roles(now: dict[str, EntityMetrics], then: dict[str, EntityMetrics]) -> list[RoleChange]:
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
            rows.append(RoleChange(role=role, now=len(holders_now), before=len(holders_then),
                                   gained=len(holders_now - holders_then), lost=len(holders_then - holders_now)))
    return rows


def _ranking(analysis: Analysis) -> list[str]:
    return [e.id for e in sorted(analysis.entities, key=lambda e: (-round(e.key_player_score, RANK_DIGITS), e.id))]
