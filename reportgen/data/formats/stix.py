"""STIX 2.0 and 2.1 bundles (OpenCTI, MISP, MITRE ATT&CK), checked with the ``stix2`` library.

Each object is validated by ``stix2`` against its own spec version; a
problem is located as a JSON pointer (``bundle.json#/objects/12/source_ref``).
Several bundles may be given: references resolve across them.

- ``threat-actor``, ``intrusion-set``, ``identity``, ``campaign``,
  ``malware``, ``tool`` and ``location`` objects become entities: name,
  aliases, description, ``first_seen``/``last_seen``, threat-actor and
  identity ``roles``, and a location's ``country`` (and any object's
  ``country``) as countries. Their type word (``entity_types``) is the
  object type, except a threat actor whose ``resource_level`` is
  ``individual`` (``individual``) and an identity (its ``identity_class``).
- ``incident`` objects become activities (date ``first_seen``; type from
  ``defaults: activity_type:`` unless the object tells it), with every entity
  a relationship ties to them.
- ``relationship`` objects between two entities become links, their
  ``relationship_type`` mapped through ``link_types`` and ``start_time`` and
  ``stop_time`` as ``first_seen``/``last_seen``; a ``located-at``
  relationship to a location with a country also adds that country to its
  source. A relationship whose end is not in the bundle, or is an object not
  imported (an indicator, an attack pattern…), is dropped and noted with its
  reason; so is every object of a type not imported (counted per type), and
  an identity that only signs objects (``created_by_ref``, the producer of
  the data) and is in no relationship.
- TLP markings become classifications (clear/white → public, green →
  official_use, amber → restricted, red → confidential).

Properties ``x_reportgen_*`` (written by ``reportgen export --format stix``)
carry what STIX has no property for (roles, status, weight, grading, …) and
win over the rest, so that an exported project imports back unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import stix2
from stix2.exceptions import STIXError

from ...errors import DataError, Problem
from .base import Draft, Imported, Note
from .clean import finish
from .jsonfile import read_json

#: STIX object types imported as entities.
ENTITY_OBJECTS = ("threat-actor", "intrusion-set", "identity", "campaign", "malware", "tool", "location")
#: STIX object types imported as activities.
ACTIVITY_OBJECTS = ("incident",)

#: The built-in mapping of STIX words; the user's mapping file wins over it.
DEFAULT_MAPPING: dict[str, dict[str, str]] = {
    "entity_types": {
        "threat-actor": "organisation", "intrusion-set": "organisation", "campaign": "organisation",
        "identity": "organisation", "system": "organisation", "class": "organisation", "unknown": "organisation",
        "malware": "document", "tool": "document", "location": "location",
    },
    "link_types": {
        "attributed-to": "associate", "uses": "associate", "related-to": "associate", "authored-by": "associate",
        "impersonates": "associate", "targets": "associate", "cooperates-with": "associate",
        "located-at": "geographic", "originates-from": "geographic", "owns": "ownership", "hosts": "ownership",
        "controls": "associate", "communicates-with": "communication", "beacons-to": "communication",
        "exfiltrates-to": "communication", "delivers": "associate", "drops": "associate",
        "downloads": "associate", "compromises": "associate", "employed-by": "employment",
    },
    "roles": {
        "director": "organiser", "sponsor": "financer", "agent": "facilitator", "malware-author": "supplier",
        "infrastructure-architect": "facilitator", "infrastructure-operator": "facilitator",
    },
    "classifications": {
        "clear": "public", "white": "public", "green": "official_use", "amber": "restricted",
        "amber+strict": "restricted", "red": "confidential",
    },
}

#: Relationships between versions of one thing, not between actors: never links.
VERSION_RELATIONSHIPS = frozenset({"derived-from", "duplicate-of", "revoked-by", "variant-of"})

#: The TLP 1.0 marking definitions every STIX library knows by id.
TLP_MARKINGS = {
    stix2.TLP_WHITE.id: "white", stix2.TLP_GREEN.id: "green", stix2.TLP_AMBER.id: "amber", stix2.TLP_RED.id: "red",
}

#: Custom properties carrying reportgen columns, by column.
CUSTOM = "x_reportgen_"


def read_stix(sources: Sequence[Path], mapping: Mapping[str, Any]) -> Imported:
    """Entities, links and activities from STIX bundles."""
    objects: dict[str, tuple[str, Any]] = {}
    problems: list[Problem] = []
    repeated: list[Note] = []
    for path in sources:
        for where, obj in _parsed(path, problems):
            first = objects.setdefault(obj["id"], (where, obj))[0]
            if first != where:
                repeated.append(Note("dropped", obj["type"], where, f"same id as {first} (the first is kept)"))
    if problems:
        raise DataError(problems)
    return _Reader(objects, repeated).read(_with_defaults(mapping))


def _with_defaults(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The user's mapping over :data:`DEFAULT_MAPPING`, section by section."""
    merged: dict[str, Any] = dict(mapping)
    for section, words in DEFAULT_MAPPING.items():
        merged[section] = {**words, **(mapping.get(section) or {})}
    return merged


