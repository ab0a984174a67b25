"""The writer: the only thing that puts a build's or a site's files on disk.

A :class:`Writer` owns one output folder (a period folder of a build, or a
whole site). Used as a context manager it opens a hidden staging folder
beside the published one, starting from hard links to the published files,
so that outputs the build does not redo (other languages, say) carry over
and the published files are never touched. Every file is written
atomically into the staging folder (:func:`reportgen.files.write_atomic`);
:meth:`Writer.commit` swaps the staging folder in place of the published
one in one step (Linux ``renameat2(RENAME_EXCHANGE)``). A build that fails,
is interrupted or is killed leaves the published folder exactly as it was;
staging folders left by a killed process are removed by the next writer of
that folder.

Besides plain files, the writer knows the outputs every build shares: the
assets (stylesheet, fonts, plotly.js), the annexes in full as CSV
(``data/entities.csv``, ``data/links.csv``, ``data/activities.csv``, and ``data/changes.csv`` when the
period is compared with the previous one, with no cell a spreadsheet would
run as a formula), ``data/meta.json``, and the index pages (rendered by
:mod:`.indexes`).

Test hook: when the environment variable ``REPORTGEN_PAUSE_AT`` names a
stage of :data:`PAUSE_STAGES`, the process stops there, writes
``reportgen: paused at <stage> (pid N)`` to stderr and waits for a signal
(at most :data:`PAUSE_LIMIT` seconds, then carries on), so that a test can
kill or interrupt it at exactly that point. The stages, in order:

``analysed``
    the analysis is done and the staging folder exists (hard links only);
    nothing is rendered yet. Reached once per project, in a build and in
    each project of a publish.
``written``
    every output, the keys and (for a site) the site index are in the
    staging folder; nothing is swapped in yet.
``swapped``
    the new folder is published; the old one, now under the staging name,
    is not removed yet.
"""

from __future__ import annotations

import csv
import ctypes
import io
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from ..analysis.results import listed_community
from ..data.formats.cells import neutralise
from ..data.load import Project
from ..files import process_running, write_atomic
from ..report import datafiles
from ..report.annex import CHANGES_FILE
from ..resources import TEMPLATES_DIR
from .indexes import META_FILE, period_facts, render_period_index, render_site_indexes

log = logging.getLogger(__name__)

#: Marks the hidden folder a writer fills before it is swapped in (``.<name>.staging-<pid>-<random>``).
STAGING = ".staging-"

#: Environment variable naming the stage at which a build or publish pauses (tests only; see the module).
PAUSE_ENV = "REPORTGEN_PAUSE_AT"

#: The stages ``REPORTGEN_PAUSE_AT`` may name, in the order a build reaches them.
PAUSE_STAGES = ("analysed", "written", "swapped")

#: Seconds a paused process waits for its signal; a forgotten variable must not hang a machine for ever.
PAUSE_LIMIT = 600.0

#: Fonts copied into the assets so that the HTML works offline (Debian's fonts-noto-core).
FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
)

#: Where Debian installs them (the folder moved between releases).
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/noto"))

#: Columns of ``data/entities.csv``: keys of the analysis' entity records (identifiers, not labels);
#: the columns of the three files, and their dictionary in the reports, are :mod:`reportgen.report.datafiles`'.
ENTITY_COLUMNS = datafiles.ENTITIES.header

#: Columns of ``data/changes.csv``: every community merge and split, largest first (reports list a few).
CHANGE_COLUMNS = datafiles.CHANGES.header

#: Columns of ``data/links.csv``.
LINK_COLUMNS = datafiles.LINKS.header

#: Columns of ``data/activities.csv``.
ACTIVITY_COLUMNS = datafiles.ACTIVITIES.header


