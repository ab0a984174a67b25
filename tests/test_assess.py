"""The assessment stage: real numbers on the tiny project and the example, rules at their boundaries."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, TINY

from reportgen.analysis.assess import Identifier, assess, reference_ids
from reportgen.analysis.assess.activity import trend
from reportgen.analysis.assess.context import OUT_OF_PLAY, Context
from reportgen.analysis.assess.gaps import tasking
from reportgen.analysis.assess.grading import profile, tier
from reportgen.analysis.assess.network import key_player_ranking
from reportgen.analysis.assess.targets import IDENTIFIER_TYPES, TARGET_MAX, TARGET_MIN, target_count
from reportgen.analysis.edition import prepare_edition
from reportgen.analysis.period import analyse_period
from reportgen.cli import cli
from reportgen.data import vocab
from reportgen.data.load import load_project
from reportgen.data.model import Activity, Link
from reportgen.data.release import Audience, restrict
from reportgen.errors import DataError
from reportgen.report.assessment import IDENTIFIERS_SHOWN, assessment_view


def build(path, audience: Audience | None = None):
    """Load, restrict, analyse and assess a project as ``analyze`` does."""
    full = load_project(path)
    edition, removed = restrict(full, audience or Audience())
    analysis = analyse_period(edition, edition.meta.period)
    result = assess(edition, analysis, withheld=bool(removed.total), all_ids=reference_ids(full))
    return edition, analysis, result


@pytest.fixture(scope="module")
def tiny_run():
    return build(TINY)


@pytest.fixture(scope="module")
def example_run():
    return build(EXAMPLE)


def finding(result, kind: str, **values):
    """The one finding of ``kind`` whose values include ``values``."""
    found = [f for f in result.findings if f.kind == kind and all(f.values.get(k) == v for k, v in values.items())]
    assert len(found) == 1, (kind, values, [f.values for f in result.findings if f.kind == kind])
    return found[0]


# -- the tiny project, checked by hand ------------------------------------------------


def test_tiny_out_of_play_is_taken_out_before_disruption(tiny_run):
    _, _, result = tiny_run
    removed = result.out_of_play
    assert removed.ids == ("E",) and removed.statuses == {"arrested": 1}
    assert (removed.largest_before, removed.largest_after) == (7, 6)
    assert (removed.components_before, removed.components_after) == (2, 2)
    assert removed.lcc_fraction == pytest.approx(6 / 7)
    assert finding(result, "out_of_play").evidence == ("E", "D>E", "E>F")


def test_tiny_targets_in_order_with_what_their_removal_does(tiny_run):
    _, _, result = tiny_run
    targets = result.targets
    assert [t.id for t in targets] == ["C", "D", "A", "G", "B"]
    assert all(t.status not in OUT_OF_PLAY for t in targets)
    assert [t.wanted for t in targets] == [False, False, False, True, False]
    # In play: A-B-C triangle, C-G-D, D-F (E is arrested, H has no link).
    assert [t.lcc_alone for t in targets] == pytest.approx([3 / 6, 4 / 6, 5 / 6, 3 / 6, 5 / 6])
    assert [t.lcc_cumulative for t in targets] == pytest.approx([3 / 6, 2 / 6, 1 / 6, 1 / 6, 1 / 6])
    first = targets[0]
    assert first.in_play_betweenness == pytest.approx(12 / 30)  # 6 pairs through C, 7 nodes present
    assert (first.degree, first.countries, first.activity_countries) == (3, ("FR",), ())
    assert [(a.id, a.links, a.types, a.grades) for a in first.associates] == [
        ("A", ("A>C",), ("communication",), ("F6",)),
        ("B", ("B>C",), ("associate",), ("A1",)),
        ("G", ("C>G",), ("co_offending",), ("B2",)),
    ]
    assert targets[1].activity_countries == ("ES", "FR")  # ACT-1 in FR and ES
    assert [(s.k, s.id) for s in result.sequence] == list(enumerate(["C", "D", "A", "G", "B", "F"], start=1))
    assert [s.lcc_fraction for s in result.sequence[:2]] == pytest.approx([3 / 6, 2 / 6])


def test_tiny_weak_points_and_weak_set(tiny_run):
    _, _, result = tiny_run
    assert [(f.values["entity"], f.values["cut_off"]) for f in result.findings if f.kind == "weak_point"] == [
        ("C", 2), ("G", 2)]
    weak_set = finding(result, "weak_set")
    assert weak_set.values == {"entities": ["C"], "removed": 1, "lcc_fraction": 0.5, "halved": True,
                               "largest_before": 6}


def _rows(name: str) -> list[dict[str, str]]:
    with open(TINY / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_tiny_gaps_equal_direct_counts_from_the_csv_files(tiny_run):
    _, _, result = tiny_run
    gaps = {gap.kind: gap for gap in result.gaps}
    entities, links, activities = _rows("entities.csv"), _rows("links.csv"), _rows("activities.csv")
    expected = {
        "entity_without_country": sum(1 for e in entities if not e["countries"] and not e["nationality"]),
        "entity_without_links": sum(
            1 for e in entities if not any(e["id"] in (k["source"], k["target"]) for k in links)
        ),
        "link_unreliable": sum(
            1 for k in links if k["grading"] and (k["grading"][0] in "EF" or k["grading"][1] in "56")
        ),
        "link_ungraded": sum(1 for k in links if not k["grading"]),
        "link_single_source": sum(1 for k in links if len(k["evidence"].split(";")) == 1 and k["evidence"]),
        "activity_without_value": sum(1 for a in activities if not a["value_eur"]),
        "activity_without_grading": sum(1 for a in activities if not a["grading"]),
    }
    assert expected == {
        "entity_without_country": 1,
        "entity_without_links": 1,
        "link_unreliable": 2,
        "link_ungraded": 1,
        "link_single_source": 8,
        "activity_without_value": 1,
        "activity_without_grading": 1,
    }
    # The packages without an identifier or place (their own gap, counted from the packages).
    expected["target_without_identifiers"] = sum(1 for t in result.targets if not t.identifiers)
    assert {kind: gap.count for kind, gap in gaps.items()} == expected
    assert gaps["link_unreliable"].sample == ("A>C", "G>D")
    assert gaps["link_unreliable"].requirement == "corroborate_link"
    value = gaps["activity_without_value"].values
    assert value["known_value_eur"] == pytest.approx(230000.5)
    # ACT-3's type has no valued activity: the median of all valued ones stands in.
    assert value["estimated_unknown_value_eur"] == pytest.approx(115000.25)
    assert value["estimated_unknown_share"] == pytest.approx(1 / 3)
    assert result.isolated == ("H",)


def test_key_player_ranking_reproduces_the_analysis(example_run):
    edition, analysis, _ = example_run
    ctx = Context(edition, analysis, edition.meta.period, analysis.settings)
    assert key_player_ranking(analysis.arrays, ctx.settings) == ctx.ranking


# -- the confidence rule at its boundaries ----------------------------------------------

ADMIRALTY = vocab.GRADING_SYSTEMS["admiralty"]


def link(grade: str | None, *evidence: str, system: str = "admiralty") -> Link:
    grading = vocab.GRADING_SYSTEMS[system].parse(grade) if grade else None
    return Link(source="A", target="B", type="associate", grading=grading, evidence=evidence)


def activity(grade: str, *countries: str) -> Activity:
    return Activity(id="X", date=date(2026, 1, 1), type="fraud", countries=countries, grading=ADMIRALTY.parse(grade))


@pytest.mark.parametrize(
    ("records", "supported"),
    [
        ([], "low"),
        # Three good records from three independent sources (channel and source reliability): high.
        ([link("B2", "image"), link("A1", "biometric", "document"), link("B2", "document")], "high"),
        # ... two of them from the same channel with the same reliability: one source, so two in all: moderate.
        ([link("B2", "image"), link("B1", "image"), link("A1", "biometric")], "moderate"),
        # One good record, however many evidence types: one source, moderate.
        ([link("A1", "image", "biometric", "document")], "moderate"),
        # Fair records: two independent sources make moderate, one does not.
        ([link("C3", "image"), link("C3", "document")], "moderate"),
        ([link("C3", "image"), link("C3", "image")], "low"),
        # The same channel from sources of different reliability: two sources.
        ([link("C3", "image"), link("A3", "image")], "moderate"),
        # Creditable records exactly half of all: no downgrade; fewer than half: one level down.
        ([link("B2", "image"), link("A1", "biometric", "document"), link("B2", "document"), link("E5", "image"),
          link(None, "image"), link("D4", "image")], "high"),
        ([link("B2", "image"), link("A1", "biometric", "document"), link("B2", "document"), link("E5", "image"),
          link(None, "image"), link("D4", "image"), link("D4", "document")], "moderate"),
        ([link("B2", "image"), link("F6", "image")], "moderate"),
        ([link("B2", "image"), link("F6", "image"), link("D4", "image")], "low"),
        # Activities: the countries where they happened are not sources; their sources' reliability tells them apart.
        ([activity("B2", "FR", "ES"), activity("A2", "IT"), activity("B1", "DE")], "moderate"),
        ([activity("C3", "FR", "ES", "IT"), activity("C3", "DE")], "low"),
        ([activity("C3", "FR"), activity("B3", "FR")], "moderate"),
    ],
)
def test_confidence_rule_boundaries(records, supported):
    assert profile(records, ADMIRALTY).supported == supported


@pytest.mark.parametrize(
    ("system", "grade", "expected"),
    [
        ("admiralty", "B2", "good"),
        ("admiralty", "C2", "fair"),
        ("admiralty", "A3", "fair"),
        ("admiralty", "D1", "doubtful"),
        ("admiralty", "B4", "doubtful"),
        ("admiralty", "F1", "unreliable"),
        ("admiralty", "A5", "unreliable"),
        ("uk_3x5x2", "1A", "good"),
        ("uk_3x5x2", "1B", "good"),
        ("uk_3x5x2", "2A", "fair"),
        ("uk_3x5x2", "1C", "fair"),
        ("uk_3x5x2", "3A", "unreliable"),
        ("uk_3x5x2", "1D", "unreliable"),
        ("uk_3x5x2", "2EP", "unreliable"),
        ("europol_4x4", "A1", "good"),
        ("europol_4x4", "B2", "good"),
        ("europol_4x4", "B3", "fair"),
        ("europol_4x4", "C1", "doubtful"),
        ("europol_4x4", "X1", "unreliable"),
        ("europol_4x4", "A4", "unreliable"),
    ],
)
def test_every_grading_system_has_tiers(system, grade, expected):
    assert tier(vocab.GRADING_SYSTEMS[system].parse(grade)) == expected


def test_profile_counts_grades_in_system_order():
    result = profile([link("C3", "image"), link("B2", "image"), link("B2", "document"), link(None)], ADMIRALTY)
    assert result.grades == {"B2": 2, "C3": 1, "ungraded": 1}
    assert result.tiers == {"good": 2, "fair": 1, "ungraded": 1}
    # Sources: image from C and from B, document from B, and the ungraded link without evidence.
    assert (result.records, result.links, result.sources, result.good_sources) == (4, 4, 4, 2)


def test_independent_sources_never_outnumber_records_nor_count_countries():
    many_countries = activity("B2", "FR", "ES", "IT", "DE", "NL")
    assert profile([many_countries], ADMIRALTY).sources == 1
    assert profile([link("A1", "image", "biometric", "document")], ADMIRALTY).sources == 1
    records = [activity("C3", code) for code in ("FR", "ES", "IT", "DE")] + [link("B2", "image")]
    assert profile(records, ADMIRALTY).sources == 2


# -- honest trends -------------------------------------------------------------------


def test_trend_is_a_percentage_only_on_bases_of_ten_or_more():
    assert trend(12, 10, False) == {
        "count": 12,
        "previous_count": 10,
        "express_as": "percent",
        "change": pytest.approx(0.2),
        "collection_caveat": False,
    }
    assert trend(6, 1, True)["express_as"] == "counts" and trend(6, 1, True)["change"] is None
    assert trend(9, 40, False)["express_as"] == "counts"
    assert trend(10, 0, False)["express_as"] == "counts"


# -- judgements ---------------------------------------------------------------------------

JUDGEMENTS = """code_name: T
title: {en: T}
period: {start: 2026-07-01, end: 2026-09-30}
classification: restricted
narratives:
  key_judgements:
    - en: The broker links the cells.
      likelihood: likely
      confidence: moderate
      evidence: [G, C>G, ACT-9]
