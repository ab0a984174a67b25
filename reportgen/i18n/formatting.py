"""Languages: gettext catalogs and CLDR-based formatting through Babel.

Fixed wording lives in ``locales/<lang>/LC_MESSAGES/messages.po`` (compiled
to ``.mo`` by ``reportgen i18n compile``); English is the source language.
Everything a reader sees that depends on the locale — numbers, percentages,
amounts, dates, month names, country names, list joins, text direction —
comes from Babel's CLDR data here, never from hand-written tables.

Arabic reports use Latin (Western Arabic) digits, which is CLDR's default
for ``ar`` and the usage of the organisation's Arabic documents; page
numbers of the PDF follow the same digits.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import Protocol, TypeVar

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)
from icu import Collator  # type: ignore[import-untyped]  # PyICU, installed with followthemoney
from icu import Locale as IcuLocale

from ..data import vocab
from ..resources import LOCALES_DIR


class _Pair(Protocol):
    @property
    def countries(self) -> Sequence[str]: ...


P = TypeVar("P", bound=_Pair)

#: CLDR locale used for each working language's formats. The organisation
#: writes British English ("30 September 2026", "organiser").
CLDR_LOCALES = {"en": "en_GB"}

#: Languages whose running text writes vocabulary labels (roles, link types…) in lower case
#: inside a sentence or after a list's conjunction (« image et déposition de témoin »).
LOWER_CASE_TERMS = {"fr", "es"}

#: Languages that write amounts with the currency's CLDR name rather than its symbol
#: (Arabic « 42 مليون يورو », as the organisation's Arabic documents do; « € » in RTL text drifts).
CURRENCY_BY_NAME = {"ar"}


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (yet)."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction (a ``ngettext`` message); ``Formatter.ngettext`` translates it."""
    return singular, plural


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` in ``context`` (a ``pgettext`` message) for extraction; ``Formatter.pgettext`` translates it."""
    return context, message


#: How a date writes the day of the month whose CLDR ordinal category is "one" (French « 1er »).
ORDINAL_DAY = NC_("day of the month in a date, when CLDR's ordinal category of the number is 'one'", "%(day)s")

#: Countries whose name takes an article inside a sentence, per language: the article and the ISO codes.
#: CLDR names are the forms of tables and lists ("Netherlands"); running text writes "Brazil and the Netherlands".
#: French, Spanish and Arabic messages name countries after a colon or in brackets, where the CLDR name stands
#: alone (« Bureaux centraux nationaux : Brésil et Pays-Bas »), so they need no entry.
ARTICLES_IN_SENTENCE = {
    "en": ("the ", frozenset({
        "AE", "AX", "BQ", "BS", "CC", "CF", "CK", "DO", "EU", "FK", "FO", "GB", "GM", "GS", "HM", "IC", "IM", "IO",
        "KM", "KY", "MH", "MP", "MV", "NL", "PH", "PN", "PS", "SB", "TC", "TF", "UM", "UN", "US", "VG", "VI",
    })),
}

#: Tags and bidi isolation marks before a list item's first letter.
_LEADING_MARKUP = re.compile(r"^(?:<[^>]*>|[\u2066-\u2069\u200e\u200f\s])+")
#: Spanish words that start with the sound /i/ (« Italia », « hijo »; not « hielo », « Yemen »).
_SPANISH_I = re.compile(r"^h?[ií](?![aeiouáéóú])", re.I)
#: Spanish words and numbers that start with the sound /o/ (« Oriente », « hotel », « 8 », « 11 »).
_SPANISH_O = re.compile(r"^(?:h?[oó]|8|11(?!\d))", re.I)

#: French spacing of punctuation, as the catalogs write it: a narrow no-break space before : ; ! ? and a
#: no-break space before % and », after «. Only an ordinary space is replaced: « https: » stays.
FRENCH_SPACING = ((re.compile(r"[ \u00a0]+([:;!?])"), "\u202f\\1"), (re.compile(r" +(%(?!\()|»)"), "\u00a0\\1"),
                  (re.compile(r"« +"), "«\u00a0"))

#: The day field of a CLDR date pattern (a lone ``d``), outside quoted literals.
_DAY_FIELD = re.compile(r"'[^']*'|(?<![A-Za-z])d(?![A-Za-z])")

#: A calendar day (``date`` is also the name of :meth:`Formatter.date`).
Day = date

#: Languages whose dates name a month twice, as United Nations Arabic does (« 1 نيسان/أبريل 2026 »,
#: « تشرين الثاني/نوفمبر »): the name of this CLDR locale (the Levant's), a slash, then the language's own.
#: Both names are CLDR's. Charts keep the single name: their axes have no room for two.
DOUBLE_MONTH_NAMES = {"ar": "ar_SY"}

#: The month field of a CLDR date pattern (``MMMM`` or ``MMM``, in a date or standing alone), outside quoted
#: literals.
_MONTH_FIELD = re.compile(r"'[^']*'|(?<![A-Za-z])(?:MMMM|MMM|LLLL|LLL)(?![A-Za-z])")


@cache
def _collator(locale: str) -> Collator:
    """ICU's collator for a CLDR locale (``fr``, ``en_GB``)."""
    return Collator.createInstance(IcuLocale(locale))


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The gettext catalog of ``lang``, or no translation for English.

    Prefers the compiled ``.mo``; when it is missing or older than its
    ``.po`` (a developer just edited a catalog), compiles the ``.po`` in
    memory so that a build never shows stale wording.
    """
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    po, mo = folder / "messages.po", folder / "messages.mo"
    if lang == vocab.DEFAULT_LANGUAGE or not po.exists():
        return gettext.NullTranslations()
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    with po.open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def available_languages() -> tuple[str, ...]:
    """English and every working language that has a catalog, in report order."""
    return tuple(
        lang
        for lang in vocab.LANGUAGES
        if lang == vocab.DEFAULT_LANGUAGE or (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").exists()
    )


@dataclass(frozen=True)
class Formatter:
    """Locale-aware formatting for one language."""

    lang: str

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(CLDR_LOCALES.get(self.lang, self.lang))

    @cached_property
    def _translations(self) -> gettext.NullTranslations:
        return translations(self.lang)

    def gettext(self, message: str, **values: object) -> str:
        text = self._translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The plural form for ``n``; ``%(num)s`` is ``n`` with the locale's group separator."""
        text = self._translations.ngettext(singular, plural, n)
        return text % {"num": self.integer(n), **values}

    def pgettext(self, message: tuple[str, str], **values: object) -> str:
        """Translate a ``(context, message)`` pair marked with :func:`NC_`."""
        text = self._translations.pgettext(*message)
        return text % values if values else text

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr``, from CLDR."""
        return self.locale.text_direction

    def integer(self, value: float) -> str:
        return format_decimal(round(value), format="#,##0", locale=self.locale)

    def number(self, value: float, digits: int = 2) -> str:
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale)

    def decimal(self, value: float) -> str:
        """A number with up to two decimals, trailing zeros dropped (``1``, ``0.4``, ``2.25``)."""
        return format_decimal(value, format="#,##0.##", locale=self.locale)

    def measure(self, value: float) -> str:
        """A centrality or share: three decimals, as analysts read them."""
        return self.number(value, 3)

    def percent(self, value: float, digits: int = 0) -> str:
        """A percentage in the locale's own pattern (``48%``, ``48 %`` in French) with ``digits`` decimals."""
        pattern = self.locale.percent_formats[None].pattern.split(";")[0]
        if digits:
            pattern = re.sub(r"0(?=[^0-9#]*%)", "0." + "0" * digits, pattern, count=1)
        return format_percent(value, format=pattern, locale=self.locale)

    def money(self, value: float) -> str:
        """Euros without cents, with the locale's symbol placement and separators (its name in Arabic)."""
        if self.lang in CURRENCY_BY_NAME:
            return f"{self.integer(value)} {self.locale.currencies['EUR']}"
        pattern = self.locale.currency_formats["standard"].pattern.split(";")[0]
        whole = pattern.replace(".00", "").replace(",00", "")
        return format_currency(round(value), "EUR", format=whole, locale=self.locale, currency_digits=False)

    def compact_money(self, value: float) -> str:
        """Short amounts for tiles and axes (``€33M`` in English, « 33 مليون يورو » in Arabic)."""
        if self.lang in CURRENCY_BY_NAME:
            amount = format_compact_decimal(value, format_type="short", fraction_digits=1, locale=self.locale)
            return f"{amount} {self.locale.currencies['EUR']}"
        return format_compact_currency(value, "EUR", format_type="short", fraction_digits=1, locale=self.locale)

    def date(self, value: date | str, format: str = "long") -> str:
        """A date (or an ISO ``YYYY-MM-DD`` string, as in the analysis data) in the locale's CLDR pattern.

        The day of the month is written as the catalog's ordinal for its CLDR
        ordinal category (French « 1er avril 2026 »; English, Spanish and
        Arabic keep the plain number).
        """
        if isinstance(value, str):
            value = date.fromisoformat(value)
        formats = self.locale.date_formats
        pattern = formats[format].pattern if format in formats else format  # a named format, or a pattern
        day = self._ordinal_day(value.day)
        if day != str(value.day):
            pattern = _DAY_FIELD.sub(lambda m: m.group(0) if m.group(0) != "d" else "'" + day + "'", pattern)
        return self._format_date(value, pattern)

    def _format_date(self, value: Day, pattern: str) -> str:
        """``value`` in the CLDR ``pattern``, its month named twice where the language does
        (:data:`DOUBLE_MONTH_NAMES`)."""
        other = DOUBLE_MONTH_NAMES.get(self.lang)
        if other:
            names = (Locale.parse(other).months["format"]["wide"][value.month],
                     self.locale.months["format"]["wide"][value.month])
            month = "'" + "/".join(dict.fromkeys(names)) + "'"  # one name when both are the same
            pattern = _MONTH_FIELD.sub(lambda m: m.group(0) if m.group(0).startswith("'") else month, pattern)
        return format_date(value, format=pattern, locale=self.locale)

    def _ordinal_day(self, day: int) -> str:
        """The day of the month as the locale writes it in dates: ``1er`` in French, ``1`` elsewhere."""
        if self.locale.ordinal_form(day) != "one":
            return str(day)
        return self.pgettext(ORDINAL_DAY, day=day)

    def month(self, key: str, format: str = "MMMM y") -> str:
        """A ``YYYY-MM`` key as the locale writes a month and year."""
        year, month = (int(part) for part in key.split("-"))
        return self._format_date(date(year, month, 1), format)

    def country(self, code: str, in_sentence: bool = False) -> str:
        """A country's CLDR name; ``in_sentence``, with the article running text gives it ("the Netherlands").

        Tables, facts and legends list bare names ("Countries: Netherlands"); a name inside a sentence or a
        list a sentence runs on into ("The national bureaus of Brazil and the Netherlands") is ``in_sentence``.
        """
        name = self.locale.territories.get(code, code)
        article, codes = ARTICLES_IN_SENTENCE.get(self.lang, ("", frozenset()))
        return article + name if in_sentence and code in codes else name

    def countries(self, codes: Iterable[str], ranked: bool = False, in_sentence: bool = False) -> str:
        """Countries joined as a list: in alphabetical order of their names unless ``ranked`` (by a count);
        ``in_sentence``, each with its article (:meth:`country`), sorted by its name all the same."""
        codes = list(codes)
        if not ranked:
            codes.sort(key=lambda c: _collator(str(self.locale)).getSortKey(self.country(c)))
        return self.join(self.country(c, in_sentence) for c in codes)

    def country_pair(self, codes: Iterable[str]) -> str:
        """Two countries as a pair (« Bosnia y Herzegovina–Serbia »): a list's « y » would be ambiguous."""
        return "–".join(self.collated(self.country(c) for c in codes))

    def ranked_pairs(self, pairs: Iterable[P], count: Callable[[P], int]) -> list[P]:
        """``pairs`` (with ``countries``) most ``count`` first; a tie in the order of the pairs' names as shown
        (« Albania–Belgium » before « Albania–Italy »), not of their country codes."""
        key = _collator(str(self.locale)).getSortKey
        return sorted(pairs, key=lambda p: (-count(p), key(self.country_pair(p.countries[:2]))))

    def collated(self, names: Iterable[str]) -> list[str]:
        """``names`` in the locale's alphabetical order (ICU collation: « Croatie, Équateur, Tunisie »)."""
        return sorted(names, key=_collator(str(self.locale)).getSortKey)

    def typography(self, text: str) -> str:
        """``text`` (prose written by analysts) with the language's spacing of punctuation: French only."""
        if self.lang != "fr":
            return text
        for pattern, spacing in FRENCH_SPACING:
            text = pattern.sub(spacing, text)
        return text

    def term(self, label: str) -> str:
        """A vocabulary label (already translated) as written inside a sentence: lower case in French and Spanish.

        Only for vocabulary (roles, link and evidence types, activity types);
        never for names or countries. An acronym (« OPAL ») is left alone.
        """
        if self.lang not in LOWER_CASE_TERMS or label[1:2].isupper():
            return label
        return label[:1].lower() + label[1:]

    def terms(self, labels: Iterable[str], in_sentence: bool = True) -> str:
        """Vocabulary labels joined as a list; lower case inside a sentence, the first capitalised in a cell."""
        items = [self.term(label) for label in labels]
        if items and not in_sentence:
            items[0] = items[0][:1].upper() + items[0][1:]
        return self.join(items)

    def labelled(self, label: str, value: str) -> str:
        """``label: value`` with the spacing the language puts before a colon (a narrow space in French)."""
        return self.gettext("%(label)s: %(value)s", label=label, value=value)

    def join(self, items: Iterable[str], style: str = "standard") -> str:
        """``A, B and C`` with the locale's CLDR list patterns (``style``: ``standard`` or ``or``).

        Babel's :func:`~babel.lists.format_list` with one addition, as ICU's
        ListFormatter does: Spanish writes « e » for « y » before the sound
        /i/ (« Francia e Italia ») and « u » for « o » before /o/.
        """
        items = list(items)
        if len(items) < 2:
            return items[0] if items else ""
        patterns = self.locale.list_patterns[style]
        if len(items) == 2:
            return self._euphonic(patterns["2"], items[1]).format(*items)
        text = patterns["start"].format(items[0], items[1])
        for item in items[2:-1]:
            text = patterns["middle"].format(text, item)
        return self._euphonic(patterns["end"], items[-1]).format(text, items[-1])

    def _euphonic(self, pattern: str, following: str) -> str:
        """``pattern`` with its conjunction changed for the sound of the word that follows (Spanish y/e, o/u)."""
        if self.locale.language != "es":
            return pattern
        word = _LEADING_MARKUP.sub("", following)
        if _SPANISH_I.match(word):
            return pattern.replace(" y {1}", " e {1}")
        if _SPANISH_O.match(word):
            return pattern.replace(" o {1}", " u {1}")
        return pattern

    @staticmethod
    def language_name(lang: str) -> str:
        """A language's name in its own language (for a language switcher)."""
        name = Locale.parse(lang).get_display_name(lang) or lang
        return name[:1].upper() + name[1:]