def pause_at(stage: str) -> None:
    """Stop here if ``REPORTGEN_PAUSE_AT`` names ``stage`` (the test hook described in the module).

    Writes the signal line straight to file descriptor 2, not through
    logging, so that it reaches the test whatever the logging set-up.
    """
    assert stage in PAUSE_STAGES, stage
    if os.environ.get(PAUSE_ENV) != stage:
        return
    os.write(2, f"reportgen: paused at {stage} (pid {os.getpid()})\n".encode())
    time.sleep(PAUSE_LIMIT)  # a signal ends it: SIGKILL kills, SIGINT raises KeyboardInterrupt here


class Writer:
    """Writes every file of one output folder, through a staging folder swapped in at the end.

    ``final`` is the published folder. With ``atomic=False`` the writer
    writes into ``final`` directly: for a build inside a site whose own
    writer stages and swaps the whole site. Use it as a context manager:
    entering opens the staging folder, :meth:`commit` publishes it, and
    leaving without a commit (an exception, an interrupt) discards it.
    Picklable, so that the per-language jobs of a process pool write through
    it too.
    """

    def __init__(self, final: Path, *, atomic: bool = True) -> None:
        self.final = final
        self.atomic = atomic
        self._staging: Path | None = None

    @property
    def folder(self) -> Path:
        """Where files go now: the staging folder while open, else the published folder."""
        return self._staging or self.final

    def __enter__(self) -> Self:
        if self.atomic:
            self._staging = self._stage()
        else:
            self.final.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._staging is not None:  # not committed: the published folder stays as it was
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def remove_leftovers(self) -> None:
        """Remove the staging folders of ``final`` left by writers that were killed.

        A folder whose process is still running is in use and stays.
        """
        if not self.atomic:
            return
        for stale in self.final.parent.glob(f".{self.final.name}{STAGING}*"):
            pid = stale.name.rsplit("-", 2)[-2]
            if not (pid.isdigit() and process_running(int(pid))):
                shutil.rmtree(stale, ignore_errors=True)

    def _stage(self) -> Path:
        """A new hidden folder beside ``final``, holding hard links to its current files."""
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.remove_leftovers()
        staging = self.final.parent / f".{self.final.name}{STAGING}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        if self.final.is_dir():
            shutil.copytree(self.final, staging, copy_function=os.link, symlinks=True)
        else:
            staging.mkdir()
        return staging

    def commit(self) -> None:
        """Swap the finished staging folder in place of ``final``, atomically, and drop the old one.

        Does nothing for a writer that is not atomic.
        """
        staging = self._staging
        if staging is None:
            return
        pause_at("written")
        if self.final.exists():
            _exchange(staging, self.final)
            pause_at("swapped")
            shutil.rmtree(staging, ignore_errors=True)  # now the old outputs
        else:
            os.rename(staging, self.final)
            pause_at("swapped")
        self._staging = None

    def write(self, name: str | Path, data: bytes) -> Path:
        """Write ``data`` to ``name`` (relative to the folder) atomically; return the path written."""
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
        return path

    def mkdir(self, name: str | Path) -> Path:
        """Make the folder ``name`` (relative to the folder) and its parents, if they are not there."""
        path = self.folder / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def remove(self, name: str | Path) -> None:
        """Remove ``name`` (relative to the folder) if it is there; the published copy stays until the swap."""
        (self.folder / name).unlink(missing_ok=True)

    @contextmanager
    def scratch(self, prefix: str = ".figures-") -> Iterator[Path]:
        """A temporary folder inside the folder (for files PDF rendering reads), removed on the way out."""
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=self.folder))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def write_assets(self, with_plotly: bool) -> list[Path]:
        """``assets/``: stylesheet, icon, fonts and (for HTML) plotly.js.

        Fonts and plotly.js of the same size as the published ones are kept
        (they are hard links to them) rather than copied again.
        """
        written = [self.write(f"assets/{name}", (TEMPLATES_DIR / "assets" / name).read_bytes())
                   for name in ("report.css", "favicon.svg", "tables.js", "charts.js")]
        self.mkdir("assets/fonts")
        for name in FONT_FILES:
            source = next((d / name for d in FONT_DIRS if (d / name).exists()), None)
            if source is None:
                log.warning("font %s not found; install Debian's fonts-noto-core", name)
                continue
            written.append(self._copy_if_changed(source, f"assets/fonts/{name}"))
        if with_plotly:
            from ..report.svg import local_plotlyjs

            written.append(self._copy_if_changed(local_plotlyjs(), "assets/plotly.min.js"))
        return written

    def _copy_if_changed(self, source: Path, name: str) -> Path:
        """Copy ``source`` to ``name`` unless a file of the same size is there (large files that rarely change)."""
        target = self.folder / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            self.write(name, source.read_bytes())
        return target

    def write_annexes(self, project: Project, analysis: dict[str, Any], markings: dict[str, str]) -> list[Path]:
        """``data/``: the annexes in full as CSV (identifiers, not translated labels) and ``meta.json``."""
        names = {e.id: e.name for e in project.entities}
        entity_rows = [[e[c] for c in ENTITY_COLUMNS]
                       for e in ({**e, "community": listed_community(e["degree"], e["community"])}
                                 for e in analysis["entities"])]
        link_rows = [
            [link.ref, link.source, names[link.source], link.target, names[link.target], link.type, link.weight,
             link.grading or "", link.evidence, link.first_seen or "", link.last_seen or ""]
            for link in sorted(project.links, key=lambda k: (k.source, k.target, k.type))
        ]
        facts = json.dumps(period_facts(project, markings), ensure_ascii=False, sort_keys=True).encode()
        written = [
            self.write("data/entities.csv", _csv(ENTITY_COLUMNS, entity_rows)),
            self.write("data/links.csv", _csv(LINK_COLUMNS, link_rows)),
            self.write("data/activities.csv", _csv(ACTIVITY_COLUMNS, _activity_rows(project))),
            self.write(f"data/{META_FILE}", facts),
        ]
        if analysis.get("changes"):
            written.append(self.write(f"data/{CHANGES_FILE}", _csv(CHANGE_COLUMNS, _change_rows(analysis["changes"]))))
        else:  # an earlier build's file would describe another comparison
            self.remove(f"data/{CHANGES_FILE}")
        return written

    def write_index(self, assets_url: str) -> Path:
        """``index.html``: the period's reports, languages and formats present in the folder (after the annexes)."""
        return self.write("index.html", render_period_index(self.folder, assets_url).encode("utf-8"))

    def write_site_indexes(self) -> list[Path]:
        """The site index in every language, listing every project and period in the folder."""
        return [self.write(name, html.encode("utf-8")) for name, html in render_site_indexes(self.folder).items()]


