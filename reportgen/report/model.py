"""The report model: every choice a report makes, before any language.

Between the analysis and the templates. :func:`report_model` builds one
:class:`ReportModel` per report type, once per build, and every language
renders that same model: which sections, in which order; which lists and
how many rows; which curves and thresholds; the marking. Templates only
localise and lay out what is here: they neither sort, slice, count nor
compare analysis data.

Section titles are catalog message ids (``N_``), translated at rendering.
What the charts show is chosen once for both reports in :mod:`.choices`
(its names are importable from here too).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis.assess import Assessment, Broker
from ..analysis.assess.results import RemovalStep
from ..analysis.results import (
    ActivityPair,
    Analysis,
    BorderPair,
    Community,
    CountChange,
    EntityMetrics,
    ScenarioRank,
)
from ..data import vocab
from ..data.load import Project
from ..data.meta import Localized, Narratives, Paragraph
from ..data.release import Audience
from ..i18n.formatting import N_
from .annex import Annexes, CommunityChangeList, annexes, community_changes
from .assessment import AssessmentView, assessment_view
from .choices import CELL_CHARTS as CELL_CHARTS
from .choices import COUNTRY_ROWS as COUNTRY_ROWS
from .choices import LINK_CHART_LIMIT as LINK_CHART_LIMIT
from .choices import MAP_CORRIDORS as MAP_CORRIDORS
from .choices import MAP_FLOWS as MAP_FLOWS
from .choices import ChartChoices, chart_choices
from .choices import ScenarioRow as ScenarioRow
from .choices import ego_figure_ids as ego_figure_ids
from .choices import map_flows as map_flows
from .choices import named_entities as named_entities
from .choices import strongest as strongest
from .datafiles import DataDictionary, data_dictionary

#: Report types, in the order they are listed.
REPORTS = ("analysis", "strategy")

#: Titles of the report types (translated at rendering).
REPORT_TITLES = {"analysis": N_("Analysis report"), "strategy": N_("Strategy report")}


@dataclass(frozen=True)
class Section:
    """One section of a report: its anchor and its title (a catalog message id)."""

    id: str
    title: str


#: The analysis report's sections, in order (the bottom line first, the analysts' judgements and summary
#: before the data's findings and the targets).
ANALYSIS_SECTIONS = (
    Section("bottom-line", N_("Bottom line")),
    Section("key-judgements", N_("Key judgements")),
    Section("summary", N_("Executive summary")),
    Section("key-findings", N_("Key findings")),
    Section("targets", N_("Targets still in play")),
    Section("changes", N_("What changed since the last briefing")),
    Section("glance", N_("The network at a glance")),
    Section("network", N_("Network diagram")),
    Section("key-players", N_("Key players")),
    Section("brokers", N_("Brokers and cut points")),
    Section("communities", N_("Communities")),
    Section("egos", N_("Direct contacts of the key players")),
    Section("cross-border", N_("Cross-border links")),
    Section("disruption", N_("Disruption scenarios")),
    Section("activities", N_("Activities linked to the network")),
    Section("gaps", N_("Intelligence gaps")),
    Section("annex-entities", N_("Annex A: all entities")),
    Section("annex-links", N_("Annex B: all links")),
    Section("annex-evidence", N_("Annex C: evidence cited")),
    Section("annex-data", N_("Annex D: data files")),
    Section("methodology", N_("Sources and methodology")),
)

#: The strategy report's sections, in order (judgements first, evidence after).
STRATEGY_SECTIONS = (
    Section("bottom-line", N_("Bottom line")),
    Section("key-judgements", N_("Key judgements")),
    Section("outlook", N_("Outlook")),
    Section("findings", N_("Findings from the data")),
    Section("threat", N_("The threat in figures")),
    Section("changes", N_("What changed since the last briefing")),
    Section("crime-types", N_("Activities by crime type")),
    Section("countries", N_("Activities by country")),
    Section("months", N_("Activities by month")),
    Section("structure", N_("Structure of the network")),
    Section("coverage", N_("Intelligence coverage")),
    Section("gaps", N_("Intelligence gaps")),
    Section("recommendations", N_("Recommendations")),
    Section("methodology", N_("Methodology")),
    Section("annex-evidence", N_("Annex: evidence cited")),
    Section("annex-data", N_("Annex: data files")),
)

SECTIONS = {"analysis": ANALYSIS_SECTIONS, "strategy": STRATEGY_SECTIONS}

#: Narrative sections of ``project.yaml`` each report shows (its marking counts only these), by
#: the name the templates use; the strategy report's bottom line is ``strategy_bottom_line`` when
#: the project has one (:func:`shown_narratives`).
REPORT_NARRATIVES = {
    "analysis": ("bottom_line", "summary", "key_judgements", "intelligence_gaps"),
    "strategy": ("bottom_line", "key_judgements", "recommendations", "intelligence_gaps"),
}

#: People among the cut points named in the text.
CUT_POINT_NAMES = 8
#: Roles, countries and crime types named per community.
COMMUNITY_ROLES, COMMUNITY_COUNTRIES, COMMUNITY_ACTIVITIES = 3, 4, 2
#: Entities listed as the most involved in activities.
MOST_ACTIVE = 10
#: The network "depends on its brokers" when removing the best-placed
#: brokers (re-ranked) leaves at least this much less of the largest group
#: than removing as many entities at random.
BROKER_DEPENDENCE_MARGIN = 0.1


@dataclass
class ProjectInfo:
    """What the cover, headers and metadata show of the project (text still per language)."""

    code_name: str
    title: Localized
    organisation: Localized | None
    period_start: object
    period_end: object
    tlp: str | None
    grading: str


@dataclass
class CommunityRow:
    community: Community
    leader: EntityMetrics
    roles: list[str]
    countries: list[str]
    activities: list[str]


@dataclass
class RoleLeaders:
    role: str
    entities: list[EntityMetrics]


@dataclass
class BrokerRow:
    """A broker (by the assessment's criterion) with its entity's measures."""

    broker: Broker
    entity: EntityMetrics


@dataclass
class Disruption:
    """The disruption section: the removal sequence on the network still in play, then every scenario.

    Two simulations, each named where a number of it is quoted: the
    **removal sequence** (the assessment's, on the network still in play:
    the targets, the weak-set finding and the bottom line quote it) and the
    **scenarios** (the analysis', on the network as recorded, out-of-play
    entities included: the best one, random removal, every strategy).
    """

    best: ScenarioRank | None
    random: ScenarioRank | None
    ranking: list[ScenarioRow]
    #: The removal sequence on the network still in play (the assessment's).
    sequence: list[RemovalStep]
    #: The step of :attr:`sequence` that halves the in-play network's largest group (``None``: none does).
    halved_at: int | None = None
    #: Entities out of play: in the scenarios' network, not in the sequence's.
    out_of_play: int = 0


@dataclass
class ReportModel:
    """Everything one report shows, chosen; shared by every language and medium."""

    report: str
    title: str
    sections: tuple[Section, ...]
    marking: str
    project: ProjectInfo
    #: The narrative paragraphs this report shows, by section.
    narratives: dict[str, tuple[Paragraph, ...]]
    analysis: Analysis
    #: Entity measures by id (names in tables and lists).
    entities: dict[str, EntityMetrics]
    #: Findings, judgements, targets and gaps as this report shows them.
    assessment: AssessmentView
    #: Whom the edition is for (:attr:`reportgen.analysis.edition.Edition.audience`): its releasability note.
    audience: Audience = field(default_factory=Audience)
    #: The community merges and splits "what changed" lists (when compared with a previous period).
    community_changes: CommunityChangeList | None = None
    # -- analysis report
    key_players: list[EntityMetrics] = field(default_factory=list)
    role_leaders: list[RoleLeaders] = field(default_factory=list)
    brokers: list[BrokerRow] = field(default_factory=list)
    cut_point_people: list[EntityMetrics] = field(default_factory=list)
    communities: list[CommunityRow] = field(default_factory=list)
    #: Communities shown: entities without any link are not a community.
    community_count: int = 0
    #: Connected groups other than the largest one.
    smaller_groups: int = 0
    #: Entities without any known link: in no community and no connected group.
    isolated_count: int = 0
    #: Countries the network's entities are tied to.
    country_count: int = 0
    border_pairs: list[BorderPair] = field(default_factory=list)
    #: The activity corridors the map draws, for the table beside it.
    corridors: list[ActivityPair] = field(default_factory=list)
    disruption: Disruption | None = None
    activity_types: list[CountChange] = field(default_factory=list)
    most_active: list[EntityMetrics] = field(default_factory=list)
    annexes: Annexes | None = None
    #: The data dictionary of the files published with the report (its last annex), when it points to them.
    data_dictionary: DataDictionary | None = None
    ego_figures: list[str] = field(default_factory=list)
    #: Link charts of the leading communities, after the cell view (large networks only).
    cell_figures: list[str] = field(default_factory=list)
    # -- strategy report
    countries: list[CountChange] = field(default_factory=list)
    largest_community: int = 0
    broker_count: int = 0
    depends_on_brokers: bool = False


def shown_narratives(report: str, narratives: Narratives) -> dict[str, str]:
    """The ``project.yaml`` section behind each narrative section ``report`` shows, by template name."""
    shown = {name: name for name in REPORT_NARRATIVES[report]}
    if report == "strategy" and narratives.strategy_bottom_line:
        shown["bottom_line"] = "strategy_bottom_line"
    return shown


def marking(report: str, analysis: Analysis, narratives: Narratives | None = None) -> str:
    """The highest classification of what this report shows: the records and its narrative sections."""
    facts = analysis.project
    sections = shown_narratives(report, narratives or Narratives()).values()
    levels = [facts.highest_classification, *(facts.narrative_classification[s] for s in sections)]
    return max(levels, key=vocab.classification_rank)


def report_model(report: str, project: Project, analysis: Analysis, assessment: Assessment,
                 ego_figures: list[str], choices: ChartChoices | None = None,
                 audience: Audience | None = None) -> ReportModel:
    """The model of one report type (``analysis`` or ``strategy``).

    ``choices`` is the build's :func:`chart_choices`, computed once for both reports (here if not given);
    ``audience`` whom the edition is for (by default: the organisation, at the project's classification).
    """
    choices = choices or chart_choices(analysis, assessment)
    meta = project.meta
    view = assessment_view(report, project, assessment, analysis.entity_index)
    # The strategy report points to the data files only when its lists are cut (its data dictionary then).
    points_to_files = report == "analysis" or view.evidence_truncated or bool(
        analysis.changes and community_changes(analysis.changes.communities).more)
    sections = tuple(s for s in SECTIONS[report]
                     if (s.id != "outlook" or view.outlook) and (s.id != "annex-data" or points_to_files))
    model = ReportModel(
        report=report,
        title=REPORT_TITLES[report],
        sections=sections,
        marking=marking(report, analysis, meta.narratives),
        project=ProjectInfo(meta.code_name, meta.title, meta.organisation, meta.period.start, meta.period.end,
                            meta.tlp, meta.grading),
        narratives={name: getattr(meta.narratives, section)
                    for name, section in shown_narratives(report, meta.narratives).items()},
        analysis=analysis,
        entities=analysis.entity_index,
        assessment=view,
        community_changes=community_changes(analysis.changes.communities) if analysis.changes else None,
        audience=audience or Audience(clearance=meta.classification),
        data_dictionary=data_dictionary(changes=bool(analysis.changes)) if points_to_files else None,
    )
    if model.narratives["bottom_line"]:
        # The analysts' bottom line opens the report; the data's strongest findings lead the findings (stated once).
        view.findings, view.bottom_line = [*view.bottom_line, *view.findings], []
    isolated = set(assessment.isolated)
    model.communities = [
        CommunityRow(c, analysis.entity_index[c.leader], list(c.roles)[:COMMUNITY_ROLES],
                     list(c.countries)[:COMMUNITY_COUNTRIES], list(c.activities)[:COMMUNITY_ACTIVITIES])
        for c in analysis.communities
        if not (c.size == 1 and c.members[0] in isolated)
    ]
    model.community_count = len(model.communities)
    model.smaller_groups = analysis.network.components - 1 - len(isolated)
    model.isolated_count = len(isolated)
    model.brokers = [BrokerRow(b, analysis.entity_index[b.id]) for b in assessment.brokers]
    if report == "analysis":
        _analysis_choices(model, project, analysis, ego_figures, choices)
    else:
        _strategy_choices(model, analysis, choices)
    return model


def _analysis_choices(model: ReportModel, project: Project, analysis: Analysis, ego_figures: list[str],
                      choices: ChartChoices) -> None:
    entity = analysis.entity_index
    model.key_players = [entity[v] for v in analysis.key_players.overall]
    model.role_leaders = [RoleLeaders(role, [entity[v] for v in ids])
                          for role, ids in analysis.key_players.by_role.items()]
    people = [entity[v] for v in analysis.articulation_points if entity[v].type == "person"]
    model.cut_point_people = sorted(people, key=lambda e: -e.betweenness)[:CUT_POINT_NAMES]
    model.country_count = len(analysis.composition.countries)
    model.border_pairs = list(choices.map_flows)  # the table lists the pairs the map draws
    model.corridors = list(choices.map_corridors)
    ranking = analysis.disruption_ranking
    model.disruption = Disruption(
        best=ranking[0] if ranking else None,
        random=next((r for r in ranking if r.strategy == "random"), None),
        ranking=list(choices.disruption_rows),  # the rows the chart's caption counts
        sequence=list(model.assessment.assessment.sequence),
        halved_at=model.assessment.assessment.halved_at,
        out_of_play=len(model.assessment.assessment.out_of_play.ids),
    )
    model.activity_types = [row for row in analysis.activities.by_type if row.count]
    busy = sorted(analysis.entities, key=lambda e: -e.activity_count)
    model.most_active = [e for e in busy[:MOST_ACTIVE] if e.activity_count]
    model.annexes = annexes(project, analysis)
    model.ego_figures = ego_figures
    model.cell_figures = [f"cell-{c}" for c in choices.cell_charts]


def _strategy_choices(model: ReportModel, analysis: Analysis, choices: ChartChoices) -> None:
    model.countries = choices.countries
    model.largest_community = analysis.communities[0].size if analysis.communities else 0
    model.broker_count = len(model.brokers)
    brokers = analysis.disruption.get("betweenness", {}).get("adaptive")
    random = analysis.disruption.get("random", {}).get("static")
    model.depends_on_brokers = bool(
        brokers and random and brokers[-1].lcc_fraction < random[-1].lcc_fraction - BROKER_DEPENDENCE_MARGIN
    )
