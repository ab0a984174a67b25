"""The index pages: a period folder's ``index.html`` and the site index per language.

Rendering only, from one place: these functions return HTML (and the facts
behind it); :class:`.writer.Writer` puts them on disk. A period's facts
(code name, titles, dates) are stored in its ``data/meta.json`` so that the
site index lists every published period without reloading the projects.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from ..data import vocab
from ..data.load import Project
from ..i18n.formatting import Formatter
from ..report.model import REPORT_TITLES, REPORTS
from ..report.render import environment, issue_date

log = logging.getLogger(__name__)

#: The output formats, in the order an index lists them.
FORMATS = ("html", "pdf")

#: Facts about a built period (code name, titles, dates) in its ``data/`` folder, read back by the site index.
META_FILE = "meta.json"


def period_facts(project: Project, markings: dict[str, str]) -> dict[str, Any]:
    """What ``data/meta.json`` holds: what a site index needs to list this period.

    ``markings`` is the classification of each report type; the index pages
    carry the highest of the reports they list.
    """
    meta = project.meta
    return {
        "code_name": meta.code_name,
        "title": {lang: meta.title.get(lang) or meta.title.en for lang in vocab.LANGUAGES},
        "start": meta.period.start.isoformat(),
        "end": meta.period.end.isoformat(),
        "markings": markings,
        "tlp": meta.tlp,
        "issued": issue_date().isoformat(),
    }


def render_period_index(folder: Path, assets_url: str) -> str:
    """The index page of a period folder: every report, language and format present in ``folder``.

    The period's facts come from its ``data/meta.json``. Outputs of earlier
    builds that this one did not redo (another language, say) are still
    there and still listed. ``assets_url`` is the assets' URL relative to a
    report page (one level deeper than the index).
    """
    facts = json.loads((folder / "data" / META_FILE).read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = []
    for lang in vocab.LANGUAGES:
        reports = [r for r in REPORTS if any((folder / lang / f"{r}.{f}").exists() for f in FORMATS)]
        if not reports:
            continue
        fmt = Formatter(lang)
        labels = {"html": fmt.gettext("Web page"), "pdf": fmt.gettext("PDF")}
        entries.append({
            "lang": lang,
            "dir": fmt.direction,
            "name": Formatter.language_name(lang),
            "title": facts["title"][lang],
            "reports": [
                (report, fmt.gettext(REPORT_TITLES[report]),
                 [(f, labels[f]) for f in FORMATS if (folder / lang / f"{report}.{f}").exists()])
                for report in reports
            ],
            "period": fmt.gettext("%(start)s to %(end)s", start=fmt.date(facts["start"]), end=fmt.date(facts["end"])),
        })
    env = environment(vocab.DEFAULT_LANGUAGE)
    assets = assets_url.removeprefix("../")
    markings = facts["markings"]
    listed = {report for entry in entries for report, _, _ in entry["reports"]} or set(markings)
    return env.get_template("index.html").render(
        code_name=facts["code_name"], entries=entries, assets=assets, tlp=facts["tlp"], issued=issue_date(),
        marking=max((markings[r] for r in listed), key=vocab.classification_rank))


def site_index_name(lang: str) -> str:
    """The file name of the site index in ``lang`` (``index.html`` for the default language)."""
    return "index.html" if lang == vocab.DEFAULT_LANGUAGE else f"index.{lang}.html"


def render_site_indexes(site: Path) -> dict[str, str]:
    """The site index in every language, by file name, listing every project and period under ``site``."""
    periods = _published_periods(site)
    for p in periods:
        if not p.get("markings"):  # written before meta.json recorded markings: assume the highest
            log.warning("%s: no marking recorded; republish it (counted as %s)", p["path"], vocab.CLASSIFICATIONS[-1])
        p["marking"] = max(p.get("markings", {}).values() or [vocab.CLASSIFICATIONS[-1]], key=vocab.classification_rank)
    marking = max((p["marking"] for p in periods), key=vocab.classification_rank, default=vocab.CLASSIFICATIONS[0])
    pages = {}
    for lang in vocab.LANGUAGES:
        fmt = Formatter(lang)
        rows = [
            {
                "code_name": p["code_name"],
                "title": p["title"].get(lang) or p["title"]["en"],
                "period": fmt.gettext("%(start)s to %(end)s", start=fmt.date(p["start"]), end=fmt.date(p["end"])),
                "href": f"{p['path']}/index.html",
                "marking": p["marking"],
                "issued": fmt.date(p["issued"]) if p.get("issued") else "—",
            }
            for p in periods
        ]
        pages[site_index_name(lang)] = environment(lang).get_template("site.html").render(
            lang=lang, dir=fmt.direction, rows=rows, languages=vocab.LANGUAGES,
            index_name=site_index_name, language_name=Formatter.language_name, marking=marking, issued=issue_date(),
        )
    return pages


def _published_periods(site: Path) -> list[dict[str, Any]]:
    """The facts of every period folder under ``site`` (``<project>/<period>/data/meta.json``), sorted."""
    periods = []
    for meta_file in sorted(site.glob(f"*/*/data/{META_FILE}")):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        folder = meta_file.parent.parent
        periods.append({**meta, "path": f"{folder.parent.name}/{folder.name}"})
    periods.sort(key=lambda p: (p["code_name"], p["start"], p["path"]))
    return periods
