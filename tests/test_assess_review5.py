"""Senior analyst's review, round 5: what the assessment says of the example, on the model (no build)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from conftest import EXAMPLE

from reportgen.analysis.assess import Assessment, assess
from reportgen.analysis.period import analyse_period
from reportgen.analysis.results import Analysis
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict
from reportgen.report.render import environment


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