def _parsed(path: Path, problems: list[Problem]) -> list[tuple[str, Any]]:
    """The objects of one bundle (or lone object), each validated by ``stix2``, with its JSON pointer."""
    document = read_json(path)
    if isinstance(document, dict) and document.get("type") == "bundle":
        listed = document.get("objects", [])
        if not isinstance(listed, list):
            problems.append(Problem(f"{path}#/objects", None, None, "expected a list of STIX objects"))
            return []
        # 2.1 objects carry their version (SCOs may not); a 2.0 bundle carries it for all of them.
        tells_21 = any(isinstance(item, dict) and item.get("spec_version") == "2.1" for item in listed)
        base, version = f"{path}#/objects/", document.get("spec_version") or ("2.1" if tells_21 else None)
    elif isinstance(document, dict):
        listed, base, version = [document], f"{path}#", None
    else:
        problems.append(Problem(f"{path}#", None, None, "not a STIX bundle (expected a JSON object)"))
        return []
    found = []
    for index, item in enumerate(listed):
        where = f"{base}{index}" if base.endswith("/") else base
        parsed = _object(where, item, version, problems)
        if parsed is not None:
            found.append((where, parsed))
    return found


def _object(where: str, item: object, bundle_version: object, problems: list[Problem]) -> Any:
    if not isinstance(item, dict) or not isinstance(item.get("type"), str) or not isinstance(item.get("id"), str):
        problems.append(Problem(where, None, None, "not a STIX object (expected an object with a type and an id)"))
        return None
    version = item.get("spec_version") or bundle_version or ("2.1" if "spec_version" in item else "2.0")
    if version not in ("2.0", "2.1"):
        problems.append(Problem(f"{where}/spec_version", None, None, f"unsupported STIX version {version!r}"))
        return None
    try:
        return stix2.parse(item, allow_custom=True, version=str(version))
    except STIXError as error:
        name = getattr(error, "prop_name", None)
        if name is None:
            names = getattr(error, "properties", None)
            name = names[0] if isinstance(names, (list, tuple)) and len(names) == 1 else None
        problems.append(Problem(f"{where}/{name}" if name else where, None, None, str(error)))
    except RecursionError:
        problems.append(Problem(where, None, None, "invalid STIX object: nested too deeply"))
    except (ValueError, TypeError, AttributeError, KeyError) as error:
        problems.append(Problem(where, None, None, f"invalid STIX object: {error}"))
    return None


