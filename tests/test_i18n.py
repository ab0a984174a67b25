"""Four languages: complete catalogs, plural forms, locale formats, no English leaks, right-to-left."""

from __future__ import annotations

import gettext
import io
import re
import subprocess
from datetime import date

import pytest
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from click.testing import CliRunner
from conftest import EXAMPLE
from pypdf import PdfReader
from test_build import Page, pdf_text

from reportgen.analysis.analyse import analyse
from reportgen.cli import cli
from reportgen.data.load import load_project
from reportgen.data.release import Audience, restrict
from reportgen.i18n import catalogs
from reportgen.i18n.formatting import Formatter
from reportgen.publish.build import BuildOptions, build
from reportgen.resources import LOCALES_DIR

LANGS = ("fr", "es", "ar")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def po(lang: str):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as stream:
        return read_po(stream, locale=lang)


def compiled(lang: str) -> gettext.GNUTranslations:
    buffer = io.BytesIO()
    write_mo(buffer, po(lang))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# -- catalogs -----------------------------------------------------------------------


def test_stats_command_reports_complete_catalogs():
    result = CliRunner().invoke(cli, ["i18n", "stats"])
    assert result.exit_code == 0, result.output
    for lang in LANGS:
        assert re.search(rf"^{lang}\s+(\d+)\s+\1\s+0\s+0$", result.output, re.M), result.output


