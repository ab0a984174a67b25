"""The assessment as the director reads it: the example's built reports (HTML in English and Arabic, PDF text)."""

from __future__ import annotations

import html
import re
import subprocess

import pytest
from conftest import EXAMPLE, TINY

from reportgen.analysis.assess import assess
from reportgen.analysis.period import analyse_period
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict
from reportgen.publish.build import BuildOptions, build

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
        assert ("Caveat: read together with open intelligence gap 2, about the same subject "
                "(the United Arab Emirates).") in judgement
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
    found = re.findall(r'<li class="gap gap-[a-z_]+" id="gap-[a-z_]+">(.*?)</li>', gaps, flags=re.S)
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


# -- target packages: identity, identifiers, agencies; ranks that name their measure; the audience --------


def package(page: str, target: str) -> str:
    """The visible text of one target package."""
    return text(re.search(rf'<article class="target" id="target-{target}">(.*?)</article>', page, flags=re.S)[1])


def test_packages_give_aliases_agencies_and_the_release_gap_in_every_language(reports, example_reports):
    pages, pdf, _result, _edition = reports
    page = pages["en", "analysis"]
    anouk, zoran, blerim = (package(page, v) for v in ("PER-00101", "PER-00002", "PER-00016"))
    assert "Aliases Tonton Roles" in anouk and "Aliases" not in zoran  # a field the data lacks is left out
    # The default edition holds no identifier or place: each package says so rather than leave the row out.
    assert "Identifiers and places none recorded Why" in zoran
    assert zoran.endswith("Agencies concerned The national bureaus of Serbia and Tunisia.")
    assert "Status Released Release Date and conditions not recorded: an intelligence gap" in blerim
    assert 'href="#gap-target_release_unrecorded"' in page
    # The gap, among the data's gaps, names the released targets and whom to task.
    gap = text(re.search(r'id="gap-target_release_unrecorded">(.*?)</li>', page, flags=re.S)[1])
    gap = gap.replace(" ,", ",").replace(" .", ".")  # the names' own elements end where the commas start
    assert gap.startswith("2 targets are recorded as released, without the dates or conditions of release: "
                          "Blerim Kola, Anouk de Boer.")
    assert "Whom to task The national bureaus of the countries most of these records concern: Albania and " \
           "the Netherlands." in gap and "Confirm the dates and conditions of release" in gap
    assert "gap-target_release_unrecorded" in section(pages["en", "strategy"], "gaps")
    flat = re.sub(r"\s+", " ", pdf)
    assert "Aliases Tonton" in flat and "Agencies concerned" in flat and "Date and conditions not recorded" in flat
    # Arabic: translated, Latin names isolated; French and Spanish translated too.
    ar = pages["ar", "analysis"]
    assert "<bdi>&#x2068;Tonton&#x2069;</bdi>" in ar and "الأسماء المستعارة" in ar and "الجهات المعنية" in ar
    assert "أُفرج عن هدفين وفق السجلات" in text(section(ar, "gaps"))
    folder = example_reports.folder
    fr = (folder / "fr" / "analysis.html").read_text(encoding="utf-8")
    es = (folder / "es" / "analysis.html").read_text(encoding="utf-8")
    assert "Services concernés" in fr and "Libération" in package(fr, "PER-00016")
    assert "Organismos competentes" in es and "Alias Tonton" in package(es, "PER-00101")


def test_every_rank_names_its_measure(reports, example_reports):
    pages, pdf, _result, _edition = reports
    page = pages["en", "analysis"]
    blerim = package(page, "PER-00016")
    assert blerim.startswith("Removal step 3 Blerim Kola PER-00016")
    assert "Key-player rank 17 of 163; betweenness 0.031 (betweenness rank 22)." in blerim
    findings = text(section(page, "key-findings"))
    assert "among the key players" not in findings and "ranked 9 for betweenness" not in findings
    assert "Marko Popović rose to key-player rank 5 of 163, from rank 14." in findings
    assert "Anouk de Boer is a principal broker: betweenness rank 9 but only direct-link rank 15" in findings
    brokers = section(page, "brokers")
    assert "Betweenness rank" in brokers and "Direct-link rank" in brokers
    strategy = section(pages["en", "strategy"], "recommendations")
    assert '<th scope="col" class="num">Removal step</th>' in strategy
    assert "Removal step: the target's place in the removal sequence" in text(strategy)
    flat = re.sub(r"\s+", " ", pdf)
    assert "Removal step 3 Blerim Kola" in flat and "Key-player rank 17 of 163" in flat
    ar = text(package(pages["ar", "analysis"], "PER-00016"))
    assert ar.startswith("خطوة الإزالة 3") and "المرتبة 17 من أصل 163 بين العناصر الرئيسية" in ar
    assert "المرتبة 22 من حيث البينية" in ar
    folder = example_reports.folder
    assert "Étape de retrait 3" in (folder / "fr" / "analysis.html").read_text(encoding="utf-8")
    assert "Paso de retirada 3" in (folder / "es" / "analysis.html").read_text(encoding="utf-8")


def test_a_sanitised_edition_names_its_audience(reports):
    pages, pdf, _result, _edition = reports
    for report in ("analysis", "strategy"):
        page = pages["en", report]
        note = text(section(page, "bottom-line"))
        assert note.startswith("Bottom line This edition is sanitised for readers cleared to RESTRICTED: "
                               "material above that level has been withheld")
        cover = text(re.search(r'<section class="cover".*?</section>', page, flags=re.S)[0])
        assert "Releasable to Readers cleared to RESTRICTED — sanitised edition" in cover
    assert "هذه نسخة منقّحة موجّهة إلى القرّاء المصرّح لهم بمستوى محدود التداول" in text(pages["ar", "analysis"])
    assert "Releasable to Readers cleared to RESTRICTED" in re.sub(r"\s+", " ", pdf)


def test_a_package_lists_identifiers_and_an_edition_for_a_country_names_it(tmp_path, project_copy):
    """The tiny project for France, one link confidential: sanitised; Diego Duarte's company is his identifier."""
    row = "A,C,communication,1,F6,communication_record,,,"
    links = (TINY / "links.csv").read_text(encoding="utf-8").replace(f"{row},,", f"{row}confidential,,")
    result = build(project_copy(links__csv=links), BuildOptions(
        reports=("analysis",), languages=("en", "ar"), formats=("html",), out=tmp_path, workers=1,
        audience=Audience("FR")))
    en = (result.folder / "en" / "analysis.html").read_text(encoding="utf-8")
    assert "Identifiers and places Fábrica Flores S.L. (Business, graded B3) Why" in package(en, "D")
    assert "This edition is sanitised for readers in France cleared to RESTRICTED" in text(section(en, "bottom-line"))
    assert "Releasable to Readers in France cleared to RESTRICTED — sanitised edition" in text(en)
    ar = (result.folder / "ar" / "analysis.html").read_text(encoding="utf-8")
    assert "<bdi>&#x2068;Fábrica Flores S.L.&#x2069;</bdi> (شركة، بتقييم B3)" in ar
    assert "القرّاء المصرّح لهم بمستوى محدود التداول (فرنسا)" in text(ar)
