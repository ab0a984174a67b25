"""The terminology glossary (locales/glossary.yaml): complete, sourced, and what the catalogs say."""

from __future__ import annotations

import pytest
import yaml
from test_i18n import LANGS, compiled

from reportgen.i18n import labels
from reportgen.resources import LOCALES_DIR

GLOSSARY = yaml.safe_load((LOCALES_DIR / "glossary.yaml").read_text(encoding="utf-8"))["terms"]


def test_glossary_covers_roles_links_activities_statuses_gradings_and_markings():
    terms = {(entry.get("context"), entry["term"]) for entry in GLOSSARY}
    wanted = {(None, term) for vocabulary in (labels.ROLES, labels.LINK_TYPES, labels.LINK_KINDS, labels.ACTIVITY_TYPES,
                                              labels.STATUSES, labels.CLASSIFICATIONS) for term in vocabulary.values()}
    wanted |= {(None, term) for scale in labels.GRADINGS["admiralty"].values() for term in scale.values()}
    wanted |= set(labels.STATUSES_FEMININE.values())
    assert wanted <= terms, sorted(wanted - terms, key=str)


@pytest.mark.parametrize("lang", LANGS)
def test_every_term_has_a_rendering_and_a_source(lang):
    missing = [entry["term"] for entry in GLOSSARY
               if not entry.get(lang, {}).get("rendering") or not entry[lang].get("source")]
    assert not missing


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_renders_each_term_as_the_glossary(lang):
    catalog = compiled(lang)
    wrong = []
    for entry in GLOSSARY:
        context, term = entry.get("context"), entry["term"]
        said = catalog.pgettext(context, term) if context else catalog.gettext(term)
        if said != entry[lang]["rendering"]:
            wrong.append((term, said, entry[lang]["rendering"]))
    assert not wrong


def test_unodc_renderings_of_the_crime_types():
    """The renderings of UN instruments, spot-checked against the glossary the test above enforces."""
    rendering = {(entry["term"], lang): entry[lang]["rendering"] for entry in GLOSSARY for lang in LANGS}
    assert rendering["Trafficking in persons", "es"] == "Trata de personas"
    assert rendering["Trafficking in persons", "ar"] == "الاتجار بالأشخاص"
    assert rendering["Migrant smuggling", "fr"] == "Trafic illicite de migrants"
    assert rendering["Firearms trafficking", "es"] == "Tráfico de armas de fuego"
    assert rendering["Money laundering", "ar"] == "غسل الأموال"
    assert rendering["Not usually reliable", "fr"] == "Source rarement fiable"
    assert rendering["RESTRICTED", "ar"] == "محدود التداول"
