"""Rows of the synthetic project: entities and links, drawn from one random stream.

:class:`RowMaker` invents one person, thing or link per call and remembers
who belongs where, so that the network builder (:mod:`.network`) only
decides the structure. Every row is a ``dict`` of CSV column to text, in
the column vocabulary of :mod:`reportgen.data.model`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .pools import (
    ALIASES,
    ASSOCIATE_DESCRIPTION,
    CALLING_CODES,
    CITY_COORDINATES,
    CLASSIFICATION_WEIGHTS,
    CLASSIFICATIONS,
    COUNTRIES,
    CREDIBILITY_WEIGHTS,
    ENDINGS,
    EVIDENCE,
    GIVEN,
    PLATE_SERIES,
    PREMISES_OFFSETS,
    RELIABILITY_WEIGHTS,
    ROLE_DESCRIPTIONS,
    STATUS_WEIGHTS,
    STATUSES,
    SURNAMES,
    SYLLABLES,
    THING_WEIGHTS,
    THINGS,
    TRADES,
    VESSEL_SUFFIXES,
    sex_of,
)

#: One CSV row: column name to cell text.
Row = dict[str, str]

#: Attempts at a name nobody has yet before a duplicate is accepted.
NAME_ATTEMPTS = 50


@dataclass
class Cell:
    """A cell of the group: rooted in one country, with a second one it works in."""

    id: int
    country: str
    second: str
    region: str
    specialities: tuple[str, ...]
    #: Every entity of the cell, people and things, in creation order.
    members: list[str] = field(default_factory=list)
    #: The people of the cell, in creation order.
    people: list[str] = field(default_factory=list)
    head: str = ""
    #: Role to the people holding it.
    roles: dict[str, list[str]] = field(default_factory=dict)


def day_between(rng: random.Random, low: date, high: date) -> date:
    """A uniformly drawn day from ``low`` to ``high`` inclusive; ``low`` if the range is empty.

    Draws nothing from ``rng`` when the range is empty.
    """
    if high <= low:
        return low
    return low + timedelta(days=rng.randrange((high - low).days + 1))


class RowMaker:
    """Makes entity and link rows and keeps the facts the structure needs.

    ``entities`` and ``links`` grow with every call; ``region_of``,
    ``country_of`` and ``surname_of`` answer for each entity made. The order
    of calls fixes the output: every draw comes from ``rng``.
    """

    def __init__(self, rng: random.Random, start: date, end: date) -> None:
        self.rng = rng
        self.start, self.end = start, end
        self.entities: list[Row] = []
        self.links: list[Row] = []
        self.region_of: dict[str, str] = {}
        self.country_of: dict[str, str] = {}
        self.surname_of: dict[str, str] = {}
        self.names: set[str] = set()

    # -- entities -------------------------------------------------------------

    def entity(self, type_: str, name: str, **extra: str) -> str:
        """Add an entity row with dates and classification drawn, ``extra`` columns set; return its id."""
        entity_id = f"{type_[:3].upper()}-{len(self.entities) + 1:05d}"
        first = self.day(date(2021, 1, 1), self.end - timedelta(days=30))
        last = self.day(max(first, self.start), self.end) if self.rng.random() < 0.9 else None
        row = {
            "id": entity_id,
            "type": type_,
            "name": name,
            "aliases": "",
            "roles": "",
            "countries": "",
            "nationality": "",
            "sex": "",
            "status": "active",
            "description": "",
            "first_seen": first.isoformat(),
            "last_seen": last.isoformat() if last else "",
            "classification": self.classification(),
            "release_to": "",
        }
        row.update(extra)
        self.entities.append(row)
        return entity_id

    def person(self, cell: Cell, roles: tuple[str, ...] = (), surname: str | None = None,
               region: str | None = None) -> str:
        """Add a person of ``cell`` holding ``roles``; return the id.

        ``surname`` makes them kin of someone; ``region`` overrides the
        cell's naming region.
        """
        region = region or cell.region
        rng = self.rng
        name = self._new_name(region, surname)
        self.names.add(name)
        countries = [cell.country] + ([cell.second] if rng.random() < 0.3 else [])
        nationality = cell.country if rng.random() < 0.8 else rng.choice(list(COUNTRIES))
        status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
        alias = rng.choice(ALIASES) if rng.random() < 0.25 else ""
        entity_id = self.entity(
            "person", name,
            aliases=alias,
            roles=";".join(roles),
            countries=";".join(countries),
            nationality=nationality,
            sex=sex_of(name),
            status=status,
            description=_describe_person(roles, cell),
        )
        cell.members.append(entity_id)
        cell.people.append(entity_id)
        for role in roles:
            cell.roles.setdefault(role, []).append(entity_id)
        self.region_of[entity_id] = region
        self.country_of[entity_id] = cell.country
        self.surname_of[entity_id] = name.rsplit(" ", 1)[-1]
        return entity_id

    def _new_name(self, region: str, surname: str | None) -> str:
        """A name of ``region`` not used yet, with a middle initial if needed.

        After :data:`NAME_ATTEMPTS` tries a used name is returned: a big
        project may hold namesakes, as real ones do.
        """
        rng = self.rng
        for _ in range(NAME_ATTEMPTS):
            family = surname or rng.choice(SURNAMES[region])
            name = f"{rng.choice(GIVEN[region])} {family}"
            if name not in self.names:
                break
            name = f"{rng.choice(GIVEN[region])} {rng.choice(GIVEN[region])[0]}. {family}"
            if name not in self.names:
                break
        return name

    def thing(self, cell: Cell, owner: str) -> str:
        """Add a phone, account, company, vehicle… of ``cell`` linked to ``owner``; return its id."""
        rng = self.rng
        kind = rng.choices(THINGS, weights=THING_WEIGHTS)[0]
        entity_id = self.entity(kind, self._thing_name(kind, cell.country), countries=cell.country, status="active")
        cell.members.append(entity_id)
        self.country_of[entity_id] = cell.country
        link_type = {
            "phone": "communication", "account": "financial", "email": "communication",
            "business": rng.choice(["ownership", "employment"]),
        }.get(kind, "ownership")
        self.link(owner, entity_id, link_type)
        return entity_id

    def _thing_name(self, kind: str, country: str) -> str:
        """An invented name for a thing of ``kind`` in ``country``: a number, code or proper name.

        Names read the same in every report language (``+381 …6213``, ``IBAN RS00 …5030``,
        ``RS KX-9057``, ``geo:45.3394,14.4351``), as real records name phones, accounts and vehicles.
        """
        rng = self.rng
        _region, _city, suffix = COUNTRIES[country]
        digits = f"{rng.randrange(10000):04d}"
        if kind == "phone":
            return phone_name(country, digits)
        if kind == "account":
            return account_name(country, digits)
        if kind == "business":
            return f"{self.word()} {rng.choice(TRADES)} {suffix}"
        if kind == "vehicle":
            return plate_name(country, rng.choice(PLATE_SERIES), digits)
        if kind == "location":
            return premises_name(country, rng.randrange(len(PREMISES_OFFSETS)), digits)
        if kind == "email":
            return f"{self.word().lower()}{digits}@mail.invalid"
        if kind == "vessel":
            return f"{self.word()} {rng.choice(VESSEL_SUFFIXES)}"
        return f"X{digits}{rng.randrange(100):02d}"

    def word(self) -> str:
        """An invented, capitalised word of two syllables and an ending."""
        rng = self.rng
        return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(ENDINGS)).capitalize()

    # -- links ------------------------------------------------------------------

    def link(self, source: str, target: str, type_: str, weight: float | None = None) -> None:
        """Add a link row with evidence, grading and dates drawn; a self-link is skipped silently."""
        if source == target:
            return
        rng = self.rng
        evidence = rng.sample(EVIDENCE[type_], k=min(len(EVIDENCE[type_]), rng.choice((1, 1, 2))))
        first = self.day(date(2022, 1, 1), self.end - timedelta(days=10))
        last = self.day(max(first, self.start), self.end)
        self.links.append({
            "source": source,
            "target": target,
            "type": type_,
            "weight": f"{weight if weight is not None else rng.choice((1, 1, 1, 2, 2, 3))}",
            "grading": self.grading(),
            "evidence": ";".join(evidence),
            "first_seen": first.isoformat(),
            "last_seen": last.isoformat(),
            "classification": self.classification(),
            "release_to": "",
            "description": "",
        })

    # -- shared columns ---------------------------------------------------------

    def grading(self) -> str:
        """An Admiralty code such as ``B2``, or ``""`` (ungraded) one time in twenty."""
        rng = self.rng
        if rng.random() < 0.05:
            return ""
        return rng.choices("ABCDEF", RELIABILITY_WEIGHTS)[0] + rng.choices("123456", CREDIBILITY_WEIGHTS)[0]

    def classification(self) -> str:
        """A classification, ``""`` for most rows."""
        return self.rng.choices(CLASSIFICATIONS, weights=CLASSIFICATION_WEIGHTS)[0]

    def day(self, low: date, high: date) -> date:
        """A day from ``low`` to ``high`` drawn from this maker's stream."""
        return day_between(self.rng, low, high)