"""


def test_validate_locates_an_unknown_evidence_id(project_copy):
    path = project_copy(project__yaml=JUDGEMENTS)
    with pytest.raises(DataError) as caught:
        load_project(path)
    assert [str(p) for p in caught.value.problems] == [
        (
            f"{path}/project.yaml:10:26: narratives.key_judgements.0.evidence.2: "
            "unknown evidence id 'ACT-9' (no entity, link or activity has this id)"
        )
    ]


def test_validate_refuses_ambiguous_evidence_and_duplicate_link_ids(project_copy):
    path = project_copy(
        project__yaml=JUDGEMENTS.replace("[G, C>G, ACT-9]", "[A, L1]"),
        activities__csv="id,date,type,entities\nA,2026-07-01,fraud,B\n",
        links__csv="id,source,target,type\nL1,A,B,family\nL1,B,C,associate\n",
    )
    with pytest.raises(DataError) as caught:
        load_project(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}/links.csv:3:1: id: duplicate id 'L1' (first used on row 2)",
        (
            f"{path}/project.yaml:10:18: narratives.key_judgements.0.evidence.0: "
            "ambiguous evidence id 'A' (both an entity and an activity id)"
        ),
    ]


def test_validate_refuses_an_unknown_likelihood(project_copy):
    path = project_copy(project__yaml=JUDGEMENTS.replace("likely", "probable").replace("ACT-9", "ACT-1"))
    with pytest.raises(DataError) as caught:
        load_project(path)
    assert [str(p) for p in caught.value.problems] == [
        (
            f"{path}/project.yaml:8:19: narratives.key_judgements.0.likelihood: unknown likelihood 'probable' "
            "(allowed: remote_chance, highly_unlikely, unlikely, realistic_possibility, likely, highly_likely, "
            "almost_certain)"
        )
    ]


def test_judgements_checked_against_their_evidence_and_withheld_with_it(project_copy):
    links = (
        (TINY / "links.csv")
        .read_text(encoding="utf-8")
        .replace("C,G,co_offending,1,B2,biometric,,,,,", "C,G,co_offending,1,B2,biometric,,,confidential,,")
    )
    judgements = """
    - en: Supported.
      likelihood: likely
      confidence: moderate
      evidence: [A>B, B>C]
    - en: Overstated.
      likelihood: almost_certain
      confidence: high
      evidence: [A>C]
    - en: Resting on an entity and on what the edition withholds.
      confidence: low
      evidence: [G, C>G]
    - en: An entity stands for its links.
      likelihood: unlikely
      confidence: moderate
      evidence: [D]
