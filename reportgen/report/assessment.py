"""What the reports show of the assessment: chosen, ordered and resolved, before any language.

The assessment (:mod:`reportgen.analysis.assess`) holds findings, judgements,
targets and gaps as ids and numbers. Here the report layer decides which of
them each report shows, pairs each judgement with its paragraph of
``project.yaml``, caps the evidence references printed beside a statement
(the rest are in the evidence annex) and resolves every cited id into an
annex row. Templates then only put the words around it.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..analysis.assess import AssessedJudgement, Assessment, Finding, Gap, Identifier, Target
from ..analysis.assess.evidence import EvidenceIndex
from ..analysis.results import EntityMetrics
from ..data.load import Project
from ..data.meta import AnalystGap, Paragraph

#: Finding kinds of the analysis report (the network), in no particular order: findings keep their priority order.
ANALYSIS_FINDINGS = frozenset({
    "principal_broker", "weak_set", "weak_point", "leadership_core", "out_of_play", "corridor",
    "rising_player", "new_player", "weakly_sourced_player",
})
#: Finding kinds of the strategy report (the threat).
STRATEGY_FINDINGS = frozenset({
    "activity_trend", "dominant_crime_type", "dominant_country", "corridor", "out_of_play", "leadership_core",
    "principal_broker",
})
#: Findings of one kind listed at most (the highest priorities; the rest are in ``analyze --json``).
PER_KIND = 3
#: Evidence references printed beside one statement; the others are counted ("and 12 more").
REFERENCES_SHOWN = 6
#: Associates listed per target.
ASSOCIATES_SHOWN = 5
#: Identifiers and places listed per target; the others are counted ("and 3 more", all in ``analyze --json``).
IDENTIFIERS_SHOWN = 6
#: Rows of the evidence annex at most: every cited record up to this many (a huge project's
#: records are all in the annex files entities.csv, links.csv and activities.csv).
EVIDENCE_ROWS = 5_000
#: Finding kinds the strategy report's bottom line leads with (the threat before the network).
STRATEGY_LEAD = ("activity_trend", "dominant_crime_type", "dominant_country", "corridor")


@dataclass
class References:
    """The evidence ids printed beside a statement, and how many more stand behind it."""

    shown: list[str]
    more: int


@dataclass
class FindingView:
    finding: Finding
    refs: References
    #: For findings with a trend: ``up``, ``down`` or ``flat`` (the count against the previous one).
    direction: str = ""


def finding_view(finding: Finding) -> FindingView:
    """A finding with its references and, for a trend, its direction."""
    values = finding.values
    direction = ""
    if "count" in values and "previous_count" in values:
        now, before = values["count"], values["previous_count"]
        direction = "up" if now > before else "down" if now < before else "flat"
    return FindingView(finding, references(finding.evidence), direction)


@dataclass
class Identifiers:
    """A target's identifiers and places printed in its package, and how many more it has."""

    shown: list[Identifier]
    more: int


@dataclass
class JudgementView:
    """An analysts' judgement: their paragraph, and what the tool checked."""

    number: int
    paragraph: Paragraph
    judgement: AssessedJudgement
    refs: References
    #: Numbers of the analysts' gaps (as the report lists them) that share a subject with it,
    #: and the entities and countries they share.
    gaps: list[int] = field(default_factory=list)
    gap_entities: list[EntityMetrics] = field(default_factory=list)
    gap_countries: list[str] = field(default_factory=list)


@dataclass
class GapView:
    """An analysts' intelligence gap, numbered, with the key judgements about the same subjects."""

    number: int
    gap: AnalystGap
    #: Numbers of the key judgements (as the report numbers them) that share a subject with it.
    judgements: list[int] = field(default_factory=list)


