"""The per-language job and how the jobs run: in this process or in a process pool.

Languages are independent once the analysis is done: each job makes the
figures, HTML and PDF of every report in one language and writes them
through the build's :class:`.writer.Writer`. With more than one language
and more than one core the jobs run in a pool of forked processes.

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

    def __call__(self, lang: str) -> JobResult:
        clock = Clock()
        with clock(f"figures:{lang}"):
            figures = build_figures(Formatter(lang), self.analysis, self.positions, self.choices)
        self.writer.mkdir(lang)  # PDF rendering resolves its relative URLs from there
        files: dict[str, str] = {}
        if "pdf" in self.options.formats:
            with clock("browser"):
                exporter = _exporter()
            with clock(f"svg:{lang}"):
                svgs = exporter.export(list(figures.values()), self.scratch / lang)
            files = {fid: f"../{self.scratch.name}/{lang}/{path.name}" for fid, path in svgs.items()}
        written = []
        for report in self.options.reports:
            page = Page(report, lang, "html", figures, languages=self.languages, formats=self.options.formats,
                        assets=self.options.assets_url)
            if "html" in self.options.formats:
                with clock(f"html:{lang}"):
                    html = render(page, self.models[report]).encode("utf-8")
                    written.append(self.writer.write(f"{lang}/{report}.html", html))
            if "pdf" in self.options.formats:
                page.medium, page.figure_files = "pdf", files
                written.append(self._pdf(page, report, lang, clock))
        return written, clock.timings

    def _pdf(self, page: Page, report: str, lang: str, clock: Clock) -> Path:
        """Render ``page`` for print, lay it out with WeasyPrint and write ``<lang>/<report>.pdf``."""
        from ..report.pdf import write_pdf

        with clock(f"html:{lang}"):
            html = render(page, self.models[report])
        # A fixed /ID per project, report and language: the same input gives the same bytes.
        identifier = hashlib.md5(f"{self.models[report].project.code_name}/{report}/{lang}".encode()).hexdigest()
        folder = self.writer.folder
        with clock(f"pdf:{lang}"):
            pdf = write_pdf(html, folder / lang, self.options.fetch_root or folder, identifier=identifier.encode(),
                            variant=self.options.pdf_variant)
        return self.writer.write(f"{lang}/{report}.pdf", pdf)


def run_languages(job: LanguageJob, languages: tuple[str, ...], workers: int | None,
                  done: Callable[[JobResult], None]) -> None:
    """Run ``job`` for every language, in order; ``done`` is called with each language's result.

    ``workers`` caps the processes (None: one per core); with one language
    or one core the jobs run in this process. Every chart-export browser
    started here is stopped before this returns.
    """
    count = min(workers or os.cpu_count() or 1, len(languages))
    if count > 1:
        # Fork: the workers inherit the loaded project and analysis instead of unpickling them.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(count, mp_context=context, initializer=_worker_init) as pool:
            for result in pool.map(job, languages):
                done(result)
        return
    try:
        for lang in languages:
            done(job(lang))
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
