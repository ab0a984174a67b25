"""The intranet site: many projects and periods under one folder, published atomically.

Layout::

    SITE/index.html, index.fr.html, …        site index per language
    SITE/assets/                              plotly.js, stylesheet, fonts — once for the site
    SITE/<project>/<period>/…                 as a build writes it, with links to ../../assets

Every link is relative, so the site works from any path prefix, when moved,
and from ``file://``. Publishing writes a whole new site beside the old one
(starting from hard links to it, so other projects and periods stay) and
swaps it in at the end: a publish that fails or is killed leaves the
published site complete and untouched.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable

from ..data import vocab
from .build import META_FILE, BuildOptions, BuildResult, build, publish, stage, write_assets
from ..files import write_atomic
from ..i18n.formatting import Formatter
from ..report.render import environment, issue_date

log = logging.getLogger(__name__)


def publish_site(project_dirs: list[Path], site: Path, options: BuildOptions,
                 progress: Callable[[str], None] | None = None) -> list[BuildResult]:
    """Build every project into the site and swap the new site in."""
    staging = stage(site)
    try:
        write_assets(staging / "assets", with_plotly="html" in options.formats)
        results = []
        for project_dir in project_dirs:
            site_options = replace(options, out=staging, assets_url="../../../assets", write_assets=False,
                                   fetch_root=staging, atomic=False)
            results.append(build(project_dir, site_options, progress))
        write_site_index(staging)
        publish(staging, site)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [replace(r, folder=site / r.folder.relative_to(staging),
                    outputs=[site / p.relative_to(staging) for p in r.outputs]) for r in results]


def site_index_name(lang: str) -> str:
    return "index.html" if lang == vocab.DEFAULT_LANGUAGE else f"index.{lang}.html"


def write_site_index(site: Path) -> list[Path]:
    """One index page per language, listing every project and period on disk."""
    periods = []
    for meta_file in sorted(site.glob(f"*/*/data/{META_FILE}")):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        folder = meta_file.parent.parent
        periods.append({**meta, "path": f"{folder.parent.name}/{folder.name}"})
    periods.sort(key=lambda p: (p["code_name"], p["start"], p["path"]))
    for p in periods:
        if not p.get("markings"):  # written before meta.json recorded markings: assume the highest
            log.warning("%s: no marking recorded; republish it (counted as %s)", p["path"], vocab.CLASSIFICATIONS[-1])
        p["marking"] = max(p.get("markings", {}).values() or [vocab.CLASSIFICATIONS[-1]], key=vocab.classification_rank)
    marking = max((p["marking"] for p in periods), key=vocab.classification_rank, default=vocab.CLASSIFICATIONS[0])
    written = []
    for lang in vocab.LANGUAGES:
        fmt = Formatter(lang)
        env = environment(lang)
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
        html = env.get_template("site.html").render(
            lang=lang, dir=fmt.direction, rows=rows, languages=vocab.LANGUAGES,
            index_name=site_index_name, language_name=Formatter.language_name, marking=marking, issued=issue_date(),
        )
        path = site / site_index_name(lang)
        write_atomic(path, html.encode("utf-8"))
        written.append(path)
    return written


def serve(folder: Path, port: int = 8000, announce: Callable[[str], None] = print) -> None:
    """Serve ``folder`` on 127.0.0.1 until interrupted (a local preview, not a production server)."""
    import http.server

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        announce(f"serving {folder} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