@dataclass
class EvidenceRow:
    """One cited record in the evidence annex (only the fields of its kind are set)."""

    id: str
    kind: str  # "entity", "link" or "activity"
    entity: EntityMetrics | None = None
    source: EntityMetrics | None = None
    target: EntityMetrics | None = None
    type: str = ""
    #: A link's period of observation (``date`` below is an activity's).
    first_seen: date | None = None
    last_seen: date | None = None
    date: date | None = None
    countries: tuple[str, ...] = ()
    value_eur: float | None = None
    grading: str = ""
    evidence: tuple[str, ...] = ()
    #: Other entities of an activity.
    entities: list[EntityMetrics] = field(default_factory=list)
    #: The first row of its reference (a ``SOURCE>TARGET`` reference may stand for several links).
    anchor: bool = True


@dataclass
class AssessmentView:
    """The assessment as one report shows it."""

    assessment: Assessment
    withheld: bool
    bottom_line: list[FindingView]
    findings: list[FindingView]
    judgements: list[JudgementView]
    outlook: list[JudgementView]
    targets: list[Target]
    #: Each target's identifiers and places as its package lists them, by target id.
    identifiers: dict[str, Identifiers]
    #: Removals the removal sequence needs to halve the largest group beyond the packages
    #: shown (0 when the packages reach it); ``None`` when the sequence never halves it.
    targets_short_of_halving: int | None
    #: The analysts' gaps, numbered, then the gaps found in the data.
    analyst_gaps: list[GapView]
    gaps: list[Gap]
    evidence: list[EvidenceRow]
    #: Entities out of play (their status is given beside their names).
    out_of_play: frozenset[str]
    #: Whether the evidence annex was cut to :data:`EVIDENCE_ROWS` rows.
    evidence_truncated: bool
    evidence_limit: int = EVIDENCE_ROWS


def references(ids: tuple[str, ...] | list[str]) -> References:
    """The first :data:`REFERENCES_SHOWN` ids, and how many are left out."""
    return References(list(ids[:REFERENCES_SHOWN]), max(0, len(ids) - REFERENCES_SHOWN))


def assessment_view(report: str, project: Project, assessment: Assessment,
                    entities: dict[str, EntityMetrics]) -> AssessmentView:
    """What ``report`` shows of ``assessment``."""
    kinds = ANALYSIS_FINDINGS if report == "analysis" else STRATEGY_FINDINGS
    bottom_findings = bottom_line_findings(report, assessment)
    bottom = [finding_view(f) for f in bottom_findings]
    shown: list[FindingView] = []
    per_kind = Counter(f.kind for f in bottom_findings)
    opening = {f.id for f in bottom_findings}
    for f in assessment.findings:
        if f.kind in kinds and f.id not in opening and per_kind[f.kind] < PER_KIND:
            per_kind[f.kind] += 1
            shown.append(finding_view(f))
    current, outlook, analyst_gaps = _judgements_and_gaps(project, assessment, entities)
    views: list[FindingView | JudgementView] = [*bottom, *shown, *current, *outlook]
    # Every reference printed has its annex row; the rest of the cited records fill the annex up to its limit.
    printed = list(dict.fromkeys(i for view in views for i in view.refs.shown))
    others = [i for view in views for i in _evidence_of(view) if i not in printed]
    cited = list(dict.fromkeys([*printed, *others]))
    rows = evidence_rows(project, cited[: max(EVIDENCE_ROWS, len(printed))], entities)
    return AssessmentView(
        assessment=assessment,
        withheld=assessment.withheld,
        bottom_line=bottom,
        findings=shown,
        judgements=current,
        outlook=outlook,
        targets=list(assessment.targets),
        identifiers={t.id: Identifiers(list(t.identifiers[:IDENTIFIERS_SHOWN]),
                                       max(0, len(t.identifiers) - IDENTIFIERS_SHOWN)) for t in assessment.targets},
        targets_short_of_halving=_short_of_halving(assessment),
        analyst_gaps=analyst_gaps,
        gaps=[g for g in assessment.gaps if g.count],
        out_of_play=frozenset(assessment.out_of_play.ids),
        evidence=rows,
        evidence_truncated=len(cited) > max(EVIDENCE_ROWS, len(printed)),
    )


