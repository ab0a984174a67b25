"""Findings: drafts from each part of the assessment, ranked, numbered, and the bottom line.

Each part proposes :class:`Draft` findings (kind, values, evidence ids and
the records behind them). :func:`finish` gives each its confidence (from
the grading of its records, :func:`.grading.profile`), its priority and its
id, and picks the bottom line.

**Priority** = :data:`KIND_PRIORITY` of its kind + :data:`CONFIDENCE_BONUS`
of its confidence − :data:`ORDER_PENALTY` × its place among the findings of
its kind (the principal broker before the second one).

**Bottom line**: the highest-priority finding of each family of
:data:`FAMILIES` (network, activity, players), then the best findings of
kinds not yet used, up to :data:`BOTTOM_LINE_SIZE`; in priority order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ...data import vocab
from ...data.model import Activity, Link
from . import grading
from .results import Finding

#: Base priority of each finding kind: what a director must read first.
KIND_PRIORITY = {
    "principal_broker": 90,
    "weak_set": 88,
    "weak_point": 84,
    "leadership_core": 80,
    "activity_trend": 75,
    "dominant_crime_type": 70,
    "out_of_play": 65,
    "corridor": 60,
    "dominant_country": 55,
    "rising_player": 50,
    "new_player": 45,
    "weakly_sourced_player": 40,
}

#: Added to the priority of a finding for its confidence.
CONFIDENCE_BONUS = {"low": 0, "moderate": 5, "high": 10}

#: Subtracted per place among the findings of the same kind.
ORDER_PENALTY = 5

#: Families of kinds; the bottom line takes the best finding of each first.
FAMILIES = (
    ("principal_broker", "weak_set", "weak_point", "leadership_core"),
    ("activity_trend", "dominant_crime_type", "corridor", "dominant_country"),
    ("out_of_play", "rising_player", "new_player", "weakly_sourced_player"),
)

#: Findings in the bottom line.
BOTTOM_LINE_SIZE = 4


@dataclass
class Draft:
    """A finding before it is ranked: its kind, values, evidence ids and records.

    ``order`` is its place among the drafts of its kind (0 = the strongest).
    """

    kind: str
    values: dict[str, Any]
    evidence: list[str]
    records: Sequence[Link | Activity] = ()
    order: int = 0


def finish(drafts: list[Draft], system: vocab.GradingSystem) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    """The findings, highest priority first and numbered, and the ids of the bottom line."""
    scored = []
    for draft in drafts:
        profile = grading.profile(draft.records, system)
        if draft.values.get("collection_caveat") and profile.supported == "high":
            # A trend that may reflect collection as well as crime is never stated with high confidence.
            profile = replace(profile, supported="moderate")
        priority = (KIND_PRIORITY[draft.kind] + CONFIDENCE_BONUS[profile.supported]
                    - ORDER_PENALTY * draft.order)
        scored.append((priority, draft, profile))
    scored.sort(key=lambda item: (-item[0], item[1].kind, item[1].order))
    findings = tuple(
        Finding(id=f"F{number:02d}", kind=draft.kind, values=draft.values,
                evidence=tuple(dict.fromkeys(draft.evidence)), confidence=profile.supported,
                profile=profile, priority=priority)
        for number, (priority, draft, profile) in enumerate(scored, start=1)
    )
    return findings, bottom_line(findings)


def bottom_line(findings: tuple[Finding, ...]) -> tuple[str, ...]:
    """The ids of the bottom-line findings (see the module docstring), in priority order."""
    chosen: list[Finding] = []
    for family in FAMILIES:
        best = next((f for f in findings if f.kind in family), None)
        if best is not None:
            chosen.append(best)
    used = {f.kind for f in chosen}
    for finding in findings:
        if len(chosen) >= BOTTOM_LINE_SIZE:
            break
        if finding.kind not in used:
            chosen.append(finding)
            used.add(finding.kind)
    chosen = chosen[:BOTTOM_LINE_SIZE]
    return tuple(f.id for f in sorted(chosen, key=findings.index))
