"""The per-language job and how the jobs run: in this process or in a process pool.

Languages are independent once the analysis is done: each job makes the
figures, HTML and PDF of every report in one language (or, when there are
fewer languages than cores, of one report in one language: see
:func:`units`) and writes them through the build's :class:`.writer.Writer`.
With more than one job and more than one core the jobs run in a pool of
forked processes.

PDF figures are exported to SVG by a headless browser, started on first use
and kept for the life of the process (one browser per process): in a pool
worker it is stopped when the worker exits, in this process when the
languages are done.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.util
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.results import Analysis
from ..i18n.formatting import Formatter
from ..report.figures import build_figures
from ..report.model import ChartChoices, ReportModel
from ..report.render import Page, render
from .writer import Writer

if TYPE_CHECKING:
    from ..report.svg import SvgExporter
    from .build import BuildOptions

#: What a job returns: the paths it wrote and the seconds it spent per stage.
JobResult = tuple[list[Path], dict[str, float]]
#: What one job builds: a language and the reports it builds in that language.
Unit = tuple[str, tuple[str, ...]]


class Clock:
    """Adds the time spent in ``with clock(name):`` blocks to ``timings[name]``."""

    def __init__(self, timings: dict[str, float] | None = None) -> None:
        self.timings: dict[str, float] = {} if timings is None else timings
        self.started = time.perf_counter()

    def elapsed(self) -> float:
        """Seconds since the clock was made."""
        return time.perf_counter() - self.started

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start

    def add(self, more: dict[str, float]) -> None:
        """Add another clock's timings (a pool worker's) to these."""
        for key, value in more.items():
            self.timings[key] = self.timings.get(key, 0.0) + value


@dataclass
class LanguageJob:
    """Figures, HTML and PDF of every report in one language (picklable, for the pool)."""

    writer: Writer
    #: Temporary folder inside the writer's folder for the PDF's figure files.
    scratch: Path
    #: The model of each report to build, shared by every language.
    models: dict[str, ReportModel]
    analysis: Analysis
    #: Seeded node positions of the diagrams (:func:`reportgen.report.figures.layouts`).
    positions: dict[str, Any]
    choices: ChartChoices
    #: Languages of the build, for the language switcher.
    languages: tuple[str, ...]
    options: BuildOptions

    def __call__(self, unit: Unit) -> JobResult:
        lang, reports = unit
        clock = Clock()
        with clock(f"figures:{lang}"):
            figures = build_figures(Formatter(lang), self.analysis, self.positions, self.choices)
        self.writer.mkdir(lang)  # PDF rendering resolves its relative URLs from there
        # Units of one language never share a subfolder: they may run at the same time.
        sub = lang if reports == tuple(self.options.reports) else f"{lang}/{'-'.join(reports)}"
        files = {fid: f"../{self.scratch.name}/{sub}/{fid}.svg" for fid in figures}
        written: list[Path] = []
        prints: list[tuple[int, str, str]] = []  # (place in ``written``, report, print HTML)
        for report in reports:
            page = Page(report, lang, "html", figures, languages=self.languages, formats=self.options.formats,
                        assets=self.options.assets_url)
            if "html" in self.options.formats:
                with clock(f"html:{lang}"):
                    html = render(page, self.models[report]).encode("utf-8")
                    written.append(self.writer.write(f"{lang}/{report}.html", html))
            if "pdf" in self.options.formats:
                page.medium, page.figure_files = "pdf", files
                with clock(f"html:{lang}"):
                    prints.append((len(written), report, render(page, self.models[report])))
                written.append(Path())  # the PDF's place in the order
        # Only the charts the print pages show: a unit of one report needs about half of them.
        used = [figure for fid, figure in figures.items() if any(files[fid] in text for _, _, text in prints)]
        if used:
            with clock("browser"):
                exporter = _exporter()
            with clock(f"svg:{lang}"):
                exporter.export(used, self.scratch / sub)
        for index, report, text in prints:
            written[index] = self._pdf(text, report, lang, clock)
        return written, clock.timings

    def _pdf(self, html: str, report: str, lang: str, clock: Clock) -> Path:
        """Lay the print page ``html`` out with WeasyPrint and write ``<lang>/<report>.pdf``."""
        from ..report.pdf import write_pdf

        # A fixed /ID per project, report and language: the same input gives the same bytes.
        identifier = hashlib.md5(f"{self.models[report].project.code_name}/{report}/{lang}".encode()).hexdigest()
        folder = self.writer.folder
        with clock(f"pdf:{lang}"):
            pdf = write_pdf(html, folder / lang, self.options.fetch_root or folder, identifier=identifier.encode(),
                            variant=self.options.pdf_variant)
        return self.writer.write(f"{lang}/{report}.pdf", pdf)


def units(languages: tuple[str, ...], reports: tuple[str, ...], cores: int) -> list[Unit]:
    """The jobs of a build: one per language, or one per (language, report) when there are fewer languages than cores.

    One language rebuilt after an edit thus lays its two reports out on two
    cores at once instead of one after the other on one.
    """
    if len(languages) >= cores or len(reports) < 2:
        return [(lang, tuple(reports)) for lang in languages]
    return [(lang, (report,)) for lang in languages for report in reports]


def run_languages(job: LanguageJob, languages: tuple[str, ...], workers: int | None,
                  done: Callable[[JobResult], None]) -> None:
    """Run ``job`` for every language, in order; ``done`` is called with each language's result.

    ``workers`` caps the processes (None: one per core); with one job, one
    core or inside a daemonic process (a Dask worker) the jobs run in this process. Every chart-export browser
    started here is stopped before this returns.
    """
    cores = workers or os.cpu_count() or 1
    if multiprocessing.current_process().daemon:
        cores = 1  # a daemonic process (a Dask worker, a pool worker) may not start processes of its own
    todo = units(languages, job.options.reports, cores)
    count = min(cores, len(todo))
    if count > 1:
        # Fork: the workers inherit the loaded project and analysis instead of unpickling them.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(count, mp_context=context, initializer=_worker_init) as pool:
            for result in pool.map(job, todo):
                done(result)
        return
    try:
        for unit in todo:
            done(job(unit))
    finally:
        _stop_exporter()


#: The chart exporter of this process, started on first use (one browser per process).
_EXPORTER: SvgExporter | None = None


def _exporter() -> SvgExporter:
    """This process's chart exporter, started if need be."""
    global _EXPORTER
    if _EXPORTER is None:
        from ..report.svg import SvgExporter

        _EXPORTER = SvgExporter().__enter__()
    return _EXPORTER


def _stop_exporter() -> None:
    """Stop this process's chart exporter, if one was started."""
    global _EXPORTER
    if _EXPORTER is not None:
        exporter, _EXPORTER = _EXPORTER, None
        exporter.__exit__(None, None, None)


def _worker_init() -> None:
    """In a pool worker: stop its browser when the worker exits."""
    multiprocessing.util.Finalize(None, _stop_exporter, exitpriority=10)