"""
    yaml_text = JUDGEMENTS.split("  key_judgements:\n")[0] + "  key_judgements:" + judgements
    _, _, result = build(project_copy(project__yaml=yaml_text, links__csv=links))
    first, second, third, fourth = result.judgements
    # Two good records from two sources (document graded B, known association and image graded A): moderate.
    assert (first.supported_confidence, first.warnings, first.evidence) == ("moderate", (), ("A>B", "B>C"))
    assert first.profile.grades == {"A1": 1, "B2": 1}  # A>B cites the A,B row, not the B,A one
    assert (second.supported_confidence, second.warnings) == ("low", ("confidence_above_support",))
    assert (third.withheld, third.evidence, third.profile, third.warnings) == (True, (), None, ())
    assert (fourth.supported_confidence, fourth.profile.links) == ("low", 3)
    assert fourth.warnings == ("confidence_above_support",)
    assert result.withheld
    assert [(w.code, w.judgement, w.values) for w in result.warnings] == [
        ("confidence_above_support", 1, {"stated": "high", "supported": "low"}),
        ("confidence_above_support", 3, {"stated": "moderate", "supported": "low"}),
    ]


# -- the example -----------------------------------------------------------------------


def test_example_judgements_resolve_and_claim_no_more_confidence_than_supported(example_run):
    edition, _, result = example_run
    assert len(result.judgements) == len(edition.meta.narratives.key_judgements) == 4
    for judgement in result.judgements:
        assert not judgement.withheld and judgement.evidence and judgement.likelihood in vocab.LIKELIHOODS
        assert judgement.stated_confidence is not None
        assert vocab.confidence_rank(judgement.stated_confidence) <= vocab.confidence_rank(
            judgement.supported_confidence
        )
    # The only warnings: the judgements about what the analysts' own gaps leave open.
    assert [(w.code, w.judgement, w.values) for w in result.warnings] == [
        ("open_gap", 2, {"gaps": [1], "countries": ["AE"], "entities": []}),
        ("open_gap", 3, {"gaps": [0], "countries": ["BR"], "entities": []}),
    ]
    assert [j.outlook for j in result.judgements] == [False, False, False, True]


def test_example_judgements_share_subjects_with_the_analysts_gaps(example_run):
    """Key judgement 3 (laundering) names the Emirates, whose role gap 2 says is unclear; the outlook cites Brazil."""
    edition, _, result = example_run
    gaps = edition.meta.narratives.intelligence_gaps
    shared = [(j.gaps, j.gap_countries, j.gap_entities) for j in result.judgements]
    assert shared == [((), (), ()), ((), (), ()), ((1,), ("AE",), ()), ((0,), ("BR",), ())]
    assert gaps[1].countries == ("AE",) and all(g.why and g.requirement and g.tasking for g in gaps)


def test_example_judgements_hold_for_the_full_clearance_too():
    _edition, _, result = build(EXAMPLE, Audience(clearance="confidential"))
    assert not result.withheld and result.isolated == ()
    assert all(not j.withheld for j in result.judgements) and {w.code for w in result.warnings} == {"open_gap"}


def test_example_no_laundering_in_the_emirates():
    # The judgement replaced because the data contradicted it stays contradicted.
    project = load_project(EXAMPLE)
    assert not [a.id for a in project.activities if a.type == "money_laundering" and "AE" in a.countries]
    assert not [e.id for e in project.entities if e.type in ("business", "organisation") and "AE" in e.countries]


def test_example_targets_are_in_play(example_run):
    _, _, result = example_run
    # Every entity of the removal sequence up to the one that halves the main group: nine, not five.
    assert [t.id for t in result.targets] == ["PER-00002", "PER-00001", "PER-00016", "PER-00027", "PER-00101",
                                              "PER-00102", "PER-00104", "PER-00098", "PER-00035"]
    assert all(t.status not in OUT_OF_PLAY for t in result.targets)
    assert result.targets[4].lcc_cumulative == pytest.approx(108 / 140)
    assert result.targets[-2].lcc_cumulative > 0.5 >= result.targets[-1].lcc_cumulative
    assert len(result.sequence) == 20 and all(s.status not in OUT_OF_PLAY for s in result.sequence)
    assert [s.id for s in result.sequence[:9]] == [t.id for t in result.targets]
    removed = result.out_of_play
    assert removed.statuses == {"arrested": 10, "convicted": 5, "deceased": 1}
    assert (removed.largest_before, removed.largest_after) == (162, 140)
    assert removed.key_players == ("PER-00051",)  # the third key player, arrested
    weak_set = finding(result, "weak_set")
    assert weak_set.values["removed"] == 9 and weak_set.values["halved"]
    assert not set(weak_set.values["entities"]) & set(removed.ids)


def test_example_brokers_are_not_the_key_players_again(example_run):
    _, analysis, result = example_run
    brokers = [b.id for b in result.brokers]
    assert brokers[:2] == ["PER-00101", "PER-00098"]
    assert "PER-00001" not in brokers  # first on links and on betweenness alike
    assert "PER-00002" not in brokers  # 2nd for betweenness, 3rd for links: a leader, not a broker
    assert not set(brokers) & set(analysis.key_players.overall)
    for broker in result.brokers:
        assert broker.bridged_communities >= 2
        assert broker.degree_rank >= 1.5 * broker.betweenness_rank and broker.degree_rank - broker.betweenness_rank >= 3
    in_play = [b.id for b in result.brokers if b.in_play]
    assert [f.values["entity"] for f in result.findings if f.kind == "principal_broker"] == in_play[:3]


def test_example_gaps_and_trends(example_run):
    _, _, result = example_run
    gaps = {gap.kind: gap for gap in result.gaps}
    assert (gaps["person_without_role"].count, gaps["person_without_role"].total) == (41, 145)
    assert (gaps["activity_without_value"].count, gaps["activity_without_value"].total) == (33, 347)
    assert (gaps["link_unreliable"].count, gaps["link_unreliable"].total) == (125, 419)
    assert gaps["entity_without_links"].sample == ("ACC-00114",)
    assert result.isolated == ("ACC-00114",) and result.withheld  # its only link is confidential
    total = finding(result, "activity_trend", scope="total")
    assert (total.values["count"], total.values["previous_count"], total.values["express_as"]) == (347, 119, "percent")
    assert total.values["collection_caveat"]
    drugs = finding(result, "dominant_crime_type", type="trafficking_drugs")
    assert (drugs.values["count"], drugs.values["previous_count"], drugs.values["rank"]) == (135, 45, 1)
    sensitivity = result.grading_sensitivity
    assert sensitivity.changed and "PER-00051" in sensitivity.left
    assert len(result.bottom_line) == 4 and result.bottom_line[0] == result.findings[0].id


def test_analyze_json_carries_the_assessment(tiny):
    result = CliRunner().invoke(cli, ["analyze", str(tiny), "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)["assessment"]
    for key in (
        "findings",
        "judgements",
        "gaps",
        "targets",
        "bottom_line",
        "brokers",
        "out_of_play",
        "grading_sensitivity",
        "withheld",
        "isolated",
    ):
        assert key in data
    for item in data["findings"] + data["judgements"]:
        assert item["confidence"] in vocab.CONFIDENCE_LEVELS and isinstance(item["evidence"], list)
    assert all({"id", "status"} <= set(t) for t in data["targets"])
    assert all(isinstance(g["count"], int) for g in data["gaps"])
    assert set(data["bottom_line"]) <= {f["id"] for f in data["findings"]}


def test_cut_offs_equal_removing_each_cut_point():
    import random

    import networkx as nx

    from reportgen.analysis.assess.targets import cut_offs

    for seed in range(100):
        rng = random.Random(seed)
        graph = nx.gnm_random_graph(rng.randint(2, 40), rng.randint(1, 60), seed=seed)
        graph = nx.relabel_nodes(graph, {v: f"N{v:02d}" for v in graph})
        main = max(nx.connected_components(graph), key=lambda c: (len(c), [-ord(ch) for ch in min(c)]))
        expected = {}
        for v in nx.articulation_points(graph.subgraph(main)):
            rest = graph.subgraph(main - {v})
            expected[v] = len(main) - 1 - max(len(c) for c in nx.connected_components(rest))
        assert cut_offs(graph, min(main)) == expected, seed


class _Shares:
    """A stand-in for the in-play network: the share of the largest group left after each removal."""

    def __init__(self, shares: list[float]):
        self.shares = shares

    def share(self, removed: list[str]) -> float:
        return self.shares[len(removed) - 1]


@pytest.mark.parametrize(
    ("shares", "count"),
    [
        ([0.9, 0.8, 0.4] + [0.3] * 17, 5),  # halved early: at least TARGET_MIN packages
        ([0.9] * 7 + [0.4] + [0.3] * 12, 8),  # halved by the 8th: every one up to it
        ([0.9] * 20, 15),  # never halved: TARGET_MAX, the rest in the sequence table
        ([0.9] * 17 + [0.4] * 3, 15),  # halved too late for a package each
        ([0.9, 0.4, 0.3], 3),  # a short sequence: all of it
    ],
)
def test_targets_run_to_the_removal_that_halves_the_largest_group(shares, count):
    assert (TARGET_MIN, TARGET_MAX) == (5, 15)
    sequence = [(f"E{k}", 0.0) for k in range(len(shares))]
    assert target_count(_Shares(shares), sequence) == count  # type: ignore[arg-type]


GAPS = JUDGEMENTS.replace("[G, C>G, ACT-9]", "[C>G]") + """    - en: Spain matters.
      evidence: [ACT-1]
      countries: [PT]
  intelligence_gaps:
    - en: Who Gianni Galli answers to.
      why: {en: He is the bridge.}
      requirement: {en: Find out.}
      tasking: {en: Italy.}
      entities: [G]
    - en: What happens in Portugal.
      countries: [PT]
    - en: Unrelated.
      countries: [DE]
