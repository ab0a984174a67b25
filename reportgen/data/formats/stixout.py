"""A STIX 2.1 bundle for OpenCTI and MISP: actors, relationships, incidents and the measures.

People and organisations become ``threat-actor`` objects (``resource_level``
``individual`` for people), businesses and other things ``identity``
objects, places with a country ``location`` objects; links become
``related-to`` relationships, activities ``incident`` objects tied to their
entities by relationships, and the project one ``report``. What STIX has no
property for travels in ``x_reportgen_*`` properties (type, roles, status,
countries, dates, weight, grading, classification, and the measures
``x_reportgen_degree``, ``x_reportgen_betweenness``, ``x_reportgen_community``,
``x_reportgen_key_player_rank``, ``x_reportgen_key_player_score``), which
:mod:`.stix` reads back. Identifiers are UUID 5 of the code name and the
record's id, and every timestamp is the period's end, so that the same
release always gives the same bundle.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, time
from typing import Any

import stix2

from ..model import Activity, Entity, Link
from .export import Release, cells

#: Namespace of the UUID 5 identifiers of exported objects.
NAMESPACE = uuid.UUID("6f1c53a2-8d1b-5c39-9a57-0c4f3ad2e7b1")
#: Custom property prefix.
CUSTOM = "x_reportgen_"
#: The TLP marking of each classification (the reverse of the importer's reading), on records that have one.
TLP = {"public": stix2.TLP_WHITE, "official_use": stix2.TLP_GREEN, "restricted": stix2.TLP_AMBER,
       "confidential": stix2.TLP_RED}
#: Columns written as standard STIX properties rather than custom ones.
STANDARD = ("id", "name", "description")


def write_stix(release: Release) -> bytes:
    """The release as a STIX 2.1 bundle (JSON)."""
    writer = _Writer(release)
    objects = writer.objects()
    bundle = stix2.Bundle(objects=objects, id=f"bundle--{writer.uuid('bundle')}", allow_custom=True)
    # stix2's own pretty printer takes minutes on a few thousand objects: indent the plain text instead.
    return (json.dumps(json.loads(bundle.serialize()), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


class _Writer:
    def __init__(self, release: Release):
        self.release = release
        meta = release.project.meta
        self.code = meta.code_name
        self.stamp = datetime.combine(meta.period.end, time(0), tzinfo=UTC)
        self.refs: dict[str, str] = {}

    def uuid(self, name: str) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"{self.code}/{name}")

    def objects(self) -> list[Any]:
        project = self.release.project
        found: list[Any] = [self._entity(e) for e in project.entities]
        seen: dict[str, int] = {}
        for link in project.links:
            seen[link.ref] = seen.get(link.ref, 0) + 1
            found.append(self._link(link, seen[link.ref]))
        for activity in project.activities:
            found.extend(self._activity(activity))
        found.append(self._report([obj.id for obj in found]))
        used = {ref for obj in found for ref in obj.get("object_marking_refs", ())}
        return [marking for marking in TLP.values() if marking.id in used] + found

    def _common(self, classification: str | None = None) -> dict[str, Any]:
        common: dict[str, Any] = {"created": self.stamp, "modified": self.stamp, "allow_custom": True}
        if classification:
            common["object_marking_refs"] = [TLP[classification].id]
        return common

    @staticmethod
    def _custom(record: Entity | Link | Activity, skip: tuple[str, ...] = STANDARD) -> dict[str, Any]:
        return {CUSTOM + key: value for key, value in cells(record).items() if key not in skip}

    def _entity(self, entity: Entity) -> Any:
        stix_id = f"{self._kind(entity)}--{self.uuid('entity/' + entity.id)}"
        self.refs[entity.id] = stix_id
        extra: dict[str, Any] = {
            **self._custom(entity), CUSTOM + "id": entity.id,
            **{CUSTOM + key: value for key, value in self.release.measure_cells(entity.id).items()},
        }
        common = {"id": stix_id, "name": entity.name, "description": entity.description or None,
                  **self._common(entity.classification), **extra}
        kind = self._kind(entity)
        if kind == "threat-actor":
            individual = entity.type == "person"
            return stix2.v21.ThreatActor(
                threat_actor_types=["criminal" if individual else "crime-syndicate"],
                resource_level="individual" if individual else "organization", **common)
        if kind == "location":
            return stix2.v21.Location(country=entity.countries[0], **common)
        return stix2.v21.Identity(identity_class="organization" if entity.type == "business" else "unknown",
                                  **common)

    @staticmethod
    def _kind(entity: Entity) -> str:
        if entity.type in ("person", "organisation"):
            return "threat-actor"
        if entity.type == "location" and entity.countries:
            return "location"
        return "identity"

    def _link(self, link: Link, occurrence: int) -> Any:
        name = f"link/{link.ref}" + (f"#{occurrence}" if occurrence > 1 else "")
        extra = self._custom(link, ("id", "source", "target", "description"))
        if link.id:
            extra[CUSTOM + "id"] = link.id
        extra[CUSTOM + "weight"] = link.weight
        return stix2.v21.Relationship(
            id=f"relationship--{self.uuid(name)}", relationship_type="related-to",
            source_ref=self.refs[link.source], target_ref=self.refs[link.target],
            description=link.description or None, **self._common(link.classification), **extra)

    def _activity(self, activity: Activity) -> list[Any]:
        extra = {**self._custom(activity, ("id", "description", "entities")), CUSTOM + "id": activity.id}
        if activity.value_eur is not None:
            extra[CUSTOM + "value_eur"] = activity.value_eur
        incident = stix2.v21.Incident(
            id=f"incident--{self.uuid('activity/' + activity.id)}", name=f"{activity.type} {activity.date}",
            description=activity.description or None, **self._common(activity.classification), **extra)
        ties = [
            stix2.v21.Relationship(
                id=f"relationship--{self.uuid(f'activity/{activity.id}/{member}')}", relationship_type="related-to",
                source_ref=incident.id, target_ref=self.refs[member], **self._common())
            for member in activity.entities if member in self.refs
        ]
        return [incident, *ties]

    def _report(self, refs: list[str]) -> Any:
        meta = self.release.project.meta
        return stix2.v21.Report(
            id=f"report--{self.uuid('report')}", name=meta.title.en, published=self.stamp,
            object_refs=refs or [f"identity--{self.uuid('empty')}"], report_types=["threat-actor"],
            **self._common(meta.classification), **{
                CUSTOM + "code_name": meta.code_name, CUSTOM + "period_start": meta.period.start.isoformat(),
                CUSTOM + "period_end": meta.period.end.isoformat(), CUSTOM + "classification": meta.classification,
                CUSTOM + "grading": meta.grading,
            })
