"""Jinja rendering of the reports: one HTML document per report, language and medium.

Rendering computes nothing: it formats what the analysis found, in the
reader's language, through the catalogs (``{% trans %}``, ``_()``,
``ngettext``) and Babel (the filters below). The same templates serve the
intranet page (``medium="html"``: interactive figures, sticky table of
contents, language switcher) and the PDF (``medium="pdf"``: vector figures,
page furniture); only what differs between the two is conditional.

Autoescaping is on for everything: text from the data is always shown as
text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import jinja2
import plotly.io as pio
from markupsafe import Markup, escape

from .. import __version__
from ..data import vocab
from ..data.meta import Paragraph
from ..i18n import labels
from ..i18n.formatting import Formatter, translations
from ..resources import TEMPLATES_DIR
from .figures import Figure, plotly_locale, strategy_label
from .markup import isolated, markdown
from .model import ReportModel
from .wording import (
    change_text,
    likelihood,
    likelihood_band,
    requirement,
    role,
    sentence_about,
    signed_percent,
    status,
)


@dataclass
class Page:
    """What one rendering needs besides the analysis."""

    report: str
    lang: str
    medium: str  # "html" or "pdf"
    #: Figures of this language by id.
    figures: dict[str, Figure]
    #: For the PDF: figure id → URL of its SVG, relative to the document.
    figure_files: dict[str, str] = field(default_factory=dict)
    #: Languages the build writes, for the switcher.
    languages: tuple[str, ...] = ()
    #: Relative URL of the shared assets folder.
    assets: str = "../assets"
    #: Formats the build writes (links to the PDF twin only if it exists).
    formats: tuple[str, ...] = ("html", "pdf")


def issue_date() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


@cache
def environment(lang: str) -> jinja2.Environment:
    """The Jinja environment of one language: its catalog and its filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    f = Formatter(lang)
    catalog = translations(lang)

    def ngettext(singular: str, plural: str, n: int) -> str:
        # The count in the locale's digits and group separators (« 1 200 entités »), not Python's.
        return catalog.ngettext(singular, plural, n).replace("%(num)s", f.integer(n))

    env.install_gettext_callables(  # type: ignore[attr-defined]
        catalog.gettext, ngettext, newstyle=True, pgettext=catalog.pgettext, npgettext=catalog.npgettext)
    _ = f.gettext
    env.filters.update(
        integer=f.integer,
        number=f.number,
        decimal=f.decimal,
        measure=f.measure,
        percent=f.percent,
        money=f.money,
        compact_money=f.compact_money,
        date=f.date,
        month=f.month,
        country=f.country,
        countries=f.countries,
        country_pair=f.country_pair,
        # The cross-border pairs, most links first, a tie by the pair's name (not its codes).
        ranked_pairs=lambda pairs: f.ranked_pairs(pairs, lambda p: p.links),
        # Items may be markup (isolated names): each is escaped unless it is, and the list is markup.
        join=lambda items, style="standard": Markup(f.join((escape(item) for item in items), style)),
        role=lambda r, sex=None: role(f, r, sex),
        # Lists of vocabulary labels: a cell's first label capitalised, lower case in a sentence.
        roles=lambda rs, in_sentence=False, sex=None: (f.terms((role(f, r, sex) for r in rs), in_sentence) if rs
                                                       else _(labels.NO_ROLE)),
        entity_type=lambda t: _(labels.ENTITY_TYPES[t]),
        status=lambda s, entity_type=None, sex=None: status(f, s, entity_type, sex),
        link_type=lambda t: _(labels.LINK_TYPES[t]),
        link_kinds=lambda ts: f.join(_(labels.LINK_KINDS[t]) for t in ts),
        evidence=lambda ts, in_sentence=False: f.terms((_(labels.EVIDENCE_TYPES[t]) for t in ts), in_sentence),
        activity_type=lambda t: _(labels.ACTIVITY_TYPES[t]),
        activity_types=lambda ts: f.terms((_(labels.ACTIVITY_TYPES[t]) for t in ts), in_sentence=False),
        marking=lambda c: _(labels.CLASSIFICATIONS[c]),
        change=lambda pair: change_text(f, *pair),
        signed_percent=lambda share: signed_percent(f, share),
        likelihood=lambda term: likelihood(f, term),
        likelihood_term=lambda term: _(labels.LIKELIHOODS[term]),
        likelihood_band=lambda term: likelihood_band(f, term),
        confidence=lambda level: _(labels.CONFIDENCE[level]),
        confidence_lower=lambda level: _(labels.CONFIDENCE[level]).lower(),
        requirement=lambda code, n=2: requirement(f, code, n),
        gap_why=lambda kind: _(labels.GAP_WHY[kind]),
        grades=lambda codes: f.join(c for c in codes if c != "ungraded"),
        status_lower=lambda s, entity_type=None, sex=None: status(f, s, entity_type, sex).lower(),
        # An English fallback (``fallback``) keeps English typography and needs no isolation of its Latin words.
        markdown=lambda text, fallback=False: markdown(text, isolate_latin=f.direction == "rtl" and not fallback,
                                                       typography=None if fallback else f.typography),
        isolated=lambda text: isolated(text, f.direction),
    )
    env.globals.update(f=f, labels=labels, vocab=vocab, version=__version__, **_about_callables(f))
    return env


