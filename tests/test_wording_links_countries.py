"""Reviewers' wording, round 4: an associate's bracket names a link, not a role (« Fatmir Hoxha (lien financier) »);
English running text gives countries their article ("Brazil and the Netherlands")."""

from __future__ import annotations

import pytest
from test_assessment_output import section, text

from reportgen.data import vocab
from reportgen.i18n import labels
from reportgen.i18n.formatting import Formatter
from reportgen.report.render import environment

#: The word for a link (or ties) each language's link kinds must contain.
LINK_WORDS = {"en": ("link", "ties"), "fr": ("lien",), "es": ("vínculo", "lazos"), "ar": ("صلة", "روابط", "قرابة")}


@pytest.mark.parametrize("lang", LINK_WORDS)
def test_every_link_type_has_a_kind_of_link_that_says_link(lang):
    f = Formatter(lang)
    assert set(labels.LINK_KINDS) == set(vocab.LINK_TYPES)
    for code, message in labels.LINK_KINDS.items():
        kind = f.gettext(message)
        assert any(word in kind for word in LINK_WORDS[lang]), (code, kind)
        label = f.gettext(labels.LINK_TYPES[code])
        if not any(word in label.lower() for word in LINK_WORDS[lang]):  # « Financier », not « Liens ethniques »
            assert kind.lower() != label.lower(), code


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "financial link and association link"),
    ("fr", "lien financier et lien de fréquentation"),
    ("es", "vínculo financiero y vínculo de asociación"),
    ("ar", "صلة مالية وصلة معرفة"),
])
def test_the_template_filter_names_an_associates_links_as_links(lang, expected):
    assert environment(lang).from_string("{{ kinds|link_kinds }}").render(kinds=["financial", "associate"]) == expected


def test_english_countries_take_the_article_inside_a_sentence_only():
    en = Formatter("en")
    assert en.countries(["NL", "BR"], in_sentence=True) == "Brazil and the Netherlands"
    assert en.countries(["NL", "BR"]) == "Brazil and Netherlands"  # a table cell, a fact: the bare CLDR name
    assert en.countries(["US", "AL", "GB"], in_sentence=True) == "Albania, the United Kingdom and the United States"
    assert en.countries(["NL", "BR"], ranked=True, in_sentence=True) == "the Netherlands and Brazil"
    assert en.country("FR", in_sentence=True) == "France"
    for lang in ("fr", "es", "ar"):  # their messages put countries after a colon or in brackets
        f = Formatter(lang)
        assert f.countries(["NL", "BR"], in_sentence=True) == f.countries(["NL", "BR"])


def test_english_sentences_of_the_templates_give_the_netherlands_its_article():
    rendered = environment("en").from_string(
        '{{ ngettext("The national bureau of %(countries)s.", "The national bureaus of %(countries)s.", 2, '
        'countries=codes|countries(in_sentence=True)) }} {{ code|country(in_sentence=True) }}'
    ).render(codes=["NL", "BR"], code="NL")
    assert rendered == "The national bureaus of Brazil and the Netherlands. the Netherlands"


@pytest.mark.slow
def test_target_packages_name_links_and_countries_as_sentences_do(example_reports):
    """The example's target packages: Anouk de Boer's associates and agencies, in the four languages."""
    folder = example_reports.folder

    def package(lang: str, target: str) -> str:
        targets = section((folder / lang / "analysis.html").read_text(encoding="utf-8"), "targets")
        return text(targets[targets.index(f'id="target-{target}"'):].split("</article>")[0])

    anouk = package("en", "PER-00101")
    assert "Activities in Brazil and the Netherlands" in anouk
    assert "The national bureaus of Brazil and the Netherlands." in anouk
    assert "Countries Netherlands" in anouk  # a fact, not a sentence
    assert "Jan Meijer (association link graded B4)" in anouk
    assert "Sanne Bakker (arrested; co-offending link graded A3)" in anouk
    assert "(lien de fréquentation de cotation B4)" in package("fr", "PER-00101")
    assert "(vínculo de asociación con evaluación " in package("es", "PER-00101")
    assert "(صلة معرفة بتقييم " in package("ar", "PER-00101")
    gaps = text(section((folder / "en" / "analysis.html").read_text(encoding="utf-8"), "gaps"))
    assert "the countries most of these records concern: Albania and the Netherlands." in gaps
    assert " Netherlands" not in gaps.replace("the Netherlands", "")
