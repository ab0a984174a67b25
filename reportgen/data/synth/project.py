"""Write a synthetic project's files: the three CSV tables and ``project.yaml``."""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from pathlib import Path

import yaml

from ...files import write_atomic
from ..model import Activity, Entity, Link
from .network import NetworkBuilder
from .rows import Row

#: Fewest entities that leave room for a leadership core and a few cells.
MIN_ENTITIES = 20


def generate(out_dir: str | Path, entities: int = 200, links: int | None = None, activities: int | None = None,
             seed: int = 1, start: date = date(2026, 4, 1), end: date = date(2026, 9, 30),
             code_name: str | None = None) -> Path:
    """Write a synthetic project to ``out_dir`` and return its path.

    ``links`` defaults to three per entity, ``activities`` to two per entity;
    activities span the period from ``start`` to ``end`` and the previous
    period of the same length. Raises ``ValueError`` below
    :data:`MIN_ENTITIES` entities. Existing files of the same names are
    replaced atomically; others in ``out_dir`` are left alone.
    """
    if entities < MIN_ENTITIES:
        raise ValueError(f"a synthetic project needs at least {MIN_ENTITIES} entities")
    out = Path(out_dir)
    builder = NetworkBuilder(entities, links if links is not None else 3 * entities,
                             activities if activities is not None else 2 * entities, seed, start, end)
    builder.build()
    builder.build_activities()
    # Own streams: these steps came later and must not shift the draws above.
    builder.restrict_release(random.Random(seed * 7919 + 1))
    builder.keep_current(random.Random(seed * 7919 + 2))
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "entities.csv", _csv(Entity.columns(), builder.entities))
    write_atomic(out / "links.csv", _csv(Link.columns(), builder.links))
    write_atomic(out / "activities.csv", _csv(Activity.columns(), builder.activities))
    write_atomic(out / "project.yaml", _project_yaml(code_name or f"SYNTH-{seed}", seed, entities, start, end))
    return out


def _csv(columns: tuple[str, ...], rows: list[Row]) -> bytes:
    """``rows`` as UTF-8 CSV with a header and ``\\n`` line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _project_yaml(code_name: str, seed: int, entities: int, start: date, end: date) -> bytes:
    """The ``project.yaml`` of a synthetic project, with a title and summary in every language."""
    data = {
        "code_name": code_name,
        "title": {
            "en": f"Synthetic network {code_name}",
            "fr": f"Réseau synthétique {code_name}",
            "es": f"Red sintética {code_name}",
            "ar": f"شبكة اصطناعية {code_name}",
        },
        "period": {"start": start, "end": end},
        "classification": "restricted",
        "grading": "admiralty",
        "narratives": {
            "summary": {
                "en": f"Synthetic project of {entities} fictional entities generated with seed {seed} "
                      "for tests and benchmarks.",
                "fr": f"Projet synthétique de {entities} entités fictives généré avec la graine {seed} "
                      "pour les tests et les mesures de performance.",
                "es": f"Proyecto sintético de {entities} entidades ficticias generado con la semilla {seed} "
                      "para pruebas y mediciones de rendimiento.",
                "ar": f"مشروع اصطناعي يضم {entities} كيانًا وهميًا، أُنشئ بالبذرة {seed} لأغراض الاختبار وقياس الأداء.",
            },
        },
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