def bottom_line_findings(report: str, assessment: Assessment) -> list[Finding]:
    """The findings that open ``report``: the assessment's bottom line as this report states it.

    The analysis report takes the assessment's bottom line as it is (the
    network first). The strategy report leads with the threat: its best
    finding of the :data:`STRATEGY_LEAD` kinds first, then the others of the
    bottom line it shows (:data:`STRATEGY_FINDINGS`).
    """
    by_id = {f.id: f for f in assessment.findings}
    chosen = [by_id[i] for i in assessment.bottom_line]
    if report == "analysis":
        return chosen
    chosen = [f for f in chosen if f.kind in STRATEGY_FINDINGS]
    lead = next((f for f in assessment.findings if f.kind in STRATEGY_LEAD), None)
    if lead is None:
        return chosen
    return [lead, *(f for f in chosen if f is not lead)]


def _judgements_and_gaps(project: Project, assessment: Assessment, entities: dict[str, EntityMetrics]
                         ) -> tuple[list[JudgementView], list[JudgementView], list[GapView]]:
    """The judgements shown (current, then outlook, numbered on) and the analysts' gaps, cross-referenced."""
    paragraphs = project.meta.narratives.key_judgements
    judgements = [
        JudgementView(0, paragraphs[j.index], j, references(j.evidence))
        for j in assessment.judgements if not j.withheld and j.index < len(paragraphs)
    ]
    current = [j for j in judgements if not j.judgement.outlook]
    outlook = [j for j in judgements if j.judgement.outlook]
    gaps = [GapView(number, gap) for number, gap in enumerate(project.meta.narratives.intelligence_gaps, start=1)]
    for number, view in enumerate([*current, *outlook], start=1):
        view.number = number
        view.gaps = [i + 1 for i in view.judgement.gaps if i < len(gaps)]
        view.gap_entities = [entities[i] for i in view.judgement.gap_entities if i in entities]
        view.gap_countries = list(view.judgement.gap_countries)
        for gap_number in view.gaps:
            gaps[gap_number - 1].judgements.append(number)
    return current, outlook, gaps


def _short_of_halving(assessment: Assessment) -> int | None:
    """Removals beyond the target packages that halving the largest group takes (``None``: never halved)."""
    if assessment.halved_at is None:
        return None if assessment.sequence else 0
    return max(0, assessment.halved_at - len(assessment.targets))


def _evidence_of(view: FindingView | JudgementView) -> tuple[str, ...]:
    """Every evidence id behind a finding or judgement."""
    return view.finding.evidence if isinstance(view, FindingView) else view.judgement.evidence


def evidence_rows(project: Project, ids: list[str], entities: dict[str, EntityMetrics]) -> list[EvidenceRow]:
    """Annex rows of the cited ``ids``, ordered by id (entities, then links, then activities)."""
    index = EvidenceIndex.of(project)
    rows: list[EvidenceRow] = []
    for ref in sorted(set(ids)):
        if ref in index.entities and ref in entities:
            rows.append(EvidenceRow(ref, "entity", entity=entities[ref], type=index.entities[ref].type))
        elif ref in index.links:
            for link in index.links[ref]:
                if link.source in entities and link.target in entities:
                    rows.append(EvidenceRow(
                        ref, "link", source=entities[link.source], target=entities[link.target], type=link.type,
                        grading=str(link.grading or ""), evidence=link.evidence,
                        first_seen=link.first_seen, last_seen=link.last_seen,
                    ))
        elif ref in index.activities:
            activity = index.activities[ref]
            rows.append(EvidenceRow(
                ref, "activity", type=activity.type, date=activity.date, countries=activity.countries,
                value_eur=activity.value_eur, grading=str(activity.grading or ""),
                entities=[entities[e] for e in activity.entities if e in entities],
            ))
    order = {"entity": 0, "link": 1, "activity": 2}
    rows.sort(key=lambda r: (order[r.kind], r.id))
    for previous, row in itertools.pairwise(rows):
        row.anchor = row.id != previous.id
    return rows
