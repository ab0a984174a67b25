"""Classification and releasability: what an audience may not see reaches no byte of any output."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TINY

from reportgen.cli import cli
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict
from reportgen.publish.build import BuildOptions, build

SECRET = "ZQXMARKER7731"  # a confidential entity's name
NOT_FOR_FR = "RLSMARKER4410"  # releasable to Germany only


@pytest.fixture
def sensitive(project_copy) -> Path:
    entities = (TINY / "entities.csv").read_text() + (
        f"S1,person,{SECRET} Secretsource,,financer,IT,IT,active,Source {SECRET},,,confidential,\n"
        f"R1,person,{NOT_FOR_FR} Partnerbased,,recruiter,DE,DE,active,,,,,DE\n"
    )
    links = (TINY / "links.csv").read_text() + (
        "S1,G,financial,5,A1,financial_record,,,,,\n"
        "R1,A,communication,1,B2,communication_record,,,,,\n"
        "B,E,associate,1,C3,,,,confidential,,\n"
    )
    activities = (TINY / "activities.csv").read_text() + (
        "ACT-S,2026-08-01,money_laundering,IT,S1;G,900000,A1,,,\n"
        "ACT-R,2026-08-02,trafficking_persons,DE,R1,5000,B2,,,\n"
    )
    project = (TINY / "project.yaml").read_text().replace(
        "  intelligence_gaps: []",
        f"  intelligence_gaps:\n    - en: Source {SECRET} reports a new route.\n      classification: confidential\n"
        "    - en: Little is known of the couriers.\n",
    )
    return project_copy(entities__csv=entities, links__csv=links, activities__csv=activities, project__yaml=project)


def test_restrict_rules(sensitive):
    project = load_project(sensitive)
    default, removed = restrict(project, Audience())
    ids = {e.id for e in default.entities}
    assert "S1" not in ids and "R1" in ids  # clearance = project's (restricted); no audience: release_to ignored
    assert not any("S1" in (k.source, k.target) for k in default.links)
    assert not any(k.source == "B" and k.target == "E" for k in default.links)  # a confidential link
    assert "ACT-S" not in {a.id for a in default.activities}
    assert [p.en for p in default.meta.narratives.intelligence_gaps] == ["Little is known of the couriers."]
    assert (removed.entities, removed.links, removed.activities, removed.paragraphs) == (1, 2, 1, 1)

    for_fr, removed = restrict(project, Audience("FR", "confidential"))
    ids = {e.id for e in for_fr.entities}
    assert "S1" in ids and "R1" not in ids
    assert "ACT-R" not in {a.id for a in for_fr.activities}
    assert (removed.entities, removed.links, removed.activities) == (1, 1, 1)

    public, _ = restrict(project, Audience(clearance="public"))
    assert public.entities == () and public.links == ()  # every item is at least restricted


def _every_byte(folder: Path) -> list[tuple[str, bytes]]:
    """Raw bytes of every output, plus the extracted text of every PDF, plus every file name."""
    found = []
    for path in sorted(folder.rglob("*")):
        found.append((f"name {path}", str(path.relative_to(folder)).encode()))
        if path.is_file():
            data = path.read_bytes()
            found.append((str(path), data))
            if path.suffix == ".pdf":
                text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
                found.append((f"text {path}", text))
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "absent", "present"),
    [
        ([], [SECRET], [NOT_FOR_FR]),
        (["--clearance", "confidential", "--audience", "FR"], [NOT_FOR_FR], [SECRET]),
    ],
    ids=["default-clearance", "audience-FR"],
)
def test_withheld_items_reach_no_byte_of_any_output(sensitive, tmp_path, caplog, options, absent, present):
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["-vv", "build", str(sensitive), "--lang", "en,ar", "--out", str(out),
                                      *options])
    assert result.exit_code == 0, result.output
    outputs = _every_byte(out)
    assert any(name.endswith(".pdf") for name, _ in outputs)
    logs = (result.output + caplog.text).encode()
    for marker in absent:
        hits = [name for name, data in outputs if marker.encode() in data]
        assert not hits, hits
        assert marker.encode() not in logs
    for marker in present:  # the same search finds what the audience may see: the test can fail
        assert any(marker.encode() in data for name, data in outputs if name.startswith("text ")), marker


def test_marking_is_the_highest_level_actually_shown(sensitive, tmp_path):
    default = build(sensitive, BuildOptions(languages=("en",), formats=("html",), out=tmp_path / "a"))
    html = (default.folder / "en" / "analysis.html").read_text()
    assert '<span class="marking">RESTRICTED</span>' in html
    cleared = build(sensitive, BuildOptions(languages=("en",), formats=("html",), out=tmp_path / "b",
                                            audience=Audience(clearance="confidential")))
    assert cleared.folder.name == "2026-Q3-for-confidential"
    html = (cleared.folder / "en" / "analysis.html").read_text()
    assert '<span class="marking">CONFIDENTIAL</span>' in html


def test_bad_audience_is_a_usage_error(tiny):
    result = CliRunner().invoke(cli, ["analyze", str(tiny), "--audience", "XY"])
    assert result.exit_code == 1
    assert result.stderr == "usage error: unknown audience country 'XY' (expected an ISO 3166-1 alpha-2 code)\n"


@pytest.mark.slow
def test_an_audience_that_may_see_nothing_gets_an_empty_public_report(sensitive, tmp_path):
    result = build(sensitive, BuildOptions(languages=("en",), out=tmp_path, audience=Audience(clearance="public")))
    html = (result.folder / "en" / "analysis.html").read_text()
    assert '<span class="marking">PUBLIC</span>' in html
    assert "Alice" not in html and (result.folder / "en" / "analysis.pdf").exists()


def test_each_report_is_marked_for_what_it_shows(project_copy, tmp_path):
    text = (TINY / "project.yaml").read_text().replace(
        "  recommendations:\n    - en: Target the broker.",
        "  recommendations:\n    - en: Target the broker.\n      classification: confidential")
    project = project_copy(project__yaml=text)
    result = build(project, BuildOptions(languages=("en",), formats=("html",), out=tmp_path,
                                         audience=Audience(clearance="confidential")))
    assert '<span class="marking">RESTRICTED</span>' in (result.folder / "en" / "analysis.html").read_text()
    assert '<span class="marking">CONFIDENTIAL</span>' in (result.folder / "en" / "strategy.html").read_text()
