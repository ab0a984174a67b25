"""The commands: each parses its options, calls the library and reports in a line or a table.

Shared options are in :mod:`.options`, terminal tables in :mod:`.text`.
Each command imports the library stages it needs when it runs, so that
``--help`` and the small commands do not pay for loading plotly or
WeasyPrint.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import DataError, ReportgenError
from .options import audience_options, csv_choice, output_options, project_argument
from .text import summary_text, table

log = logging.getLogger("reportgen")

#: Exit status for bad data or a failed build (click uses 2 for bad usage).
EXIT_FAILURE = 1

#: What ``--report`` accepts (the render stage is too heavy to import for its list).
REPORT_CHOICES = ("analysis", "strategy")


class _Group(click.Group):
    """Runs commands with reportgen's error handling."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReportgenError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _report(error)
            ctx.exit(EXIT_FAILURE)


def _report(error: ReportgenError) -> None:
    """Print a library error as ``category: message``, after each located problem of a data error."""
    if isinstance(error, DataError):
        for problem in error.problems:
            click.echo(str(problem), err=True)
    click.echo(f"{error.category}: {error}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of short error messages.")
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or details (-vv) to standard error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, verbose: int) -> None:
    """Turn an investigative project's intelligence into strategy and analysis reports.

    \b
    Example:
      reportgen validate data/example
      reportgen analyze data/example
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command()
@project_argument
def validate(project_dir: Path) -> None:
    """Check a project's files and report every problem found.

    Each problem is printed as FILE:ROW:COLUMN: MESSAGE (the CSV header is
    row 1). Exits with status 1 if there is any problem.

    \b
    Example:
      reportgen validate data/example
    """
    from ..data.load import load_project

    project = load_project(project_dir)
    click.echo(
        f"{project_dir}: valid — {len(project.entities)} entities, {len(project.links)} links, "
        f"{len(project.activities)} activities"
    )


@cli.command()
@project_argument
@click.option("--json", "as_json", is_flag=True, help="Print the whole analysis as one JSON document.")
@click.option("--seed", type=int, default=42, show_default=True,
              help="Seed of community detection, sampling and random removals.")
@click.option("--max-removals", type=click.IntRange(0, 1000), default=20, show_default=True,
              help="Entities removed at most in each disruption scenario.")
@audience_options
def analyze(project_dir: Path, as_json: bool, seed: int, max_removals: int, period: str | None, audience: str | None,
            clearance: str | None) -> None:
    """Analyse a project's network and activities.

    Prints summary tables, or with --json the full analysis: network summary,
    per-entity measures, communities, disruption curves, activities. The same
    input and options always give byte-identical JSON.

    \b
    Example:
      reportgen analyze data/example
      reportgen analyze data/example --json > analysis.json
    """
    from ..analysis import Settings
    from ..analysis.edition import prepare_edition
    from ..data.load import load_project
    from ..data.periods import parse_period
    from ..data.release import Audience

    started = time.perf_counter()
    chosen = parse_period(period) if period else None
    edition = prepare_edition(load_project(project_dir), Audience(audience, clearance), chosen,
                              Settings(seed=seed, max_removals=max_removals))
    log.info("analysis took %.2f s", time.perf_counter() - started)
    data = edition.analysis.to_dict()
    data["assessment"] = edition.assessment.to_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(summary_text(data))


@cli.command()
@project_argument
@click.option("--report", "reports", default="analysis,strategy", show_default=True,
              callback=csv_choice(REPORT_CHOICES), help="Report types, comma-separated.")
@output_options
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Output folder.")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the analysis and the layouts.")
@click.option("--force", is_flag=True, help="Rebuild even if nothing the outputs depend on changed.")
@audience_options
def build(project_dir: Path, reports: tuple[str, ...], languages: tuple[str, ...] | None, formats: tuple[str, ...],
          pdf_variant: str, out: Path, seed: int, force: bool, period: str | None, audience: str | None,
          clearance: str | None) -> None:
    """Build the analysis and strategy reports as HTML and PDF.

    Writes OUT/<project>/<period>/<lang>/{analysis,strategy}.{html,pdf}, the
    shared assets and an index page. The analysis runs once for all
    languages and reports. With --audience or --clearance, whatever that
    audience may not see is removed before the analysis, and the reports go
    to OUT/<project>/<period>-for-<audience>-<clearance>/.

    \b
    Example:
      reportgen build data/example
      reportgen build data/example --report strategy --lang en --format pdf --out /tmp/out
      reportgen build data/example --audience FR --clearance restricted
      reportgen build data/example --period 2026-Q3
      reportgen build data/example --pdf-variant a --out archive
    """
    from ..analysis import Settings
    from ..data.periods import parse_period
    from ..data.release import Audience
    from ..publish.build import BuildOptions, count_steps
    from ..publish.build import build as run_build

    options = BuildOptions(reports=reports, languages=languages, formats=formats, pdf_variant=pdf_variant, out=out,
                           settings=Settings(seed=seed), audience=Audience(audience, clearance),
                           period=parse_period(period) if period else None, force=force)
    started = time.perf_counter()
    with _progress(count_steps(options)) as progress:
        result = run_build(project_dir, options, progress=progress)
    if result.unchanged:
        click.echo(f"nothing changed: {result.folder} is up to date ({len(result.outputs)} files; --force rebuilds)")
    else:
        click.echo(f"wrote {len(result.outputs)} files to {result.folder} in {time.perf_counter() - started:.1f} s")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A build's progress callback: a bar on a terminal, else one ``[i/total] step`` line per step.

    Both go to standard error, so that standard output only carries the result.
    """
    if sys.stderr.isatty():
        with click.progressbar(length=total, label="building", file=sys.stderr) as bar:
            yield lambda step: bar.update(1)
        return
    done = 0

    def line(step: str) -> None:
        nonlocal done
        done += 1
        click.echo(f"[{done}/{total}] {step}", err=True)

    yield line


