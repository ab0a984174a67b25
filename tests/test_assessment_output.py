"""The assessment as the director reads it: the example's built reports (HTML in English and Arabic, PDF text)."""

from __future__ import annotations

import html
import re
import subprocess

import pytest
from conftest import EXAMPLE

from reportgen.analysis.assess import assess
from reportgen.analysis.period import analyse_period
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports(example_reports):
    """The example's reports (the session's one build): English and Arabic HTML, the English analysis PDF;
    and its assessment, as a default build sees it."""
    folder = example_reports.folder
    pages = {(lang, report): (folder / lang / f"{report}.html").read_text(encoding="utf-8")
             for lang in ("en", "ar") for report in ("analysis", "strategy")}
    pdf = subprocess.run(["pdftotext", "-layout", str(folder / "en" / "analysis.pdf"), "-"], check=True,
                         capture_output=True, text=True).stdout
    edition, _removed = restrict(load_project(EXAMPLE), Audience())
    analysis = analyse_period(edition, edition.meta.period)
    return pages, pdf, assess(edition, analysis), edition


def section(page: str, anchor: str) -> str:
    """The HTML of the section ``anchor`` (up to the next section)."""
    start = page.index(f'<section id="{anchor}"')
    end = page.find("<section ", start + 1)
    return page[start:end if end > 0 else len(page)]


def text(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed (isolation marks dropped)."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\u2068", "").replace("\u2069", "")
    return re.sub(r"\s+", " ", plain).strip()


def blocks(fragment: str, tag: str, css: str) -> list[str]:
    """The fragments of the ``tag`` elements of class ``css`` (not nested in one another)."""
    return re.findall(rf'<{tag} class="[^"]*\b{css}\b[^"]*"[^>]*>(.*?)</{tag}>', fragment, flags=re.S)


def test_every_person_the_weak_set_acts_on_has_a_target_package(reports):
    pages, pdf, result, edition = reports
    weak_set = next(f for f in result.findings if f.kind == "weak_set")
    targets = section(pages["en", "analysis"], "targets")
    assert re.findall(r'<article class="target" id="target-([^"]+)"', targets) == weak_set.values["entities"]
    names = {e.id: e.name for e in edition.entities}
    for person in ("Ilir Kola", "Goran Stanković", "Drita Dervishi", "Goran Petrović"):
        assert person in text(targets)
    # The PDF too: nine numbered packages, up to the section that follows them.
    start = pdf.index("Targets still in play\n")
    packages = pdf[start:pdf.index("What changed since the last briefing\n", start)]
    assert all(names[v] in packages for v in weak_set.values["entities"])
    assert "Effect of removal" in packages and packages.count("Effect of removal") == 9


def test_a_judgement_and_the_gap_about_its_subject_point_to_each_other(reports):
    pages, pdf, _result, _edition = reports
    for report in ("analysis", "strategy"):
        page = pages["en", report]
        judgement = text(re.search(r'<li class="judgement" id="judgement-3">(.*?)</li>', page, flags=re.S).group(1))
        assert "Caveat: read together with open intelligence gap 2, about the same subject (United Arab Emirates)." \
            in judgement
        gap = text(re.search(r'<li class="gap" id="gap-2">(.*?)</li>', page, flags=re.S).group(1))
        assert "Bears on key judgement 3." in gap
        # The outlook is numbered on (4), as the gap that bears on it says.
        assert 'id="judgement-4"' in page and 'start="4"' in page
        assert "Bears on key judgement 4." in text(re.search(r'id="gap-1">(.*?)</li>', page, flags=re.S).group(1))
    flat = re.sub(r"\s+", " ", pdf)
    assert "Caveat: read together with open intelligence gap 2" in flat
    assert "4. Drug trafficking is highly likely" in flat  # numbered on in the PDF too


@pytest.mark.parametrize("report", ["analysis", "strategy"])
def test_both_reports_list_every_gap_with_why_requirement_and_tasking(reports, report):
    pages, _pdf, result, edition = reports
    gaps = section(pages["en", report], "gaps")
    analysts = re.findall(r'<li class="gap" id="gap-\d+">(.*?)</li>', gaps, flags=re.S)
    assert len(analysts) == len(edition.meta.narratives.intelligence_gaps) == 2
    for item, gap in zip(analysts, edition.meta.narratives.intelligence_gaps, strict=True):
        said = text(item)
        assert f"Why it matters {gap.why.en}" in said
        assert f"Collection requirement {gap.requirement.en}" in said and f"Whom to task {gap.tasking.en}" in said
    found = re.findall(r'<li class="gap gap-[a-z_]+">(.*?)</li>', gaps, flags=re.S)
    assert len(found) == len(result.gaps) and all("Why it matters" in text(g) for g in found)
    roles = text(next(g for g in found if "no known role" in g))
    assert "Whom to task The national bureaus of the countries most of these records concern: Albania," in roles


