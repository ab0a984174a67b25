"""The ``reportgen`` command: a thin layer over the library.

Options are parsed here and handed to the pipeline functions; library errors
become ``category: message`` lines on standard error and a non-zero exit,
with a traceback only under ``--debug``. Terminal messages are in English;
the reports are what is translated.
"""

from . import (
    exports,  # noqa: F401  registers `reportgen export` on the group
    imports,  # noqa: F401  registers `reportgen import` on the group
)
from .commands import cli, main

__all__ = ["cli", "main"]