class _Reader:
    """Turns validated STIX objects into a draft: entities first, then what refers to them."""

    def __init__(self, objects: dict[str, tuple[str, Any]], notes: list[Note]):
        self.objects = objects
        self.draft = Draft(notes=notes)
        self.entities: dict[str, dict[str, str]] = {}
        self.activities: dict[str, dict[str, str]] = {}
        self.keys: dict[str, str] = {}

    def read(self, mapping: Mapping[str, Any]) -> Imported:
        skipped: Counter[str] = Counter()
        authors = self._authors()
        for stix_id, (where, obj) in self.objects.items():
            kind = obj["type"]
            if stix_id in authors:
                self.draft.notes.append(Note("dropped", kind, where, "the author of objects (created_by_ref) "
                                             "and in no relationship: not an actor"))
            elif kind in ENTITY_OBJECTS:
                self.entities[stix_id] = self._entity(where, obj)
            elif kind in ACTIVITY_OBJECTS:
                self.activities[stix_id] = self._activity(where, obj)
            elif kind == "report" and CUSTOM + "code_name" in obj:
                self._project(obj)
            elif kind not in ("relationship", "marking-definition"):
                skipped[kind] += 1
        for kind, count in sorted(skipped.items()):
            self.draft.notes.append(Note("dropped", kind, "", f"{count} objects: not an actor, place or incident"))
        for where, obj in self.objects.values():
            if obj["type"] == "relationship":
                self._relationship(where, obj)
        return finish(self.draft, mapping)

    def _authors(self) -> set[str]:
        """Identities named only as ``created_by_ref`` (the producer of the data), in no relationship."""
        authors = {str(obj.get("created_by_ref")) for _, obj in self.objects.values() if obj.get("created_by_ref")}
        related = {str(obj[end]) for _, obj in self.objects.values() if obj["type"] == "relationship"
                   for end in ("source_ref", "target_ref")}
        return {ref for ref in authors - related if ref in self.objects and self.objects[ref][1]["type"] == "identity"}

    def _key(self, stix_id: str, obj: Any) -> str:
        """The id the draft knows an object by: reportgen's own when it exported it, else the STIX id."""
        key = str(obj.get(CUSTOM + "id") or stix_id)
        self.keys[stix_id] = key
        return key

    def _entity(self, where: str, obj: Any) -> dict[str, str]:
        kind = obj["type"]
        word = kind
        if kind == "threat-actor" and obj.get("resource_level") == "individual":
            word = "individual"
        elif kind == "identity":
            word = str(obj.get("identity_class") or "identity")
        countries = [obj.get("country"), *(_list(obj.get(CUSTOM + "countries")))]
        cells = {
            "external_id": self._key(obj["id"], obj),
            "type": str(obj.get(CUSTOM + "type") or word),
            "name": str(obj.get("name") or obj.get("country") or obj.get("city") or obj.get("region") or obj["id"]),
            "aliases": _joined(obj.get(CUSTOM + "aliases") or obj.get("aliases")),
            "roles": _joined(obj.get(CUSTOM + "roles") or obj.get("roles")),
            "countries": _joined(countries),
            "description": str(obj.get("description") or ""),
            "first_seen": _day(obj.get(CUSTOM + "first_seen") or obj.get("first_seen")),
            "last_seen": _day(obj.get(CUSTOM + "last_seen") or obj.get("last_seen")),
            **self._common(obj, ("status", "nationality")),
        }
        self.draft.entities.append((where, cells))
        return cells

    def _activity(self, where: str, obj: Any) -> dict[str, str]:
        cells = {
            "external_id": self._key(obj["id"], obj),
            "date": _day(obj.get(CUSTOM + "date") or obj.get("first_seen")),
            "type": str(obj.get(CUSTOM + "type") or ""),
            "countries": _joined(obj.get(CUSTOM + "countries")),
            "description": str(obj.get("description") or obj.get("name") or ""),
            "entities": "",
            **self._common(obj, ("value_eur", "grading")),
        }
        self.draft.activities.append((where, cells))
        return cells

    def _common(self, obj: Any, extra: tuple[str, ...]) -> dict[str, str]:
        """The classification (``x_reportgen_classification``, else the TLP marking), release and ``extra``."""
        cells = {column: _joined(obj.get(CUSTOM + column)) for column in ("release_to", *extra)}
        cells["classification"] = str(obj.get(CUSTOM + "classification") or self._tlp(obj) or "")
        return {column: value for column, value in cells.items() if value}

    def _tlp(self, obj: Any) -> str | None:
        for ref in obj.get("object_marking_refs") or ():
            if ref in TLP_MARKINGS:
                return TLP_MARKINGS[ref]
            marking = self.objects.get(ref, (None, None))[1]
            if marking is not None and marking.get("definition_type") == "tlp":
                return str(marking["definition"]["tlp"])
            if marking is not None and str(marking.get("name", "")).lower().startswith("tlp:"):
                return str(marking["name"])[4:].lower()
        return None

    def _project(self, obj: Any) -> None:
        told = self.draft.project
        told["title"] = str(obj["name"])
        start, end = obj.get(CUSTOM + "period_start"), obj.get(CUSTOM + "period_end")
        if start and end:
            told["period"] = {"start": str(start), "end": str(end)}
        for key in ("classification", "grading"):
            if obj.get(CUSTOM + key):
                told[key] = str(obj[CUSTOM + key])

    def _relationship(self, where: str, obj: Any) -> None:
        kind = str(obj["relationship_type"])
        source, target = str(obj["source_ref"]), str(obj["target_ref"])
        if kind in VERSION_RELATIONSHIPS:
            self._drop(where, f"{kind}: ties two versions of one object, not two actors")
            return
        for end, ref in (("source", source), ("target", target)):
            if ref not in self.objects:
                self._drop(where, f"{end} '{ref}' is not in the bundle")
                return
        for one, other in ((source, target), (target, source)):
            if one in self.activities and other in self.entities:
                self._involve(self.activities[one], self.keys[other])
                return
        for end, ref in (("source", source), ("target", target)):
            if ref not in self.entities:
                other = self.objects[ref][1]["type"]
                self._drop(where, f"{end} '{ref}' is an object of type {other}, which is not imported")
                return
        if kind == "located-at":
            self._locate(self.entities[source], self.entities[target])
        cells = {
            "external_id": str(obj.get(CUSTOM + "id") or ""),
            "source": self.keys[source], "target": self.keys[target],
            "type": str(obj.get(CUSTOM + "type") or kind),
            "weight": _joined(obj.get(CUSTOM + "weight")),
            "first_seen": _day(obj.get(CUSTOM + "first_seen") or obj.get("start_time")),
            "last_seen": _day(obj.get(CUSTOM + "last_seen") or obj.get("stop_time")),
            "description": str(obj.get("description") or ""),
            **self._common(obj, ("grading", "evidence")),
        }
        self.draft.links.append((where, {column: value for column, value in cells.items() if value}))

    def _drop(self, where: str, why: str) -> None:
        self.draft.notes.append(Note("dropped", "relationship", where, why))

    @staticmethod
    def _involve(activity: dict[str, str], key: str) -> None:
        members = _list(activity["entities"].split(";") if activity["entities"] else [])
        if key not in members:
            activity["entities"] = ";".join([*members, key])

    @staticmethod
    def _locate(entity: dict[str, str], location: dict[str, str]) -> None:
        """Add a located-at target's countries to its source's."""
        known = entity["countries"].split(";") if entity["countries"] else []
        for country in location["countries"].split(";") if location["countries"] else []:
            if country not in known:
                known.append(country)
        entity["countries"] = ";".join(known)


def _list(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item not in (None, "")]
    return [str(value)]


def _joined(value: object) -> str:
    """A cell from a STIX value: lists joined with ``;``, numbers as written, ``None`` as empty."""
    return ";".join(_list(value))


def _day(value: object) -> str:
    """``YYYY-MM-DD`` of a STIX timestamp (or ISO text), empty when absent."""
    if value is None or value == "":
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:10]
