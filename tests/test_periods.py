"""Reporting periods: parsing, and what a period's report covers."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from conftest import TINY

from reportgen.analysis.analyse import analyse
from reportgen.analysis.period import analyse_period
from reportgen.analysis.results import plain
from reportgen.cli import cli
from reportgen.data.load import load_project
from reportgen.data.periods import parse_period, select
from reportgen.errors import UsageError


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-07-05:2026-07-14", date(2026, 7, 5), date(2026, 7, 14)),
    ],
)
def test_parse_period(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-Q5", "invalid period '2026-Q5' (expected 2026-Q3, 2026-09, 2026 or 2026-07-01:2026-09-30)"),
        ("2026-13", "invalid period '2026-13': month must be in 1..12"),
        (
            "2026-09-30:2026-07-01",
            "invalid period '2026-09-30:2026-07-01': period start 2026-09-30 is after its end 2026-07-01",
        ),
        (
            "1800",
            "invalid period '1800': date 1800-01-01 out of range (1900-2100); date 1800-12-31 out of range (1900-2100)",
        ),
    ],
)
def test_bad_periods(text, message):
    with pytest.raises(UsageError) as caught:
        parse_period(text)
    assert str(caught.value) == message


def test_selection_rules(project_copy):
    entities = (TINY / "entities.csv").read_text()
    # A: seen 2025-01-10..2026-09-01; B: 2025-02-01..2026-09-01; others undated.
    links = (
        (TINY / "links.csv")
        .read_text()
        .replace("A,B,family,2,B2,document,2025-01-10,2026-08-01", "A,B,family,2,B2,document,2025-01-10,2026-03-01")
    )
    project = load_project(project_copy(entities__csv=entities, links__csv=links))
    q3 = select(project, parse_period("2026-Q3"))
    assert {e.id for e in q3.entities} == set("ABCDEFGH")
    assert not any(k.type == "family" and {k.source, k.target} == {"A", "B"} for k in q3.links)  # ended in March
    assert any(k.type == "financial" and {k.source, k.target} == {"A", "B"} for k in q3.links)  # undated: in
    later = select(project, parse_period("2026-10"))
    assert "A" not in {e.id for e in later.entities}  # last seen 1 September
    assert not any("A" in (k.source, k.target) for k in later.links)
    assert later.meta.period.start == date(2026, 10, 1)
    assert {a.id for a in later.activities} == {"ACT-3"}  # September: the previous month, for the comparison
    data = analyse(later).to_dict()
    assert data["activities"]["count"] == 0 and data["activities"]["previous"]["count"] == 1


def test_period_option_of_build_and_analyze(tmp_path, tiny):
    result = CliRunner().invoke(cli, ["analyze", str(tiny), "--period", "2026-08", "--json"])
    assert result.exit_code == 0, result.output
    assert '"count": 1' in result.output and '"start": "2026-08-01"' in result.output
    result = CliRunner().invoke(
        cli, ["build", str(tiny), "--period", "2026-08", "--lang", "en", "--format", "html", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tiny-test" / "2026-08" / "en" / "strategy.html").exists()
    result = CliRunner().invoke(cli, ["build", str(tiny), "--period", "Q3", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("usage error: invalid period 'Q3'")


def test_changes_between_two_quarters(project_copy):
    """Q2 → Q3 of a project whose broker G appears in Q3 and whose link D-E ends in Q2."""
    entities = (
        (TINY / "entities.csv")
        .read_text()
        .replace(
            "G,person,Gianni Galli,,facilitator;corrupt_official,IT,IT,wanted,Broker between the cells,,,,",
            "G,person,Gianni Galli,,facilitator;corrupt_official,IT,IT,wanted,Broker between the cells,2026-07-02,,,",
        )
    )
    links = (
        (TINY / "links.csv")
        .read_text()
        .replace("D,E,family,1,D4,document,,,,,", "D,E,family,1,D4,document,,2026-06-15,,,")
    )
    project = load_project(project_copy(entities__csv=entities, links__csv=links))
    q3 = analyse_period(project, parse_period("2026-Q3"))
    changes = plain(q3.changes)
    assert changes["previous_period"] == {"start": "2026-04-01", "end": "2026-06-30"}
    assert (changes["entities"]["new"], changes["entities"]["gone"]) == (1, 0)
    assert changes["entities"]["new_top"][0]["id"] == "G"
    # New in Q3: C-G and G-D (G's links); gone: D-E.
    assert (changes["links"]["new"], changes["links"]["gone"]) == (2, 1)
    assert any(r["id"] == "G" and r["previous_rank"] is None for r in changes["key_players"]["rose"])
    # Without G the two cells were apart: now one connected network.
    assert changes["activities"] == {"now": 3, "before": 0}
    roles = {row["role"]: row for row in changes["roles"]}
    assert roles["corrupt_official"] == {"role": "corrupt_official", "now": 1, "before": 0, "gained": 1, "lost": 0}
    assert roles["organiser"] == {"role": "organiser", "now": 2, "before": 2, "gained": 0, "lost": 0}
    data = q3.to_dict()
    assert data["changes"]["entities"]["new_top"][0]["name"] == "Gianni Galli"
