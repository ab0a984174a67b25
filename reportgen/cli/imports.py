"""``reportgen import``: a project directory from what analysts already hold."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import click

from ..data.formats import IMPORTERS
from ..data.formats.base import Note
from .commands import cli

#: Located examples printed for each group of dropped items.
EXAMPLES = 3


@cli.command(name="import")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(tuple(IMPORTERS)))
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Project directory to write (must not exist or be empty, unless --force).")
@click.option("--mapping", "mapping_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="YAML file mapping the source's columns and words to reportgen's (see the README).")
@click.option("--code-name", default=None, help="The project's code name [default: the out directory's name].")
@click.option("--force", is_flag=True, help="Replace a non-empty out directory.")
def import_(format_name: str, sources: tuple[Path, ...], out_dir: Path, mapping_file: Path | None,
            code_name: str | None, force: bool) -> None:
    """Turn SOURCE files of FORMAT into a new project directory.

    Prints what was mapped and what was dropped, with the reason and where
    in the source; then checks that the written project loads. The analyst
    fills in project.yaml's TO FILL IN placeholders (title, period,
    narratives).

    \b
    Example:
      reportgen import matrix gang.csv --out projects/gang --code-name GANG
      reportgen import i2 chart.csv --mapping i2-spec.yaml --out projects/chart
    """
    from ..data.formats import importer
    from ..data.formats.mapping import load_mapping
    from ..data.formats.project import write_project
    from ..data.load import load_project

    mapping = load_mapping(mapping_file)
    imported = importer(format_name)(list(sources), mapping)
    _print_notes(imported.notes)
    out = write_project(imported, out_dir, code_name or out_dir.resolve().name, force=force)
    project = load_project(out)
    click.echo(f"wrote {out}: {len(project.entities)} entities, {len(project.links)} links, "
               f"{len(project.activities)} activities; fill in project.yaml's TO FILL IN")


def _print_notes(notes: list[Note]) -> None:
    """Mapped counts, then each kind of dropped item with its count and the first located examples."""
    for note in notes:
        if note.kind == "mapped":
            click.echo(f"mapped: {note.detail}" + ("" if note.what in note.detail else f" ({note.what})"))
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for note in notes:
        if note.kind == "dropped":
            groups[(note.what, _reason(note.detail))].append(note.where)
    for (what, reason), places in groups.items():
        examples = ", ".join(place for place in places[:EXAMPLES] if place)
        more = f" and {len(places) - EXAMPLES} more" if len(places) > EXAMPLES else ""
        at = f" at {examples}{more}" if examples else ""
        click.echo(f"dropped: {len(places)} × {what}: {reason}{at}")


def _reason(detail: str) -> str:
    """A detail without its quoted value, so that drops of one kind group together."""
    head, quote, rest = detail.partition("'")
    if not quote or "'" not in rest:
        return detail
    return (head + "…" + rest.split("'", 1)[1]).strip()