def _activity_rows(project: Project) -> list[list[Any]]:
    """Rows of ``activities.csv``: the edition's activities (the clearance already applied), oldest first."""
    return [[a.id, a.date, a.type, a.countries, a.entities, a.value_eur, a.grading or ""]
            for a in sorted(project.activities, key=lambda a: (a.date, a.id))]


def _change_rows(changes: dict[str, Any]) -> list[list[Any]]:
    """Rows of ``changes.csv`` from the analysis' changes: merges then splits, each largest first."""
    communities = changes["communities"]
    return ([["merged", [m["community"]], m["from"], m["members"]] for m in communities["merged"]]
            + [["split", s["into"], [s["previous_community"]], s["members"]] for s in communities["split"]])


def _csv(columns: tuple[str, ...], rows: list[list[Any]]) -> bytes:
    """A CSV file (UTF-8, ``\\n`` line ends) of ``columns`` and ``rows``, every cell formula-neutral."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    """A CSV cell that no spreadsheet will evaluate as a formula (lists joined with ``;``)."""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    return neutralise("" if value is None else str(value))


def _exchange(a: Path, b: Path) -> None:
    """Atomically exchange two paths (Linux ``renameat2(RENAME_EXCHANGE)``), else rename twice."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
            return
    # Fallback: a brief moment without ``b``, never a mix of old and new files.
    aside = b.with_name(b.name + ".old-" + uuid.uuid4().hex[:8])
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)
