"""Activity findings: what the network does, where, between which countries, and how it changed.

**Honest trends.** A change between two counts is expressed as a
percentage (``express_as: percent``, with ``change`` = now / before − 1)
only when both counts are at least :data:`TREND_MIN_BASE`; otherwise as
the two counts (``express_as: counts``, ``change`` is ``None``): "+500%" on
a base of 2 says nothing.

**Collection caveat.** When the volume of reporting itself changed, a trend
may reflect collection as well as crime: ``collection_caveat`` is set on
every trend when the period's activities, or its new records (links and
entities first seen in the period), differ from the previous period's by a
factor of :data:`COLLECTION_FACTOR` or more, either way (or one of them is
zero and the other not).

**Dominant** crime types and countries: the leader by number of the
period's activities, and each of the next ones (up to :data:`DOMINANT_MAX`
in all) with at least :data:`DOMINANT_MIN_RATIO` of the leader's count;
none under :data:`DOMINANT_MIN_COUNT` activities (too few to make a
pattern). An activity in several countries counts in each.

**Activity trends**: the total, and each crime type whose share of the
activities moved by :data:`SHARE_SHIFT` or more (shares are what a change in
collection affects least).

**Corridors**: country pairs joined by cross-border relationships (the
analysis' :attr:`~reportgen.analysis.results.Analysis.cross_border` pairs,
by the one rule :func:`reportgen.analysis.graph.crossing`: their counts of
distinct relationships and recorded links are that pair's) and by
activities in two or more countries; the :data:`CORRIDORS` pairs with the
most relationships and activities together. The recorded links behind a
pair's relationships are its evidence.

**New and rising players** (from the analysis' comparison with the
previous period): ``rising_player`` for a key player who climbed at least
:data:`reportgen.analysis.changes.RANK_STEP` places; ``new_player`` for an
entity not seen in the previous period that ranks in the top
:data:`NEW_PLAYER_MAX_RANK` of the key-player ranking.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ...data.model import Activity, Link
from ..activities import activity_pairs
from ..graph import crossing
from .context import Context
from .findings import Draft
from .results import ReportingVolume

#: Smallest count on both sides of a change expressed as a percentage.
TREND_MIN_BASE = 10
#: Change of reporting volume (either way) that puts a caveat on trends.
COLLECTION_FACTOR = 1.5
#: Dominant values reported at most (crime types, countries).
DOMINANT_MAX = 3
#: Activities a value needs to be dominant at all.
DOMINANT_MIN_COUNT = 5
#: Share of the leader's count a value needs to be dominant too.
DOMINANT_MIN_RATIO = 0.5
#: Change of a dominant value's share of activities (0.02 = 2 points) that it needs to be reported beside the
#: previous period's share; a smaller change is reported only when the shares, as whole percentages, differ
#: (never « 14% against 14% »).
DOMINANT_MIN_SHIFT = 0.02
#: Change of a crime type's share of activities (0.05 = 5 points) that makes a trend finding.
SHARE_SHIFT = 0.05
#: Country pairs reported as corridors.
CORRIDORS = 3
#: Key-player rank within which a new entity is a ``new_player``.
NEW_PLAYER_MAX_RANK = 20


def trend(now: int, before: int, caveat: bool) -> dict[str, Any]:
    """The values of a change from ``before`` to ``now`` under the honest-trend rule."""
    percent = now >= TREND_MIN_BASE and before >= TREND_MIN_BASE
    return {
        "count": now, "previous_count": before, "express_as": "percent" if percent else "counts",
        "change": now / before - 1 if percent else None, "collection_caveat": caveat,
    }


def _changed(now: int, before: int) -> bool:
    """Whether a volume changed by :data:`COLLECTION_FACTOR` or more, either way."""
    if not now or not before:
        return bool(now or before)
    return max(now / before, before / now) >= COLLECTION_FACTOR


def reporting_volume(ctx: Context) -> ReportingVolume:
    """The reporting volume of both periods and whether it changed enough for a caveat."""
    start, end = ctx.previous

    def first_seen_in(low: date, high: date) -> int:
        """Entities and links first seen from ``low`` to ``high``."""
        dates = [e.first_seen for e in ctx.edition.entities] + [k.first_seen for k in ctx.edition.links]
        return sum(1 for day in dates if day is not None and low <= day <= high)

    new_now, new_before = first_seen_in(ctx.period.start, ctx.period.end), first_seen_in(start, end)
    now, before = len(ctx.activities), len(ctx.previous_activities)
    return ReportingVolume(
        activities=now, previous_activities=before, new_records=new_now, previous_new_records=new_before,
        collection_caveat=_changed(now, before) or _changed(new_now, new_before),
    )


def share_changed(share: float, previous_share: float) -> bool:
    """Whether a share moved by :data:`DOMINANT_MIN_SHIFT` or more, or its whole percentage changed."""
    # Python's round and the report's percentages (Babel) both round half to even.
    return abs(share - previous_share) >= DOMINANT_MIN_SHIFT or round(share * 100) != round(previous_share * 100)


def _dominant(kind: str, key: str, now: list[Activity], before: list[Activity],
              keys_of: Callable[[Activity], Iterable[str]], caveat: bool) -> list[Draft]:
    """Dominant-value findings of one dimension (crime type or country)."""
    counts = Counter(k for a in now for k in keys_of(a))
    previous = Counter(k for a in before for k in keys_of(a))
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    previous_rank = {k: i for i, k in enumerate(sorted(previous, key=lambda k: (-previous[k], k)), start=1)}
    drafts = []
    for order, value in enumerate(ranked[:DOMINANT_MAX]):
        if counts[value] < max(DOMINANT_MIN_COUNT, DOMINANT_MIN_RATIO * counts[ranked[0]]):
            break
        share, previous_share = counts[value] / len(now), previous[value] / len(before) if before else None
        if previous_share is not None and not share_changed(share, previous_share):
            continue
        records = [a for a in now if value in keys_of(a)]
        values = {key: value, "rank": order + 1, "share": share, "previous_share": previous_share,
                  "previous_rank": previous_rank.get(value), "total": len(now),
                  **trend(counts[value], previous[value], caveat)}
        drafts.append(Draft(kind, values, [a.id for a in records], records, order))
    return drafts


def activity_findings(ctx: Context, volume: ReportingVolume) -> list[Draft]:
    """Dominant crime types and countries, and the activity trends."""
    now, before, caveat = ctx.activities, ctx.previous_activities, volume.collection_caveat
    if not now:
        return []
    drafts = _dominant("dominant_crime_type", "type", now, before, lambda a: (a.type,), caveat)
    drafts += _dominant("dominant_country", "country", now, before, lambda a: a.countries, caveat)
    total = Draft("activity_trend", {"scope": "total", **trend(len(now), len(before), caveat)},
                  [a.id for a in now], list(now))
    drafts.append(total)
    if not before:
        return drafts
    counts, previous = Counter(a.type for a in now), Counter(a.type for a in before)
    shifts = []
    for kind in sorted(set(counts) | set(previous)):
        share, previous_share = counts[kind] / len(now), previous[kind] / len(before)
        if abs(share - previous_share) >= SHARE_SHIFT:
            shifts.append((-abs(share - previous_share), kind, share, previous_share))
    for order, (_, kind, share, previous_share) in enumerate(sorted(shifts), start=1):
        records = [a for a in now if a.type == kind]
        values = {"scope": "crime_type", "type": kind, "share": share, "previous_share": previous_share,
                  **trend(counts[kind], previous[kind], caveat)}
        drafts.append(Draft("activity_trend", values, [a.id for a in records], records, order))
    return drafts


def corridors(ctx: Context) -> list[Draft]:
    """``corridor`` findings: the country pairs with the most cross-border relationships and activities."""
    border = {(p.countries[0], p.countries[1]): p for p in ctx.analysis.cross_border}
    links: dict[tuple[str, str], list[Link]] = defaultdict(list)
    activities: dict[tuple[str, str], list[Activity]] = defaultdict(list)
    entities = ctx.scope.entity_index
    for link in ctx.scope.links:
        for key in crossing(entities[link.source].home_countries, entities[link.target].home_countries):
            links[key].append(link)
    activities.update(activity_pairs(ctx.activities))

    def relationships(key: tuple[str, str]) -> int:
        return border[key].links if key in border else 0

    pairs = sorted(set(border) | set(activities),
                   key=lambda p: (-(relationships(p) + len(activities[p])), -relationships(p), p))
    drafts = []
    for order, key in enumerate(pairs[:CORRIDORS]):
        values = {"countries": list(key), "links": relationships(key),
                  "records": border[key].records if key in border else 0, "activities": len(activities[key])}
        evidence = [k.ref for k in links[key]] + [a.id for a in activities[key]]
        drafts.append(Draft("corridor", values, evidence, [*links[key], *activities[key]], order))
    return drafts


def player_findings(ctx: Context) -> list[Draft]:
    """``rising_player`` and ``new_player`` findings, when the analysis compared periods."""
    changes = ctx.analysis.changes
    if not changes:
        return []
    rank = {v: i for i, v in enumerate(ctx.ranking, start=1)}
    drafts: list[Draft] = []
    rose = [row for row in changes.key_players.rose if row.previous_rank is not None]
    for order, row in enumerate(rose):
        links = ctx.links_of(row.id)
        values = {"entity": row.id, "rank": row.rank, "previous_rank": row.previous_rank}
        drafts.append(Draft("rising_player", values, [row.id, *(k.ref for k in links)], list(links), order))
    new = [row.id for row in changes.entities.new_top
           if rank.get(row.id, NEW_PLAYER_MAX_RANK + 1) <= NEW_PLAYER_MAX_RANK]
    for order, v in enumerate(sorted(new, key=lambda v: rank[v])):
        links = ctx.links_of(v)
        values = {"entity": v, "rank": rank[v], "degree": ctx.metrics[v].degree}
        drafts.append(Draft("new_player", values, [v, *(k.ref for k in links)], list(links), order))
    return drafts
