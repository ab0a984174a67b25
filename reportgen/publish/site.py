"""The intranet site: many projects and periods under one folder, published atomically.

Layout::

    SITE/index.html, index.fr.html, …        site index per language
    SITE/assets/                              plotly.js, stylesheet, fonts — once for the site
    SITE/<project>/<period>/…                 as a build writes it, with links to ../../assets

Every link is relative, so the site works from any path prefix, when moved,
and from ``file://``. Publishing writes a whole new site beside the old one
(starting from hard links to it, so other projects and periods stay) and
swaps it in at the end: a publish that fails or is killed leaves the
published site complete and untouched. Publishes into one site take turns
(a lock file beside it), so that none loses another's projects.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

from .build import BuildOptions, BuildResult, build
from .writer import Writer

log = logging.getLogger(__name__)

#: The assets' URL from a report page, ``SITE/<project>/<period>/<lang>/<report>.html``.
SITE_ASSETS_URL = "../../../assets"


def publish_site(project_dirs: list[Path], site: Path, options: BuildOptions,
                 progress: Callable[[str], None] | None = None, *, scheduler: str | None = None,
                 waiting: Callable[[str], None] = log.warning) -> list[BuildResult]:
    """Build every project into the site and swap the new site in.

    One :class:`.writer.Writer` stages and swaps the whole site; each
    project's build writes straight into that staging folder (its own
    writer is not atomic), and the site index is written last, from what is
    on disk. With ``scheduler`` (a Dask scheduler's address) each project and
    language is built on the cluster (:mod:`.cluster`), else here, with the
    local process pool. Publishes into one site take turns (:func:`site_lock`;
    ``waiting`` is told when one waits). The ``REPORTGEN_PAUSE_AT`` stages
    of the writer apply.
    """
    with site_lock(site, waiting), Writer(site) as writer:
        writer.write_assets(with_plotly="html" in options.formats)
        site_options = replace(options, out=writer.folder, assets_url=SITE_ASSETS_URL, write_assets=False,
                               fetch_root=writer.folder, atomic=False)
        if scheduler:
            from .cluster import build_on_cluster

            results = build_on_cluster(project_dirs, site_options, scheduler, progress)
        else:
            results = [build(project_dir, site_options, progress) for project_dir in project_dirs]
        writer.write_site_indexes()
        staging = writer.folder
        writer.commit()
    return [replace(r, folder=site / r.folder.relative_to(staging),
                    outputs=[site / p.relative_to(staging) for p in r.outputs]) for r in results]


@contextmanager
def site_lock(site: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the site's lock (``.SITE.lock`` beside it) for the block; ``waiting`` is told if it must wait.

    Each publish stages a copy of the whole site and swaps it in: two at
    once would each swap in a site without the other's projects. The lock
    (``flock``, released by the system when a process dies) makes them
    take turns, so every publish that says "published" is in the site.
    """
    site.parent.mkdir(parents=True, exist_ok=True)
    with open(site.parent / f".{site.name}.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"waiting for another publish into {site}…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def serve(folder: Path, port: int = 8000, announce: Callable[[str], None] = print) -> None:
    """Serve ``folder`` on 127.0.0.1 until interrupted (a local preview, not a production server)."""
    import http.server

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        announce(f"serving {folder} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
