"""What keeps a large project's reports readable: annex tables cut to the most central rows."""

from __future__ import annotations

from reportgen.analysis.edition import prepare_edition
from reportgen.data.load import load_project
from reportgen.data.release import Audience
from reportgen.data.synth import generate
from reportgen.report.annex import ANNEX_LIMIT, annexes


def test_annexes_of_a_large_network_list_its_most_central_rows(tmp_path):
    size = ANNEX_LIMIT + 100
    project = load_project(generate(tmp_path / "p", entities=size, seed=7))
    edition = prepare_edition(project, Audience(None, None))
    tables = annexes(edition.project, edition.analysis)
    assert tables.truncated and tables.limit == ANNEX_LIMIT
    assert len(tables.entities) == ANNEX_LIMIT == len(tables.links)
    scores = sorted((-e.key_player_score, e.id) for e in edition.analysis.entities)
    assert [e.id for e in tables.entities] == [v for _, v in scores[:ANNEX_LIMIT]]
    listed = {e.id for e in tables.entities}
    assert sum(1 for row in tables.links if row.source.id in listed or row.target.id in listed) == ANNEX_LIMIT