def _describe_person(roles: tuple[str, ...], cell: Cell) -> str:
    """What a person of ``roles`` in ``cell`` does, in a sentence per role."""
    city = COUNTRIES[cell.country][1]
    if not roles:
        return ASSOCIATE_DESCRIPTION.format(city=city)
    return " ".join(ROLE_DESCRIPTIONS[role].format(city=city) for role in roles)


def phone_name(country: str, digits: str) -> str:
    """A telephone known by its country code and last digits: ``+381 …6213``."""
    return f"+{CALLING_CODES[country]} …{digits}"


def account_name(country: str, digits: str) -> str:
    """A bank account known by its IBAN's country and last digits: ``IBAN RS00 …5030``."""
    return f"IBAN {country}00 …{digits}"


def plate_name(country: str, series: str, digits: str) -> str:
    """A vehicle known by its number plate: ``RS KX-9057``."""
    return f"{country} {series}-{digits}"


def premises_name(country: str, offset: int, digits: str) -> str:
    """Premises known by their coordinates near the cell's city, as a geo URI (RFC 5870): ``geo:45.3394,14.4351``."""
    (lat, lon), (dlat, dlon) = CITY_COORDINATES[country], PREMISES_OFFSETS[offset]
    spread = int(digits) / 1_000_000
    return f"geo:{lat + dlat + spread:.4f},{lon + dlon - spread:.4f}"
