"""Options shared by several commands, each group as one decorator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..data import vocab
from ..report.pdf import DEFAULT_PDF_VARIANT, PDF_VARIANTS

#: A command function, before or after click's decorators.
F = TypeVar("F", bound=Callable[..., Any])

#: What ``--format`` accepts (the publish stage is too heavy to import for its list).
FORMAT_CHOICES = ("html", "pdf")

#: The project folder every reading command takes first.
project_argument = click.argument(
    "project_dir", type=click.Path(path_type=Path, file_okay=True, dir_okay=True)
)


def upper(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback upper-casing a country code."""
    return value.upper() if value else value


def csv_choice(values: tuple[str, ...]) -> Callable[[click.Context, click.Parameter, str | None],
                                                     tuple[str, ...] | None]:
    """A click callback splitting ``a,b`` lists and checking each value."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        items = tuple(v.strip() for v in value.split(",") if v.strip())
        for item in items:
            if item not in values:
                raise click.BadParameter(f"{item!r} is not one of {', '.join(values)}")
        return items

    return parse


def audience_options(command: F) -> F:
    """``--period``, ``--audience`` and ``--clearance``, shared by every command that reads a project."""
    command = click.option(
        "--period", default=None, metavar="PERIOD",
        help="Reporting period: 2026-Q3, 2026-09, 2026 or 2026-07-01:2026-09-30 [default: project.yaml's].",
    )(command)
    command = click.option(
        "--clearance", type=click.Choice(vocab.CLASSIFICATIONS), default=None,
        help="Highest classification the audience may see [default: the project's classification].",
    )(command)
    command = click.option(
        "--audience", metavar="CC", default=None, callback=upper,
        help="Country the report is for (ISO code); items not releasable to it are left out.",
    )(command)
    return command


def output_options(command: F) -> F:
    """``--lang``, ``--format`` and ``--pdf-variant``, shared by the commands that write reports."""
    command = click.option(
        "--pdf-variant", type=click.Choice(tuple(PDF_VARIANTS)), default=DEFAULT_PDF_VARIANT, show_default=True,
        help="Tagged PDF for assistive technology (ua: PDF/UA-1) or for the archive (a: PDF/A-3a, tagged too).",
    )(command)
    command = click.option(
        "--format", "formats", default="html,pdf", show_default=True, callback=csv_choice(FORMAT_CHOICES),
        help="Output formats, comma-separated.",
    )(command)
    command = click.option(
        "--lang", "languages", default=None, callback=csv_choice(vocab.LANGUAGES),
        help="Languages, comma-separated [default: every language with a catalog].",
    )(command)
    return command
