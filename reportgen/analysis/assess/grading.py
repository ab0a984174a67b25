"""Source grading as evidence quality: tiers, independent sources, supported confidence.

Every grade of the three systems of :data:`reportgen.data.vocab.GRADING_SYSTEMS`
falls in one quality tier, the worse of its source-reliability tier and its
information-credibility tier:

============  ======================  ==================  ====================
tier          Admiralty (A–F × 1–6)   UK 3x5x2            Europol 4x4
============  ======================  ==================  ====================
good          A–B and 1–2             1 and A–B           A–B and 1–2
fair          C or 3                  2 or C              3
doubtful      D or 4                  —                   C
unreliable    E–F or 5–6              3 or D–E            X or 4
============  ======================  ==================  ====================

*Creditable* records are good or fair (Admiralty A–C and 1–3): the
well-graded threshold of the grading-sensitivity check. Ungraded records
are never creditable.

**Independent sources.** The data names no originating agency, so sources
are told apart by what each record does say about where it came from: its
collection channel (the evidence types of a link, ``biometric``,
``financial_record`` …, taken together; an activity report for an
activity) and the reliability grade of its source (``B`` of ``B2``: one
grade, one source per record). Records that differ in either cannot come
from the same source; records that share both are counted as one, so the
count is a floor, never above the number of records, never inflated: ten links graded
``B`` that all rest on intercepted communications are one source, and so
are thirty activity reports graded ``C``, whatever the countries they
happened in. Links without an evidence type share the ``unspecified``
channel; ungraded records the ``ungraded`` grade.

**Supported confidence** (after ANALYSIS-PRACTICE: high = several
independent, reliable sources; moderate = credibly sourced but not
corroborated enough; low = scant, poorly corroborated or doubtful):

- *high*: at least :data:`HIGH_MIN_GOOD_RECORDS` good records from at
  least :data:`HIGH_MIN_GOOD_SOURCES` independent sources;
- *moderate*: at least one good record, or creditable records from at least
  :data:`MODERATE_MIN_CREDITABLE_SOURCES` independent sources;
- *low*: anything less, or no record at all;
- then one level lower (high to moderate, moderate to low) when creditable
  records are fewer than :data:`DOUBTFUL_CAP_SHARE` (half) of all the records:
  a statement mostly resting on doubtful or ungraded reporting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from fractions import Fraction

from ...data import vocab
from ...data.model import Activity, Link
from .results import GradingProfile

#: Quality tiers of a grade, best first.
TIERS = ("good", "fair", "doubtful", "unreliable")

#: Tiers whose records are creditable (the well-graded threshold is the last of them).
CREDITABLE = ("good", "fair")

#: Worst tier a well-graded link may have (Admiralty A–C and 1–3).
WELL_GRADED = CREDITABLE[-1]

#: Tier of each source-reliability code, per grading system.
RELIABILITY_TIERS: dict[str, dict[str, str]] = {
    "admiralty": {"A": "good", "B": "good", "C": "fair", "D": "doubtful", "E": "unreliable", "F": "unreliable"},
    # 1 reliable, 2 untested, 3 not reliable.
    "uk_3x5x2": {"1": "good", "2": "fair", "3": "unreliable"},
    # A no doubt, B mostly reliable, C mostly unreliable, X cannot be assessed.
    "europol_4x4": {"A": "good", "B": "good", "C": "doubtful", "X": "unreliable"},
}

#: Tier of each information-credibility code, per grading system.
CREDIBILITY_TIERS: dict[str, dict[str, str]] = {
    "admiralty": {"1": "good", "2": "good", "3": "fair", "4": "doubtful", "5": "unreliable", "6": "unreliable"},
    # A known true, B known to the source, C corroborated, D cannot be judged, E suspected false.
    "uk_3x5x2": {"A": "good", "B": "good", "C": "fair", "D": "unreliable", "E": "unreliable"},
    # 1 known true, 2 known to the source, 3 not known to the source but corroborated, 4 cannot be judged.
    "europol_4x4": {"1": "good", "2": "good", "3": "fair", "4": "unreliable"},
}

#: Good records a statement needs for high confidence.
HIGH_MIN_GOOD_RECORDS = 3  # a source is never counted above its records: as many records as sources
#: Independent sources those good records must come from for high confidence.
HIGH_MIN_GOOD_SOURCES = 3
#: Independent sources of creditable records that make a statement moderate without a good one.
MODERATE_MIN_CREDITABLE_SOURCES = 2
#: Below this share of creditable records, the supported confidence drops one level.
DOUBTFUL_CAP_SHARE = Fraction(1, 2)

#: Key of ungraded records in ``grades`` and ``tiers``.
UNGRADED = "ungraded"
#: The shared channel of links without an evidence type.
UNSPECIFIED = "unspecified"
#: The channel of every activity record (an activity is reported, it records no evidence type).
ACTIVITY_REPORT = "activity_report"

#: A record that can back a statement: a link or an activity.
Record = Link | Activity


def tier(grading: vocab.Grading | None) -> str | None:
    """The quality tier of a grade (``None`` when ungraded)."""
    if grading is None:
        return None
    reliability = RELIABILITY_TIERS[grading.system][grading.reliability]
    credibility = CREDIBILITY_TIERS[grading.system][grading.credibility]
    return max(reliability, credibility, key=TIERS.index)


def creditable(grading: vocab.Grading | None) -> bool:
    """Whether a grade is good or fair (well graded)."""
    return tier(grading) in CREDITABLE


def sources_of(records: Iterable[Record]) -> set[tuple[str, str]]:
    """The independent sources behind ``records``: (collection channel, source reliability) pairs."""
    found: set[tuple[str, str]] = set()
    for record in records:
        reliability = record.grading.reliability if record.grading else UNGRADED
        channel = ("+".join(sorted(record.evidence)) or UNSPECIFIED) if isinstance(record, Link) else ACTIVITY_REPORT
        found.add((channel, reliability))
    return found


def supported_confidence(good: int, good_sources: int, creditable_sources: int,
                         creditable_records: int, records: int) -> str:
    """The confidence a grading supports, under the rule of the module docstring."""
    if good >= HIGH_MIN_GOOD_RECORDS and good_sources >= HIGH_MIN_GOOD_SOURCES:
        level = 2
    elif good >= 1 or creditable_sources >= MODERATE_MIN_CREDITABLE_SOURCES:
        level = 1
    else:
        level = 0
    if records and Fraction(creditable_records, records) < DOUBTFUL_CAP_SHARE:
        level = max(0, level - 1)
    return vocab.CONFIDENCE_LEVELS[level]


def profile(records: Iterable[Record], system: vocab.GradingSystem) -> GradingProfile:
    """The grading profile of a set of links and activities (each counted once)."""
    unique = list({id(record): record for record in records}.values())
    tiers = [tier(record.grading) for record in unique]
    good = [r for r, t in zip(unique, tiers, strict=False) if t == "good"]
    fair_or_good = [r for r, t in zip(unique, tiers, strict=False) if t in CREDITABLE]
    grades = Counter(
        f"{r.grading.reliability}{r.grading.credibility}" if r.grading else UNGRADED for r in unique
    )
    order = [f"{rel}{cred}" for rel in system.reliability for cred in system.credibility] + [UNGRADED]
    tier_counts = Counter(t or UNGRADED for t in tiers)
    good_sources = len(sources_of(good))
    creditable_sources = len(sources_of(fair_or_good))
    return GradingProfile(
        records=len(unique),
        links=sum(1 for r in unique if isinstance(r, Link)),
        activities=sum(1 for r in unique if not isinstance(r, Link)),
        sources=len(sources_of(unique)),
        good_sources=good_sources,
        creditable_sources=creditable_sources,
        grades={code: grades[code] for code in order if grades[code]},
        tiers={name: tier_counts[name] for name in (*TIERS, UNGRADED) if tier_counts[name]},
        supported=supported_confidence(len(good), good_sources, creditable_sources, len(fair_or_good), len(unique)),
    )