def _about_callables(f: Formatter) -> dict[str, Any]:
    """``gettext_about(entity, message, …)`` and ``ngettext_about(entity, singular, plural, n, …)``.

    Sentences about one entity, in their variant for the entity: a woman, a man, an organisation…
    (:func:`~reportgen.report.wording.sentence_about`); values are escaped as Jinja's own newstyle
    ``_()`` escapes them, and ``%(num)s`` is the count in the locale's digits.
    """
    def gettext_about(entity: Any, message: str, **values: Any) -> Markup:
        return Markup(sentence_about(f, entity, message)) % values

    def ngettext_about(entity: Any, singular: str, plural: str, n: int, **values: Any) -> Markup:
        return Markup(sentence_about(f, entity, singular, plural, n)) % {"num": f.integer(n), **values}

    return {"gettext_about": gettext_about, "ngettext_about": ngettext_about}


def _narrative(f: Formatter, paragraphs: Iterable[Paragraph]) -> list[dict[str, Any]]:
    """Paragraphs in the reader's language; missing translations fall back to English, marked."""
    result = []
    for paragraph in paragraphs:
        text = paragraph.get(f.lang)
        result.append({"text": text or paragraph.en, "fallback": text is None, "lang": f.lang if text else "en"})
    return result


def _figure_html(figure: Figure, lang: str) -> Markup:
    # The width is the export's (SVG for the PDF); on the page the chart takes
    # its container's width and follows it (a phone, a resized window), unless
    # its labels were placed for that width.
    data = figure.figure.to_dict()
    if not figure.fixed_width:
        data["layout"].pop("width", None)
    html = pio.to_html(
        data,
        include_plotlyjs=False,
        full_html=False,
        div_id=f"fig-{figure.id}",
        default_width="100%",
        default_height=f"{figure.size[1]}px",
        config={"displaylogo": False, "responsive": True, "locale": lang,
                "modeBarButtonsToRemove": ["select2d", "lasso2d"]},
        validate=False,
    )
    return Markup(html)


@cache
def _plotly_locale_script(lang: str) -> Markup:
    return Markup(_script_json(plotly_locale(Formatter(lang))))


def render(page: Page, model: ReportModel) -> str:
    """The HTML text of one report in one language for one medium.

    ``model`` is the report's :class:`~reportgen.report.model.ReportModel`,
    built once per build and shared by every language and medium.
    """
    env = environment(page.lang)
    f = Formatter(page.lang)
    _ = f.gettext
    meta = model.project
    context = {
        "page": page,
        "lang": page.lang,
        "dir": f.direction,
        "medium": page.medium,
        "report": model.report,
        "report_title": _(model.title),
        # Catalog wording is trusted markup, as Jinja's own ``_()`` treats it.
        "sections": [(s.id, Markup(_(s.title))) for s in model.sections],
        "titles": {s.id: Markup(_(s.title)) for s in model.sections},
        "project": {
            "code_name": meta.code_name,
            "title": meta.title.get(page.lang) or meta.title.en,
            "title_fallback": meta.title.get(page.lang) is None,
            "organisation": (meta.organisation.get(page.lang) or meta.organisation.en) if meta.organisation else "",
            "period_start": meta.period_start,
            "period_end": meta.period_end,
            "tlp": meta.tlp,
            "grading": meta.grading,
        },
        "marking": model.marking,
        "issued": issue_date(),
        "narratives": {name: _narrative(f, paragraphs) for name, paragraphs in model.narratives.items()},
        "r": model,
        "a": model.analysis,
        "figures": page.figures,
        "figure_html": (lambda fid: _figure_html(page.figures[fid], page.lang)),
        "figure_files": page.figure_files,
        "strategy_label": lambda s: strategy_label(f, s),
        "mode_label": lambda m: _(labels.MODES[m]),
        "grading_legend": labels.GRADINGS[meta.grading],
        "grading_system": _(labels.GRADING_SYSTEMS[meta.grading]),
        "languages": page.languages,
        "language_name": Formatter.language_name,
        "page_counter_css": page_counter_css(f),
        "code_name_css": Markup(css_string(meta.code_name)),
        "marking_css": Markup(css_string(_(labels.CLASSIFICATIONS[model.marking]))),
        "activity_label": lambda key: _(labels.ACTIVITY_TYPES[key]),
        "country_name": f.country,
        "plotly_locale": _plotly_locale_script(page.lang),
        "paragraph": lambda paragraph: _narrative(f, [paragraph])[0],
    }
    return env.get_template(f"{model.report}.html").render(context)


def _script_json(data: Any) -> str:
    """JSON safe to inline in a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def css_string(text: str) -> str:
    """``text`` as a CSS string literal, safe inside a ``<style>`` element.

    Everything but letters, digits, spaces and printable non-ASCII is written
    as a CSS hex escape, so no character can end the string or the element.
    """
    escaped = "".join(
        ch if ch.isalnum() or ch == " " or (ord(ch) > 0x9F and ch.isprintable()) else f"\\{ord(ch):x} "
        for ch in text
    )
    return f'"{escaped}"'


def page_counter_css(f: Formatter) -> Markup:
    """CSS ``content`` for "page X of Y" in the reader's language."""
    text = f.gettext("Page %(page)s of %(pages)s", page="\x00page\x00", pages="\x00pages\x00")
    parts = []
    for index, piece in enumerate(text.split("\x00")):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts))
