"""End-to-end builds: read the real HTML and PDF and check them against the analysis."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, TINY
from pypdf import PdfReader

from reportgen.analysis.period import analyse_period
from reportgen.cli import cli
from reportgen.data.load import load_project
from reportgen.data.periods import select
from reportgen.data.release import Audience, restrict
from reportgen.i18n.formatting import Formatter
from reportgen.publish.build import BuildOptions, build, period_slug, slug
from reportgen.report import model

# The section lists are the report model's own.
ANALYSIS_SECTIONS = [s.id for s in model.ANALYSIS_SECTIONS]
STRATEGY_SECTIONS = [s.id for s in model.STRATEGY_SECTIONS]


class Page(HTMLParser):
    """Collects ids, text, and the URLs a page would load or link to."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("src", "href"):
            if name in attrs:
                self.urls.append(attrs[name])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return out.stdout


@pytest.fixture(scope="module")
def example_build(example_reports):
    """The session's build of the example (``.folder``), its analysis as a dict, and its period's records."""
    project, _removed = restrict(load_project(EXAMPLE), Audience())  # what a default build shows
    data = analyse_period(project, project.meta.period).to_dict()
    return example_reports, data, select(project, project.meta.period)


def test_output_layout(example_build):
    result, _data, _project = example_build
    folder = result.folder
    assert folder.relative_to(folder.parent.parent) == Path("opal-tide/2026-04-01_2026-09-30")
    for name in ("analysis.html", "analysis.pdf", "strategy.html", "strategy.pdf"):
        assert (folder / "en" / name).stat().st_size > 10_000
    for name in ("plotly.min.js", "report.css", "fonts/NotoSans-Regular.ttf", "fonts/NotoNaskhArabic-Regular.ttf"):
        assert (folder / "assets" / name).exists()
    assert (folder / "index.html").exists()
    assert not list(folder.glob(".figures-*")), "temporary figure folder left behind"
    assert not list(folder.rglob("*.tmp"))


@pytest.mark.parametrize(("report", "sections"), [("analysis", ANALYSIS_SECTIONS), ("strategy", STRATEGY_SECTIONS)])
def test_html_sections_figures_and_no_external_requests(example_build, report, sections):
    result, _data, _project = example_build
    html = (result.folder / "en" / f"{report}.html").read_text()
    page = Page(html)
    if report == "strategy":  # its data dictionary only when it points to the data files, not in the example
        assert "annex-data" not in page.ids
        sections = [s for s in sections if s != "annex-data"]
    assert set(sections) <= page.ids
    toc = [attrs["href"] for tag, attrs in page.tags if tag == "a" and attrs.get("href", "").startswith("#")]
    assert toc[: len(sections)] == [f"#{s}" for s in sections]  # the table of contents comes first
    refs = {href[1:] for href in toc[len(sections):]}
    assert refs and refs <= page.ids, "every evidence reference leads to its annex row"
    for url in page.urls:
        assert not re.match(r"(?i)(https?:)?//", url), url
    assert "../assets/plotly.min.js" in page.urls
    assert f"{report}.pdf" in page.urls
    figures = {i for i in page.ids if i.startswith("fig-")}
    expected = (
        {"fig-network", "fig-communities", "fig-disruption", "fig-ego-1", "fig-changes"}
        if report == "analysis"
        else {
            "fig-changes",
            "fig-activity-types",
            "fig-activity-countries",
            "fig-activity-months",
            "fig-grading",
            "fig-evidence",
            "fig-roles",
        }
    )
    assert expected <= figures
    assert '<html lang="en" dir="ltr">' in html
    assert "Plotly.newPlot" in html


def test_html_numbers_equal_the_analysis(example_build):
    result, data, _project = example_build
    f = Formatter("en")
    analysis = Page((result.folder / "en" / "analysis.html").read_text()).plain
    net = data["network"]
    assert (
        f"The network links {f.integer(net['nodes'])} entities through {f.integer(net['edges'])} distinct" in analysis
    )
    top = next(e for e in data["entities"] if e["id"] == data["key_players"]["overall"][0])
    assert re.search(
        rf"{re.escape(top['name'])} Organiser .*? {top['degree']} {f.measure(top['betweenness'])}", analysis
    )
    assert not re.search(r"[a-z]\.[A-Z][a-z]", analysis), "two sentences glued together"
    strategy = Page((result.folder / "en" / "strategy.html").read_text()).plain
    assert not re.search(r"[a-z]\.[A-Z][a-z]", strategy), "two sentences glued together"
    acts = data["activities"]
    assert (
        f"{f.integer(acts['count'])} activities were recorded in the period, against "
        f"{f.integer(acts['previous']['count'])} in the previous period" in strategy
    )
    drugs = next(r for r in acts["by_type"] if r["key"] == "trafficking_drugs")
    assert f"Drug trafficking {drugs['count']} {drugs['previous_count']}" in strategy
    assert f.money(drugs["value_eur"]) in strategy


