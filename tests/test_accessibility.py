"""Accessibility of real output: tagged PDFs (pdfua), valid HTML (vnu), axe-core and the keyboard in Chromium.

One small project is published once for the module (both reports, four
languages, HTML and PDF, the build index and the site index); every test
reads those files. The checkers are the ones a reviewer would run:

- ``python -m pdfua check`` (PDF/UA-1's machine-checkable rules, on pikepdf);
- the Nu HTML Checker, ``vnu.jar`` (``scripts/setup.sh`` fetches it into ``.venv/share/vnu``);
- axe-core in Debian's Chromium, through ``axe-playwright-python``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TINY
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from reportgen.cli import cli
from reportgen.report.pdf import write_pdf

pytestmark = pytest.mark.slow

LANGUAGES = ("en", "fr", "es", "ar")
#: Where the pages are checked in the browser and by vnu: a left-to-right and a right-to-left language.
CHECKED = ("en", "ar")
REPORTS = ("analysis", "strategy")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VNU_JAR = Path(sys.prefix) / "share" / "vnu" / "vnu.jar"
#: axe impacts that fail the build of a page.
BLOCKING = {"serious", "critical"}
#: Entities without links, so that the annex has a table long enough for a filter box (tables.js: 15 rows).
EXTRA_ENTITIES = "".join(f"P{i},phone,Line {i},,,,,unknown,,,,,\n" for i in range(1, 9))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The tiny project (plus eight unlinked phones) published in every language."""
    root = tmp_path_factory.mktemp("a11y")
    project = root / "project"
    shutil.copytree(TINY, project)
    with (project / "entities.csv").open("a", encoding="utf-8") as entities:
        entities.write(EXTRA_ENTITIES)
    result = CliRunner().invoke(cli, ["publish", str(project), "--site", str(root / "site")])
    assert result.exit_code == 0, result.output
    return root / "site"


def period(site: Path) -> Path:
    (folder,) = site.glob("tiny-test/*/")
    return folder


def pages(site: Path) -> list[Path]:
    """The reports in the checked languages, the build index and the site indexes of those languages."""
    folder = period(site)
    reports = [folder / lang / f"{report}.html" for lang in CHECKED for report in REPORTS]
    return [*reports, folder / "index.html", site / "index.html", site / "index.ar.html"]


# ---- PDF ----

def pdfua(paths: list[Path]) -> dict[str, dict]:
    """pdfua's JSON report of each file (it prints one JSON document per file)."""
    run = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", *map(str, paths)],
                         capture_output=True, text=True, check=False)
    decoder, text, reports = json.JSONDecoder(), run.stdout, {}
    position = 0
    while text[position:].strip():
        position += len(text[position:]) - len(text[position:].lstrip())
        report, position = decoder.raw_decode(text, position)
        reports[report["file"]] = report
    assert len(reports) == len(paths), run.stderr
    return reports


def structure(path: Path) -> list[DictionaryObject]:
    """Every structure element of a tagged PDF, in reading order."""
    root = PdfReader(path).trailer["/Root"]
    elements: list[DictionaryObject] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject) and "/S" in node:
            elements.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"]["/K"])
    return elements


def test_every_pdf_is_tagged_pdf_ua_and_passes_the_checker(site):
    pdfs = [period(site) / lang / f"{report}.pdf" for lang in LANGUAGES for report in REPORTS]
    for path, report in zip(pdfs, pdfua(pdfs).values(), strict=True):
        assert report["summary"]["errors"] == 0, (path, report["findings"])
        # What is left is the checker's guess about header cells (UA-15-003, heuristic):
        # WeasyPrint associates them through /Headers on the data cells, as the next test shows.
        left = {(f["rule_id"], f["confidence"]) for f in report["findings"]}
        assert left <= {("UA-15-003", "heuristic")}, (path, report["findings"])
        reader = PdfReader(path)
        assert reader.metadata.title.startswith("TINY TEST — "), path
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"]) and bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        assert root["/Lang"] == path.parent.name
        assert b"pdfuaid:part=\"1\"" in root["/Metadata"].get_object().get_data()


def test_pdf_tables_have_header_cells_that_data_cells_name(site):
    for lang in ("en", "ar"):
        elements = structure(period(site) / lang / "analysis.pdf")
        headers = {str(e["/ID"]) for e in elements if e["/S"] == "/TH"}
        cells = [e for e in elements if e["/S"] == "/TD"]
        assert sum(e["/S"] == "/Table" for e in elements) >= 10
        assert headers and cells
        for cell in cells:
            named = [str(h) for h in cell["/A"].get("/Headers", [])]
            assert named and set(named) <= headers, (lang, cell)


def test_pdf_headings_follow_the_document(site):
    for lang in LANGUAGES:
        elements = structure(period(site) / lang / "strategy.pdf")
        kinds = [str(e["/S"]) for e in elements]
        assert kinds.count("/H1") == 1 and kinds.index("/H1") < kinds.index("/H2")
        assert kinds.count("/H2") >= 5
        assert "/L" in kinds and "/Caption" in kinds


