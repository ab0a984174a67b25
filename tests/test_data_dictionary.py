"""Annex D: the data files keep the data contract's names and codes; each language's reader learns their meaning."""

from __future__ import annotations

import csv
import io
import re

import pytest
from babel.messages.pofile import read_po
from markupsafe import escape
from test_assessment_output import section, text
from test_build import pdf_text

from reportgen.analysis.edition import prepare_edition
from reportgen.data.load import load_project
from reportgen.data.release import Audience
from reportgen.i18n.formatting import Formatter
from reportgen.publish import writer
from reportgen.report import model as model_module
from reportgen.report.annex import CommunityChangeList
from reportgen.report.datafiles import DATA_FILES, VOCABULARIES, data_dictionary
from reportgen.report.model import report_model
from reportgen.resources import LOCALES_DIR

LANGS = ("en", "fr", "es", "ar")


def test_the_writer_writes_the_columns_the_dictionary_explains():
    assert tuple(f.header for f in DATA_FILES) == (writer.ENTITY_COLUMNS, writer.LINK_COLUMNS,
                                                   writer.ACTIVITY_COLUMNS, writer.CHANGE_COLUMNS)
    assert data_dictionary(changes=False).files == DATA_FILES[:3]
    assert "change" not in data_dictionary(changes=False).vocabularies


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_every_column_and_code_has_its_meaning_translated(lang):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    messages = [f.rows for f in DATA_FILES] + [c.meaning for f in DATA_FILES for c in f.columns]
    messages += [title for title, _codes in VOCABULARIES.values()]
    messages += [label for _title, codes in VOCABULARIES.values() for label in codes.values()]
    for message in messages:
        entry = catalog.get(message)
        assert entry is not None and entry.string and not entry.fuzzy, (lang, message)


def _codes_in(folder) -> dict[str, set[str]]:
    """Every code the example's published files hold, by vocabulary."""
    found: dict[str, set[str]] = {key: set() for key in VOCABULARIES}
    for file in DATA_FILES:
        path = folder / "data" / file.name
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        assert tuple(rows[0]) == file.header, file.name  # the file's header is the dictionary's
        for column in (c for c in file.columns if c.codes):
            found[column.codes].update(v for row in rows for v in row[column.name].split(";") if v)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_annex_d_explains_every_column_and_code_of_the_published_files(example_reports, lang):
    """Each language's analysis report: every column of the real files, every code they hold, with its label."""
    folder = example_reports.folder
    page = (folder / lang / "analysis.html").read_text(encoding="utf-8")
    annex = section(page, "annex-data")
    f = Formatter(lang)
    for file in DATA_FILES:
        assert f'<a href="../data/{file.name}" download>' in annex
        table = annex[annex.index(f'<a href="../data/{file.name}"'):].split("</table>")[0]
        rows = dict(re.findall(r'<tr><td class="code"><bdi dir="ltr">([^<]+)</bdi></td><td>(.*?)</td></tr>', table))
        assert list(rows) == list(file.header)
        for column in file.columns:
            assert text(rows[column.name]).startswith(text(f.gettext(column.meaning))), (lang, column.name)
    for vocabulary, codes in _codes_in(folder).items():
        title, labels = VOCABULARIES[vocabulary]
        table = annex[annex.index(f"<h4>{escape(f.gettext(title))}</h4>"):].split("</table>")[0]
        assert codes, vocabulary
        for code in codes:
            label = f.gettext(labels[code])
            assert f'<bdi dir="ltr">{code}</bdi></td><td>{escape(label)}</td>' in table, (lang, code)


@pytest.mark.slow
def test_the_arabic_and_french_pdfs_carry_the_data_dictionary(example_reports):
    folder = example_reports.folder
    french = pdf_text(folder / "fr" / "analysis.pdf")
    annex = french[french.rindex("fichiers de données"):]
    assert "articulation_point" in annex and "Point d\u2019articulation" in annex and "corrupt_official" in annex
    assert "Agent public corrompu" in annex or "agent public corrompu" in annex.lower()
    arabic = pdf_text(folder / "ar" / "analysis.pdf")
    assert "key_player_score" in arabic and "money_launderer" in arabic


def test_the_strategy_report_carries_the_dictionary_only_when_it_points_to_the_files(tiny, monkeypatch):
    """Its lists point to changes.csv (more merges than listed) or entities.csv (evidence annex cut) only then."""
    edition = prepare_edition(load_project(tiny), Audience())

    def sections(report: str) -> list[str]:
        model = report_model(report, edition.project, edition.analysis, edition.assessment, [])
        assert (model.data_dictionary is not None) == ("annex-data" in [s.id for s in model.sections])
        return [s.id for s in model.sections]

    assert "annex-data" in sections("analysis") and "annex-data" not in sections("strategy")
    monkeypatch.setattr(model_module, "community_changes", lambda changes: CommunityChangeList([], [], more=3))
    assert sections("strategy")[-1] == "annex-data"
