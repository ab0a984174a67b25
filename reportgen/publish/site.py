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

import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from .build import BuildOptions, BuildResult, build
from .writer import Writer

log = logging.getLogger(__name__)

#: The assets' URL from a report page, ``SITE/<project>/<period>/<lang>/<report>.html``.
SITE_ASSETS_URL = "../../../assets"


def publish_site(project_dirs: list[Path], site: Path, options: BuildOptions,
                 progress: Callable[[str], None] | None = None) -> list[BuildResult]:
    """Build every project into the site and swap the new site in.

    One :class:`.writer.Writer` stages and swaps the whole site; each
    project's build writes straight into that staging folder (its own
    writer is not atomic), and the site index is written last, from what is
    on disk. The ``REPORTGEN_PAUSE_AT`` stages of the writer apply.
    """
    with Writer(site) as writer:
        writer.write_assets(with_plotly="html" in options.formats)
        site_options = replace(options, out=writer.folder, assets_url=SITE_ASSETS_URL, write_assets=False,
                               fetch_root=writer.folder, atomic=False)
        results = [build(project_dir, site_options, progress) for project_dir in project_dirs]
        writer.write_site_indexes()
        staging = writer.folder
        writer.commit()
    return [replace(r, folder=site / r.folder.relative_to(staging),
                    outputs=[site / p.relative_to(staging) for p in r.outputs]) for r in results]


def serve(folder: Path, port: int = 8000, announce: Callable[[str], None] = print) -> None:
    """Serve ``folder`` on 127.0.0.1 until interrupted (a local preview, not a production server)."""
    import http.server

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        announce(f"serving {folder} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
