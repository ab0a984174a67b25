"""The structure of the synthetic network, and its activities.

:class:`NetworkBuilder` lays out the cells, a leadership core, each cell's
head and crew, brokers and corrupt officials, then fills the cells up to the
entity target and tops up the links. :meth:`NetworkBuilder.build` is one
step per layer; each step draws from the same random stream, so their order
is part of the output.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from .. import vocab
from .pools import (
    CELL_SIZE,
    COUNTRIES,
    CREW_ROLES,
    DRUG_SHARE,
    EVIDENCE,
    OPTIONAL_CREW_ROLES,
    SPECIALISATIONS,
)
from .rows import Cell, Row, RowMaker, day_between


class NetworkBuilder:
    """Builds a network of about ``entities`` entities and ``links`` links, then ``activities`` activities.

    Call :meth:`build`, then :meth:`build_activities`; the rows are in
    :attr:`entities`, :attr:`links` and :attr:`activities`.
    """

    def __init__(self, entities: int, links: int, activities: int, seed: int, start: date, end: date) -> None:
        self.rng = random.Random(seed)
        self.rows = RowMaker(self.rng, start, end)
        self.target_entities = entities
        self.target_links = links
        self.target_activities = activities
        self.start, self.end = start, end
        self.activities: list[Row] = []
        self.cells: list[Cell] = []

    @property
    def entities(self) -> list[Row]:
        """The entity rows made so far."""
        return self.rows.entities

    @property
    def links(self) -> list[Row]:
        """The link rows made so far."""
        return self.rows.links

    def _room(self) -> bool:
        """Whether the entity target leaves room for one more."""
        return len(self.rows.entities) < self.target_entities

    # -- structure ---------------------------------------------------------------

    def build(self) -> None:
        """Make the entities and links, layer by layer."""
        cell_count = max(2, round(self.target_entities / CELL_SIZE))
        self._make_cells(cell_count)
        leaders = self._leadership(cell_count)
        self._crews(leaders)
        self._brokers(cell_count)
        self._officials(cell_count)
        self._fill()
        self._extra_links()
        self._ensure_coverage()

    def _make_cells(self, cell_count: int) -> None:
        """Create ``cell_count`` cells: one per country first, then countries again at random."""
        rng = self.rng
        countries = list(COUNTRIES)
        for index in range(cell_count):
            country = countries[index % len(countries)] if index < len(countries) else rng.choice(countries)
            second = rng.choice([c for c in countries if c != country])
            specialities = tuple(rng.sample(list(SPECIALISATIONS), 2))
            self.cells.append(Cell(index + 1, country, second, COUNTRIES[country][0], specialities))

    def _leadership(self, cell_count: int) -> list[str]:
        """Put the leadership core in the first cell: organisers, a kin financer, a launderer.

        Returns the organisers, who are linked to each other; the first is the
        first cell's head.
        """
        rows = self.rows
        core = self.cells[0]
        leaders = [rows.person(core, ("organiser",)) for _ in range(max(2, cell_count // 8))]
        rows.person(core, ("financer",), surname=rows.surname_of[leaders[0]])
        rows.person(core, ("money_launderer", "financer"))
        core.head = leaders[0]
        for a in leaders:
            for b in leaders:
                if a < b:
                    rows.link(a, b, "co_offending", 3)
        return leaders

    def _crews(self, leaders: list[str]) -> None:
        """Give each cell a head tied to a leader, and a crew of which some are the head's kin."""
        rng, rows = self.rng, self.rows
        for cell in self.cells:
            if not self._room():
                break
            if not cell.head:
                cell.head = rows.person(cell, ("organiser",))
            rows.link(rng.choice(leaders), cell.head, rng.choice(("associate", "co_offending", "communication")), 2)
            family = rows.surname_of[cell.head]
            for role in CREW_ROLES:
                if not self._room():
                    break
                if role in OPTIONAL_CREW_ROLES and rng.random() < 0.4:
                    continue
                kin = family if rng.random() < 0.35 else None
                member = rows.person(cell, (role,), surname=kin)
                rows.link(cell.head, member, rng.choice(("associate", "co_offending", "communication")))
                if kin:
                    rows.link(cell.head, member, "family")

    def _brokers(self, cell_count: int) -> None:
        """Add brokers and launderers, each tied to people of two to four cells."""
        rng, rows = self.rng, self.rows
        for index in range(max(3, cell_count // 2)):
            if not self._room():
                break
            home = self.cells[(index * 3 + 1) % len(self.cells)]
            broker = rows.person(home, (rng.choice(("facilitator", "money_launderer", "facilitator")),))
            for cell in rng.sample(self.cells, k=min(len(self.cells), rng.choice((2, 3, 3, 4)))):
                target = rng.choice(cell.people) if cell.people else cell.head
                if target:
                    rows.link(broker, target, rng.choice(("financial", "communication", "associate")))

    def _officials(self, cell_count: int) -> None:
        """Add corrupt officials, paid by a cell's head and by someone of another cell."""
        rng, rows = self.rng, self.rows
        for index in range(max(2, cell_count // 3)):
            if not self._room():
                break
            cell = self.cells[(index * 2 + 2) % len(self.cells)]
            official = rows.person(cell, ("corrupt_official",))
            if cell.head:
                rows.link(official, cell.head, rng.choice(("financial", "communication")), 2)
            other = rng.choice(self.cells)
            if other.people:
                rows.link(official, rng.choice(other.people), "financial")

    def _fill(self) -> None:
        """Fill random cells up to the entity target with associates and the things people use."""
        rng, rows = self.rng, self.rows
        while self._room():
            cell = rng.choice(self.cells)
            if not cell.people:
                continue
            if rng.random() < 0.55:
                member = rows.person(cell, ())
                rows.link(rng.choice(cell.people[:-1] or cell.people), member,
                          rng.choice(("associate", "co_offending", "communication", "employment", "geographic")))
            else:
                rows.thing(cell, rng.choice(cell.people))

    def _extra_links(self) -> None:
        """Top up links to the target: mostly inside cells, some across them."""
        rng, rows = self.rng, self.rows
        people_cells = [c for c in self.cells if len(c.people) > 1]
        all_people = [p for c in self.cells for p in c.people]
        by_region: dict[str, list[str]] = {}
        for person in all_people:
            by_region.setdefault(rows.region_of[person], []).append(person)
        while len(rows.links) < self.target_links and people_cells:
            roll = rng.random()
            if roll < 0.72:
                cell = rng.choice(people_cells)
                a, b = rng.sample(cell.people, 2)
                same_family = rows.surname_of[a] == rows.surname_of[b]
                kind = "family" if same_family and rng.random() < 0.5 else rng.choice(
                    ("associate", "communication", "co_offending", "financial", "travel"))
                rows.link(a, b, kind)
            elif roll < 0.9:
                region = rng.choice(list(by_region))
                if len(by_region[region]) > 1:
                    a, b = rng.sample(by_region[region], 2)
                    rows.link(a, b, rng.choice(("ethnic", "geographic")))
            else:
                a, b = rng.sample(all_people, 2)
                rows.link(a, b, rng.choice(("communication", "travel", "financial")))

    def _ensure_coverage(self) -> None:
        """Make every role, link type and grading code appear at least once."""
        rng, links = self.rng, self.rows.links
        people = [e for e in self.rows.entities if e["type"] == "person"]
        present = {r for e in people for r in e["roles"].split(";") if r}
        spare = [e for e in people if not e["roles"]]
        for role in vocab.ROLES:
            if role not in present and spare:
                spare.pop(rng.randrange(len(spare)))["roles"] = role
        used = {link["type"] for link in links}
        for index, link_type in enumerate(t for t in vocab.LINK_TYPES if t not in used):
            if index < len(links):
                links[index]["type"] = link_type
                links[index]["evidence"] = EVIDENCE[link_type][0]
        for index, (rel, cred) in enumerate(zip("ABCDEF", "123456", strict=True)):
            if index < len(links):
                links[-1 - index]["grading"] = rel + cred

    # -- activities -----------------------------------------------------------------

    def build_activities(self) -> None:
        """Make the activities, sorted by date and id.

        They cover the reporting period and the previous period of the same
        length, so that reports can show the change; every crime type occurs.
        """
        rng = self.rng
        cells = [c for c in self.cells if c.people]
        first = self.start - (self.end - self.start) - timedelta(days=1)
        span = (self.end - first).days
        for index in range(self.target_activities):
            cell = rng.choice(cells)
            kind = self._activity_type(index, cell)
            # Activity grows over time: later days are likelier.
            day = first + timedelta(days=int(span * math.sqrt(rng.random())))
            involved = rng.sample(cell.people, k=min(len(cell.people), rng.choice((1, 2, 2, 3, 4))))
            countries = [cell.country]
            if rng.random() < 0.5:
                countries.append(cell.second)
            typical = SPECIALISATIONS[kind]
            value = "" if rng.random() < 0.1 else f"{round(typical * rng.lognormvariate(0, 0.6), -2):.0f}"
            self.activities.append({
                "id": f"ACT-{index + 1:05d}",
                "date": day.isoformat(),
                "type": kind,
                "countries": ";".join(countries),
                "entities": ";".join(involved),
                "value_eur": value,
                "grading": self.rows.grading(),
                "classification": self.rows.classification(),
                "release_to": "",
                "description": "",
            })
        self.activities.sort(key=lambda a: (a["date"], a["id"]))

    def _activity_type(self, index: int, cell: Cell) -> str:
        """The crime type of the ``index``-th activity of ``cell``.

        The first activities take each type in turn, so that all occur; then
        drug trafficking (the trade that funds the rest) takes its share, and
        the cell's specialities most of the remainder.
        """
        rng = self.rng
        kinds = list(SPECIALISATIONS)
        roll = rng.random()
        if index < len(kinds):
            return kinds[index]
        if roll < DRUG_SHARE:
            return "trafficking_drugs"
        return rng.choice(cell.specialities) if roll < 0.85 else rng.choice(kinds)

    # -- after the fact ------------------------------------------------------------

    def restrict_release(self, rng: random.Random) -> None:
        """Limit a few items to some partner countries (``release_to``).

        Uses its own random stream, so that adding it left the rest of a
        seeded project unchanged.
        """
        partners = list(COUNTRIES)
        for rows, share in ((self.entities, 0.04), (self.links, 0.03), (self.activities, 0.05)):
            for row in rows:
                if rng.random() < share:
                    row["release_to"] = ";".join(sorted(rng.sample(partners, rng.choice((2, 3, 4)))))

    def keep_current(self, rng: random.Random) -> None:
        """Most entities and links of a live network are still seen at the end of the period.

        Moves ``last_seen`` of three in four dated items into the period's
        last six weeks (own random stream, like :meth:`restrict_release`).
        """
        recent = self.end - timedelta(days=45)
        for row in (*self.entities, *self.links):
            if row["last_seen"] and rng.random() < 0.75:
                first = date.fromisoformat(row["first_seen"]) if row["first_seen"] else recent
                row["last_seen"] = day_between(rng, max(first, recent), self.end).isoformat()
