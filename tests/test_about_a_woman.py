"""Sentences about one entity agree with it: a woman « تُعدّ Anouk de Boer … لكنها », « elle se classe »; a man
« يُعدّ Marko Popović … لكنه », « il se classe »; only what is not a person is « الكيان », « l'entité »."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from conftest import EXAMPLE
from test_assessment_output import blocks, section, text

from reportgen.data.load import load_project
from reportgen.i18n import catalogs, labels
from reportgen.i18n.formatting import Formatter
from reportgen.report.render import environment
from reportgen.report.wording import gettext_about, ngettext_about
from reportgen.resources import LOCALES_DIR

BROKER = ("%(name)s is a principal broker: betweenness rank %(rank)s but only direct-link rank %(degree_rank)s, "
          "with links into %(num)s other community.", "%(name)s is a principal broker: betweenness rank %(rank)s "
          "but only direct-link rank %(degree_rank)s, with links into %(num)s other communities.")
WOMAN = SimpleNamespace(type="person", sex="female")
MAN = SimpleNamespace(type="person", sex="male")
BUSINESS = SimpleNamespace(type="business", sex=None)
#: "The entity" before a name, per language: a person must never be called so.
THE_ENTITY = {"ar": "الكيان ", "fr": "l\u2019entité ", "es": "la entidad "}


def po(lang: str):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as stream:
        return read_po(stream, locale=lang)


def test_every_sentence_about_an_entity_has_its_generic_twin_in_the_template():
    """Extraction gives each ``gettext_about`` call its generic message and one per context; the catalogs
    translate them all (i18n stats)."""
    template = catalogs._read(LOCALES_DIR / "messages.pot")
    about = {context: {m.id for m in template if m.context == context} for context in catalogs.ABOUT_CONTEXTS}
    assert len(about[labels.ABOUT_A_WOMAN]) >= 15
    assert about[labels.ABOUT_A_NON_PERSON] == about[labels.ABOUT_A_WOMAN]
    for message_id in about[labels.ABOUT_A_WOMAN]:
        assert template.get(message_id) is not None, message_id  # the generic wording, without context


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_the_generic_wording_of_a_sentence_about_an_entity_is_about_a_person(lang):
    """The message without context serves men and people of unrecorded sex: it never says "the entity";
    the variant for what is not a person may."""
    catalog = po(lang)
    for message in (m for m in catalog if m.context == labels.ABOUT_A_NON_PERSON):
        generic = catalog.get(message.id).string
        for form in [generic] if isinstance(generic, str) else generic:
            assert THE_ENTITY[lang] not in form, (message.id, form)


def test_arabic_variants_about_a_woman_are_feminine():
    """Arabic marks the feminine in every one of them (verb, pronoun or adjective): none is the generic copied."""
    catalog = po("ar")
    for message in (m for m in catalog if m.context == labels.ABOUT_A_WOMAN):
        generic = catalog.get(message.id)
        assert message.string != generic.string, message.id
        assert "الكيان %(name)s" not in str(message.string), message.id  # she is named, not "the entity"


def test_a_sentence_takes_the_variant_of_the_entitys_sex():
    ar, fr = Formatter("ar"), Formatter("fr")
    values = {"name": "X", "rank": 9, "degree_rank": 15}
    woman = ngettext_about(ar, WOMAN, *BROKER, 4, **values)
    assert woman.startswith("تُعدّ X") and "لكنها" in woman and "ولها صلات" in woman
    for man in (MAN, SimpleNamespace(type="person", sex=None), None):
        generic = ngettext_about(ar, man, *BROKER, 4, **values)
        assert generic.startswith("يُعدّ X") and "لكنه " in generic and "وله صلات" in generic
    business = ngettext_about(ar, BUSINESS, *BROKER, 4, **values)
    assert business.startswith("يُعدّ الكيان X") and "لكنه " in business and "وله صلات" in business
    assert "elle se classe" in ngettext_about(fr, WOMAN, *BROKER, 1, **values)
    assert "X joue un rôle d\u2019intermédiaire de premier plan\u202f: il se classe" in ngettext_about(
        fr, MAN, *BROKER, 1, **values)
    assert "l\u2019entité se classe" in ngettext_about(fr, BUSINESS, *BROKER, 1, **values)
    assert gettext_about(Formatter("en"), WOMAN, "A broker between communities.") == "A broker between communities."


def test_templates_escape_the_values_of_a_sentence_about_a_woman():
    rendered = environment("ar").from_string(
        '{{ gettext_about(e, "%(name)s entered the key-player ranking at rank %(rank)s of %(total)s.", '
        'name=n, rank=3, total=9) }}'
    ).render(e=WOMAN, n="<b>")
    assert rendered == "دخلت &lt;b&gt; ترتيب العناصر الرئيسية في المرتبة 3 من أصل 9."


@pytest.mark.slow
def test_arabic_and_french_reports_speak_of_anouk_de_boer_in_the_feminine(example_reports):
    """The example's principal broker Anouk de Boer (a woman): feminine finding and target package; men masculine."""
    folder = example_reports.folder
    arabic = (folder / "ar" / "analysis.html").read_text(encoding="utf-8")
    findings = [text(b) for b in blocks(section(arabic, "key-findings"), "li", "finding")]
    broker = next(f for f in findings if "Anouk de Boer" in f and "الوسطاء" in f)
    assert broker.startswith("تُعدّ Anouk de Boer") and "لكنها لا تحتل" in broker and "ولها صلات" in broker
    assert "الكيان" not in broker.split("[")[0]
    # A man rising in the ranking keeps the masculine.
    man = next(f for f in findings if "Marko Popović" in f and "تقدّم" in f)
    assert "تقدّم Marko Popović" in man and "بعد أن كان في" in man
    targets = section(arabic, "targets")
    her = text(targets[targets.index('id="target-PER-00101"'):].split("</article>")[0])
    assert "لها صلات" in her and "وسيطة بين التجمّعات" in her and "له صلات" not in her
    his = text(targets[targets.index('id="target-PER-00002"'):].split("</article>")[0])  # Zoran Petrović
    assert "له صلات" in his and "لها صلات" not in his
    french = text(section((folder / "fr" / "analysis.html").read_text(encoding="utf-8"), "key-findings"))
    assert "Anouk de Boer joue un rôle d\u2019intermédiaire de premier plan : elle se classe" in french


@pytest.mark.slow
def test_no_person_is_called_the_entity_in_the_example(example_reports):
    """Arabic, French and Spanish analysis reports: never « الكيان », « l'entité », « la entidad » before a
    person's name (text of the HTML, captions and findings included)."""
    edition = load_project(EXAMPLE)
    people = [e.name for e in edition.entities if e.type == "person"]
    for lang, the_entity in THE_ENTITY.items():
        page = text((example_reports.folder / lang / "analysis.html").read_text(encoding="utf-8"))
        assert "Marko Popović" in page
        called = [name for name in people if the_entity + name in page]
        assert not called, (lang, called)