def test_the_arabic_gaps_are_translated_and_point_to_the_judgement(reports):
    pages, _pdf, _result, edition = reports
    gaps = section(pages["ar", "analysis"], "gaps")
    assert "(غير مترجم)" not in gaps
    assert "سبب الأهمية" in gaps and "الجهات المطلوب تكليفها" in gaps
    assert text(edition.meta.narratives.intelligence_gaps[1].tasking.ar) in text(gaps)
    judgement = text(re.search(r'id="judgement-3">(.*?)</li>', pages["ar", "analysis"], flags=re.S).group(1))
    assert "تحفّظ: يُقرأ مع الثغرة 2" in judgement and "الإمارات العربية المتحدة" in judgement


def test_independent_sources_never_exceed_records_and_the_outlook_counts_reliabilities(reports):
    pages, _pdf, result, edition = reports
    counts = re.findall(r"(\d+) records and (\d+) independent sources", text(pages["en", "analysis"]))
    assert counts and all(int(sources) <= int(records) for records, sources in counts)
    outlook = result.judgements[3]
    cited = [a for a in edition.activities if a.id in outlook.evidence]
    # Activity reports are one channel: their sources differ only by reliability, not by country.
    assert outlook.profile.sources == len({a.grading.reliability if a.grading else None for a in cited}) < len(
        {c for a in cited for c in a.countries})
    assert f"{outlook.profile.records} records and {outlook.profile.sources} independent sources" in text(
        pages["en", "strategy"])
    methodology = text(section(pages["en", "analysis"], "methodology"))
    assert "whatever the countries where the activities took place" in methodology
    assert "each country of an activity" not in methodology


def test_every_cited_record_can_be_looked_up(reports):
    pages, pdf, _result, edition = reports
    page = pages["en", "analysis"]
    anchors = set(re.findall(r'id="ev-([^"]+)"', page))
    cited = set(re.findall(r'href="#ev-([^"]+)"', page))
    assert cited <= anchors
    annex = section(page, "annex-evidence")
    assert "too many records" not in annex and "Only the first" not in annex
    links = section(page, "annex-links")
    # Dates in the language's medium format, sortable by their ISO date (data-sort).
    rows = re.findall(r'<tr><td><bdi>(LNK-\d+)</bdi></td>.*?<td class="date" data-sort="([^"]*)">[^<]+</td>'
                      r'<td class="date" data-sort="([^"]*)">', links)
    expected = {k.ref: (str(k.first_seen or ""), str(k.last_seen or "")) for k in edition.links}
    assert rows and all(expected[ref] == (first, last) for ref, first, last in rows)
    assert {i for i in anchors if i.startswith("LNK-")} <= {ref for ref, _, _ in rows}
    assert "Reference" in pdf[pdf.rindex("Annex B: all links"):][:400]
    # Annex C's link rows carry the link's period of observation.
    dated = re.findall(r'<tr id="ev-(LNK-\d+)"><td><bdi>LNK-\d+</bdi></td>\s*<td>.*?</td><td>[^<]*</td>'
                       r"<td>([^<]*)</td>", annex)
    assert dated and all("–" in period for _ref, period in dated)


def test_an_entitys_countries_are_the_same_in_every_table(reports):
    pages, _pdf, result, edition = reports
    page = pages["en", "analysis"]
    key_players = {cells[0]: cells[2] for cells in (
        [text(c) for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
        for row in re.findall(r"<tr>(<td>.*?)</tr>", section(page, "key-players"), flags=re.S))
        if len(cells) > 2}
    names = edition.entity_index
    checked = 0
    for target in result.targets:
        card = text(re.search(rf'id="target-{target.id}">(.*?)</article>', page, flags=re.S).group(1))
        shown = re.search(r"Countries (.*?) (?:Activities in|Why) ", card).group(1)
        if names[target.id].name in key_players:
            assert key_players[names[target.id].name] == shown
            checked += 1
    assert checked >= 3
    assert "Serbia and Tunisia" in text(section(page, "targets"))  # Zoran Petrović operates in both
    assert "Countries concerned" not in page
    assert "otherwise its nationality" in text(section(page, "methodology"))


def test_the_strategy_report_leads_with_the_threat_and_the_analysis_with_the_opportunity(reports):
    pages, _pdf, _result, edition = reports
    analysis = text(section(pages["en", "analysis"], "bottom-line"))
    strategy = text(section(pages["en", "strategy"], "bottom-line"))
    assert analysis != strategy
    assert text(edition.meta.narratives.strategy_bottom_line[0].en) in strategy
    assert "347 activities were recorded in 17 countries" in strategy
    assert "joint operation against the nine people" in analysis
    # The analysts' bottom line is not restated by the data's findings right under it: those open the findings.
    assert 'class="findings"' not in section(pages["en", "analysis"], "bottom-line")
    findings = section(pages["en", "strategy"], "findings")
    assert "Recorded activities rose" in blocks(findings, "li", "finding")[0]


def test_no_fact_of_the_bottom_line_is_restated_before_the_discussion(reports):
    pages, _pdf, _result, _edition = reports
    page = pages["en", "analysis"]
    opening = [text(section(page, anchor)) for anchor in ("bottom-line", "summary")]
    # The share the arrests left, the counts of the period: said once, in the findings.
    assert not any("14%" in part or "86%" in part or "347" in part for part in opening)
    assert "86%" in text(section(page, "key-findings"))
