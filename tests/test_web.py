"""The intranet pages on a phone, on paper and on a laptop, in Debian's Chromium (Playwright).

The example is published as HTML in the four languages and opened from
disk; each test reads what the browser laid out or printed.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from chromium import chromium
from click.testing import CliRunner
from conftest import EXAMPLE

from reportgen.cli import cli
from reportgen.i18n.formatting import Formatter
from reportgen.report.render import issue_date

#: Every test publishes the example and drives a browser.
pytestmark = pytest.mark.slow

playwright = pytest.importorskip("playwright.sync_api")
pypdf = pytest.importorskip("pypdf")

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
#: The example's marking in each language, as the banner shows it.
MARKING = {lang: Formatter(lang).gettext("RESTRICTED") for lang in ("en", "fr", "es", "ar")}
PERIOD = "2026-Q3"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("web") / "site"
    result = CliRunner().invoke(cli, ["publish", str(EXAMPLE), "--site", str(site), "--period", PERIOD,
                                      "--lang", "en,fr,es,ar", "--format", "html"])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def report_url(site, lang: str, report: str) -> str:
    return (site / "opal-tide" / PERIOD / lang / f"{report}.html").as_uri()


def open_page(browser, url: str, viewport=LAPTOP):
    page = browser.new_page(viewport=viewport)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "[...document.querySelectorAll('.js-plotly-plot')].every(d => d.querySelector('.main-svg'))", timeout=20000)
    return page, problems


def plain(text: str) -> str:
    """Text as extracted from a PDF, comparable across fonts: presentation forms, marks and spaces dropped."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not ch.isspace()
                   and unicodedata.category(ch) not in ("Mn", "Cf", "Cc"))


@pytest.mark.parametrize("report", ["analysis", "strategy"])
@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_no_sideways_scroll_on_a_phone(site, browser, lang, report):
    page, problems = open_page(browser, report_url(site, lang, report), PHONE)
    facts = page.evaluate("""() => ({
        width: document.documentElement.scrollWidth,
        view: innerWidth,
        // A chart drawn for a fixed width (link charts, the map) scrolls inside its own box: the box must fit.
        charts: [...document.querySelectorAll('.js-plotly-plot')].map(d => d.closest('.plot').getBoundingClientRect())
                 .map(r => [Math.round(r.left), Math.round(r.right)]),
        scrolling: [...document.querySelectorAll('.table-scroll')].filter(b => b.scrollWidth > b.clientWidth).length,
        reachable: [...document.querySelectorAll('.table-scroll')].filter(b => b.scrollWidth > b.clientWidth)
                    .every(b => b.tabIndex === 0 && b.getAttribute('role') === 'region'
                           && b.getAttribute('aria-label')),
        tables: document.querySelectorAll('main table.data').length,
        boxed: document.querySelectorAll('.table-scroll > table.data').length,
        contents: document.querySelector('.toc details').open,
    })""")
    assert facts["width"] <= facts["view"] == 390, facts
    assert facts["charts"] and all(left >= 0 and right <= 390 for left, right in facts["charts"]), facts["charts"]
    assert facts["boxed"] == facts["tables"] > 0  # every table in its own box
    assert facts["scrolling"] > 0  # and the wide ones scroll there, not the page,
    assert facts["reachable"]  # reachable from the keyboard and named after their heading
    assert facts["contents"] is False  # the contents are folded above the text
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    banner = page.locator(".marking-banner.top").bounding_box()
    assert banner["y"] == 0 and banner["width"] == 390  # the marking stays in view
    assert page.locator(".marking-banner.top").inner_text().startswith(MARKING[lang])
    assert not problems
    page.close()


def test_laptop_keeps_the_marking_header_and_contents_in_view(site, browser):
    page, problems = open_page(browser, report_url(site, "en", "analysis"))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight * 0.7)")
    boxes = {name: page.locator(selector).bounding_box() for name, selector in
             (("banner", ".marking-banner.top"), ("header", ".site-header"), ("toc", "nav.toc"))}
    assert boxes["banner"]["y"] == 0
    assert boxes["header"]["y"] == pytest.approx(boxes["banner"]["height"], abs=1)
    assert 0 < boxes["toc"]["y"] < 200
    assert page.evaluate("document.querySelector('.toc details').open")
    assert not problems
    page.close()


@pytest.mark.parametrize(("lang", "report"), [("en", "analysis"), ("ar", "strategy")])
def test_printed_page_carries_the_marking_on_every_sheet(site, browser, lang, report):
    page, problems = open_page(browser, report_url(site, lang, report))
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) > 5
    tlp = "TLP:AMBER"
    for number, sheet in enumerate(pdf.pages, start=1):
        text = plain(sheet.extract_text())
        # At the head and the foot; text extraction may order the words of a right-to-left marking either way.
        words = MARKING[lang].split()
        assert min(text.count(plain(word)) for word in words) >= 2, (number, text[:200])
        assert tlp in text, number
        assert [round(float(v)) for v in sheet.mediabox[2:]] == [595, 842], number  # A4, not shrunk to fit
    # The charts are redrawn for the paper and back for the screen.
    assert page.evaluate("Math.max(...[...document.querySelectorAll('.js-plotly-plot')].map(d => d.offsetWidth))") > 700
    assert not problems
    page.close()


