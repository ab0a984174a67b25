"""FollowTheMoney entities (Aleph, OpenSanctions) as JSON lines, read with the ``followthemoney`` library.

Each line is one entity (or a fragment of one: fragments with the same id
are merged, as ``ftm aggregate`` does); a line that is not JSON or not a
valid FtM entity is located as ``file.ijson:LINE``.

- ``Person``, ``Organization`` (and ``PublicBody``), ``Company``,
  ``LegalEntity``, ``Vessel``, ``Vehicle``, ``Airplane`` and
  ``BankAccount`` become entities: caption as name, ``alias``/``weakAlias``/
  ``previousName`` as aliases, ``country``/``jurisdiction``/``mainCountry``
  as countries, ``nationality``/``citizenship`` as nationality, a person's
  ``gender`` as sex (``other`` is dropped, noted: the contract knows
  ``female`` and ``male``), a death or dissolution date as the status
  ``deceased``/``dissolved``.
- ``Ownership``, ``Directorship``, ``Employment``, ``Family``,
  ``Associate``, ``Membership``, ``Representation``, ``UnknownLink`` and
  ``Payment`` become links (schema name mapped through ``link_types``;
  ``startDate``/``endDate`` as ``first_seen``/``last_seen``). A payment is a
  ``financial`` link whose amount goes into the description; with
  ``defaults: payment_activity_type:`` (e.g. ``money_laundering``) a dated
  payment with a euro amount (``amountEur``, or ``amount`` in ``EUR``) is
  also an activity with ``value_eur``.
- ``Event`` becomes an activity (``date``/``startDate``; ``involved`` and
  ``organizer`` as its entities; the type from ``defaults: activity_type:``
  unless the entity tells it).
- ``Sanction`` and ``Address`` are attributes: a sanction adds a sentence to
  its entity's description; an address adds its country and text to the
  entities that point to it (``addressEntity``), and becomes a ``location``
  entity only when a link names it as an end (or it carries a
  ``reportgen:type``, as a reportgen export's places do).

Every other schema is dropped (counted per schema), as is a link or
attribute whose entity is not in the files. Values ``reportgen:KEY=VALUE``
in ``keywords`` (entities) or ``summary`` (links, events), written by
``reportgen export --format ftm``, carry what FtM has no property for
(roles, status, weight, grading, …) and win over the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import FollowTheMoneyException

from ...errors import DataError, Problem
from .base import Draft, Imported, Note
from .clean import finish
from .jsonfile import json_lines

#: Schemata read as entities (an entity whose schema extends one of them counts too).
ENTITY_SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Vehicle", "Airplane",
                   "BankAccount")
#: Schemata read as links, and their default link type.
LINK_SCHEMATA = {
    "Ownership": "ownership", "Directorship": "employment", "Employment": "employment", "Family": "family",
    "Associate": "associate", "Membership": "associate", "Representation": "associate",
    "UnknownLink": "associate", "Payment": "financial",
}
#: The built-in mapping of FtM schema names; the user's mapping file wins over it.
DEFAULT_MAPPING: dict[str, dict[str, str]] = {
    "entity_types": {
        "Person": "person", "Organization": "organisation", "PublicBody": "organisation",
        "LegalEntity": "organisation", "Company": "business", "Vessel": "vessel", "Vehicle": "vehicle",
        "Airplane": "vehicle", "BankAccount": "account", "Address": "location",
    },
    "link_types": LINK_SCHEMATA,
}
#: Prefix of the values carrying reportgen's own columns.
TAG = "reportgen:"


def read_ftm(sources: Sequence[Path], mapping: Mapping[str, Any]) -> Imported:
    """Entities, links and activities from FollowTheMoney JSON-lines files."""
    proxies: dict[str, tuple[str, Any]] = {}
    problems: list[Problem] = []
    for path in sources:
        for number, data in json_lines(path):
            where = f"{path}:{number}"
            proxy = _proxy(path, number, data, problems)
            if proxy is None:
                continue
            if proxy.id in proxies:
                first, earlier = proxies[proxy.id]
                try:
                    earlier.merge(proxy)
                except FollowTheMoneyException as error:
                    problems.append(Problem(str(path), number, None, f"cannot merge with {first}: {error}"))
            else:
                proxies[proxy.id] = (where, proxy)
    if problems:
        raise DataError(problems)
    merged = {section: {**words, **(mapping.get(section) or {})} for section, words in DEFAULT_MAPPING.items()}
    return _Reader(proxies, mapping).read({**mapping, **merged})


def _proxy(path: Path, number: int, data: object, problems: list[Problem]) -> Any:
    if not isinstance(data, dict) or not isinstance(data.get("schema"), str) or not data.get("id"):
        problems.append(Problem(str(path), number, None, "not a FollowTheMoney entity (expected an object "
                                "with an id, a schema and properties)"))
        return None
    if not isinstance(data.get("properties", {}), dict):
        problems.append(Problem(str(path), number, None, "properties: expected an object of lists"))
        return None
    try:
        return model.get_proxy(data, cleaned=False)
    except RecursionError:
        problems.append(Problem(str(path), number, None, "invalid FollowTheMoney entity: nested too deeply"))
    except (FollowTheMoneyException, TypeError, ValueError, AttributeError) as error:
        problems.append(Problem(str(path), number, None, f"invalid FollowTheMoney entity: {error}"))
        return None


def _tags(proxy: Any, prop: str) -> dict[str, str]:
    """The ``reportgen:KEY=VALUE`` values of ``prop``, as a dict."""
    found = {}
    if prop in proxy.schema.properties:
        for value in proxy.get(prop):
            key, sep, rest = str(value).removeprefix(TAG).partition("=")
            if str(value).startswith(TAG) and sep:
                found[key] = rest
    return found


def _first(proxy: Any, *props: str) -> str:
    for prop in props:
        if prop in proxy.schema.properties:
            for value in proxy.get(prop):
                return str(value)
    return ""


def _all(proxy: Any, *props: str) -> list[str]:
    return [str(v) for prop in props if prop in proxy.schema.properties for v in proxy.get(prop)]


class _Reader:
    """Turns merged FtM entities into a draft: things first, then links, events and attributes."""

    def __init__(self, proxies: dict[str, tuple[str, Any]], mapping: Mapping[str, Any]):
        self.proxies = proxies
        self.payment_type = str((mapping.get("defaults") or {}).get("payment_activity_type") or "")
        self.draft = Draft()
        self.entities: dict[str, dict[str, str]] = {}

    def read(self, mapping: Mapping[str, Any]) -> Imported:
        skipped: Counter[str] = Counter()
        for where, proxy in self.proxies.values():
            if any(proxy.schema.is_a(name) for name in ENTITY_SCHEMATA) or _tags(proxy, "keywords").get("type"):
                self._entity(where, proxy)
            elif proxy.schema.name not in (*LINK_SCHEMATA, "Event", "Sanction", "Address"):
                skipped[proxy.schema.name] += 1
        for schema, count in sorted(skipped.items()):
            self.draft.notes.append(Note("dropped", schema, "", f"{count} entities: not a person, organisation, "
                                        "asset, link, event, sanction or address"))
        for where, proxy in self.proxies.values():
            name = proxy.schema.name
            if name in LINK_SCHEMATA:
                self._link(where, proxy)
            elif name == "Event":
                self._event(where, proxy)
            elif name == "Sanction":
                self._sanction(where, proxy)
        self._addresses()
        return finish(self.draft, mapping)

    def _entity(self, where: str, proxy: Any, word: str | None = None) -> dict[str, str]:
        tags = _tags(proxy, "keywords")
        status = "deceased" if _first(proxy, "deathDate") else "dissolved" if _first(proxy, "dissolutionDate") else ""
        cells = {
            "external_id": tags.get("id") or proxy.id,
            "type": tags.get("type") or word or proxy.schema.name,
            "name": _first(proxy, "name") or proxy.caption or proxy.id,
            "aliases": ";".join(_all(proxy, "alias", "weakAlias", "previousName")),
            "countries": ";".join(_all(proxy, "country", "jurisdiction", "mainCountry")),
            "nationality": ";".join(_all(proxy, "nationality", "citizenship")),
            "sex": _first(proxy, "gender"),
            "description": " ".join(_all(proxy, "description", "summary", "notes")),
            "status": status,
        }
        cells.update({key: value for key, value in tags.items() if key not in ("id", "type")})
        self.draft.entities.append((where, cells))
        self.entities[proxy.id] = cells
        return cells

    def _end(self, where: str, proxy: Any, prop: str) -> str | None:
        """The draft key of the entity a link's ``prop`` names; ``None`` (noted) when it is not imported."""
        ref = _first(proxy, prop)
        if ref in self.entities:
            return self.entities[ref]["external_id"]
        found = self.proxies.get(ref)
        if found is not None and found[1].schema.name == "Address":
            return self._entity(found[0], found[1], "Address")["external_id"]
        why = "is not in the files" if found is None else f"is a {found[1].schema.name}, which is not imported"
        self.draft.notes.append(Note("dropped", proxy.schema.name, where, f"{prop} {ref or '(none)'} {why}"))
        return None

    def _link(self, where: str, proxy: Any) -> None:
        schema = proxy.schema
        if schema.source_prop is None or schema.target_prop is None:
            self.draft.notes.append(Note("dropped", schema.name, where, "a link without two ends"))
            return
        source = self._end(where, proxy, schema.source_prop.name)
        target = self._end(where, proxy, schema.target_prop.name) if source else None
        if source is None or target is None:
            return
        tags = _tags(proxy, "summary")
        cells = {
            "external_id": tags.pop("id", ""), "source": source, "target": target,
            "type": tags.pop("type", "") or schema.name,
            "first_seen": _first(proxy, "startDate", "date"), "last_seen": _first(proxy, "endDate"),
            "description": " ".join(v for v in _all(proxy, "description", "summary", "relationship", "role")
                                    if not v.startswith(TAG)),
            **tags,
        }
        if schema.name == "Payment":
            cells["description"] = " ".join(filter(None, [cells["description"], self._amount(proxy)]))
            self._payment(where, proxy, source, target)
        self.draft.links.append((where, cells))

    @staticmethod
    def _amount(proxy: Any) -> str:
        amount, currency = _first(proxy, "amount"), _first(proxy, "currency").upper()
        return f"{amount} {currency}".strip() if amount else ""

    def _payment(self, where: str, proxy: Any, payer: str, beneficiary: str) -> None:
        """A payment as an activity too, when the mapping names its type and it has a date and a euro amount."""
        euros = _first(proxy, "amountEur") or (_first(proxy, "amount") if _first(proxy, "currency").upper() == "EUR"
                                               else "")
        day = _first(proxy, "date", "startDate")
        if not self.payment_type:
            return
        if not euros or not day:
            self.draft.notes.append(Note("dropped", "Payment activity", where, "no date or no amount in euros"))
            return
        self.draft.activities.append((where, {
            "external_id": proxy.id, "date": day, "type": self.payment_type, "value_eur": euros,
            "entities": f"{payer};{beneficiary}", "description": " ".join(_all(proxy, "purpose", "summary")),
        }))

    def _event(self, where: str, proxy: Any) -> None:
        tags = _tags(proxy, "summary")
        members = []
        for ref in _all(proxy, "involved", "organizer"):
            if ref in self.entities:
                members.append(self.entities[ref]["external_id"])
            else:
                self.draft.notes.append(Note("dropped", "Event entity", where, f"{ref} is not an imported entity"))
        cells = {
            "external_id": tags.pop("id", "") or proxy.id, "type": tags.pop("type", ""),
            "date": _first(proxy, "date", "startDate"), "countries": ";".join(_all(proxy, "country")),
            "entities": ";".join(members), "description": " ".join(_all(proxy, "description", "name")),
            **tags,
        }
        self.draft.activities.append((where, cells))

    def _sanction(self, where: str, proxy: Any) -> None:
        ref = _first(proxy, "entity")
        if ref not in self.entities:
            self.draft.notes.append(Note("dropped", "Sanction", where, f"entity {ref or '(none)'} is not imported"))
            return
        words = " ".join(_all(proxy, "authority", "program", "reason"))
        since = _first(proxy, "startDate", "listingDate")
        sentence = f"Sanctioned: {words}" + (f" (since {since})." if since else ".")
        self._describe(self.entities[ref], sentence)

    def _addresses(self) -> None:
        """Each entity's addresses as countries and a sentence of its description."""
        for proxy_id, cells in self.entities.items():
            proxy = self.proxies[proxy_id][1]
            for ref in _all(proxy, "addressEntity"):
                found = self.proxies.get(ref)
                if found is None or found[1].schema.name != "Address":
                    continue
                address = found[1]
                countries = [c for c in cells["countries"].split(";") if c]
                countries += [c for c in _all(address, "country") if c not in countries]
                cells["countries"] = ";".join(countries)
                self._describe(cells, f"Address: {_first(address, 'full') or address.caption}.")

    @staticmethod
    def _describe(cells: dict[str, str], sentence: str) -> None:
        cells["description"] = " ".join(filter(None, [cells.get("description", ""), sentence]))
