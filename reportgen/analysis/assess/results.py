"""The assessment's results: typed, language-free records.

Every field holds numbers, identifiers or vocabulary codes, never display
text; the report layer turns them into sentences through translatable
templates keyed by ``kind`` and ``requirement``. :meth:`Assessment.to_dict`
gives the same data as JSON-ready values (dates in ISO form, floats
rounded to :data:`~reportgen.analysis.analyse.FLOAT_DIGITS` places).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..results import plain as _plain


@dataclass(frozen=True)
class GradingProfile:
    """The grading of the links and activities behind a finding, judgement or target.

    ``grades`` counts each grade (reliability and credibility codes of the
    project's system, e.g. ``B2``; ``ungraded`` for records without one), in
    the system's order. ``tiers`` counts the records per quality tier
    (:data:`.grading.TIERS`, plus ``ungraded``). ``sources`` counts the
    independent sources behind the records, ``good_sources`` and
    ``creditable_sources`` those behind the good and the good-or-fair
    records (:func:`.grading.sources_of`). ``supported`` is the confidence
    the grading supports (:func:`.grading.supported_confidence`).
    """

    records: int
    links: int
    activities: int
    sources: int
    good_sources: int
    creditable_sources: int
    grades: dict[str, int]
    tiers: dict[str, int]
    supported: str


@dataclass(frozen=True)
class Finding:
    """A statement the data supports, as data (see the package's table of kinds).

    ``id`` (``F01``, ``F02`` …) orders findings by ``priority``, highest
    first; ``values`` holds the numbers, ids and codes a sentence template
    needs; ``evidence`` the ids of the entities, links and activities behind
    it; ``confidence`` is the confidence its evidence's grading supports.
    """

    id: str
    kind: str
    values: dict[str, Any]
    evidence: tuple[str, ...]
    confidence: str
    profile: GradingProfile
    priority: int


@dataclass(frozen=True)
class AssessedJudgement:
    """One of the analysts' key judgements, checked against its evidence.

    ``index`` is its position among the edition's key judgements (the
    paragraph the report shows). ``confidence`` is the stated confidence, or
    the supported one when none is stated. A ``withheld`` judgement rests
    on evidence the edition does not hold: it must not be shown, and it
    carries no evidence, profile or warning (nothing about what was withheld).
    ``gaps`` are the indices of the analysts' intelligence gaps that share a
    subject with it, ``gap_countries`` and ``gap_entities`` the shared
    country codes and entity ids (:func:`.evidence.open_gaps`).
    """

    index: int
    outlook: bool
    likelihood: str | None
    confidence: str
    stated_confidence: str | None
    supported_confidence: str | None
    evidence: tuple[str, ...]
    profile: GradingProfile | None
    withheld: bool
    warnings: tuple[str, ...]
    gaps: tuple[int, ...] = ()
    gap_countries: tuple[str, ...] = ()
    gap_entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class AssessmentWarning:
    """Something the analysts should fix, as a code and its numbers (for the build log).

    Codes: ``confidence_above_support`` (values ``stated``, ``supported``),
    ``missing_likelihood``, ``missing_confidence``, ``no_evidence``,
    ``unknown_evidence`` (values ``count``), ``open_gap`` (values ``gaps``,
    the analysts' gaps' indices, ``countries`` and ``entities``, what they share). ``judgement`` is the index of
    the judgement concerned.
    """

    code: str
    judgement: int | None
    values: dict[str, Any]


@dataclass(frozen=True)
class Broker:
    """An entity that brokers between communities, with the numbers behind the criterion.

    Ranks are competition ranks over the period's network (1 = highest;
    equal values share a rank). ``communities`` are the other communities
    its links reach. ``in_play`` is false for out-of-play entities.
    """

    id: str
    status: str
    in_play: bool
    betweenness: float
    betweenness_rank: int
    degree: int
    degree_rank: int
    bridged_communities: int
    cross_community_share: float
    communities: tuple[int, ...]


@dataclass(frozen=True)
class Associate:
    """A target's associate: the links between them, their types and grades."""

    id: str
    status: str
    links: tuple[str, ...]
    types: tuple[str, ...]
    grades: tuple[str, ...]
    weight: float
    #: Each kind of link with its own grade (``ungraded`` when it has none), once per pair, by kind then grade:
    #: ``types`` and ``grades`` are listed apart and cannot be paired.
    graded: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Identifier:
    """A phone, account, vehicle, place … directly linked to a target: what an operation intercepts,
    freezes or searches, with the links that tie it to the target and their grades."""

    id: str
    type: str
    links: tuple[str, ...]
    grades: tuple[str, ...]


