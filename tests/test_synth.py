"""The synthetic project generator: valid, complete and deterministic."""

from __future__ import annotations

from datetime import timedelta

from reportgen.data import vocab
from reportgen.data.load import load_project
from reportgen.data.synth import generate


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    generate(tmp_path / "a", entities=80, seed=3)
    generate(tmp_path / "b", entities=80, seed=3)
    generate(tmp_path / "c", entities=80, seed=4)
    for name in ("project.yaml", "entities.csv", "links.csv", "activities.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "entities.csv").read_bytes() != (tmp_path / "c" / "entities.csv").read_bytes()


def test_generated_project_is_valid_and_covers_the_vocabularies(tmp_path):
    project = load_project(generate(tmp_path / "p", entities=300, links=900, activities=400, seed=9))
    assert (len(project.entities), len(project.links), len(project.activities)) == (300, 900, 400)
    assert {r for e in project.entities for r in e.roles} == set(vocab.ROLES)
    assert {link.type for link in project.links} == set(vocab.LINK_TYPES)
    assert {a.type for a in project.activities} == set(vocab.ACTIVITY_TYPES)
    grades = [link.grading for link in project.links if link.grading]
    assert {g.reliability for g in grades} == set("ABCDEF")
    assert {g.credibility for g in grades} == set("123456")
    period = project.meta.period
    earliest = period.start - (period.end - period.start) - timedelta(days=1)
    assert all(earliest <= a.date <= period.end for a in project.activities)
    assert any(a.date < period.start for a in project.activities)
