"""Small pieces of wording shared by the templates and the charts: changes, likelihoods.

They localise numbers the analysis chose (a change, a yardstick term); the
rule that decides how a change is written is the assessment's
(:func:`reportgen.analysis.assess.activity.trend`).
"""

from __future__ import annotations

from ..analysis.assess.activity import trend
from ..data import vocab
from ..i18n import labels
from ..i18n.formatting import Formatter


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


def status(f: Formatter, code: str, entity_type: str | None = None) -> str:
    """A status word agreeing with the entity type where the language needs it (« Entreprise … Active »).

    Without a type (a legend, a count of statuses) the generic form is used.
    """
    if entity_type in labels.ENTITY_GENDERS and f.pgettext(labels.ENTITY_GENDERS[entity_type]) == "feminine":
        return f.pgettext(labels.STATUSES_FEMININE[code])
    return f.gettext(labels.STATUSES[code])


def requirement(f: Formatter, code: str, count: int) -> str:
    """What collection would close a gap of ``count`` records, in the number the sentence needs."""
    message = labels.REQUIREMENTS[code]
    if isinstance(message, tuple):
        return f.ngettext(*message, count)
    return f.gettext(message)
