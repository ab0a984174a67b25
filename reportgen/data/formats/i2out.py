"""i2 Analyst's Notebook delimited text: one row per link, one per unlinked entity, measures as attributes.

The columns are those of the i2 importer's default import specification
(``Entity1 Identity``, ``Entity1 Type``, ``Entity1 Label``, ``Link
Identity``, ``Link Type``, ``Link Label``, ``Link Date``, ``Grade 1``,
``Grade 2``, ``Entity2 …``), followed by attribute columns i2 can map as
entity and link attributes: per end ``Roles``, ``Countries``,
``Nationality``, ``Status``, ``First Seen``, ``Last Seen``, ``Classification`` and the measures
``Degree``, ``Betweenness``, ``Community``, ``Key Player Rank``, ``Key
Player Score``; per link ``Link End Date``, ``Link Weight``, ``Link
Evidence``, ``Link Classification``. :data:`IMPORT_SPEC` is the ``i2`` mapping section that reads
them all back. Cells a spreadsheet would run as formulas are neutralised.
Activities have no place in a link chart and are left out.
"""

from __future__ import annotations

import csv
import io

from ..model import Entity, Link
from .cells import neutralise
from .export import Release

#: Entity attributes after each end's identity, type and label: column suffix → entity column or measure.
END_COLUMNS = {
    "Roles": "roles", "Countries": "countries", "Nationality": "nationality", "Status": "status",
    "First Seen": "first_seen", "Last Seen": "last_seen", "Classification": "classification",
    "Degree": "degree", "Betweenness": "betweenness",
    "Community": "community", "Key Player Rank": "key_player_rank", "Key Player Score": "key_player_score",
}
#: Link columns: column → link column (``grade1``/``grade2``: the grading's two codes).
LINK_COLUMNS = {
    "Link Identity": "id", "Link Type": "type", "Link Label": "description", "Link Date": "first_seen",
    "Link End Date": "last_seen", "Link Weight": "weight", "Grade 1": "grade1", "Grade 2": "grade2",
    "Link Evidence": "evidence", "Link Classification": "classification",
}
#: The contract columns of the ends that the i2 importer reads back (measures are for i2 only).
_READ_BACK = ("roles", "countries", "nationality", "status", "first_seen", "last_seen", "classification")

#: The ``i2`` section of a mapping file that imports this export with every column.
IMPORT_SPEC = {
    **{f"end{n}": {"id": f"Entity{n} Identity", "type": f"Entity{n} Type", "name": f"Entity{n} Label",
                   **{column: f"Entity{n} {suffix}" for suffix, column in END_COLUMNS.items()
                      if column in _READ_BACK}} for n in (1, 2)},
    "link": {column: name for name, column in LINK_COLUMNS.items()},
}


def write_i2(release: Release) -> bytes:
    """The release as comma-separated i2 import text."""
    header = [*_end_header(1), *LINK_COLUMNS, *_end_header(2)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    index = release.project.entity_index
    linked: set[str] = set()
    for link in release.project.links:
        linked.update((link.source, link.target))
        writer.writerow([neutralise(cell) for cell in (
            *_end(index[link.source], release), *_link(link), *_end(index[link.target], release))])
    blank = [""] * (len(LINK_COLUMNS) + len(_end_header(2)))
    for entity in release.project.entities:
        if entity.id not in linked:
            writer.writerow([neutralise(cell) for cell in (*_end(entity, release), *blank)])
    return out.getvalue().encode("utf-8")


def _end_header(n: int) -> list[str]:
    return [f"Entity{n} Identity", f"Entity{n} Type", f"Entity{n} Label",
            *(f"Entity{n} {suffix}" for suffix in END_COLUMNS)]


def _end(entity: Entity, release: Release) -> list[str]:
    measures = release.measure_cells(entity.id)
    values = []
    for column in END_COLUMNS.values():
        value = measures.get(column, getattr(entity, column, None))
        values.append(";".join(value) if isinstance(value, tuple) else "" if value is None else str(value))
    return [entity.id, entity.type, entity.name, *values]


def _link(link: Link) -> list[str]:
    grading = link.grading
    values = {
        "id": link.id or "", "type": link.type, "description": link.description,
        "first_seen": link.first_seen.isoformat() if link.first_seen else "",
        "last_seen": link.last_seen.isoformat() if link.last_seen else "",
        "weight": f"{link.weight:g}" if link.weight == int(link.weight) else repr(link.weight),
        "grade1": grading.reliability if grading else "", "grade2": grading.credibility if grading else "",
        "evidence": ";".join(link.evidence), "classification": link.classification or "",
    }
    return [values[column] for column in LINK_COLUMNS.values()]
