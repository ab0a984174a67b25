"""The example project meets the data contract's promises."""

from __future__ import annotations

from conftest import EXAMPLE

from reportgen.data import vocab
from reportgen.data.load import load_project


def test_example_size_and_coverage():
    project = load_project(EXAMPLE)
    assert len(project.entities) >= 150
    assert len(project.links) >= 400
    assert len(project.activities) >= 300
    countries = {c for a in project.activities for c in a.countries} | {
        c for e in project.entities for c in e.home_countries
    }
    assert len(countries) >= 15
    quarters = {(a.date.year, (a.date.month - 1) // 3) for a in project.activities}
    assert len(quarters) >= 2
    assert {r for e in project.entities for r in e.roles} == set(vocab.ROLES)
    assert {link.type for link in project.links} == set(vocab.LINK_TYPES)
    assert {a.type for a in project.activities} == set(vocab.ACTIVITY_TYPES)
    grades = [g for g in [link.grading for link in project.links] + [a.grading for a in project.activities] if g]
    assert {g.reliability for g in grades} == set("ABCDEF")
    assert {g.credibility for g in grades} == set("123456")


def test_example_narratives_in_every_language():
    meta = load_project(EXAMPLE).meta
    for lang in vocab.LANGUAGES:
        assert meta.title.get(lang)
        for section in ("summary", "key_judgements", "recommendations", "intelligence_gaps"):
            paragraphs = getattr(meta.narratives, section)
            assert paragraphs and all(p.get(lang) for p in paragraphs), (lang, section)
