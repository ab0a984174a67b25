"""``reportgen export``: a released project, with its measures, for Gephi, i2, OpenCTI, Aleph or Excel."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .commands import cli
from .options import audience_options, project_argument

#: What ``--format`` accepts (the exporters' modules are imported only when used).
EXPORT_FORMATS = ("graphml", "gexf", "stix", "ftm", "xlsx", "i2")


@cli.command(name="export")
@project_argument
@click.option("--format", "format_name", type=click.Choice(EXPORT_FORMATS), required=True, help="Output format.")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="File to write (replaced atomically).")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of community detection.")
@audience_options
def export_(project_dir: Path, format_name: str, out: Path, seed: int, period: str | None, audience: str | None,
            clearance: str | None) -> None:
    """Export what an audience may see of a project, with the computed measures.

    Entities carry their degree, betweenness, community and key-player rank
    and score besides their type, roles, status, countries and name, so
    that Gephi and i2 can style by them. The same --audience, --clearance
    and --period as build decide what is exported.

    \b
    Example:
      reportgen export data/example --format graphml --out opal.graphml
      reportgen export data/example --format stix --audience FR --clearance restricted --out opal.json
    """
    from ..analysis import Settings
    from ..analysis.edition import prepare_edition
    from ..analysis.measures import node_measures
    from ..data.formats.export import Release, export
    from ..data.load import load_project
    from ..data.periods import parse_period
    from ..data.release import Audience
    from ..errors import UsageError
    from ..files import write_atomic

    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such directory for --out")
    started = time.perf_counter()
    chosen = parse_period(period) if period else None
    edition = prepare_edition(load_project(project_dir), Audience(audience, clearance), chosen,
                              Settings(seed=seed, max_removals=0, random_runs=0))
    data = export(Release(edition.project, node_measures(edition.analysis)), format_name)
    write_atomic(out, data)
    project = edition.project
    click.echo(f"wrote {out}: {len(project.entities)} entities, {len(project.links)} links, "
               f"{len(project.activities)} activities as {format_name} in {time.perf_counter() - started:.1f} s")
