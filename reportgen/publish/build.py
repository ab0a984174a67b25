"""One build: load, analyse once, then figures, HTML and PDF per language.

Output layout (see DESIGN.md)::

    OUT/<project>/<period>/index.html
    OUT/<project>/<period>/assets/          plotly.min.js, report.css, fonts/
    OUT/<project>/<period>/data/            entities.csv, links.csv (the annexes in full)
    OUT/<project>/<period>/<lang>/{analysis,strategy}.{html,pdf}

Reports built for a named audience go to ``<period>-for-<country>-<clearance>``.

Nothing is ever half-written: a build writes into a hidden staging folder
beside the published one (starting from hard links to the published files)
and swaps it in at the end, atomically; a build that fails, is interrupted
or is killed leaves the published folder exactly as it was. Figures for the
PDF are exported to a temporary folder inside the staging folder.
"""

from __future__ import annotations

import csv
import ctypes
import hashlib
import io
import json
import logging
import multiprocessing
import multiprocessing.util
import os
import re
import shutil
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..data import vocab
from ..analysis import Settings
from ..errors import UsageError
from ..report.figures import build_figures, layouts
from ..files import write_atomic
from ..i18n.formatting import Formatter, available_languages
from ..data.load import Project, load_project
from ..data.model import Period
from ..analysis.period import analyse_period
from ..data.periods import period_slug, select
from ..data.release import Audience, restrict
from ..report.model import REPORT_TITLES, REPORTS, ChartChoices, ReportModel, chart_choices, marking, report_model
from ..report.render import Page, environment, issue_date, render
from ..resources import LOCALES_DIR, TEMPLATES_DIR

log = logging.getLogger(__name__)

FORMATS = ("html", "pdf")

#: Fonts copied into the assets so that the HTML works offline (Debian's fonts-noto-core).
FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
)
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/noto"))


@dataclass
class BuildOptions:
    reports: tuple[str, ...] = REPORTS
    #: Who the reports are for; what they may not see is removed before analysis.
    audience: Audience = field(default_factory=Audience)
    languages: tuple[str, ...] | None = None  # None: every available language
    formats: tuple[str, ...] = FORMATS
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
    available = available_languages()
    languages = options.languages or available
    for lang in languages:
        if lang not in vocab.LANGUAGES:
            raise UsageError(f"unknown language {lang!r} (choose from {', '.join(vocab.LANGUAGES)})")
        if lang not in available:
            raise UsageError(f"no catalog for language {lang!r} yet (available: {', '.join(available)})")
    return tuple(languages)


