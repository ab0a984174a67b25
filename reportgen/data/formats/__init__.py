"""Exchange formats: reading what analysts already hold, writing what their tools open.

Importers turn a source (workbook, i2 delimited text, STIX bundle,
FollowTheMoney entities, GraphML/GEXF, matrix, edge list) into an
:class:`~.base.Imported` table set in the data contract's columns, with a
note for everything mapped or dropped; :func:`~.project.write_project` writes
it as a project directory. Exporters write a released project with the
computed measures for Gephi, i2, OpenCTI, Aleph and spreadsheets.

Shared contract in :mod:`.base`; one module per format. :data:`IMPORTERS`
names each importer as ``module:function``, imported only when used (so
that ``--help`` does not load openpyxl or stix2, and a format whose module
is not installed fails only when asked for).
"""

from __future__ import annotations

import importlib

from ...errors import UsageError
from .base import Importer

#: Importers by format name, as ``module:function`` (see :mod:`.base` for their contract).
IMPORTERS: dict[str, str] = {
    "xlsx": "reportgen.data.formats.xlsx:read_xlsx",
    "i2": "reportgen.data.formats.i2:read_i2",
    "stix": "reportgen.data.formats.stix:read_stix",
    "ftm": "reportgen.data.formats.ftm:read_ftm",
    "graphml": "reportgen.data.formats.graph:read_graphml",
    "gexf": "reportgen.data.formats.graph:read_gexf",
    "matrix": "reportgen.data.formats.matrix:read_matrix",
    "edgelist": "reportgen.data.formats.edgelist:read_edgelist",
}


def importer(name: str) -> Importer:
    """The importer of format ``name``; a :class:`UsageError` for an unknown or unavailable one."""
    if name not in IMPORTERS:
        raise UsageError(f"unknown import format {name!r} (known: {', '.join(IMPORTERS)})")
    module_name, function = IMPORTERS[name].split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        raise UsageError(f"the {name} importer is not available ({error})") from None
    reader: Importer = getattr(module, function)
    return reader
