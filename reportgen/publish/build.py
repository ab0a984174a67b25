"""One build: load, analyse once, then figures, HTML and PDF per language.

Output layout (see DESIGN.md)::

    OUT/<project>/<period>/index.html
    OUT/<project>/<period>/assets/          plotly.min.js, report.css, fonts/
    OUT/<project>/<period>/data/            entities.csv, links.csv, activities.csv, changes.csv (the annexes
                                            in full), meta.json
    OUT/<project>/<period>/<lang>/{analysis,strategy}.{html,pdf}

Reports built for a named audience go to ``<period>-for-<country>-<clearance>``.

This module only orchestrates. Everything reaches the disk through one
:class:`.writer.Writer`, which stages the period folder and swaps it in at
the end: a build that fails, is interrupted or is killed leaves the
published folder exactly as it was (the writer's docstring describes the
``REPORTGEN_PAUSE_AT`` test hook that pauses a build at a named stage).
Languages whose rebuild key (:mod:`.keys`) is unchanged are not rebuilt;
the others run in :mod:`.pool`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import Settings
from ..analysis.edition import Edition, prepare_edition
from ..data import vocab
from ..data.load import Project, load_project
from ..data.meta import NARRATIVE_SECTIONS, Period
from ..data.periods import period_slug
from ..data.release import Audience
from ..errors import UsageError
from ..files import private_tempdir
from ..i18n.formatting import available_languages
from ..report.figures import layouts
from ..report.model import REPORTS, ChartChoices, chart_choices, ego_figure_ids, marking, report_model
from ..report.pdf import DEFAULT_PDF_VARIANT, PDF_VARIANTS
from .indexes import FORMATS
from .keys import build_key, key_name, read_key
from .pool import Clock, JobResult, LanguageJob, run_languages
from .writer import Writer, pause_at

__all__ = ["FORMATS", "BuildOptions", "BuildResult", "Plan", "build", "check_options", "count_steps", "period_slug",
           "plan", "slug"]

log = logging.getLogger(__name__)

#: Narrative sections of ``project.yaml`` checked for missing translations.


@dataclass
class BuildOptions:
    reports: tuple[str, ...] = REPORTS
    #: Who the reports are for; what they may not see is removed before analysis.
    audience: Audience = field(default_factory=Audience)
    languages: tuple[str, ...] | None = None  # None: every available language
    formats: tuple[str, ...] = FORMATS
    #: PDF variant (a key of :data:`reportgen.report.pdf.PDF_VARIANTS`): PDF/UA-1, or PDF/A-3a for the
    #: archive; None writes untagged PDFs (only the benchmark does, to measure what tagging costs).
    pdf_variant: str | None = DEFAULT_PDF_VARIANT
    out: Path = Path("out")
    settings: Settings = field(default_factory=Settings)
    #: Processes building languages in parallel (None: one per core).
    workers: int | None = None
    #: Reporting period (None: the project's).
    period: Period | None = None
    #: Where the shared assets are, relative to a report page, and whether
    #: this build writes them (a published site writes them once at its top).
    assets_url: str = "../assets"
    write_assets: bool = True
    #: Folder PDF rendering may read from (None: the period folder).
    fetch_root: Path | None = None
    #: Swap the period folder in atomically (off when a whole site is swapped).
    atomic: bool = True
    #: Rebuild even when nothing the outputs depend on changed.
    force: bool = False
    #: Build only these of the languages (None: all); the others stay as they are but are still
    #: in the language switcher. A cluster task builds one language this way.
    only: tuple[str, ...] | None = None


@dataclass
class BuildResult:
    folder: Path
    outputs: list[Path]
    #: Seconds spent per stage (``load``, ``analyse``, ``layout``, ``assets``,
    #: ``figures:<lang>``, ``svg:<lang>``, ``html:<lang>``, ``pdf:<lang>`` — the
    #: latter being WeasyPrint's own layout and writing — and ``total``).
    timings: dict[str, float] = field(default_factory=dict)
    #: Nothing had changed: the published outputs were kept as they were.
    unchanged: bool = False


def slug(text: str) -> str:
    """A file-name-safe, lower-case form of a code name."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned or "project"


def check_options(options: BuildOptions) -> tuple[str, ...]:
    """Validate the options; return the languages to build."""
    for report in options.reports:
        if report not in REPORTS:
            raise UsageError(f"unknown report {report!r} (choose from {', '.join(REPORTS)})")
    for fmt in options.formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if options.pdf_variant is not None and options.pdf_variant not in PDF_VARIANTS:
        raise UsageError(f"unknown PDF variant {options.pdf_variant!r} (choose from {', '.join(PDF_VARIANTS)})")
    available = available_languages()
    languages = options.languages or available
    for lang in languages:
        if lang not in vocab.LANGUAGES:
            raise UsageError(f"unknown language {lang!r} (choose from {', '.join(vocab.LANGUAGES)})")
        if lang not in available:
            raise UsageError(f"no catalog for language {lang!r} yet (available: {', '.join(available)})")
    return tuple(languages)


def count_steps(options: BuildOptions) -> int:
    """How many times ``build`` calls its progress callback."""
    languages = options.languages or available_languages()
    return 1 + len(languages) * len(options.reports) * len(options.formats)


@dataclass
class Plan:
    """What a build will do: the loaded project, its period and writer, and the languages to rebuild."""

    project: Project
    period: Period
    writer: Writer
    #: The rebuild key of every language of the build.
    keys: dict[str, str]
    #: The languages of the build (all of them are in the language switcher) and those to rebuild.
    languages: tuple[str, ...]
    stale: tuple[str, ...]