def cell_values(page, table: str, column: int) -> list[str]:
    return page.eval_on_selector_all(f"{table} tbody tr:not([hidden])",
                                     f"rows => rows.map(r => r.cells[{column}].textContent.trim())")


def number(text: str, decimal: str) -> float:
    return float(re.sub(r"[^\d.-]", "", text.replace(decimal, ".") if decimal != "." else text.replace(",", "")))


@pytest.mark.parametrize(("lang", "decimal"), [("en", "."), ("fr", ","), ("ar", ".")])
def test_annex_sorts_by_a_localised_number(site, browser, lang, decimal):
    page, problems = open_page(browser, report_url(site, lang, "analysis"))
    table = "#annex-entities table"
    header = page.locator(f"{table} thead th").nth(7)  # betweenness, "0,295" in French
    button = header.locator("button.sort")
    values = sorted(number(v, decimal) for v in cell_values(page, table, 7))
    button.click()  # numbers: largest first
    assert header.get_attribute("aria-sort") == "descending"
    shown = [number(v, decimal) for v in cell_values(page, table, 7)]
    assert shown == sorted(values, reverse=True) and shown[0] > shown[-1]
    button.focus()
    page.keyboard.press("Enter")  # a button: the keyboard sorts too
    assert header.get_attribute("aria-sort") == "ascending"
    assert [number(v, decimal) for v in cell_values(page, table, 7)] == values
    assert page.locator(f"{table} th[aria-sort]").count() == 1
    kind = page.locator(f"{table} thead th").nth(2)
    kind.locator("button.sort").click()  # text: A to Z in the page's language
    assert kind.get_attribute("aria-sort") == "ascending"
    assert page.locator(f"{table} th[aria-sort]").count() == 1
    kinds = cell_values(page, table, 2)
    collated = page.evaluate(
        "([names, lang]) => [...names].sort(new Intl.Collator(lang, {numeric: true, sensitivity: 'base'}).compare)",
        [kinds, lang])
    assert kinds == collated and kinds[0] != kinds[-1]
    assert not problems
    page.close()


@pytest.mark.parametrize(("lang", "label"), [("en", "Filter rows"), ("ar", "تصفية الصفوف")])
def test_annex_filter(site, browser, lang, label):
    page, problems = open_page(browser, report_url(site, lang, "analysis"))
    section = page.locator("#annex-links")
    total = section.locator("tbody tr").count()
    box = section.get_by_label(label)
    box.fill("Nikolić")
    found = section.locator("tbody tr:not([hidden])").all_inner_texts()
    assert 0 < len(found) < total
    assert all("Nikolić" in row for row in found)
    assert f"{len(found)}" in section.locator(".table-tools output").inner_text()
    box.fill("nikolic zoran")  # accents and case do not matter; every word must be in the row
    both = section.locator("tbody tr:not([hidden])").all_inner_texts()
    assert 0 < len(both) < len(found)
    assert all("Nikolić" in row and "Zoran" in row for row in both)
    box.fill("")
    assert section.locator("tbody tr:not([hidden])").count() == total
    assert not problems
    page.close()


def test_period_index_on_a_laptop(site, browser):
    page = browser.new_page(viewport=LAPTOP)
    page.goto((site / "opal-tide" / PERIOD / "index.html").as_uri())
    main = page.locator("main").bounding_box()
    assert main["width"] > 900
    cards = page.locator(".index-language")
    assert cards.count() == 4
    tops = {round(cards.nth(i).bounding_box()["y"]) for i in range(4)}
    assert len(tops) == 1  # the four languages side by side
    assert page.locator(".marking-banner.top").inner_text().startswith("RESTRICTED")
    issued = Formatter("en").date(issue_date())
    assert issued in page.locator(".index-facts").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.close()


@pytest.mark.parametrize(("name", "lang"), [("index.html", "en"), ("index.ar.html", "ar")])
def test_site_index_on_a_laptop(site, browser, name, lang):
    page = browser.new_page(viewport=LAPTOP)
    page.goto((site / name).as_uri())
    assert page.locator("main").bounding_box()["width"] > 900
    assert page.locator(".marking-banner.top").inner_text() == MARKING[lang]
    facts = page.locator(".index-facts").inner_text()
    assert Formatter(lang).date(issue_date()) in facts
    assert MARKING[lang] in page.locator("table.data tbody tr").first.inner_text()
    page.close()