def test_pdf_metadata_outline_fonts_and_pages(example_build):
    result, _data, _project = example_build
    path = result.folder / "en" / "analysis.pdf"
    reader = PdfReader(path)
    meta = reader.metadata
    assert meta.title == "OPAL TIDE — Analysis report"
    assert meta.author == "Organised Crime Intelligence Directorate"
    assert meta.subject == "Balkan–Atlantic cocaine and trafficking network"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert len(reader.pages) > 20
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:5] == ["Bottom line", "Key judgements", "Executive summary", "Key findings",
                           "Targets still in play"]
    assert "Annex C: evidence cited" in outline
    assert "Annex B: all links" in outline
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows), fonts
    sizes = {tuple(round(float(v)) for v in page.mediabox[2:]) for page in reader.pages}
    assert sizes == {(595, 842), (842, 595)}  # A4, annexes landscape


def test_pdf_text_toc_page_numbers_and_furniture(example_build):
    result, data, _project = example_build
    path = result.folder / "en" / "analysis.pdf"
    reader = PdfReader(path)
    pages = [pdf_text(path)]
    text = pages[0].split("\f")
    assert "OPAL TIDE" in text[0] and "Analysis report" in text[0] and "1 April 2026 to 30 September 2026" in text[0]
    toc_page = next(i for i, t in enumerate(text) if "Contents" in t)
    match = re.search(r"Key players\s*\.*\s*(\d+)", text[toc_page])
    assert match, text[toc_page]
    number = int(match.group(1))
    assert re.search(r"^\s*Key players\s*$", text[number - 1], re.M), "TOC page number does not lead to the section"
    total = len(reader.pages)
    assert f"Page 3 of {total}" in text[2]
    assert "RESTRICTED" in text[2]  # running header marking (confidential items are left out by default)
    net = data["network"]
    assert f"The network links {net['nodes']} entities" in re.sub(r"\s+", " ", pages[0])


def test_index_links_every_output(example_build):
    result, _data, _project = example_build
    page = Page((result.folder / "index.html").read_text())
    assert {"en/analysis.html", "en/analysis.pdf", "en/strategy.html", "en/strategy.pdf"} <= set(page.urls)
    for url in page.urls:
        assert (result.folder / url).exists(), url


def test_tiny_project_html_only_and_hostile_text_is_text(tmp_path, project_copy):
    entities = (
        (TINY / "entities.csv").read_text().replace("Alice Armand", '"<script>alert(1)</script> Alice <b>Armand</b>"')
    )
    path = project_copy(entities__csv=entities)
    result = build(path, BuildOptions(languages=("en",), formats=("html",), out=tmp_path / "out"))
    html = (result.folder / "en" / "analysis.html").read_text()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Alice &lt;b&gt;Armand&lt;/b&gt;" in html
    assert not (result.folder / "en" / "analysis.pdf").exists()
    assert "analysis.pdf" not in Page(html).urls


def test_build_command(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(TINY), "--lang", "en", "--format", "html", "--report", "strategy", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "[2/2] en/strategy.html" in result.stderr
    assert (tmp_path / "tiny-test" / "2026-Q3" / "en" / "strategy.html").exists()
    assert not (tmp_path / "tiny-test" / "2026-Q3" / "en" / "analysis.html").exists()


def test_build_command_rejects_unknown_values(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(TINY), "--format", "docx", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "'docx' is not one of html, pdf" in result.stderr


def test_slugs():
    from datetime import date

    assert slug("OPAL TIDE") == "opal-tide"
    assert slug("<>") == "project"
    assert period_slug(date(2026, 7, 1), date(2026, 9, 30)) == "2026-Q3"
    assert period_slug(date(2026, 9, 1), date(2026, 9, 30)) == "2026-09"
    assert period_slug(date(2026, 1, 1), date(2026, 12, 31)) == "2026"
    assert period_slug(date(2026, 4, 1), date(2026, 9, 30)) == "2026-04-01_2026-09-30"


@pytest.mark.slow
def test_reports_laid_out_in_two_processes_give_the_bytes_of_one(tmp_path, tiny, monkeypatch):
    """One language, two workers: each report is laid out in its own process, exporting its own charts."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    one = build(tiny, BuildOptions(languages=("en",), out=tmp_path / "one", workers=1))
    two = build(tiny, BuildOptions(languages=("en",), out=tmp_path / "two", workers=2))
    files = sorted(p.relative_to(one.folder) for p in one.folder.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two.folder) for p in two.folder.rglob("*") if p.is_file())
    assert {"en/analysis.pdf", "en/strategy.pdf"} <= {str(name) for name in files}
    for name in files:
        assert (one.folder / name).read_bytes() == (two.folder / name).read_bytes(), name


def test_jobs_split_by_report_only_when_languages_are_fewer_than_cores():
    from reportgen.publish.pool import units

    reports = ("analysis", "strategy")
    assert units(("fr",), reports, 2) == [("fr", ("analysis",)), ("fr", ("strategy",))]
    assert units(("en", "fr"), reports, 2) == [("en", reports), ("fr", reports)]
    assert units(("en",), reports, 1) == [("en", reports)]
    assert units(("en",), ("strategy",), 4) == [("en", ("strategy",))]
