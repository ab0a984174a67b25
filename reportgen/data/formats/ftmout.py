"""FollowTheMoney entities as JSON lines, for Aleph and OpenSanctions tooling.

Entities become ``Person`` (sex as ``gender``), ``Organization``, ``Company``, ``Vessel``,
``Vehicle``, ``BankAccount`` or ``Address`` (places); phones, e-mail
addresses and documents, which FtM keeps as properties rather than
entities, become ``LegalEntity`` with the reportgen type kept. Links become
the FtM link that fits their type and ends (``Family`` and ``Associate``
between people, ``Ownership`` of an asset, ``Employment``, ``Payment`` for
financial links), else ``UnknownLink``; activities become ``Event``
entities involving their entities. Values FtM has no property for travel
as ``reportgen:KEY=VALUE`` in ``keywords`` (entities, with the measures) or
``summary`` (links, events); :mod:`.ftm` reads them back. Ids are the
reportgen ids prefixed with the code name, so the same release always
gives the same lines. Activity values and gradings are kept only in those
``reportgen:`` values: FtM events have no amount.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from followthemoney import model

from ..model import Activity, Entity, Link
from .export import Release, cells

#: FtM schema of each entity type.
SCHEMA = {
    "person": "Person", "organisation": "Organization", "business": "Company", "vessel": "Vessel",
    "vehicle": "Vehicle", "account": "BankAccount", "location": "Address",
}
#: FtM link schemata tried for each link type, in order; ``UnknownLink`` when none fits the ends.
LINKS = {
    "family": ("Family",), "associate": ("Associate",), "co_offending": ("Associate",),
    "ethnic": ("Associate",), "geographic": ("Associate",), "communication": ("Associate",),
    "travel": ("Associate",), "ownership": ("Ownership",), "employment": ("Employment", "Directorship"),
    "financial": ("Payment",),
}
#: Prefix of the values carrying reportgen's own columns.
TAG = "reportgen:"
#: What an FtM entity id may not contain.
_NOT_ID = re.compile(r"[^A-Za-z0-9.-]")


def ftm_id(prefix: str, record_id: str) -> str:
    """An FtM entity id for a record: ``PREFIX-ID``, characters FtM refuses replaced and a hash added."""
    clean = _NOT_ID.sub("-", record_id)
    if clean != record_id:
        clean += "-" + hashlib.sha1(record_id.encode()).hexdigest()[:8]
    return f"{_NOT_ID.sub('-', prefix)}-{clean}"


def write_ftm(release: Release) -> bytes:
    """The release as FollowTheMoney JSON lines."""
    prefix = release.project.meta.code_name
    schemata: dict[str, str] = {}
    lines = []
    for entity in release.project.entities:
        proxy = _entity(entity, ftm_id(prefix, entity.id), release)
        schemata[entity.id] = proxy.schema.name
        lines.append(proxy)
    seen: dict[str, int] = {}
    for link in release.project.links:
        seen[link.ref] = seen.get(link.ref, 0) + 1
        name = ftm_id(prefix, f"link-{link.ref}" + (f"-{seen[link.ref]}" if seen[link.ref] > 1 else ""))
        lines.append(_link(link, name, prefix, schemata))
    lines.extend(_event(activity, prefix) for activity in release.project.activities)
    text = "".join(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for proxy in lines)
    return text.encode("utf-8")


def _tags(values: dict[str, Any]) -> list[str]:
    return [f"{TAG}{key}={value}" for key, value in values.items() if value not in ("", None)]


def _entity(entity: Entity, identifier: str, release: Release) -> Any:
    proxy = model.make_entity(SCHEMA.get(entity.type, "LegalEntity"))
    proxy.id = identifier
    schema = proxy.schema
    proxy.add("name", entity.name)
    if "alias" in schema.properties:
        proxy.add("alias", list(entity.aliases))
    if "country" in schema.properties:
        proxy.add("country", [c.lower() for c in entity.countries])
    if "nationality" in schema.properties:
        proxy.add("nationality", [c.lower() for c in entity.nationality])
    if entity.sex and "gender" in schema.properties:
        proxy.add("gender", entity.sex)
    if entity.description:
        proxy.add("description", entity.description)
    kept = {key: value for key, value in cells(entity).items()
            if key not in ("name", "aliases", "description", "countries", "nationality", "external_id")
            and not (key == "sex" and "gender" in schema.properties)}
    proxy.add("keywords", _tags({**kept, **release.measure_cells(entity.id)}))
    return proxy


def _link(link: Link, identifier: str, prefix: str, schemata: dict[str, str]) -> Any:
    ends = (schemata[link.source], schemata[link.target])
    chosen = next((name for name in LINKS.get(link.type, ()) if _fits(name, ends)), "UnknownLink")
    proxy = model.make_entity(chosen)
    proxy.id = identifier
    schema = proxy.schema
    assert schema.source_prop is not None and schema.target_prop is not None
    proxy.add(schema.source_prop.name, ftm_id(prefix, link.source))
    proxy.add(schema.target_prop.name, ftm_id(prefix, link.target))
    if link.first_seen:
        proxy.add("startDate", link.first_seen.isoformat())
    if link.last_seen:
        proxy.add("endDate", link.last_seen.isoformat())
    if link.description:
        proxy.add("description", link.description)
    kept = {key: value for key, value in cells(link).items()
            if key not in ("source", "target", "description", "first_seen", "last_seen", "external_id")}
    proxy.add("summary", _tags(kept))
    return proxy


def _fits(name: str, ends: tuple[str, str]) -> bool:
    """Whether link schema ``name`` accepts entities of schemata ``ends`` as its source and target."""
    schema = model.get(name)
    assert schema is not None and schema.source_prop is not None and schema.target_prop is not None
    return all(model.get(end).is_a(prop.range.name)  # type: ignore[union-attr]
               for end, prop in zip(ends, (schema.source_prop, schema.target_prop), strict=True))


def _event(activity: Activity, prefix: str) -> Any:
    proxy = model.make_entity("Event")
    proxy.id = ftm_id(prefix, activity.id)
    proxy.add("name", f"{activity.type} {activity.date}")
    proxy.add("date", activity.date.isoformat())
    proxy.add("country", [c.lower() for c in activity.countries])
    proxy.add("involved", [ftm_id(prefix, member) for member in activity.entities])
    if activity.description:
        proxy.add("description", activity.description)
    kept = {key: value for key, value in cells(activity).items()
            if key not in ("date", "countries", "entities", "description", "external_id")}
    proxy.add("summary", _tags(kept))
    return proxy