@dataclass(frozen=True)
class Target:
    """A proposed target among the entities still in play, with the case for it.

    ``rank`` is the step of the removal sequence on the in-play network
    (:meth:`.targets.InPlay.sequence`) at which it is removed; ``key_player_rank``
    its rank by key-player score among the ``ranked`` entities of the period's
    network, ``betweenness_rank`` its competition rank by betweenness there (as
    the brokers'). ``aliases`` are its recorded aliases; ``identifiers`` the
    entities of :data:`.targets.IDENTIFIER_TYPES` directly linked to it;
    ``agencies`` the countries whose national bureaus are concerned (its
    countries and its activities', by :func:`.gaps.tasking`). ``lcc_alone`` is the share of the
    in-play network's largest group left after removing this target alone,
    ``lcc_cumulative`` after removing it and every target ranked above it.
    ``countries`` are the countries it is tied to, as everywhere in the
    reports (:attr:`reportgen.data.model.Entity.home_countries`: where it
    operates, else its nationality); ``activity_countries`` the countries of
    the period's activities it took part in.
    """

    rank: int
    id: str
    type: str
    status: str
    wanted: bool
    roles: tuple[str, ...]
    countries: tuple[str, ...]
    activity_countries: tuple[str, ...]
    key_player_score: float
    key_player_rank: int
    betweenness: float
    in_play_betweenness: float
    degree: int
    bridged_communities: int
    broker: bool
    articulation_point: bool
    lcc_alone: float
    lcc_cumulative: float
    associates: tuple[Associate, ...]
    profile: GradingProfile
    ranked: int = 0
    betweenness_rank: int = 0
    aliases: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemovalStep:
    """One step of the removal sequence on the in-play network.

    ``betweenness`` is the entity's betweenness in what was left of the
    in-play network when it was removed (the measure that chose it, not the
    analysis' betweenness on the network as recorded); ``lcc_fraction`` is
    the share of the in-play network's largest group left after removing
    this entity and every one before it.
    """

    k: int
    id: str
    status: str
    betweenness: float
    lcc_fraction: float


@dataclass(frozen=True)
class OutOfPlay:
    """The out-of-play entities and what their removal already did to the network.

    ``largest_*`` are sizes of the largest connected group, ``components_*``
    the number of groups, before and after removing them; ``lcc_fraction``
    is ``largest_after / largest_before``; ``isolated_after`` counts the
    entities in play left without any link by their removal.
    """

    ids: tuple[str, ...]
    statuses: dict[str, int]
    key_players: tuple[str, ...]
    nodes_before: int
    nodes_after: int
    largest_before: int
    largest_after: int
    components_before: int
    components_after: int
    lcc_fraction: float
    isolated_after: int


@dataclass(frozen=True)
class GradingSensitivity:
    """The key-player list counting only well-graded links, against the list counting all.

    ``threshold`` is the worst tier counted (``fair``: Admiralty A–C and
    1–3 or the equivalent). ``entered`` are in the well-graded top list
    only, ``left`` in the usual one only.
    """

    threshold: str
    links_kept: int
    links_total: int
    top: tuple[str, ...]
    top_all_links: tuple[str, ...]
    entered: tuple[str, ...]
    left: tuple[str, ...]
    changed: bool


@dataclass(frozen=True)
class Gap:
    """What the data does not know: a count out of ``total``, a sample and a collection requirement.

    ``sample`` holds at most :data:`.gaps.SAMPLE_SIZE` ids (country codes
    for ``country_without_entity``), most important first; ``values`` any
    further numbers of the kind (see the package's table).
    """

    kind: str
    count: int
    total: int
    sample: tuple[str, ...]
    requirement: str
    values: dict[str, Any]


@dataclass(frozen=True)
class ReportingVolume:
    """How much was reported in this period and the previous one.

    ``new_records`` counts the links and entities first seen in a period.
    ``collection_caveat`` is set when either count changed by a factor of
    :data:`.activity.COLLECTION_FACTOR` or more: a trend may then reflect
    collection as well as crime.
    """

    activities: int
    previous_activities: int
    new_records: int
    previous_new_records: int
    collection_caveat: bool


@dataclass(frozen=True)
class Method:
    """The rules' parameters, for the report's sources-and-methodology section."""

    yardstick: str
    grading_system: str
    trend_min_base: int
    collection_factor: float
    well_graded: str
    high_min_good_sources: int
    doubtful_cap_share: float
    target_types: tuple[str, ...]
    target_min: int
    target_max: int
    out_of_play_statuses: tuple[str, ...]


@dataclass
class Assessment:
    """Findings, judgements, targets and gaps of one edition, computed once, no language.

    ``bottom_line`` lists the ids of the findings that open a report.
    ``sequence`` is the whole removal sequence on the in-play network (the
    targets are its start), up to the analysis' ``max_removals``;
    ``halved_at`` the step of it that halves the in-play network's largest
    group (``None`` when the whole sequence does not): the number every
    statement about halving the network still in play quotes.
    ``withheld`` says that the edition leaves material out (never what or
    how much). ``isolated`` are entities of the period's network without any
    link (left so by the data or by the edition's filter): the report layer
    must not present them as communities.
    """

    withheld: bool
    bottom_line: tuple[str, ...]
    findings: tuple[Finding, ...]
    judgements: tuple[AssessedJudgement, ...]
    brokers: tuple[Broker, ...]
    targets: tuple[Target, ...]
    sequence: tuple[RemovalStep, ...]
    halved_at: int | None
    out_of_play: OutOfPlay
    gaps: tuple[Gap, ...]
    grading_sensitivity: GradingSensitivity
    reporting: ReportingVolume
    isolated: tuple[str, ...]
    warnings: tuple[AssessmentWarning, ...]
    method: Method

    def to_dict(self) -> dict[str, Any]:
        """The assessment as plain, JSON-ready data in a stable order."""
        return _plain(self)
