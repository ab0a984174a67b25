"""Senior analyst's review, round 5: what the assessment says of the example, on the model (no build)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from conftest import EXAMPLE
from test_reconcile import StubFigures, StubFiles

from reportgen.analysis.assess import Assessment, assess
from reportgen.analysis.assess.activity import share_changed
from reportgen.analysis.edition import prepare_edition
from reportgen.analysis.period import analyse_period
from reportgen.analysis.results import Analysis
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict
from reportgen.report.model import report_model
from reportgen.report.render import Page, environment, render


@pytest.fixture(scope="module")
def example() -> tuple[Analysis, Assessment]:
    """The example's analysis and assessment, as a default build sees them."""
    edition, _removed = restrict(load_project(EXAMPLE), Audience())
    analysis = analyse_period(edition, edition.meta.period)
    return analysis, assess(edition, analysis)


def associates(example: tuple[Analysis, Assessment], lang: str, target: str) -> str:
    """A target package's associates as the template writes them, tags dropped."""
    analysis, result = example
    r = SimpleNamespace(entities=analysis.entity_index, assessment=SimpleNamespace(out_of_play=frozenset(
        result.out_of_play.ids)))
    module = environment(lang).get_template("partials/assessment.html").make_module({"r": r, "lang": lang})
    package = next(t for t in result.targets if t.id == target)
    written = " | ".join(str(module.associate(a)) for a in package.associates)
    return re.sub(r"<[^>]+>|[\u2068\u2069]|&#x206[89];", "", written)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Zoran Petrović (association link graded D3 and co-offending link graded B3)"),
    ("fr", "Zoran Petrović (lien de fréquentation de cotation D3 et lien de co-délinquance de cotation B3)"),
    ("es", "Zoran Petrović (vínculo de asociación con evaluación D3 y "),
    ("ar", "بتقييم D3"),
])
def test_each_kind_of_link_sits_with_its_own_grade(example, lang, expected):
    """LNK-00001 (co-offending) is B3, LNK-00002 (association) D3: not « association and co-offending, B3 and D3 »."""
    written = associates(example, lang, "PER-00001")
    assert expected in written
    if lang == "en":
        assert "graded B3 and D3" not in written


@pytest.mark.parametrize(("lang", "target", "expected"), [
    ("en", "PER-00016", "Fatmir Hoxha (arrested; ungraded association link)"),
    ("en", "PER-00102", "Manuel García (ungraded financial link)"),
    ("fr", "PER-00102", "(lien financier sans cotation)"),
    ("es", "PER-00102", "(vínculo financiero sin evaluación)"),
    ("ar", "PER-00102", "دون تقييم"),
])
def test_an_associate_without_a_grade_says_ungraded(example, lang, target, expected):
    assert expected in associates(example, lang, target)


def module_of(example: tuple[Analysis, Assessment], lang: str):
    """The assessment partial's macros, with the example as the report's model."""
    analysis, result = example
    r = SimpleNamespace(entities=analysis.entity_index, assessment=SimpleNamespace(out_of_play=frozenset(
        result.out_of_play.ids)))
    return environment(lang).get_template("partials/assessment.html").make_module({"r": r, "lang": lang})


def test_the_weak_link_gap_names_the_grades_it_counts(example):
    """It counts the unreliable tier (E–F or 5–6); « doubtful » is D or 4 in the report's own scale, not counted."""
    _analysis, result = example
    edition, _removed = restrict(load_project(EXAMPLE), Audience())
    gap = next(g for g in result.gaps if g.kind == "link_unreliable")
    weak = [k for k in edition.links if k.grading and (k.grading.reliability in "EF" or k.grading.credibility in "56")]
    assert gap.count == len({k.ref for k in weak}) or gap.count == len(weak)
    written = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(module_of(example, "en").gap(gap))))
    assert "doubtful" not in written
    assert (f"{gap.count} links of {gap.total} rest on sources that are unreliable or cannot be judged, or on "
            "information that is improbable or cannot be judged (Admiralty E–F or 5–6") in written


@pytest.fixture(scope="module")
def pages() -> dict[tuple[str, str], str]:
    """The example's reports as the real templates render its real model (figures stubbed), text only."""
    edition = prepare_edition(load_project(EXAMPLE), Audience())
    found = {}
    for report in ("analysis", "strategy"):
        model = report_model(report, edition.project, edition.analysis, edition.assessment, [])
        for lang in ("en", "fr"):
            page = render(Page(report, lang, "pdf", StubFigures(), StubFiles()), model)
            found[report, lang] = page
    return found


