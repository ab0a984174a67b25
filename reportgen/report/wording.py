"""Small pieces of wording shared by the templates and the charts: changes, likelihoods.

They localise numbers the analysis chose (a change, a yardstick term); the
rule that decides how a change is written is the assessment's
(:func:`reportgen.analysis.assess.activity.trend`).
"""

from __future__ import annotations

from ..analysis.assess.activity import trend
from ..analysis.results import EntityMetrics
from ..data import vocab
from ..i18n import labels
from ..i18n.formatting import Formatter, translations


def change_text(f: Formatter, now: float, before: float) -> str:
    """Change against the previous period, by the assessment's rule (:func:`~reportgen.analysis.assess.activity.trend`).

    A signed percentage when both counts are large enough to make one
    meaningful; otherwise the two counts ("2 → 7"); "new" from zero.
    """
    if before == 0:
        return f.gettext("new") if now else "—"
    if now == before:
        return f.gettext("no change")
    rule = trend(int(now), int(before), caveat=False)
    if rule["express_as"] != "percent":
        return f.gettext("%(before)s → %(now)s", before=f.integer(before), now=f.integer(now))
    return signed_percent(f, rule["change"])


def signed_percent(f: Formatter, change: float) -> str:
    """A change as a signed percentage (minus sign, not hyphen).

    In right-to-left text the sign would drift to the far side of the number:
    the whole is isolated as left-to-right (Unicode LRI … PDI), which both
    browsers and WeasyPrint honour.
    """
    text = ("+" if change > 0 else "−" if change < 0 else "±") + f.percent(abs(change))
    return f"\u2066{text}\u2069" if f.direction == "rtl" else text


def likelihood(f: Formatter, term: str) -> str:
    """A yardstick term with its band of probability: "Likely (55–75%)"."""
    return f"{f.gettext(labels.LIKELIHOODS[term])} ({likelihood_band(f, term)})"


def likelihood_band(f: Formatter, term: str) -> str:
    """The band of probability of a yardstick term: "55–75%"."""
    low, high = vocab.LIKELIHOOD_BANDS[term]
    return f.gettext("%(low)s–%(high)s", low=f.integer(low), high=f.percent(high / 100))


def status(f: Formatter, code: str, entity_type: str | None = None, sex: str | None = None) -> str:
    """A status word agreeing with the entity where the language needs it (« Entreprise … Active »,
    « Pilar Navarro … Arrêtée »).

    A person agrees with their recorded sex, else takes the generic (masculine) form; other
    entities agree with their type. Without a type (a legend, a count of statuses) the generic form is used.
    """
    if entity_type == "person":
        feminine = sex == "female"
    else:
        feminine = entity_type in labels.ENTITY_GENDERS and f.pgettext(labels.ENTITY_GENDERS[entity_type]) == "feminine"
    return f.pgettext(labels.STATUSES_FEMININE[code]) if feminine else f.gettext(labels.STATUSES[code])


def role(f: Formatter, code: str, sex: str | None = None) -> str:
    """A role's name, in the feminine where the language marks it and the person is recorded as a woman."""
    return f.pgettext(labels.ROLES_FEMININE[code]) if sex == "female" else f.gettext(labels.ROLES[code])


def about_context(entity: EntityMetrics | None) -> str | None:
    """The catalog context of a sentence about ``entity``: :data:`.labels.ABOUT_A_WOMAN` for a person recorded
    as a woman, :data:`.labels.ABOUT_A_NON_PERSON` for an entity that is not a person; none (the generic wording,
    « يُعدّ Marko Popović … لكنه », « il se classe ») for a man, a person whose sex is not recorded, or no entity.
    """
    if entity is None:
        return None
    if entity.type != "person":
        return labels.ABOUT_A_NON_PERSON
    return labels.ABOUT_A_WOMAN if entity.sex == "female" else None


def sentence_about(f: Formatter, entity: EntityMetrics | None, message: str, plural: str | None = None,
                   n: int | None = None) -> str:
    """The catalog's wording of a sentence about ``entity`` (placeholders left in), in its variant for the entity
    (:func:`about_context`: « تُعدّ Anouk de Boer … لكنها », « يُعدّ Marko Popović … لكنه », « يُعدّ الكيان … »);
    with ``plural``, the form for ``n``.

    Code calls :func:`gettext_about` and :func:`ngettext_about`, templates their twins of the same names
    without ``f``; extraction (:data:`reportgen.i18n.catalogs.ABOUT_FUNCTIONS`) puts every variant in the
    catalogs.
    """
    catalog = translations(f.lang)
    context = about_context(entity)
    if plural is None:
        return catalog.pgettext(context, message) if context else catalog.gettext(message)
    assert n is not None
    return catalog.npgettext(context, message, plural, n) if context else catalog.ngettext(message, plural, n)


def gettext_about(f: Formatter, entity: EntityMetrics | None, message: str, **values: object) -> str:
    """A sentence about ``entity``, in its variant for the entity (:func:`sentence_about`)."""
    return sentence_about(f, entity, message) % values


def ngettext_about(f: Formatter, entity: EntityMetrics | None, singular: str, plural: str, n: int,
                   **values: object) -> str:
    """A counted sentence about ``entity`` (``%(num)s`` is ``n``), in its variant for the entity."""
    return sentence_about(f, entity, singular, plural, n) % {"num": f.integer(n), **values}


def counted(f: Formatter, noun: str, n: int) -> str:
    """``n`` with its noun in the plural form the language needs for it (“1 link”, « 3 liens », « صلتان »).

    For sentences that count several things, each count in its own plural
    message; a sentence with one count is a plural message of its own.
    """
    forms = {
        "entity": lambda: f.ngettext("%(num)s entity", "%(num)s entities", n),
        "link": lambda: f.ngettext("%(num)s link", "%(num)s links", n),
        "community": lambda: f.ngettext("%(num)s community", "%(num)s communities", n),
        "member": lambda: f.ngettext("%(num)s member", "%(num)s members", n),
        "direct contact": lambda: f.ngettext("%(num)s direct contact", "%(num)s direct contacts", n),
    }
    return forms[noun]()


def requirement(f: Formatter, code: str, count: int) -> str:
    """What collection would close a gap of ``count`` records, in the number the sentence needs."""
    message = labels.REQUIREMENTS[code]
    if isinstance(message, tuple):
        return f.ngettext(*message, count)
    return f.gettext(message)