"""


def test_judgements_and_gaps_share_entities_and_countries(project_copy):
    """G is an end of the link the first judgement cites; the second names Portugal, which the second gap is about."""
    _, _, result = build(project_copy(project__yaml=GAPS))
    first, second = result.judgements
    assert (first.gaps, first.gap_countries, first.gap_entities) == ((0,), (), ("G",))
    assert (second.gaps, second.gap_countries, second.gap_entities) == ((1,), ("PT",), ())
    assert [w.judgement for w in result.warnings if w.code == "open_gap"] == [0, 1]


def test_validate_locates_an_unknown_entity_of_a_gap(project_copy):
    path = project_copy(project__yaml=GAPS.replace("entities: [G]", "entities: [G, Z]"))
    with pytest.raises(DataError) as caught:
        load_project(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}/project.yaml:19:21: narratives.intelligence_gaps.0.entities.1: unknown entity id 'Z'"
    ]


# -- target packages: identity, identifiers, agencies, ranks, releases ----------------------------


def test_example_packages_carry_aliases_agencies_and_ranks_that_name_their_measure(example_run):
    edition, analysis, result = example_run
    packages = {t.id: t for t in result.targets}
    # Aliases as recorded; none where the data has none.
    assert packages["PER-00101"].aliases == ("Tonton",) and packages["PER-00102"].aliases == ("Patrão",)
    assert packages["PER-00002"].aliases == ()
    # Agencies: the gaps' own rule (whom to task) over its countries and its activities' countries.
    for t in result.targets:
        expected = tasking([*t.countries, *(c for a in edition.activities if t.id in a.entities
                                             and edition.meta.period.start <= a.date <= edition.meta.period.end
                                             for c in a.countries)])
        assert list(t.agencies) == expected and set(t.agencies) <= {*t.countries, *t.activity_countries}
    assert packages["PER-00002"].agencies == ("RS", "TN")
    # Blerim Kola: step 3 of the removal sequence, key-player rank 17 of the 163 entities, betweenness rank 22.
    blerim = packages["PER-00016"]
    assert (blerim.rank, blerim.key_player_rank, blerim.ranked, blerim.betweenness_rank) == (3, 17, 163, 22)
    assert blerim.ranked == analysis.network.nodes
    # Betweenness ranks are the brokers' (competition ranks over the period's network).
    brokers = {b.id: b.betweenness_rank for b in result.brokers}
    assert all(packages[v].betweenness_rank == rank for v, rank in brokers.items() if v in packages)
    assert packages["PER-00101"].betweenness_rank == brokers["PER-00101"] == 9


def test_example_released_targets_are_a_gap_tied_to_them(example_run):
    _, _, result = example_run
    released = [t.id for t in result.targets if t.status == "released"]
    assert released == ["PER-00016", "PER-00101"]
    gap = next(g for g in result.gaps if g.kind == "target_release_unrecorded")
    assert (gap.count, gap.total, gap.sample, gap.requirement) == (2, 9, tuple(released), "confirm_release")
    assert gap.values == {"countries": ["AL", "NL"]}  # Blerim Kola's Albania, Anouk de Boer's Netherlands
    kinds = [g.kind for g in result.gaps]
    assert kinds.index("target_release_unrecorded") == kinds.index("entity_without_links") + 1


def test_example_identifiers_are_listed_only_when_the_edition_holds_them():
    # Ilir Kola's vessel is confidential: the default edition has none of it, the full clearance lists it.
    _, _, default = build(EXAMPLE)
    assert all(t.identifiers == () for t in default.targets)
    _, _, full = build(EXAMPLE, Audience(clearance="confidential"))
    ilir = next(t for t in full.targets if t.id == "PER-00102")
    assert ilir.identifiers == (Identifier("VES-00161", "vessel", ("LNK-00207",), ("E3",)),)


def test_a_package_lists_identifiers_by_type_and_the_report_caps_them(project_copy):
    kinds = ("location", "document", "vessel", "vehicle", "business", "account", "email")
    entities = (TINY / "entities.csv").read_text(encoding="utf-8") + "".join(
        f"X{i},{kind},{kind.title()} {i},,,FR,,active,,,,,\n" for i, kind in enumerate(kinds))
    links = (TINY / "links.csv").read_text(encoding="utf-8") + "C,H,communication,1,,communication_record,,,,,\n" \
        + "".join(f"C,X{i},associate,1,B{i % 6 + 1},document,,,,,\n" for i in range(len(kinds))) \
        + "X5,C,financial,1,C2,financial_record,,,,,\n"
    edition, analysis, result = build(project_copy(entities__csv=entities, links__csv=links))
    chloe = next(t for t in result.targets if t.id == "C")
    assert [i.type for i in chloe.identifiers] == list(IDENTIFIER_TYPES)  # interception first, places last
    account = next(i for i in chloe.identifiers if i.type == "account")
    assert (account.id, account.links, account.grades) == ("X5", ("C>X5", "X5>C"), ("B6", "C2"))
    assert next(i for i in chloe.identifiers if i.type == "phone").grades == ("ungraded",)
    view = assessment_view("analysis", edition, result, analysis.entity_index)
    shown = view.identifiers["C"]
    assert [i.id for i in shown.shown] == [i.id for i in chloe.identifiers[:IDENTIFIERS_SHOWN]]
    assert shown.more == len(IDENTIFIER_TYPES) - IDENTIFIERS_SHOWN == 2
    assert view.identifiers["D"].more == 0


def test_an_edition_knows_whom_it_is_for():
    project = load_project(TINY)
    assert prepare_edition(project, Audience()).audience == Audience(None, project.meta.classification)
    assert prepare_edition(project, Audience("IT", "public")).audience == Audience("IT", "public")