@cli.command(name="publish")
@click.argument("project_dirs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--site", type=click.Path(path_type=Path, file_okay=False), required=True, help="The site folder.")
@output_options
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Build on a Dask cluster (tcp://host:8786; needs reportgen[cluster]) [default: this machine].")
@audience_options
def publish_command(project_dirs: tuple[Path, ...], site: Path, languages: tuple[str, ...] | None,
                    formats: tuple[str, ...], pdf_variant: str, force: bool, scheduler: str | None,
                    period: str | None, audience: str | None, clearance: str | None) -> None:
    """Publish projects' reports into an intranet site, atomically.

    Writes SITE/<project>/<period>/…, the shared assets once in SITE/assets
    and a site index per language (SITE/index.html, index.fr.html, …). The
    new site is written beside the old one and swapped in at the end; other
    projects and periods already published stay. Publishes into one site
    take turns. With --scheduler, each project and language is built on a
    Dask cluster (see the README).

    \b
    Example:
      reportgen publish data/example --site site --period 2026-Q2
      reportgen publish data/example --site site --period 2026-Q3
      reportgen publish projects/* --site site --scheduler tcp://10.0.0.5:8786
    """
    from ..data.periods import parse_period
    from ..data.release import Audience
    from ..publish.build import BuildOptions
    from ..publish.site import publish_site

    options = BuildOptions(languages=languages, formats=formats, pdf_variant=pdf_variant,
                           audience=Audience(audience, clearance),
                           period=parse_period(period) if period else None, force=force)
    started = time.perf_counter()
    results = publish_site(list(project_dirs), site, options, progress=_step_lines(), scheduler=scheduler,
                           waiting=lambda message: click.echo(message, err=True))
    for result in results:
        state = "unchanged" if result.unchanged else "published"
        click.echo(f"{state}: {result.folder}")
    click.echo(f"site {site} ready in {time.perf_counter() - started:.1f} s")


def _step_lines() -> Callable[[str], None]:
    """A progress callback printing each step indented on standard error, unless that is a terminal."""
    quiet = sys.stderr.isatty()

    def line(step: str) -> None:
        if not quiet:
            click.echo(f"  {step}", err=True)

    return line


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(folder: Path, port: int) -> None:
    """Preview a built or published folder on http://127.0.0.1 (Ctrl-C stops).

    \b
    Example:
      reportgen serve site --port 8000
    """
    from ..publish.site import serve as run

    run(folder, port, announce=click.echo)


@cli.command()
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--entities", type=click.IntRange(20, 1_000_000), default=200, show_default=True,
              help="Number of entities.")
@click.option("--links", type=click.IntRange(0), default=None, help="Number of links [default: 3 per entity].")
@click.option("--activities", type=click.IntRange(0), default=None,
              help="Number of activities [default: 2 per entity].")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Random seed; the same seed gives the same files.")
@click.option("--code-name", default=None, help="Project code name [default: SYNTH-<seed>].")
def synth(out_dir: Path, entities: int, links: int | None, activities: int | None, seed: int,
          code_name: str | None) -> None:
    """Generate a synthetic project of fictional entities.

    The network has cells, leaders, brokers and corrupt officials like the
    example project, at any size; for tests and benchmarks.

    \b
    Example:
      reportgen synth --entities 5000 --seed 3 /tmp/synth-5k
    """
    from ..data.synth import generate

    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / "project.yaml").exists():
        raise ReportgenError(f"{out_dir}: directory is not empty and is not a project; choose another")
    generate(out_dir, entities=entities, links=links, activities=activities, seed=seed, code_name=code_name)
    click.echo(f"wrote {out_dir}")


@cli.group()
def i18n() -> None:
    """Manage the locale catalogs (locales/): extract, update, compile, stats.

    \b
    Example:
      reportgen i18n extract && reportgen i18n update   # after changing wording
      reportgen i18n stats                              # fails if a catalog is incomplete
    """


@i18n.command()
def extract() -> None:
    """Extract the messages of the code and templates into locales/messages.pot.

    \b
    Example:
      reportgen i18n extract
    """
    from ..i18n.catalogs import extract as run

    path, changed = run()
    click.echo(f"wrote {path}" if changed else f"{path} is up to date")


@i18n.command()
def update() -> None:
    """Merge messages.pot into the fr, es and ar catalogs (new messages untranslated).

    \b
    Example:
      reportgen i18n update
    """
    from ..i18n.catalogs import update as run

    written = run()
    click.echo("\n".join(f"updated {path}" for path in written) or "catalogs already up to date")


@i18n.command(name="compile")
def compile_() -> None:
    """Compile every catalog to its .mo file (the build does this too).

    \b
    Example:
      reportgen i18n compile
    """
    from ..i18n.catalogs import compile_catalogs

    for path in compile_catalogs():
        click.echo(f"wrote {path}")


@i18n.command(name="stats")
def stats_() -> None:
    """Count translated, fuzzy and untranslated messages; exit 1 if any catalog is incomplete.

    \b
    Example:
      reportgen i18n stats
    """
    from ..i18n.catalogs import stats

    rows = stats()
    click.echo(table(["language", "messages", "translated", "fuzzy", "untranslated"],
                     [[s.lang, s.total, s.translated, s.fuzzy, s.untranslated] for s in rows]))
    incomplete = [s.lang for s in rows if not s.complete]
    if incomplete:
        raise ReportgenError(f"incomplete catalogs: {', '.join(incomplete)}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reportgen")
