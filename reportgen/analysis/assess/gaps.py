"""Intelligence gaps the data shows: what is not known, how often, and what to collect.

Entity and link gaps count the period's network (entities and links seen
in the period); activity gaps count the period's activities;
``target_release_unrecorded`` counts the target packages whose target is
recorded as released (the data contract has no date or conditions of
release: an operation must confirm them first), its sample their ids;
``target_without_identifiers`` the packages with no identifier or place
recorded, its sample their ids. Each gap
carries a collection ``requirement`` code, rendered later from a
translatable template; gaps with a count of 0 are left out. Activities
without a date cannot occur (``date`` is required by the data contract).

Every gap but ``entity_without_country`` also names, in ``values``
``countries``, the countries most of its records concern (at most
:data:`TASKING_COUNTRIES`, most records first): whose national bureaus to
task. An entity's countries (a target's too) are its home countries; a link's, those of its
two ends; an activity's, its own; ``country_without_entity``'s, its sample.

The unknown share of the total value is estimated: each activity without a
value is given the median value of the period's valued activities of its
type (of all valued activities when its type has none), and
``estimated_unknown_share`` is that estimate over the known total plus it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from statistics import median
from typing import Any

from ...data.model import Activity
from . import grading
from .context import Context
from .results import Gap, Target

#: Ids shown at most in a gap's sample.
SAMPLE_SIZE = 10
#: Countries named at most as whose bureaus to task about a gap.
TASKING_COUNTRIES = 5

#: The collection requirement of each gap kind.
REQUIREMENTS = {
    "person_without_role": "establish_role",
    "entity_without_country": "establish_location",
    "entity_without_links": "establish_associations",
    "target_release_unrecorded": "confirm_release",
    "target_without_identifiers": "establish_identifiers",
    "link_unreliable": "corroborate_link",
    "link_ungraded": "grade_link",
    "link_without_evidence": "record_link_evidence",
    "link_single_source": "second_source_link",
    "activity_without_value": "estimate_value",
    "activity_without_grading": "grade_activity",
    "activity_without_entities": "attribute_activity",
    "activity_without_country": "locate_activity",
    "country_without_entity": "identify_actors_in_country",
}


def _gap(kind: str, items: list[str], total: int, values: dict[str, Any] | None = None,
         count: int | None = None) -> Gap:
    """A gap of ``count`` items (default: ``len(items)``) sampled from ``items``."""
    return Gap(kind=kind, count=len(items) if count is None else count, total=total,
               sample=tuple(items[:SAMPLE_SIZE]), requirement=REQUIREMENTS[kind], values=values or {})


def find_gaps(ctx: Context, targets: Iterable[Target] = ()) -> list[Gap]:
    """Every data-derived gap with a count above 0, in :data:`REQUIREMENTS` order (``targets``: the packages)."""
    chosen = list(targets)
    found = [*_entity_gaps(ctx), _release_gap(chosen), _identifier_gap(chosen), *_link_gaps(ctx), *_activity_gaps(ctx)]
    return [gap for gap in found if gap.count]


def _release_gap(targets: Iterable[Target]) -> Gap:
    """The targets recorded as released: the data contract has no date or conditions of release to give."""
    chosen = list(targets)
    released = [t for t in chosen if t.status == "released"]
    return _gap("target_release_unrecorded", [t.id for t in released], len(chosen),
                {"countries": tasking(c for t in released for c in t.countries)})


def _identifier_gap(targets: list[Target]) -> Gap:
    """The targets with no identifier or place recorded (phone, account, address, vehicle …): what an operation
    intercepts, freezes or searches. Their national bureaus (the packages' agencies) are asked for them."""
    bare = [t for t in targets if not t.identifiers]
    return _gap("target_without_identifiers", [t.id for t in bare], len(targets),
                {"countries": tasking(c for t in bare for c in t.agencies)})


def tasking(countries: Iterable[str]) -> list[str]:
    """The :data:`TASKING_COUNTRIES` countries that occur most often in ``countries`` (ties by code)."""
    counts = Counter(countries)
    return sorted(counts, key=lambda c: (-counts[c], c))[:TASKING_COUNTRIES]


def _by_importance(ctx: Context, ids: Iterable[str]) -> list[str]:
    """Entity ids by key-player rank (the most important first)."""
    rank = {v: i for i, v in enumerate(ctx.ranking)}
    return sorted(ids, key=lambda v: (rank.get(v, len(rank)), v))


def _entity_gaps(ctx: Context) -> list[Gap]:
    """Gaps about the entities of the period's network."""
    entities = [e for e in ctx.scope.entities if e.id in ctx.graph.index]
    people = [e for e in entities if e.type == "person"]
    roleless = [e for e in people if not e.roles]
    unlinked = set(ctx.graph.isolated())

    def where(chosen: Iterable) -> dict[str, Any]:
        return {"countries": tasking(c for e in chosen for c in e.home_countries)}

    return [
        _gap("person_without_role", _by_importance(ctx, (e.id for e in roleless)), len(people), where(roleless)),
        _gap("entity_without_country", _by_importance(ctx, (e.id for e in entities if not e.home_countries)),
             len(entities)),
        _gap("entity_without_links", _by_importance(ctx, unlinked), len(entities),
             where(e for e in entities if e.id in unlinked)),
    ]


def _link_gaps(ctx: Context) -> list[Gap]:
    """Gaps about the period's links (sampled by the importance of the entities they join)."""
    links = list(ctx.scope.links)
    score = {m.id: m.key_player_score for m in ctx.analysis.entities}
    index = ctx.scope.entity_index

    def gap(kind: str, test: Callable) -> Gap:
        """The gap of the links passing ``test``; id-less parallel links share one sample reference."""
        chosen = sorted((k for k in links if test(k)),
                        key=lambda k: (-max(score.get(k.source, 0.0), score.get(k.target, 0.0)), k.ref))
        ends = (index[v] for k in chosen for v in {k.source, k.target} if v in index)
        return _gap(kind, list(dict.fromkeys(k.ref for k in chosen)), len(links),
                    {"countries": tasking(c for e in ends for c in e.home_countries)}, count=len(chosen))

    return [
        gap("link_unreliable", lambda k: grading.tier(k.grading) == "unreliable"),
        gap("link_ungraded", lambda k: k.grading is None),
        gap("link_without_evidence", lambda k: not k.evidence),
        gap("link_single_source", lambda k: len(k.evidence) == 1),
    ]


def _activity_gaps(ctx: Context) -> list[Gap]:
    """Gaps about the period's activities (sampled latest first)."""
    activities = ctx.activities
    total = len(activities)

    latest_first = sorted(activities, key=lambda a: (a.date, a.id), reverse=True)

    def ids(test: Callable[[Activity], bool]) -> list[str]:
        """Ids of the activities passing ``test``, latest first."""
        return [a.id for a in latest_first if test(a)]

    def where(test: Callable[[Activity], bool], values: dict[str, Any] | None = None) -> dict[str, Any]:
        """``values`` and the countries of the activities passing ``test``."""
        return {**(values or {}), "countries": tasking(c for a in activities if test(a) for c in a.countries)}

    tied = {c for e in ctx.scope.entities if e.id in ctx.graph.index for c in e.home_countries}
    countries = sorted({c for a in activities for c in a.countries} - tied)
    in_countries = sum(1 for a in activities if set(a.countries) & set(countries))
    return [
        _gap("activity_without_value", ids(lambda a: a.value_eur is None), total,
             where(lambda a: a.value_eur is None, _value_share(activities))),
        _gap("activity_without_grading", ids(lambda a: a.grading is None), total, where(lambda a: a.grading is None)),
        _gap("activity_without_entities", ids(lambda a: not a.entities), total, where(lambda a: not a.entities)),
        _gap("activity_without_country", ids(lambda a: not a.countries), total),
        _gap("country_without_entity", countries, len({c for a in activities for c in a.countries}),
             {"activities": in_countries, "countries": countries[:TASKING_COUNTRIES]}),
    ]


def _value_share(activities: list[Activity]) -> dict[str, Any]:
    """Known value, estimated unknown value and its share (module docstring)."""
    valued = [(a.type, a.value_eur) for a in activities if a.value_eur is not None]
    known = sum(value for _, value in valued)
    if not valued:
        return {"known_value_eur": 0.0, "estimated_unknown_value_eur": None, "estimated_unknown_share": None}
    overall = median(value for _, value in valued)
    by_type: dict[str, list[float]] = {}
    for kind, value in valued:
        by_type.setdefault(kind, []).append(value)
    medians = {kind: median(values) for kind, values in by_type.items()}
    unknown = sum(medians.get(a.type, overall) for a in activities if a.value_eur is None)
    return {
        "known_value_eur": known, "estimated_unknown_value_eur": unknown,
        "estimated_unknown_share": unknown / (known + unknown) if known + unknown else 0.0,
    }