def plain(fragment: str) -> str:
    """Visible text, ASCII whitespace collapsed (no-break spaces kept)."""
    visible = re.sub(r"<[^>]+>|&#x206[89];|[\u2068\u2069]", " ", fragment).replace("&#39;", "'")
    return re.sub(r"[ \t\r\n]+", " ", visible)


def section_of(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}"')
    end = page.find("<section ", start + 1)
    return page[start:end if end > 0 else len(page)]


def test_the_removal_sequence_says_betweenness_is_recomputed_and_can_rise(pages):
    """Betweenness 0.346 then 0.378: the table's note says why a later step can be higher."""
    disruption = section_of(pages["analysis", "en"], "disruption")
    table = disruption[disruption.index("Removal sequence on the network still in play"):]
    note = plain(table[table.index("</table>"):])
    assert note.startswith(" Betweenness is recomputed on what is left of the network after each removal")
    assert "the betweenness of a later step can be higher than that of an earlier one" in note


ORDER = ("The target packages follow the order of the removal sequence (each step removes the entity still in play "
         "with the highest betweenness in what the earlier steps left of the network), not an order of priority")


def test_the_order_of_the_targets_is_the_sequence_not_a_priority(pages):
    """The targets' introduction and the strategy's targets say the order is the sequence's, not a priority."""
    targets = plain(section_of(pages["analysis", "en"], "targets"))
    assert ORDER in targets.split("Removal step 1")[0]
    recommendations = plain(section_of(pages["strategy", "en"], "recommendations"))
    assert ORDER in recommendations
    assert "non un ordre de priorité\u202f:" in plain(section_of(pages["strategy", "fr"], "recommendations"))


def test_a_share_that_did_not_change_makes_no_finding(example):
    """Review 5: « Albania 14% against 14% », « Italy 13% against 13% » reported nothing: they are not findings."""
    _analysis, result = example
    shares = [f.values for f in result.findings if f.kind in ("dominant_country", "dominant_crime_type")]
    assert {v.get("country") or v.get("type") for v in shares} == {"trafficking_drugs", "BA"}
    for v in shares:
        assert round(v["share"] * 100) != round(v["previous_share"] * 100)


@pytest.mark.parametrize(("share", "previous", "changed"), [
    (0.1383, 0.1429, False),  # 14% against 14%
    (0.1268, 0.1261, False),
    (0.1354, 0.1176, True),  # 14% against 12%
    (0.3890, 0.3782, True),  # 39% against 38%: the whole percentage changed
    (0.1449, 0.1251, True),  # under 2 points, but 14% against 13%
    (0.1490, 0.1260, True),  # 2.3 points
])
def test_share_changed_by_two_points_or_a_whole_percentage(share, previous, changed):
    assert share_changed(share, previous) is changed


def test_targets_without_identifiers_make_a_gap_asking_their_bureaus(example, pages):
    """Every package of the example says « Identifiers and places: none recorded »: a gap asks for them."""
    _analysis, result = example
    gap = next(g for g in result.gaps if g.kind == "target_without_identifiers")
    bare = [t for t in result.targets if not t.identifiers]
    assert gap.count == len(bare) == gap.total == len(result.targets) == 9
    assert list(gap.sample) == [t.id for t in bare]
    assert set(gap.values["countries"]) <= {c for t in bare for c in t.agencies}
    targets = section_of(pages["analysis", "en"], "targets")
    assert targets.count('<a href="#gap-target_without_identifiers">none recorded</a>') == 9
    gaps = plain(section_of(pages["analysis", "en"], "gaps"))
    assert 'id="gap-target_without_identifiers"' in section_of(pages["analysis", "en"], "gaps")
    assert ("No identifier or place (phone, account, address, vehicle…) is recorded for any of the 9 targets. "
            "Why it matters An operation needs what it can intercept, freeze or search") in gaps
    assert "Ask the national bureaus concerned for the targets' phones, bank accounts, addresses and vehicles." in gaps
    french = plain(section_of(pages["analysis", "fr"], "gaps"))
    assert "(téléphone, compte, adresse, véhicule…) n\u2019est enregistré pour aucune des 9 cibles" in french


def test_a_target_with_an_identifier_is_not_in_that_gap(tiny):
    """The tiny project's targets: those with identifiers are left out of the gap (or the gap is absent)."""
    edition, _removed = restrict(load_project(tiny), Audience())
    result = assess(edition, analyse_period(edition, edition.meta.period))
    bare = [t.id for t in result.targets if not t.identifiers]
    gap = next((g for g in result.gaps if g.kind == "target_without_identifiers"), None)
    assert (list(gap.sample) if gap else []) == bare
    assert len(bare) < len(result.targets)
