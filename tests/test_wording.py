"""Wording and typography a professional reviser checks, one defect per test (issue 13).

Each test names the defect it guards against; the reports built from the
example are read in test_i18n (dates, lists, agreement and names on real pages).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import EXAMPLE

from reportgen.analysis.results import EntityMetrics
from reportgen.data.synth import generate
from reportgen.i18n import labels
from reportgen.i18n.formatting import Formatter
from reportgen.publish.build import BuildOptions, build
from reportgen.report.figures.base import hover_entity, plotly_locale
from reportgen.report.render import environment
from reportgen.report.wording import counted, signed_percent, status
from reportgen.resources import LOCALES_DIR

FR, ES, AR, EN = Formatter("fr"), Formatter("es"), Formatter("ar"), Formatter("en")
NNBSP = "\u202f"


def test_french_writes_the_first_of_the_month_as_an_ordinal():
    """« 1er avril », not « 1 avril » (CLDR's ordinal category 'one', the suffix from the catalog)."""
    assert FR.date(date(2026, 4, 1)) == "1er avril 2026"
    assert FR.date(date(2026, 4, 1), "medium") == "1er avr. 2026"  # the PDF's keywords
    assert FR.date("2026-09-30") == "30 septembre 2026" and FR.date(date(2026, 4, 2)) == "2 avril 2026"
    assert FR.date(date(2026, 5, 21)) == "21 mai 2026"  # only 1 takes the ordinal in French dates
    assert ES.date(date(2026, 4, 1)) == "1 de abril de 2026"
    assert EN.date(date(2026, 4, 1)) == "1 April 2026"


def test_spanish_lists_write_e_before_i_and_u_before_o():
    """« Francia e Italia », « España e Irlanda », not « y Italia »; « y hielo » keeps y; « siete u ocho »."""
    assert ES.countries(["FR", "IT"]) == "Francia e Italia"
    assert ES.countries(["RS", "ES", "IE"], ranked=True) == "Serbia, España e Irlanda"
    assert ES.join(["agua", "hielo"]) == "agua y hielo"
    assert ES.join(["padres", "hijos"]) == "padres e hijos"
    assert ES.join(["siete", "ocho"], style="or") == "siete u ocho"
    assert ES.join(["Bélgica", "<bdi>Italia</bdi>"]) == "Bélgica e <bdi>Italia</bdi>"
    assert FR.countries(["FR", "IT"]) == "France et Italie" and EN.join(["a", "b", "c"]) == "a, b and c"


@pytest.mark.parametrize(("lang", "expected"), [("fr", f"1{NNBSP}200 entités constituent"), ("ar", "1,200 كيان"),
                                                 ("en", "1,200 entities are")])
def test_counts_in_sentences_have_the_locales_group_separator(lang, expected):
    template = environment(lang).from_string(
        '{{ ngettext("%(num)s entity is a cut point.", "%(num)s entities are cut points.", 1200) }}')
    assert expected in template.render()


def test_the_rest_form_n_smaller_groups_is_a_plural_message():
    message = ("The largest connected group holds %(share)s of the entities; the rest form %(num)s smaller group.",
               "The largest connected group holds %(share)s of the entities; the rest form %(num)s smaller groups.")
    call = "{{ ngettext(singular, plural, n, share='90 %') }}"

    def rest(lang: str, n: int) -> str:
        return environment(lang).from_string(call).render(singular=message[0], plural=message[1], n=n)

    assert rest("fr", 1).endswith("1 groupe plus petit.") and rest("fr", 3).endswith("3 groupes plus petits.")
    assert rest("es", 1).endswith("1 grupo más pequeño.") and rest("ar", 2).endswith("مجموعتين أصغر.")
    small = ("Not drawn: %(num)s entity of communities of fewer than %(least)s members.",
             "Not drawn: %(num)s entities of communities of fewer than %(least)s members.")
    assert " 1 entité " in FR.ngettext(*small, 1, least="3") and " 1 entidad " in ES.ngettext(*small, 1, least="3")
    assert f" 1{NNBSP}200 entités " in FR.ngettext(*small, 1200, least="3")


#: A count placeholder, then at most three modifiers, then an English plural noun: “%(count)s direct contacts”,
#: “(%(links)s links)”. Labels, ranks and shares are not counts, nor is a placeholder before a verb or an article.
_COUNTED_NOUN = re.compile(r"%\((?P<name>\w+)\)s(?P<modifiers>(?: [a-z-]+){0,3}?) (?P<noun>[a-z]+[^s]s)\b")
_NOT_COUNTS = {"name", "names", "number", "rank", "well", "role", "share", "type", "country", "previous"}
_NOT_MODIFIERS = {"the", "of", "in", "among", "a", "an", "and", "or", "to", "for", "with", "by", "from", "on", "at"}
_NOT_NOUNS = {"its", "this", "was", "has", "does", "always", "towards", "perhaps", "whereas"}


def counted_nouns_in_singular_messages(catalog_path) -> list[str]:
    """Singular (non-plural) messages whose count is written before a plural noun: “1 members” in every language."""
    with open(catalog_path, "rb") as stream:
        catalog = read_po(stream)
    found = []
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        for match in _COUNTED_NOUN.finditer(message.id):
            modifiers = set(match["modifiers"].split())
            if match["name"] in _NOT_COUNTS or modifiers & _NOT_MODIFIERS or match["noun"] in _NOT_NOUNS:
                continue
            found.append(f"{match[0]!r} in {message.id!r}")
    return found


def test_no_count_before_a_plural_noun_outside_a_plural_message(tmp_path):
    """Every message whose noun depends on a count is a plural message (ngettext), so 1, 2 and 11 take their forms."""
    assert counted_nouns_in_singular_messages(LOCALES_DIR / "messages.pot") == []
    # The rule catches the messages that printed “1 members” and “(1 links)”, and no label, rank or share.
    old = tmp_path / "old.pot"
    old.write_text('\n'.join(f'msgid "{text}"\nmsgstr ""\n' for text in (
        "community %(number)s (%(size)s members, led by %(leader)s)",
        "The strongest tie joins communities %(a)s and %(b)s (%(links)s links).",
        "Contact chart of %(name)s: %(count)s direct contacts, in %(communities)s communities.",
        "Betweenness is estimated from %(k)s randomly chosen starting entities.",
        "%(name)s ranks %(rank)s among the key players, but only %(well)s counting well-graded links alone.",
        "Activities involving %(country)s account for %(share)s of the period's activities.",
        "All %(role)s entities", "Community %(number)s brings together members of %(list)s.",
        "%(count)s activities were recorded, against %(previous)s in the previous period.")), encoding="utf-8")
    found = counted_nouns_in_singular_messages(old)
    assert [item.split(" in ")[0] for item in found] == [
        "'%(size)s members'", "'%(links)s links'", "'%(count)s direct contacts'", "'%(communities)s communities'",
        "'%(k)s randomly chosen starting entities'", "'%(count)s activities'"]


def test_counted_nouns_take_each_languages_plural_form():
    """« 1 membre », « 1 miembro », « عضو واحد », « كيانان », « 11 كيانًا », with the locale's group separator."""
    assert counted(EN, "member", 1) == "1 member" and counted(EN, "link", 1200) == "1,200 links"
    assert counted(FR, "member", 1) == "1 membre" and counted(FR, "community", 1200) == f"1{NNBSP}200 communautés"
    assert counted(ES, "direct contact", 1) == "1 contacto directo" and counted(ES, "link", 2) == "2 vínculos"
    assert [counted(AR, "entity", n) for n in (1, 2, 3, 11, 100)] == [
        "كيان واحد", "كيانان", "3 كيانات", "11 كيانًا", "100 كيان"]
    assert counted(AR, "member", 1) == "عضو واحد" and counted(AR, "link", 2) == "صلتان"


def test_status_words_agree_with_the_entity_type():
    """« Entreprise … Active », « شركة … نشطة », « Organisation … Dissoute »; people of unknown sex: generic."""
    assert status(FR, "active", "business") == "Active" and status(FR, "active", "person") == "Actif"
    assert status(FR, "dissolved", "organisation") == "Dissoute" and status(FR, "wanted", "vehicle") == "Recherché"
    assert status(ES, "active", "account") == "Activa" and status(ES, "dissolved", "business") == "Disuelta"
    assert status(AR, "active", "business") == "نشطة" and status(AR, "active", "person") == "نشط"
    assert status(EN, "active", "business") == "Active" and status(FR, "active") == "Actif"


def test_status_words_agree_with_a_persons_sex():
    """« Pilar Navarro (arrêtée) », « detenida », « موقوفة »; a person of unknown sex keeps the generic form."""
    assert status(FR, "arrested", "person", "female") == "Arrêtée"
    assert status(FR, "arrested", "person", "male") == "Arrêté"
    assert status(ES, "released", "person", "female") == "Puesta en libertad"
    assert status(AR, "wanted", "person", "female") == "مطلوبة" and status(AR, "wanted", "person") == "مطلوب"
    assert status(FR, "active", "business", "male") == "Active"  # sex is a person's only


@pytest.mark.slow
def test_reports_give_a_woman_the_feminine_status_in_text_tables_and_hover(tmp_path, project_copy):
    """The tiny project with Chloé Caron recorded as an arrested woman, built in French, Spanish and Arabic."""
    rows = list(csv.DictReader((project_copy() / "entities.csv").open(encoding="utf-8")))
    for row in rows:
        row["sex"] = "female" if row["id"] == "C" else ""
        row["status"] = "arrested" if row["id"] == "C" else row["status"]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=[*rows[0]], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = project_copy(**{"entities.csv": text.getvalue()})
    result = build(path, BuildOptions(languages=("fr", "es", "ar"), formats=("html",), out=tmp_path / "out"))
    for lang, word in (("fr", "Arrêtée"), ("es", "Detenida"), ("ar", "موقوفة")):
        analysis = (result.folder / lang / "analysis.html").read_text()
        strategy = (result.folder / lang / "strategy.html").read_text()
        cells = re.findall(r"<tr><td><bdi>C</bdi></td>(.*?)</tr>", analysis)
        assert cells and f"<td>{word}</td>" in cells[0], lang  # the annex table
        assert f"{word}\\u003cbr" in analysis, lang  # a hover text line of the charts' figure JSON
        assert re.search(rf"Chloé Caron.{{0,20}}</bdi> \({word.lower()}\)", strategy), lang  # running text


@pytest.mark.slow
def test_chart_percentages_are_in_the_languages_style(tmp_path, tiny):
    """The disruption chart's hover and axis read « 17 % » in French, not d3's "17%"."""
    result = build(tiny, BuildOptions(languages=("fr",), formats=("html",), out=tmp_path / "out"))
    html = (result.folder / "fr" / "analysis.html").read_text()
    templates = re.findall(r'"hovertemplate":"(.*?)"', html)
    assert templates and not [t for t in templates if re.search(r"%\{[^}]*%\}", t)]  # no d3 percent format
    assert '"tickformat":".0%"' not in html
    shares = re.findall(r'\["\d+","(\d+[^"\d]*%)"\]', html)  # [removals, share] of the disruption curves
    assert shares and all(re.fullmatch(r"\d+\u00a0%", share) for share in shares), shares[:3]
    assert '"ticktext":["0\u00a0%","25\u00a0%"' in html


def test_every_entity_type_has_a_grammatical_agreement_in_each_catalog():
    for lang in ("fr", "es", "ar"):
        f = Formatter(lang)
        assert {f.pgettext(labels.ENTITY_GENDERS[kind]) for kind in labels.ENTITY_TYPES} <= {"masculine", "feminine"}


def test_signed_percentages_are_isolated_left_to_right_in_arabic():
    """« +9% » stays « +9% » in a right-to-left cell (Unicode LRI … PDI), not « 9%+ »."""
    assert signed_percent(AR, 0.09) == "\u2066+9%\u2069"
    assert signed_percent(AR, -2) == "\u2066−200%\u2069"
    assert signed_percent(FR, 0.026) == "+3\xa0%"  # CLDR's French percent pattern


def test_french_high_punctuation_takes_a_narrow_no_break_space():
    """Every French « : », « ; », « ? » and « ! » of the catalog, hover texts included, after U+202F."""
    with (LOCALES_DIR / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as stream:
        catalog = read_po(stream, locale="fr")
    bad = [text for message in catalog if message.id
           for text in (message.string if isinstance(message.string, tuple) else (message.string,))
           if re.search(r"(?<!\u202f)[:;?!](?=\s|$)", text)]
    assert not bad, bad[:5]
    entity = EntityMetrics(**{**_ENTITY, "type": "business"})
    hover = hover_entity(FR, entity)
    assert f"Statut{NNBSP}: Active" in hover and f"Degré{NNBSP}: 12" in hover


def test_plotly_toolbar_notices_come_from_the_catalogs():
    """Every notice plotly.js's mode bar shows through its translation function is in the locale dictionary."""
    from importlib.resources import files

    script = (files("plotly") / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    notices = set(re.findall(r'notifier\(\w+\(\w+,"([^"]+)"\)', script))
    assert {"Preparing image - this may take a few seconds", "Image download succeeded"} <= notices
    json = {n for n in notices if "JSON" in n}  # the reports have no JSON export button
    assert notices - json <= set(labels.PLOTLY_INTERFACE)
    for lang in ("fr", "es", "ar"):
        dictionary = plotly_locale(Formatter(lang))["dictionary"]
        assert all(dictionary[n] != n for n in notices if n in dictionary), lang


#: English words of generated thing names ("Bank account …", "Mobile phone ending …", "Van, plate ending …").
ENGLISH_NAME_WORDS = re.compile(r"\b(bank|account|mobile|phone|plate|ending|near|vessel|passport|forged|"
                                r"warehouse|garage|van|lorry|truck|car)\b", re.I)
THINGS = {"phone", "account", "vehicle", "location", "document", "vessel"}


def test_names_of_things_read_the_same_in_every_language(tmp_path):
    """Phones, accounts, plates, premises and documents are named by numbers and codes, in the example and synth."""
    generated = generate(tmp_path / "p", entities=400, seed=11)
    for folder in (EXAMPLE, generated):
        with (folder / "entities.csv").open(encoding="utf-8") as stream:
            things = [row for row in csv.DictReader(stream) if row["type"] in THINGS]
        assert {row["type"] for row in things} >= {"phone", "account", "vehicle"}
        english = [row["name"] for row in things if ENGLISH_NAME_WORDS.search(row["name"])]
        assert not english, english
    with (EXAMPLE / "entities.csv").open(encoding="utf-8") as stream:
        names = {row["name"] for row in csv.DictReader(stream)}
    assert {"+49 …6213", "IBAN ME00 …5030", "ME TR-2730"} <= names


def test_arabic_narratives_cite_names_in_the_datas_script():
    """Transliteration policy: every name the English narrative cites appears in the Arabic one, in Latin script."""
    project = yaml.safe_load((EXAMPLE / "project.yaml").read_text(encoding="utf-8"))
    with (EXAMPLE / "entities.csv").open(encoding="utf-8") as stream:
        words = {word for row in csv.DictReader(stream) for word in re.findall(r"[^\W\d_][\w.'-]{2,}", row["name"])
                 if word[0].isupper()}
    cited = 0
    for section, paragraphs in project["narratives"].items():
        for number, paragraph in enumerate(paragraphs):
            english, arabic = " ".join(paragraph["en"].split()), " ".join(paragraph["ar"].split())
            for word in words:
                if re.search(rf"\b{re.escape(word)}\b", english):
                    cited += 1
                    assert re.search(rf"(?<![A-Za-z\u00C0-\u024F]){re.escape(word)}\b", arabic), (section, number, word)
    assert cited > 50


_ENTITY = {"id": "BUS-1", "name": "Marmirar Trading d.o.o.", "type": "business", "roles": (), "countries": ("BA",),
           "status": "active", "degree": 12, "weighted_degree": 12.0, "degree_centrality": 0.1, "betweenness": 0.2,
           "closeness": 0.3, "eigenvector": 0.4, "clustering": 0.0, "community": 2, "articulation_point": False,
           "bridged_communities": 0, "cross_community_share": 0.0, "key_player_score": 0.5, "country_count": 1,
           "activity_count": 0}


def test_percentages_and_terms_the_reviser_corrected():
    """French percent from CLDR (« 2,6 % »), Arabic « مؤشر » for score beside « الدرجة » for degree, full title."""
    assert FR.percent(0.026, 1) == "2,6\xa0%" and ES.percent(0.48) == "48\xa0%"
    score = Formatter("ar").gettext("Key players are ranked by a composite score: the mean of their degree, "
                                    "betweenness and eigenvector centrality, each relative to the highest value "
                                    "in the network.")
    assert "مؤشر مركّب" in score and score.count("درجة") == 1  # only in « مركزية الدرجة » (degree)
    title = yaml.safe_load((EXAMPLE / "project.yaml").read_text(encoding="utf-8"))["title"]["ar"]
    assert title.endswith("لتهريب الكوكايين والاتجار بالأشخاص")


def test_reviser_wording_of_lists_countries_money_and_punctuation():
    """Reviser findings: in-sentence labels, alphabetical countries, pairs, Arabic euro, French spacing."""
    assert FR.terms(["Image", "Déposition de témoin"]) == "image et déposition de témoin"
    assert FR.terms(["Distributeur", "Organisateur"], in_sentence=False) == "Distributeur et organisateur"
    assert EN.terms(["Image", "Witness statement"]) == "Image and Witness statement"
    assert FR.term("OPAL") == "OPAL"
    assert FR.countries(["EC", "HR", "TN"]) == "Croatie, Équateur et Tunisie"
    assert Formatter("ar").countries(["PL", "RS", "TN"]) == "بولندا وتونس وصربيا"
    assert ES.country_pair(["RS", "BA"]) == "Bosnia y Herzegovina–Serbia"
    assert Formatter("ar").money(41966400) == "41,966,400 يورو"
    assert FR.typography("moitié : il (39 %) ; oui ! https://x") == (
        "moitié\u202f: il (39\u00a0%)\u202f; oui\u202f! https://x")
    assert ES.typography("a : b") == "a : b"


def test_a_label_and_its_value_take_the_languages_colon():
    """Hover texts and chart descriptions: « Suspect : 22 » in French, "Suspected: 22" elsewhere."""
    assert Formatter("fr").labelled("Suspect", "22") == "Suspect\u202f: 22"
    assert Formatter("en").labelled("Suspected", "22") == "Suspected: 22"


def test_a_womans_role_takes_the_feminine_where_the_language_marks_it():
    """« Organisatrice », « Blanqueadora de capitales », « منظِّمة »; English and legends keep one form."""
    from reportgen.report.wording import role

    assert role(Formatter("fr"), "organiser", "female") == "Organisatrice"
    assert role(Formatter("fr"), "organiser", "male") == role(Formatter("fr"), "organiser") == "Organisateur"
    assert role(Formatter("es"), "money_launderer", "female") == "Blanqueadora de capitales"
    assert role(Formatter("ar"), "organiser", "female") == "منظِّمة"
    assert role(Formatter("en"), "organiser", "female") == "Organiser"
