"""Numbers that must reconcile across a report: each quoted figure names what it counts, and agrees.

The example's real model, rendered by the real templates in English (its
figures stubbed: their words are the figure modules' concern), read as a
director would: the bottom line against the disruption section, the counts
of links against their percentages, the coverage against the gaps, the
annex against the data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from conftest import EXAMPLE
from test_assessment_output import section, text

from reportgen.analysis import centrality
from reportgen.analysis.assess.context import Context
from reportgen.analysis.assess.targets import HALF, TARGET_TYPES, InPlay
from reportgen.analysis.edition import prepare_edition
from reportgen.data.load import load_project
from reportgen.data.release import Audience
from reportgen.report.model import report_model
from reportgen.report.render import Page, render


@dataclass
class StubFigure:
    """What the templates read of a figure, without drawing it."""

    id: str
    description: str = "chart"
    alt: str = "chart"
    caption: str = "caption"
    size: tuple[int, int] = (100, 100)
    tables: list[Any] = field(default_factory=list)


class StubFigures(dict):
    """Every figure id a template asks for, stubbed."""

    def __missing__(self, key: str) -> StubFigure:
        return StubFigure(key)

    def __contains__(self, key: object) -> bool:
        return True


class StubFiles(dict):
    def __missing__(self, key: str) -> str:
        return f"{key}.svg"


@pytest.fixture(scope="module")
def edition():
    return prepare_edition(load_project(EXAMPLE), Audience())


def page(edition, report: str, lang: str = "en") -> str:
    """The report's PDF-medium HTML (figures stubbed) of the example's real model."""
    model = report_model(report, edition.project, edition.analysis, edition.assessment, [])
    return render(Page(report, lang, "pdf", StubFigures(), StubFiles()), model)


@pytest.fixture(scope="module")
def analysis_html(edition) -> str:
    return page(edition, "analysis")


@pytest.fixture(scope="module")
def strategy_html(edition) -> str:
    return page(edition, "strategy")


def rows(fragment: str) -> list[list[str]]:
    """The body rows of the tables of ``fragment``, as the text of their cells."""
    body = "".join(re.findall(r"<tbody>(.*?)</tbody>", fragment, flags=re.S))
    return [[text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)]


# -- 1. the removal sequence, told one way ------------------------------------------------------


def test_the_halving_the_bottom_line_quotes_is_the_removal_sequences(edition, analysis_html):
    """The weak-set finding, the targets and the disruption section quote the same step and share."""
    result = edition.assessment
    weak = next(f for f in result.findings if f.kind == "weak_set")
    k = result.halved_at
    assert k == weak.values["removed"] == len(result.targets) == 9
    assert result.sequence[k - 1].lcc_fraction == pytest.approx(weak.values["lcc_fraction"])
    assert result.sequence[k - 1].lcc_fraction <= HALF < result.sequence[k - 2].lcc_fraction
    disruption = text(section(analysis_html, "disruption"))
    assert ("On the network still in play, the removal sequence (the target packages' order, listed below) "
            f"halves the largest connected group after {k} removals.") in disruption
    # The scenarios' own halving is quoted as theirs, on the network as recorded.
    best = edition.analysis.disruption_ranking[0]
    assert (f"including the {len(result.out_of_play.ids)} entities already out of play" in disruption
            and f"That strategy halves the group after {best.k_to_halve} removals." in disruption)
    assert "The group is halved after" not in disruption
    # The finding the bottom line states, as printed, against the table row of that step.
    findings = text(section(analysis_html, "key-findings"))
    share = f"{round(weak.values['lcc_fraction'] * 100)}%"
    assert (f"On the network still in play, removing the first {k} entities of the removal sequence in turn ("
            in findings and f"would leave {share} of the largest" in findings)
    table = [row for row in rows(section(analysis_html, "disruption")) if len(row) == 6]
    assert table[k - 1][0] == str(k) and table[k - 1][-1] == share
    assert [row[1] for row in table[:k]] == [edition.analysis.entity_index[t.id].name for t in result.targets]


def test_the_example_bottom_line_numbers_equal_the_disruption_table(edition, analysis_html):
    """The analysts' "only the removal of all nine halves its main group" is the sequence's step 9."""
    bottom = text(section(analysis_html, "bottom-line"))
    assert "the nine people of the target packages" in bottom and "removal of all nine halves" in bottom
    assert edition.assessment.halved_at == 9
    judgement = text(section(analysis_html, "key-judgements"))
    table = [row for row in rows(section(analysis_html, "disruption")) if len(row) == 6]
    for step, share in ((2, "98%"), (3, "79%"), (8, "60%"), (9, "48%")):
        assert table[step - 1][-1] == share and share in judgement


def test_the_removal_order_is_the_rule_the_method_text_states(edition, analysis_html, strategy_html):
    """Each step removes the candidate with the highest betweenness in what is left of the in-play network."""
    ctx = Context(edition.project, edition.analysis, edition.project.meta.period, edition.analysis.settings)
    network = InPlay(ctx)
    nodes, index = network.remover.nodes, network.remover.index
    present = network.present()
    candidates = [v for v in nodes if present[index[v]] and ctx.metrics[v].type in TARGET_TYPES
                  and ctx.metrics[v].degree]
    for step in edition.assessment.sequence:
        between = centrality.betweenness(network.matrix, present, samples=None, seed=ctx.settings.seed)
        left = [v for v in candidates if present[index[v]]]
        top = max(float(between[index[v]]) for v in left)
        assert float(between[index[step.id]]) == pytest.approx(top, abs=1e-9) == pytest.approx(step.betweenness)
        present[index[step.id]] = False
    # Zoran Petrović before Nikola Nikolić: higher betweenness on the network still in play, lower as recorded.
    first, second = edition.assessment.sequence[:2]
    metrics = edition.analysis.entity_index
    assert (first.id, second.id) == ("PER-00002", "PER-00001")
    assert metrics[first.id].betweenness < metrics[second.id].betweenness
    disruption = text(section(analysis_html, "disruption"))
    assert "ties go to the one with more remaining links, then the higher key-player score" in disruption
    assert "Betweenness when removed" in disruption
    rule = "the one with the highest betweenness in what the earlier steps left of that network"
    assert rule in text(section(analysis_html, "methodology"))
    assert rule in text(section(strategy_html, "recommendations"))
    assert "fragments the network most, up to" not in text(section(analysis_html, "methodology"))
    assert np.isfinite(first.betweenness)


# -- 2. distinct relationships and recorded links ------------------------------------------------


def test_cross_border_counts_say_what_they_count_and_share_their_denominator(edition, analysis_html):
    net, project = edition.analysis.network, edition.project
    homes = {e.id: e.home_countries for e in project.entities}
    crossing = [k for k in project.links
                if homes[k.source] and homes[k.target] and not set(homes[k.source]) & set(homes[k.target])]
    pairs = {tuple(sorted((k.source, k.target))) for k in crossing}
    located = {tuple(sorted((k.source, k.target))) for k in project.links if homes[k.source] and homes[k.target]}
    assert (net.cross_border_links, net.cross_border_records, net.located_edges) == (
        len(pairs), len(crossing), len(located))
    assert net.cross_border_share == pytest.approx(len(pairs) / len(located))
    assert sum(p.records for p in edition.analysis.cross_border) >= net.cross_border_records
    border = text(section(analysis_html, "cross-border"))
    share = f"{round(100 * len(pairs) / len(located))}%"
    assert (f"{len(pairs)} of the {len(located)} distinct relationships between entities tied to a country "
            f"({share}; {len(crossing)} recorded links) join entities with no country in common.") in border
    glance = text(section(analysis_html, "glance"))
    assert f"{net.edges} relationships between entities" in glance
    assert f"{share} of relationships cross a border" in glance
    assert f"through {net.edges} distinct relationships ({net.links} recorded links)" in glance


def test_corridor_findings_count_the_analysis_border_pairs(edition, analysis_html):
    """One concept, one place: a corridor's relationships and recorded links are its analysis pair's."""
    border = {tuple(p.countries): p for p in edition.analysis.cross_border}
    links = {k.ref: k for k in edition.project.links}
    corridors = [f for f in edition.assessment.findings if f.kind == "corridor"]
    assert any(f.values["links"] for f in corridors)
    for f in corridors:
        key = tuple(f.values["countries"])
        pair = border.get(key)
        assert f.values["links"] == (pair.links if pair else 0)
        assert f.values["records"] == (pair.records if pair else 0)
        cited = [links[ref] for ref in f.evidence if ref in links]
        assert len(cited) == f.values["records"]
        assert len({tuple(sorted((k.source, k.target))) for k in cited}) == f.values["links"]
    findings = text(section(analysis_html, "key-findings"))
    assert "main cross-border corridor: 2 distinct relationships (2 recorded links) join entities" in findings


# -- 3. coverage against the gaps ----------------------------------------------------------------


def test_coverage_grades_the_records_the_gaps_count(edition, strategy_html):
    """The coverage chart's "ungraded" is the gaps' ungraded links plus ungraded activities of the period."""
    from reportgen.i18n.formatting import Formatter
    from reportgen.report.figures.charts import grading_figure

    grades = edition.analysis.gradings
    gaps = {g.kind: g for g in edition.assessment.gaps}
    links, activities = gaps["link_ungraded"], gaps["activity_without_grading"]
    assert (grades.links.ungraded, grades.activities.ungraded) == (links.count, activities.count) == (15, 14)
    assert grades.links.graded + grades.links.ungraded == links.total
    assert grades.activities.graded + grades.activities.ungraded == activities.total
    caption = grading_figure(Formatter("en"), edition.analysis).caption
    graded = links.total + activities.total - links.count - activities.count
    assert f"({graded:,} graded, {links.count + activities.count} ungraded)" in caption
    gap_text = text(section(strategy_html, "gaps"))
    assert f"{links.count} links of {links.total} are not graded." in gap_text
    assert f"{activities.count} activities of {activities.total} are not graded." in gap_text
    # The methodology's count of the project's activities says which of them the coverage and gaps count.
    method = text(section(strategy_html, "methodology"))
    assert f"{edition.analysis.project.activities} activities recorded by the project" in method
    assert f"Of those activities, {activities.total} took place in the period" in method


# -- 4. the data files against the annexes -------------------------------------------------------


def data_files(edition, folder) -> dict[str, list[dict[str, str]]]:
    """The data files a build writes for ``edition``, read back."""
    import csv

    from reportgen.publish.writer import Writer
    from reportgen.report.model import REPORTS, marking

    project, analysis = edition.project, edition.analysis
    markings = {report: marking(report, analysis, project.meta.narratives) for report in REPORTS}
    Writer(folder, atomic=False).write_annexes(project, analysis.to_dict(), markings)
    return {name: list(csv.DictReader((folder / "data" / name).open(encoding="utf-8")))
            for name in ("entities.csv", "links.csv", "activities.csv")}


def test_every_entity_has_the_same_community_in_the_csv_and_the_annex(edition, analysis_html, tmp_path):
    written = {row["id"]: row["community"] for row in data_files(edition, tmp_path)["entities.csv"]}
    annex = {row[0]: row[-1] for row in rows(section(analysis_html, "annex-entities"))}
    assert set(annex) == set(written) == {e.id for e in edition.analysis.entities}
    for v, community in written.items():
        assert annex[v] == (community or "—"), v
    assert written["ACC-00114"] == "" and annex["ACC-00114"] == "—"
    assert sum(1 for c in written.values() if c) == len(written) - len(edition.assessment.isolated)


def test_activities_csv_holds_annex_c_activities_and_is_described_in_annex_d(edition, analysis_html, tmp_path):
    from reportgen.report.datafiles import ACTIVITIES

    activities = data_files(edition, tmp_path)["activities.csv"]
    assert tuple(activities[0]) == ACTIVITIES.header
    ids = [row["id"] for row in activities]
    assert sorted(ids) == sorted(a.id for a in edition.project.activities)
    cited = set(re.findall(r'<tr id="ev-(ACT-[^"]+)"', section(analysis_html, "annex-evidence")))
    assert cited and cited <= set(ids)
    annex_d = text(section(analysis_html, "annex-data"))
    assert "activities.csv" in annex_d and "Identifiers of the entities involved (as in entities.csv)" in annex_d
    assert "trafficking_drugs" in annex_d


@pytest.mark.parametrize("audience", [Audience(clearance="official_use"), Audience(country="FR")])
def test_activities_csv_leaks_nothing_above_the_audience(audience, tmp_path):
    from reportgen.data import vocab

    full = load_project(EXAMPLE)
    restricted = prepare_edition(full, audience)
    written = data_files(restricted, tmp_path)
    by_id = {a.id: a for a in full.activities}
    ids = {row["id"] for row in written["activities.csv"]}
    shown = [by_id[i] for i in ids]
    clearance = vocab.classification_rank(audience.clearance or full.meta.classification)
    assert all(vocab.classification_rank(a.classification or "public") <= clearance for a in shown)
    if audience.country:
        assert all(not a.release_to or audience.country in a.release_to for a in shown)
    # Something was withheld, and every entity an activity names is in entities.csv too.
    held_back = [a for a in full.activities if a.id not in ids
                 and (vocab.classification_rank(a.classification or "public") > clearance
                      or (audience.country and a.release_to and audience.country not in a.release_to))]
    assert held_back
    entity_ids = {row["id"] for row in written["entities.csv"]}
    named = {e for row in written["activities.csv"] for e in row["entities"].split(";") if e}
    assert named <= entity_ids | {e.id for e in restricted.project.entities}


# -- 5. target cards and rankings name what they state -------------------------------------------


def test_a_target_without_identifiers_says_none_recorded(edition, analysis_html):
    targets = section(analysis_html, "targets")
    packages = re.findall(r'<article class="target" id="target-([^"]+)">(.*?)</article>', targets, flags=re.S)
    assert len(packages) == len(edition.assessment.targets)
    for target, (v, body) in zip(edition.assessment.targets, packages, strict=True):
        assert v == target.id
        if not target.identifiers:
            assert "Identifiers and places none recorded" in text(body), v
    assert any(not t.identifiers for t in edition.assessment.targets)


def test_ranks_in_what_changed_and_the_role_table_name_the_key_player_measure(edition, analysis_html):
    changes = text(section(analysis_html, "changes"))
    rose = edition.analysis.changes.key_players.rose
    assert rose and all(move.previous_rank is not None for move in rose[:1])
    move = rose[0]
    assert f"now key-player rank {move.rank}, previously {move.previous_rank}" in changes
    assert "now ranked" not in changes and "previously ranked" not in changes
    assert "Highest key-player ranks" in text(section(analysis_html, "key-players"))


# -- the built example, as it is mailed ------------------------------------------------------------


@pytest.mark.slow
def test_the_built_pdf_tells_the_removal_sequence_one_way(example_reports):
    import subprocess

    folder = example_reports.folder
    pdf = subprocess.run(["pdftotext", "-layout", str(folder / "en" / "analysis.pdf"), "-"], check=True,
                         capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", " ", pdf)
    assert "halves the largest connected group after 9 removals." in flat
    assert "That strategy halves the group after 16 removals." in flat
    assert "The group is halved after" not in flat
    assert re.search(r"\b9 Goran Petrović Organiser Active 0\.\d{3} 48%", flat)
    assert "only the removal of all nine halves its main group" in flat
    written = (folder / "data" / "entities.csv").read_text(encoding="utf-8")
    assert "\nACC-00114," in written and (folder / "data" / "activities.csv").exists()
