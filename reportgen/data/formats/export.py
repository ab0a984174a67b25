"""What an exporter writes: a released project with each entity's computed measures.

The data stage does not compute: the measures come in as plain numbers
(:class:`NodeMeasures`, filled by :func:`reportgen.analysis.measures.node_measures`),
so that the exporters here stay below the analysis stage. Each exporter is a
function ``(Release) -> bytes``; :func:`export` picks one by format name and
the command line writes the bytes atomically.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ...errors import UsageError
from ..load import Project
from ..model import Activity, Entity, Link


@dataclass(frozen=True)
class NodeMeasures:
    """One entity's measures, as the reports show them."""

    degree: int
    betweenness: float
    community: int
    #: Position by key-player score, 1 for the first.
    key_player_rank: int
    key_player_score: float


@dataclass(frozen=True)
class Release:
    """The records an audience may see for a period, and the measures of their network."""

    project: Project
    measures: dict[str, NodeMeasures] = field(default_factory=dict)

    def measure_cells(self, entity_id: str) -> dict[str, int | float]:
        """The measures of one entity as attribute name → number (empty when not in the network)."""
        found = self.measures.get(entity_id)
        if found is None:
            return {}
        return {"degree": found.degree, "betweenness": found.betweenness, "community": found.community,
                "key_player_rank": found.key_player_rank, "key_player_score": found.key_player_score}


#: Exporters by format name, as ``module:function``, imported when used.
EXPORTERS: dict[str, str] = {
    "graphml": "reportgen.data.formats.graphout:write_graphml",
    "gexf": "reportgen.data.formats.graphout:write_gexf",
    "stix": "reportgen.data.formats.stixout:write_stix",
    "ftm": "reportgen.data.formats.ftmout:write_ftm",
    "xlsx": "reportgen.data.formats.xlsxout:write_xlsx",
    "i2": "reportgen.data.formats.i2out:write_i2",
}


def export(release: Release, format_name: str) -> bytes:
    """``release`` written in ``format_name``."""
    if format_name not in EXPORTERS:
        raise UsageError(f"unknown export format {format_name!r} (known: {', '.join(EXPORTERS)})")
    module_name, function = EXPORTERS[format_name].split(":")
    writer: Callable[[Release], bytes] = getattr(importlib.import_module(module_name), function)
    return writer(release)


def cells(record: Entity | Link | Activity) -> dict[str, str]:
    """A record's non-empty columns as text, lists joined with ``;`` (as in the project's CSV files)."""
    found: dict[str, str] = {}
    for column in type(record).columns():
        value = getattr(record, column)
        if isinstance(value, tuple):
            text = ";".join(str(v) for v in value)
        elif isinstance(value, float):
            text = f"{value:g}" if value == int(value) and abs(value) < 1e15 else repr(value)
        else:
            text = "" if value is None else str(value)
        if text:
            found[column] = text
    return found