class Captions(HTMLParser):
    """The captions of the charts of a page (``figure.chart > figcaption``)."""

    def __init__(self, text: str):
        super().__init__()
        self.captions: list[str] = []
        self.inside = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "figcaption":
            self.inside = True
            self.captions.append("")

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.captions[-1] += data


def test_every_chart_in_the_pdf_has_its_caption_and_key_facts_as_alternative_text(site):
    for lang in LANGUAGES:
        for report in REPORTS:
            elements = structure(period(site) / lang / f"{report}.pdf")
            alts = [str(e.get("/Alt", "")) for e in elements if e["/S"] == "/Figure"]
            captions = Captions((period(site) / lang / f"{report}.html").read_text(encoding="utf-8")).captions
            assert len(alts) >= len(captions) >= 3, (lang, report)
            for caption in captions:
                # Caption first, then the key facts (the chart's own alternative text).
                assert any(alt.startswith(caption.strip()) and len(alt) > len(caption) + 10 for alt in alts), \
                    (lang, report, caption)


def test_pdf_variants_tag_every_file_and_the_archive_is_pdf_a_3a(tmp_path):
    html = ('<!DOCTYPE html><html lang="fr"><head><title>Essai</title></head><body><h1>Titre</h1>'
            '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
            '</body></html>')
    for variant, tagged, claim in ((None, False, None), ("ua", True, b'pdfuaid:part="1"'),
                                   ("a", True, b'pdfaid:conformance="A"')):
        path = tmp_path / f"{variant}.pdf"
        path.write_bytes(write_pdf(html, tmp_path, tmp_path, identifier=b"x", variant=variant))
        root = PdfReader(path).trailer["/Root"]
        assert ("/StructTreeRoot" in root) is tagged, variant
        if claim:
            metadata = root["/Metadata"].get_object().get_data()
            assert claim in metadata, (variant, metadata)
            assert variant != "a" or b'pdfaid:part="3"' in metadata


# ---- HTML ----

def test_nu_html_checker_finds_no_error(site):
    if not (shutil.which("java") and VNU_JAR.exists()):
        pytest.skip(f"the Nu HTML Checker needs Java and {VNU_JAR} (scripts/setup.sh fetches it)")
    run = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                          *map(str, pages(site))], capture_output=True, text=True, check=False, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert messages == [], [(m["url"].rsplit("/", 2)[-2:], m["message"]) for m in messages]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri(), wait_until="load")
    # The report pages draw their charts and wrap their tables once loaded.
    page.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')].every(d => d.querySelector('.main-svg'))")
    return page


def test_axe_finds_no_serious_or_critical_violation_and_contrast_passes(site, browser):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    for path in pages(site):
        page = open_page(browser, path)
        results = axe.run(page).response
        page.close()
        blocking = [(v["id"], len(v["nodes"])) for v in results["violations"] if v["impact"] in BLOCKING]
        assert blocking == [], (path, blocking)
        assert "color-contrast" in {rule["id"] for rule in results["passes"]}, path
        assert "color-contrast" not in {rule["id"] for rule in results["violations"]}, path


#: What the focused element is, and whether its focus ring shows.
FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  const kind = e.closest('.toc') && e.tagName === 'A' ? 'toc'
    : e.matches('button.sort') ? 'sort' : e.matches('.table-tools input') ? 'filter'
    : e.matches('details.figure-data > summary') ? 'chart-data' : e.tagName.toLowerCase();
  return [kind, style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2];
}"""


@pytest.mark.parametrize("lang", CHECKED)
def test_keyboard_reaches_contents_sorting_filter_and_chart_data_with_visible_focus(site, browser, lang):
    page = open_page(browser, period(site) / lang / "analysis.html")
    reached: dict[str, bool] = {}
    order: list[str] = []
    for _ in range(600):
        page.keyboard.press("Tab")
        kind, visible = page.evaluate(FOCUSED)
        if kind == "body":
            break
        reached[kind] = reached.get(kind, True) and visible
        if not order or order[-1] != kind:
            order.append(kind)
    page.close()
    assert {"toc", "sort", "filter", "chart-data"} <= set(reached), reached
    assert all(reached.values()), reached  # every kind of control shows where the focus is
    # Reading order: the contents come before the first table's controls.
    assert order.index("toc") < order.index("sort")


def test_chart_descriptions_are_not_wrapped_around_interactive_content(site):
    text = (period(site) / "en" / "analysis.html").read_text(encoding="utf-8")
    assert 'role="img"' not in text
    figures = re.findall(r'<figure class="chart[^"]*" id="figure-([^"]+)" aria-describedby="describe-\1">', text)
    assert len(figures) >= 3
    for fid in figures:
        assert re.search(rf'<p class="visually-hidden" id="describe-{re.escape(fid)}">[^<]{{20,}}</p>', text), fid