def build(project_dir: Path, options: BuildOptions, progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build the reports of one project; ``progress`` is called after each output."""
    languages = check_options(options)
    step = progress or (lambda message: None)
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    with clock("load"):
        project, _removed = restrict(load_project(project_dir), options.audience)
        period = options.period or project.meta.period
    final = _period_folder(options, project, period)
    keys = {lang: build_key(project_dir, options, lang) for lang in languages}
    stale = tuple(lang for lang in languages if options.force or _read_key(final, lang) != keys[lang])
    if not stale:
        outputs = sorted(p for p in final.rglob("*") if p.is_file() and not p.name.startswith("."))
        step("unchanged")
        timings["total"] = clock.elapsed()
        log.info("%s: nothing changed since the last build", final)
        return BuildResult(final, outputs, timings, unchanged=True)
    with clock("analyse"):
        analysis = analyse_period(project, period, options.settings)
        data = analysis.to_dict()
        project = select(project, period)
    with clock("layout"):
        positions = layouts(analysis)
    step("analysis")

    folder = stage(final) if options.atomic else final
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for lang in stale:
            (folder / f"{KEY_FILE}.{lang}").unlink(missing_ok=True)
        outputs = _write_outputs(folder, project, analysis, data, positions, stale, options, clock, step,
                                 switcher=languages)
        for lang in stale:
            write_atomic(folder / f"{KEY_FILE}.{lang}", keys[lang].encode())
        if options.atomic:
            publish(folder, final)
    except BaseException:
        if options.atomic:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    outputs = [final / path.relative_to(folder) for path in outputs]
    timings["total"] = clock.elapsed()
    return BuildResult(final, outputs, timings)


def _one_language(data: bytes, lang: str) -> bytes:
    """``project.yaml`` reduced to what a report in ``lang`` shows (other languages' text removed)."""
    import yaml

    try:
        document = yaml.safe_load(data)
    except yaml.YAMLError:
        return data

    def keep(node):
        if isinstance(node, dict):
            return {k: keep(v) for k, v in node.items()
                    if not (k in vocab.LANGUAGES and k not in (lang, vocab.DEFAULT_LANGUAGE))}
        if isinstance(node, list):
            return [keep(v) for v in node]
        return node

    return json.dumps(keep(document), sort_keys=True, default=str, ensure_ascii=False).encode()


#: Files in a period folder holding the key of the build that wrote each language.
KEY_FILE = ".build-key"


def _period_folder(options: BuildOptions, project: Project, period: Period) -> Path:
    name = period_slug(period.start, period.end)
    if options.audience.restricted:
        name += "-for-" + options.audience.slug()
    return options.out / slug(project.meta.code_name) / name


def _read_key(folder: Path, lang: str) -> str | None:
    try:
        return (folder / f"{KEY_FILE}.{lang}").read_text()
    except OSError:
        return None


def build_key(project_dir: Path, options: BuildOptions, lang: str) -> str:
    """A hash of everything one language's outputs depend on.

    The project's CSV files, its ``project.yaml`` without the other
    languages' wording (English stays: it is the fallback), the templates
    and stylesheet, the language's catalog, the options, reportgen's and its
    main libraries' versions, and the date of issue (``SOURCE_DATE_EPOCH`` or
    today). When it equals the key stored with the published outputs, that
    language has nothing to rebuild; editing a French narrative rebuilds
    only the French reports.
    """
    from importlib.metadata import version

    from .. import __version__
    from ..report.render import issue_date

    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}:{len(data)}:".encode())
        digest.update(data)

    for path in sorted(Path(project_dir).iterdir()):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "project.yaml":
                data = _one_language(data, lang)
            add(f"project/{path.name}", data)
    for path in sorted(TEMPLATES_DIR.rglob("*")):
        if path.is_file():
            add(f"templates/{path.relative_to(TEMPLATES_DIR)}", path.read_bytes())
    catalog = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if catalog.exists():
        add(f"locales/{lang}", catalog.read_bytes())
    versions = [__version__, *(version(name) for name in ("weasyprint", "plotly", "babel", "networkx", "jinja2"))]
    settings = {
        "reports": options.reports, "language": lang, "formats": options.formats,
        "period": str(options.period), "audience": str(options.audience), "settings": str(options.settings),
        "assets": options.assets_url, "versions": versions, "issued": issue_date().isoformat(),
    }
    add("options", json.dumps(settings, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _write_outputs(folder, project, analysis, data, positions, languages, options, clock, step,
                   switcher: tuple[str, ...] | None = None) -> list[Path]:
    """Every output of the build, written into ``folder``.

    Languages are independent once the analysis is done: with more than one
    language and more than one core they are built in a process pool (each
    worker with its own chart-export browser), otherwise in this process.
    """
    with clock("assets"):
        outputs = write_assets(folder / "assets", with_plotly="html" in options.formats) if options.write_assets else []
        outputs += write_tables(folder / "data", project, data)
        markings = {report: marking(report, analysis) for report in REPORTS}
        outputs.append(write_meta(folder / "data", project, markings))
    _warn_missing_translations(project, languages)

    scratch = Path(tempfile.mkdtemp(prefix=".figures-", dir=folder))
    egos = [f"ego-{index}" for index in range(1, len(positions["egos"]) + 1)]
    models = {report: report_model(report, project, analysis, egos) for report in options.reports}
    job = _LanguageJob(folder, scratch, models, analysis, positions, chart_choices(analysis),
                       switcher or languages, options)
    workers = min(options.workers or os.cpu_count() or 1, len(languages))
    try:
        if workers > 1:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init) as pool:
                for paths, timings in pool.map(job, languages):
                    _merge(clock.timings, timings, outputs, paths, step, folder)
        else:
            try:
                for lang in languages:
                    paths, timings = job(lang)
                    _merge(clock.timings, timings, outputs, paths, step, folder)
            finally:
                _stop_exporter()
        index = folder / "index.html"
        write_atomic(index, render_index(folder, project, options, markings).encode("utf-8"))
        outputs.append(index)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return outputs


def _merge(timings: dict, more: dict, outputs: list, paths: list, step, folder: Path) -> None:
    for key, value in more.items():
        timings[key] = timings.get(key, 0.0) + value
    for path in paths:
        outputs.append(path)
        step(str(path.relative_to(folder)))


#: The chart exporter of this process, started on first use (one browser per process).
_EXPORTER = None


def _exporter():
    global _EXPORTER
    if _EXPORTER is None:
        from ..report.svg import SvgExporter

        _EXPORTER = SvgExporter().__enter__()
    return _EXPORTER


def _stop_exporter() -> None:
    global _EXPORTER
    if _EXPORTER is not None:
        exporter, _EXPORTER = _EXPORTER, None
        exporter.__exit__(None, None, None)


def _worker_init() -> None:
    """In a pool worker: stop its browser when the worker exits."""
    multiprocessing.util.Finalize(None, _stop_exporter, exitpriority=10)


@dataclass
class _LanguageJob:
    """Figures, HTML and PDF of every report in one language (picklable, for the pool)."""

    folder: Path
    scratch: Path
    #: The model of each report to build, shared by every language.
    models: dict[str, ReportModel]
    analysis: Any
    positions: dict[str, Any]
    choices: ChartChoices
    languages: tuple[str, ...]
    options: BuildOptions

    def __call__(self, lang: str) -> tuple[list[Path], dict[str, float]]:
        timings: dict[str, float] = {}
        clock = _Clock(timings)
        folder, options = self.folder, self.options
        project = self.models[options.reports[0]].project
        fmt = Formatter(lang)
        with clock(f"figures:{lang}"):
            figures = build_figures(fmt, self.analysis, self.positions, self.choices)
        target = folder / lang
        target.mkdir(exist_ok=True)
        files: dict[str, str] = {}
        if "pdf" in options.formats:
            with clock("browser"):
                exporter = _exporter()
            with clock(f"svg:{lang}"):
                svgs = exporter.export(list(figures.values()), self.scratch / lang)
            files = {fid: f"../{self.scratch.name}/{lang}/{path.name}" for fid, path in svgs.items()}
        written = []
        for report in options.reports:
            page = Page(report, lang, "html", figures, languages=self.languages, formats=options.formats,
                        assets=options.assets_url)
            if "html" in options.formats:
                path = target / f"{report}.html"
                with clock(f"html:{lang}"):
                    write_atomic(path, render(page, self.models[report]).encode("utf-8"))
                written.append(path)
            if "pdf" in options.formats:
                from ..report.pdf import write_pdf

                page.medium, page.figure_files = "pdf", files
                with clock(f"html:{lang}"):
                    html = render(page, self.models[report])
                identifier = hashlib.md5(f"{project.code_name}/{report}/{lang}".encode()).hexdigest()
                with clock(f"pdf:{lang}"):
                    pdf = write_pdf(html, target, options.fetch_root or folder, identifier=identifier.encode())
                path = target / f"{report}.pdf"
                write_atomic(path, pdf)
                written.append(path)
        return written, timings


class _Clock:
    """Adds the time spent in ``with clock(name):`` blocks to ``timings[name]``."""

    def __init__(self, timings: dict[str, float]):
        self.timings = timings
        self.started = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @contextmanager
    def __call__(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


#: Marks the hidden folder a build writes into before it is swapped in.
STAGING = ".staging-"


def stage(final: Path) -> Path:
    """A new hidden folder beside ``final``, holding hard links to its current files.

    The build writes its outputs there (each new file replaces a link, so the
    published files are never touched); :func:`publish` then swaps it in.
    Outputs the build does not rewrite (other languages, say) carry over.
    Staging folders left by a killed build are removed first.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    for stale in final.parent.glob(f".{final.name}{STAGING}*"):
        pid = stale.name.rsplit("-", 2)[-2]
        if not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)
    staging = final.parent / f".{final.name}{STAGING}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    if final.is_dir():
        shutil.copytree(final, staging, copy_function=os.link, symlinks=True)
    else:
        staging.mkdir()
    return staging


def publish(staging: Path, final: Path) -> None:
    """Swap the finished ``staging`` folder in place of ``final``, atomically, and drop the old one."""
    if final.exists():
        _exchange(staging, final)
        shutil.rmtree(staging, ignore_errors=True)  # now the old outputs
    else:
        os.rename(staging, final)


def _running(pid: int) -> bool:
    """Whether another process with this id is alive (its staging folder is in use)."""
    if pid == os.getpid():
        return False  # left by an earlier, failed build of this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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


def count_steps(options: BuildOptions) -> int:
    """How many times ``build`` calls its progress callback."""
    languages = options.languages or available_languages()
    return 1 + len(languages) * len(options.reports) * len(options.formats)


def write_assets(folder: Path, with_plotly: bool) -> list[Path]:
    """Stylesheet, fonts and (for HTML) plotly.js, once per build."""
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("report.css", "favicon.svg", "tables.js"):
        path = folder / name
        write_atomic(path, (TEMPLATES_DIR / "assets" / name).read_bytes())
        written.append(path)
    for name in FONT_FILES:
        source = next((d / name for d in FONT_DIRS if (d / name).exists()), None)
        if source is None:
            log.warning("font %s not found; install Debian's fonts-noto-core", name)
            continue
        target = folder / "fonts" / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            write_atomic(target, source.read_bytes())
        written.append(target)
    if with_plotly:
        from ..report.svg import local_plotlyjs

        target = folder / "plotly.min.js"
        source = local_plotlyjs()
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            write_atomic(target, source.read_bytes())
        written.append(target)
    return written


#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell that no spreadsheet will evaluate as a formula."""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_tables(folder: Path, project: Project, data: dict[str, Any]) -> list[Path]:
    """The annexes in full, as CSV files (identifiers, not translated labels)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {e.id: e.name for e in project.entities}
    entity_columns = ["id", "name", "type", "roles", "countries", "status", "degree", "weighted_degree",
                      "degree_centrality", "betweenness", "closeness", "eigenvector", "community",
                      "articulation_point", "key_player_score", "activity_count"]
    link_columns = ["source", "source_name", "target", "target_name", "type", "weight", "grading", "evidence",
                    "first_seen", "last_seen"]
    entity_rows = [[_cell(e[c]) for c in entity_columns] for e in data["entities"]]
    link_rows = [
        [_cell(v) for v in (link.source, names[link.source], link.target, names[link.target], link.type,
                            link.weight, link.grading or "", link.evidence, link.first_seen or "",
                            link.last_seen or "")]
        for link in sorted(project.links, key=lambda k: (k.source, k.target, k.type))
    ]
    written = []
    for name, columns, rows in (("entities.csv", entity_columns, entity_rows), ("links.csv", link_columns, link_rows)):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        path = folder / name
        write_atomic(path, buffer.getvalue().encode("utf-8"))
        written.append(path)
    return written


#: Facts about a built period (code name, titles, dates), read back by the site index.
META_FILE = "meta.json"


def write_meta(folder: Path, project: Project, markings: dict[str, str]) -> Path:
    """``data/meta.json``: what a site index needs to list this period, without reloading the project.

    ``markings`` is the classification of each report type; the index pages
    carry the highest of the reports they list.
    """
    meta = project.meta
    facts = {
        "code_name": meta.code_name,
        "title": {lang: meta.title.get(lang) or meta.title.en for lang in vocab.LANGUAGES},
        "start": meta.period.start.isoformat(),
        "end": meta.period.end.isoformat(),
        "markings": markings,
        "tlp": meta.tlp,
        "issued": issue_date().isoformat(),
    }
    path = folder / META_FILE
    write_atomic(path, json.dumps(facts, ensure_ascii=False, sort_keys=True).encode())
    return path


def render_index(folder: Path, project: Project, options: BuildOptions, markings: dict[str, str]) -> str:
    """The index page: every report, language and format present in ``folder``.

    Outputs of earlier builds that this one did not redo (another language,
    say) are still there and still listed. The page carries the highest of
    their ``markings`` (classification by report type).
    """
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
            "title": project.meta.title.get(lang) or project.meta.title.en,
            "reports": [
                (report, fmt.gettext(REPORT_TITLES[report]),
                 [(f, labels[f]) for f in FORMATS if (folder / lang / f"{report}.{f}").exists()])
                for report in reports
            ],
            "period": fmt.gettext("%(start)s to %(end)s", start=fmt.date(project.meta.period.start),
                                  end=fmt.date(project.meta.period.end)),
        })
    env = environment(vocab.DEFAULT_LANGUAGE)
    assets = options.assets_url.removeprefix("../")
    listed = {report for entry in entries for report, _, _ in entry["reports"]} or set(markings)
    return env.get_template("index.html").render(
        code_name=project.meta.code_name, entries=entries, assets=assets, tlp=project.meta.tlp, issued=issue_date(),
        marking=max((markings[r] for r in listed), key=vocab.classification_rank))


def _warn_missing_translations(project: Project, languages: tuple[str, ...]) -> None:
    meta = project.meta
    for lang in languages:
        if lang == vocab.DEFAULT_LANGUAGE:
            continue
        missing = [] if meta.title.get(lang) else ["title"]
        for section in ("summary", "key_judgements", "recommendations", "intelligence_gaps"):
            for index, paragraph in enumerate(getattr(meta.narratives, section), start=1):
                if paragraph.get(lang) is None:
                    missing.append(f"{section}.{index}")
        if missing:
            log.warning("%s: no %s translation of %s; English is shown, marked", project.root, lang, ", ".join(missing))