def test_template_is_up_to_date_with_the_code():
    """Every message of the code and templates is in messages.pot (run `reportgen i18n extract`)."""
    pot = catalogs._read(LOCALES_DIR / "messages.pot")
    before = (LOCALES_DIR / "messages.pot").read_bytes()
    catalogs.extract()
    assert (LOCALES_DIR / "messages.pot").read_bytes() == before, "messages.pot was stale"
    assert len(catalogs._messages(pot)) > 250


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_passes_msgfmt_check(lang):
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_header_is_babels(lang):
    catalog = po(lang)
    assert catalog.plural_forms == get_plural(lang).plural_forms
    assert not catalog.fuzzy


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_their_placeholders(lang):
    for message in po(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, text in enumerate(strings):
            found = set(PLACEHOLDER.findall(text))
            assert found <= wanted, (message.id, text)
            # Arabic zero, one and two forms may carry the number in the words themselves.
            optional = {"num"} if lang == "ar" and index in (0, 1, 2) else set()
            assert wanted - optional <= found, (message.id, index, text)
            assert "%" not in PLACEHOLDER.sub("", text).replace("%%", ""), (message.id, text)


def test_arabic_has_six_plural_forms_in_babels_order():
    catalog = po("ar")
    translations = compiled("ar")
    plurals = [m for m in catalog if m.id and isinstance(m.id, tuple)]
    assert plurals
    for message in plurals:
        assert len(message.string) == 6 and all(message.string), message.id
    singular, plural = "%(num)s entity is a cut point.", "%(num)s entities are cut points."
    forms = catalog[singular].string
    # Babel's expression: 0 → zero, 1 → one, 2 → two, 3–10 → few, 11–99 → many (index 5), 100–102 → other (index 4).
    for n, index in ((0, 0), (1, 1), (2, 2), (3, 3), (11, 5), (100, 4), (103, 3), (111, 5)):
        assert translations.ngettext(singular, plural, n) == forms[index], n
    rendered = {n: translations.ngettext(singular, plural, n) % {"num": n} for n in (0, 3, 11, 100)}
    assert "11" in rendered[11] and "100" in rendered[100] and "3" in rendered[3]
    assert rendered[11] != rendered[3] != rendered[100]


def test_formatter_follows_each_locale():
    fr, es, ar, en = Formatter("fr"), Formatter("es"), Formatter("ar"), Formatter("en")
    assert fr.integer(46756200) == "46\u202f756\u202f200"
    assert es.integer(46756200) == "46.756.200"
    assert ar.integer(46756200) == "46,756,200"  # Latin digits, the documented choice
    assert en.date(__import__("datetime").date(2026, 9, 30)) == "30 September 2026"
    assert fr.date(__import__("datetime").date(2026, 9, 30)) == "30 septembre 2026"
    assert fr.countries(["RS", "BA", "AE"], ranked=True) == "Serbie, Bosnie-Herzégovine et Émirats arabes unis"
    assert ar.country("FR") == "فرنسا"
    assert ar.direction == "rtl" and fr.direction == "ltr"
    assert fr.money(1500) == "1\u202f500\xa0€"


# -- built reports ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def multilingual(example_reports):
    """The example's reports in every language (``.folder``), and its analysis."""
    return example_reports, analyse(restrict(load_project(EXAMPLE), Audience())[0]).to_dict()


def _leak_fragments(lang: str) -> list[str]:
    """English fragments of translated messages, long enough not to be names or codes."""
    fragments = []
    for message in po(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings:
                continue  # the translation is the same word (e.g. "Communication" in French)
            for piece in PLACEHOLDER.split(english)[::2]:
                piece = piece.strip(" .,:;()“”")
                if len(piece.split()) >= 2 and len(piece) >= 10:
                    fragments.append(piece)
    return fragments


def _without_data(html: str) -> str:
    """Page text without data values: names (<bdi>) and English fallbacks (lang="en")."""
    html = re.sub(r"<bdi>.*?</bdi>", " ", html, flags=re.S)
    html = re.sub(r'<(div|li) (?:class="[^"]*" )?lang="en".*?</\1>', " ", html, flags=re.S)
    return Page(html).plain


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", ["analysis", "strategy"])
def test_no_english_in_translated_reports(multilingual, lang, report):
    result, _data = multilingual
    folder = result.folder / lang
    fragments = _leak_fragments(lang)
    html_text = _without_data((folder / f"{report}.html").read_text())
    pdf = re.sub(r"\s+", " ", pdf_text(folder / f"{report}.pdf"))
    leaks = [f for f in fragments if f in html_text]
    assert not leaks, leaks[:10]
    leaks = [f for f in fragments if len(f.split()) >= 3 and f in pdf]
    assert not leaks, leaks[:10]


@pytest.mark.parametrize("lang", LANGS)
def test_no_untranslated_labels_in_headings_tables_and_tiles(multilingual, lang):
    """Single words cannot be searched in running text (names share them); labels can."""
    result, _data = multilingual
    english = {}
    for message in po(lang):
        if message.id and isinstance(message.id, str) and message.string != message.id:
            english[message.id] = message.string
    for report in ("analysis", "strategy"):
        html = (result.folder / lang / f"{report}.html").read_text()
        labels = re.findall(r"<(?:th|h2|h3|dt|figcaption)[^>]*>([^<]+)<", html)
        labels += re.findall(r'<span class="tile-label">([^<]+)<', html)
        leaks = sorted({text.strip() for text in labels if text.strip() in english})
        assert not leaks, (report, leaks)


def test_plural_rules_of_french_and_spanish():
    fr, es = compiled("fr"), compiled("es")
    assert fr.ngettext("entity", "entities", 0) == fr.ngettext("entity", "entities", 1)  # French: 0 is singular
    assert fr.ngettext("entity", "entities", 2) != fr.ngettext("entity", "entities", 1)
    assert es.ngettext("entity", "entities", 0) == es.ngettext("entity", "entities", 2)  # Spanish: 0 is plural


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_metadata_in_the_document_language(multilingual, lang):
    result, _data = multilingual
    reader = PdfReader(result.folder / lang / "strategy.pdf")
    translations = compiled(lang)
    assert reader.metadata.title == f"OPAL TIDE — {translations.gettext('Strategy report')}"
    title = load_project(EXAMPLE).meta.title.get(lang)
    assert reader.metadata.subject == title
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang", LANGS)
def test_html_language_switcher_and_locale(multilingual, lang):
    result, _data = multilingual
    html = (result.folder / lang / "analysis.html").read_text()
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    page = Page(html)
    alternates = {attrs["hreflang"]: attrs["href"] for tag, attrs in page.tags
                  if tag == "link" and attrs.get("rel") == "alternate"}
    assert alternates == {other: f"../{other}/analysis.html" for other in ("en", "fr", "es", "ar") if other != lang}
    switch = {attrs["hreflang"] for tag, attrs in page.tags if tag == "a" and "hreflang" in attrs}
    assert switch == set(alternates)
    translations = compiled(lang)
    assert f'"name": "{lang}"' in html and translations.gettext("Reset axes") in html  # plotly locale
    assert f'"locale": "{lang}"' in html
    assert "TLP:AMBER" in html  # never translated
    assert translations.gettext("RESTRICTED") != "RESTRICTED" or lang == "en"


def test_french_report_formats_dates_numbers_and_countries(multilingual):
    result, data = multilingual
    text = Page((result.folder / "fr" / "strategy.html").read_text()).plain
    f = Formatter("fr")
    assert "1er avril 2026" in text and "30 septembre 2026" in text
    assert not re.search(r"(?<!\d)1 avril", text)  # the first of the month is an ordinal in French
    keywords = PdfReader(result.folder / "fr" / "strategy.pdf").metadata["/Keywords"]
    assert "1er avril 2026" in keywords  # the long form, as on the cover
    assert re.sub(r"\s+", " ", f.money(data["activities"]["value_eur"])) in text
    assert "Serbie" in text or "Bosnie-Herzégovine" in text
    assert "Trafic de stupéfiants" in text or compiled("fr").gettext("Drug trafficking") in text


def test_arabic_dates_name_the_month_twice_as_united_nations_arabic_does():
    """« 1 نيسان/أبريل 2026 »: the Levant's CLDR name, then CLDR's Arabic name; other languages unchanged."""
    arabic = Formatter("ar")
    assert arabic.date(date(2026, 4, 1)) == "1 نيسان/أبريل 2026"
    assert arabic.date("2026-11-26") == "26 تشرين الثاني/نوفمبر 2026"
    assert arabic.month("2026-09") == "أيلول/سبتمبر 2026"
    assert arabic.date(date(2026, 4, 1), "d 'MMMM' MMMM") == "1 MMMM نيسان/أبريل"  # quoted literals kept
    assert Formatter("en").date(date(2026, 4, 1)) == "1 April 2026"
    assert Formatter("es").month("2026-09") == "septiembre 2026"


def test_arabic_pdf_is_right_to_left_with_an_arabic_font(multilingual):
    result, _data = multilingual
    path = result.folder / "ar" / "analysis.pdf"
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert "NotoNaskhArabic" in fonts.replace("-", "").replace(" ", "")
    translations = compiled("ar")
    text = pdf_text(path)
    heading = translations.gettext("Key players")
    assert heading in text
    # The period's dates as United Nations Arabic writes them (pdftotext wraps the Latin slash in bidi marks).
    assert "نيسان/أبريل 2026" in re.sub(r"\s+", " ", re.sub(r"[\u202a-\u202e\u2066-\u2069]", "", text))
    # Page furniture mirrored: "page X of Y" sits on the left of an Arabic page.
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "3", "-l", "3", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    page_word = translations.gettext("Page %(page)s of %(pages)s").split("%")[0].strip().split()[0]
    # pdftotext's bounding boxes list right-to-left words in visual order (reversed).
    positions = [float(m.group(1)) for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
                 if page_word in (m.group(2), m.group(2)[::-1])]
    assert positions and all(x < 300 for x in positions), positions


def test_missing_narrative_translation_falls_back_visibly(tmp_path, project_copy, caplog):
    path = project_copy()
    result = build(path, BuildOptions(languages=("fr",), formats=("html",), out=tmp_path / "out"))
    html = (result.folder / "fr" / "strategy.html").read_text()
    # The tiny project's second key judgement and its recommendations exist in English only.
    assert '<li lang="en" dir="ltr" class="fallback"><p>Target the broker.</p>' in html
    assert compiled("fr").gettext("(not translated)") in html
    assert "no fr translation of recommendations.1;" in caplog.text


def test_reviser_defects_stay_fixed_in_the_built_reports(multilingual):
    """Issue 13 on real pages: Spanish « e Italia », agreement with the entity type, neutral names, « 1er »."""
    result, _data = multilingual
    spanish = " ".join(Page((result.folder / "es" / f"{r}.html").read_text()).plain for r in ("analysis", "strategy"))
    assert "e Italia" in spanish and not re.search(r"\by (?:h?[iIíÍ])(?![aeiouáéóú])", spanish)
    assert "neutralización" not in spanish and "Líder" not in spanish
    french = (result.folder / "fr" / "analysis.html").read_text()
    businesses = [row for row in re.findall(r"<tr>.*?</tr>", french, re.S)
                  if "<td>Société</td>" in row and 'class="code"' not in row]  # not Annex D's code table
    assert businesses and all("<td>Active</td>" in row for row in businesses), businesses[:2]
    assert "disparu" not in french and "Bank account" not in french and "IBAN" in french
    arabic = (result.folder / "ar" / "strategy.html").read_text()
    # Names in the data's script, isolated.
    assert "<bdi>&#x2068;Zoran Petrović&#x2069;</bdi>" in arabic and "بيتروفيتش" not in arabic


def test_arabic_pdf_cover_puts_each_label_on_the_right_of_its_value(multilingual):
    """The cover's facts (a grid) read right to left in print: label first, on the right, then its value."""
    result, _data = multilingual
    path = result.folder / "ar" / "analysis.pdf"
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    words = [(float(m.group(1)), m.group(2)) for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)]
    translations = compiled("ar")
    label = translations.gettext("Date of issue").split()[0]
    # The date of issue's value: its year, in the label's row (the cover's only other year is the period's, above).
    label_x = [x for x, w in words if label in (w, w[::-1])]
    year_x = [x for x, w in words if re.fullmatch(r"20\d\d", w)]
    assert label_x and year_x
    assert all(x < min(label_x) for x in year_x), (label_x, year_x)