def plan(project_dir: Path, options: BuildOptions) -> Plan:
    """Load the project and find the languages whose outputs must be rebuilt (all with ``options.force``).

    Only the languages of ``options.only`` are considered when it is set.
    Staging folders left by killed builds of the period folder are removed.
    """
    languages = check_options(options)
    full = load_project(project_dir)
    period = options.period or full.meta.period
    writer = Writer(_period_folder(options, full, period), atomic=options.atomic)
    writer.remove_leftovers()  # also when nothing changed: a build killed after its swap left the old folder
    wanted = tuple(lang for lang in languages if options.only is None or lang in options.only)
    keys = {lang: build_key(project_dir, options, lang) for lang in wanted}
    stale = tuple(lang for lang in wanted if options.force or read_key(writer.final, lang) != keys[lang])
    return Plan(full, period, writer, keys, languages, stale)


def build(project_dir: Path, options: BuildOptions, progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build the reports of one project; ``progress`` is called after each output.

    Loads and analyses once, for every language; then writes the outputs of
    the languages whose key changed (all of them with ``options.force``)
    into a staging folder and swaps it in. When no language changed, the
    published folder is kept as it is and the result says ``unchanged``.
    Everything the libraries put in the temporary folder goes to a private
    one inside it, removed at the end (or by the next build if this one is
    killed).
    """
    step = progress or _ignore
    clock = Clock()
    with clock("load"):
        todo = plan(project_dir, options)
    writer = todo.writer
    if not todo.stale:
        outputs = sorted(p for p in writer.final.rglob("*") if p.is_file() and not p.name.startswith("."))
        step("unchanged")
        clock.timings["total"] = clock.elapsed()
        log.info("%s: nothing changed since the last build", writer.final)
        return BuildResult(writer.final, outputs, clock.timings, unchanged=True)
    with private_tempdir():
        with clock("analyse"):
            edition = prepare_edition(todo.project, options.audience, todo.period, options.settings)
        for warning in edition.assessment.warnings:
            log.warning("%s: key judgement %s: %s %s", project_dir, warning.judgement, warning.code, warning.values)
        with clock("layout"):
            choices = chart_choices(edition.analysis, edition.assessment)
            positions = layouts(edition.analysis, choices)
        step("analysis")
        with writer:
            pause_at("analysed")
            for lang in todo.stale:  # a key is written only once its language's outputs are
                writer.remove(key_name(lang))
            outputs = _write_outputs(writer, edition, positions, choices, todo.stale, todo.languages, options, clock,
                                     step)
            for lang in todo.stale:
                writer.write(key_name(lang), todo.keys[lang].encode())
            folder = writer.folder
            writer.commit()
    clock.timings["total"] = clock.elapsed()
    return BuildResult(writer.final, [writer.final / path.relative_to(folder) for path in outputs], clock.timings)


def _ignore(step: str) -> None:
    """The progress callback when the caller gives none."""


def _period_folder(options: BuildOptions, project: Project, period: Period) -> Path:
    """``OUT/<project>/<period>``, with ``-for-<audience>`` for a restricted audience."""
    name = period_slug(period.start, period.end)
    if options.audience.restricted:
        name += "-for-" + options.audience.slug()
    return options.out / slug(project.meta.code_name) / name


def _write_outputs(writer: Writer, edition: Edition, positions: dict[str, Any], choices: ChartChoices,
                   languages: tuple[str, ...],
                   switcher: tuple[str, ...], options: BuildOptions, clock: Clock,
                   step: Callable[[str], None]) -> list[Path]:
    """Every output of the build in ``languages``, written through ``writer``; the paths written.

    ``switcher`` lists the languages of the build (the language switcher
    links to all of them, rebuilt or not). The index page comes last: it
    lists what is in the folder.
    """
    project, analysis = edition.project, edition.analysis
    with clock("assets"):
        outputs = writer.write_assets(with_plotly="html" in options.formats) if options.write_assets else []
        markings = {report: marking(report, analysis, project.meta.narratives) for report in REPORTS}
        outputs += writer.write_annexes(project, analysis.to_dict(), markings)
    _warn_missing_translations(project, languages)

    def done(result: JobResult) -> None:
        paths, timings = result
        clock.add(timings)
        for path in paths:
            outputs.append(path)
            step(str(path.relative_to(writer.folder)))

    with writer.scratch() as scratch:
        egos = ego_figure_ids(positions)
        models = {report: report_model(report, project, analysis, edition.assessment, egos, choices,
                                       edition.audience)
                  for report in options.reports}
        job = LanguageJob(writer, scratch, models, analysis, positions, choices, switcher, options)
        run_languages(job, languages, options.workers, done)
        outputs.append(writer.write_index(options.assets_url))
    return outputs


def _warn_missing_translations(project: Project, languages: tuple[str, ...]) -> None:
    """Log which title and narrative paragraphs have no translation in each language (English is shown)."""
    meta = project.meta
    for lang in languages:
        if lang == vocab.DEFAULT_LANGUAGE:
            continue
        missing = [] if meta.title.get(lang) else ["title"]
        for section in NARRATIVE_SECTIONS:
            for index, paragraph in enumerate(getattr(meta.narratives, section), start=1):
                if paragraph.get(lang) is None:
                    missing.append(f"{section}.{index}")
        if missing:
            log.warning("%s: no %s translation of %s; English is shown, marked", project.root, lang, ", ".join(missing))
