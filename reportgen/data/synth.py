"""Seeded generator of synthetic, fictional projects of any size.

The generated network has the shape of a transnational organised-crime
group: a leadership core, cells rooted in one country with a head, money,
recruitment, distribution and muscle; brokers and money launderers who tie
cells together; corrupt officials at borders and ports; families and
ethnic ties; phones, accounts, companies, vehicles and premises around the
people. Names are invented by combining common given names and surnames at
random; countries and crime types are real vocabularies. The same arguments
always give the same bytes.
"""

from __future__ import annotations

import csv
import io
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from . import vocab
from .model import Activity, Entity, Link
from ..files import write_atomic

# Countries of the cells, with the naming region of their people, a port or
# hub city for premises, and the legal-form suffix of their companies.
COUNTRIES = {
    "RS": ("balkan", "Belgrade", "d.o.o."),
    "AL": ("albanian", "Durrës", "sh.p.k."),
    "ME": ("balkan", "Bar", "d.o.o."),
    "HR": ("balkan", "Rijeka", "d.o.o."),
    "BA": ("balkan", "Sarajevo", "d.o.o."),
    "IT": ("italian", "Gioia Tauro", "S.r.l."),
    "ES": ("iberian", "Algeciras", "S.L."),
    "PT": ("iberian", "Sines", "Lda."),
    "FR": ("french", "Marseille", "SARL"),
    "BE": ("dutch", "Antwerp", "BV"),
    "NL": ("dutch", "Rotterdam", "B.V."),
    "DE": ("german", "Hamburg", "GmbH"),
    "PL": ("polish", "Gdańsk", "sp. z o.o."),
    "TR": ("turkish", "Mersin", "Ltd. Şti."),
    "MA": ("maghreb", "Tangier", "SARL"),
    "DZ": ("maghreb", "Oran", "SARL"),
    "TN": ("maghreb", "Sfax", "SARL"),
    "LY": ("maghreb", "Misrata", "LLC"),
    "NG": ("west_african", "Lagos", "Ltd"),
    "GH": ("west_african", "Tema", "Ltd"),
    "CO": ("andean", "Buenaventura", "S.A.S."),
    "EC": ("andean", "Guayaquil", "S.A."),
    "BR": ("brazilian", "Santos", "Ltda."),
    "AE": ("gulf", "Dubai", "FZE"),
    "GB": ("english", "Felixstowe", "Ltd"),
}

GIVEN = {
    "balkan": "Marko Nikola Dragan Milan Stefan Jelena Ana Milica Zoran Vesna Dejan Ivana Goran Branka".split(),
    "albanian": "Arben Ilir Besnik Gentian Elira Drita Fatmir Klodian Ermal Teuta Blerim Anila".split(),
    "italian": "Giuseppe Salvatore Antonio Rosaria Carmela Vincenzo Domenico Francesca Luigi Teresa Nicola Paola".split(),
    "iberian": "José Manuel Carmen Javier Lucía Antonio Rosa Miguel Pilar Rui João Inês Raúl Sofía".split(),
    "french": "Jean Karim Nadia Olivier Sophie Mehdi Claire Thomas Yasmine Julien Céline Rachid".split(),
    "dutch": "Jan Pieter Sanne Ricardo Kevin Fleur Dennis Naima Bram Lotte Youssef Anouk".split(),
    "german": "Thomas Stefan Katrin Andreas Sabine Mehmet Jens Anja Frank Petra Uwe Birgit".split(),
    "polish": "Piotr Krzysztof Anna Tomasz Agnieszka Marek Katarzyna Paweł Ewa Łukasz".split(),
    "turkish": "Mehmet Ahmet Ayşe Mustafa Emine Hasan Fatma Hüseyin Zeynep Murat Elif Serkan".split(),
    "maghreb": "Mohamed Youssef Fatima Karim Samira Rachid Nadia Hamza Amina Said Khadija Bilal".split(),
    "west_african": "Chinedu Kwame Ngozi Emeka Ama Adebayo Kofi Funmilayo Yaw Chiamaka Tunde Efua".split(),
    "andean": "Carlos Luis Diana Jhon Yesenia Andrés Marisol Wilmer Paola Édgar Leidy Fredy".split(),
    "brazilian": "João Ana Paulo Márcia Rodrigo Luciana Thiago Fernanda Marcelo Juliana Wesley".split(),
    "gulf": "Khalid Omar Faisal Mariam Tariq Huda Saeed Layla Majid Noura".split(),
    "english": "James Daniel Sarah Liam Emma Connor Chloe Ryan Jade Lee Kelly Dean".split(),
}

SURNAMES = {
    "balkan": "Petrović Jovanović Marković Nikolić Kovačević Babić Popović Ilić Stanković Perić".split(),
    "albanian": "Hoxha Krasniqi Gashi Berisha Shehu Dervishi Leka Kola Musaj Rama".split(),
    "italian": "Esposito Russo Romano Greco Bruno Ferrara Santoro Morabito Barbaro Pesce".split(),
    "iberian": "García Fernández López Martín Sánchez Pereira Gomes Moreno Romero Navarro".split(),
    "french": "Martin Bernard Dubois Benali Moreau Lefèvre Haddad Girard Mercier Roux".split(),
    "dutch": ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "el Amrani", "Meijer", "de Boer", "Mulder", "Bos"],
    "german": "Müller Schmidt Schneider Fischer Weber Yılmaz Becker Hoffmann Wagner Krüger".split(),
    "polish": "Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański".split(),
    "turkish": "Yılmaz Kaya Demir Şahin Çelik Aydın Öztürk Arslan Doğan Kılıç".split(),
    "maghreb": "Benali El Idrissi Alaoui Bouzid Mansouri Haddad Cherif Belkacem Trabelsi Zidane".split(),
    "west_african": "Okafor Mensah Adeyemi Owusu Nwosu Boateng Okonkwo Asante Balogun Eze".split(),
    "andean": "Rodríguez Gómez Cárdenas Quintero Vargas Castaño Ospina Mejía Zambrano Villacís".split(),
    "brazilian": "Silva Santos Oliveira Souza Costa Ferreira Almeida Carvalho Ribeiro Barbosa".split(),
    "gulf": ["Al Mansoori", "Al Hashimi", "Al Suwaidi", "Al Nuaimi", "Al Marzouqi", "Al Falasi"],
    "english": "Smith Jones Taylor Brown Walker Wright Hughes Clarke Turner Hall".split(),
}

SYLLABLES = "var nel ost mar ten cor lum bra dex kal mir sol tav ren zan pol ner vik dal cas lor fen gar tis".split()
ENDINGS = "o a ex ia on is ar um".split()
TRADES = "Logistics Trading Import-Export Shipping Motors Security Construction Exchange Holdings Travel Textiles Freight Auto Parts".split()

# What each crime specialisation does, and the typical value of one event (euros).
SPECIALISATIONS = {
    "trafficking_drugs": 180_000,
    "trafficking_persons": 40_000,
    "migrant_smuggling": 25_000,
    "trafficking_goods": 60_000,
    "trafficking_weapons": 55_000,
    "armed_robbery": 90_000,
    "counterfeiting": 35_000,
    "money_laundering": 250_000,
    "fraud": 45_000,
    "corruption": 20_000,
    "extortion": 15_000,
}

#: Share of activities that are drug trafficking, whatever the cell.
DRUG_SHARE = 0.3

#: Average number of entities per cell.
CELL_SIZE = 14

#: Evidence most often behind each link type.
EVIDENCE = {
    "family": ("document", "known_association", "biometric"),
    "ethnic": ("human_source", "known_association", "open_source"),
    "geographic": ("travel_record", "surveillance", "open_source"),
    "associate": ("known_association", "surveillance", "image"),
    "financial": ("financial_record",),
    "communication": ("communication_record",),
    "co_offending": ("image", "biometric", "seizure", "witness_statement"),
    "ownership": ("document", "open_source"),
    "employment": ("document", "financial_record"),
    "travel": ("travel_record", "image"),
}

#: Reliability / credibility weights: most intelligence is B–C, 2–3.
RELIABILITY_WEIGHTS = (8, 30, 30, 15, 7, 10)
CREDIBILITY_WEIGHTS = (8, 30, 30, 15, 7, 10)


@dataclass
class _Cell:
    id: int
    country: str
    second: str
    region: str
    specialities: tuple[str, ...]
    members: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    head: str = ""
    roles: dict[str, list[str]] = field(default_factory=dict)


class _Generator:
    def __init__(self, entities: int, links: int, activities: int, seed: int, start: date, end: date):
        self.rng = random.Random(seed)
        self.target_entities = entities
        self.target_links = links
        self.target_activities = activities
        self.start, self.end = start, end
        self.entities: list[dict] = []
        self.links: list[dict] = []
        self.activities: list[dict] = []
        self.cells: list[_Cell] = []
        self.region_of: dict[str, str] = {}
        self.country_of: dict[str, str] = {}
        self.surname_of: dict[str, str] = {}
        self.names: set[str] = set()

    # -- entities -------------------------------------------------------------

    def _room(self) -> bool:
        return len(self.entities) < self.target_entities

    def _add_entity(self, type_: str, name: str, **extra) -> str:
        entity_id = f"{type_[:3].upper()}-{len(self.entities) + 1:05d}"
        first = self._day(date(2021, 1, 1), self.end - timedelta(days=30))
        last = self._day(max(first, self.start), self.end) if self.rng.random() < 0.9 else None
        row = {
            "id": entity_id,
            "type": type_,
            "name": name,
            "aliases": "",
            "roles": "",
            "countries": "",
            "nationality": "",
            "status": "active",
            "description": "",
            "first_seen": first.isoformat(),
            "last_seen": last.isoformat() if last else "",
            "classification": self._classification(),
            "release_to": "",
        }
        row.update(extra)
        self.entities.append(row)
        return entity_id

    def _person(self, cell: _Cell, roles: tuple[str, ...] = (), surname: str | None = None, region: str | None = None) -> str:
        region = region or cell.region
        rng = self.rng
        for _ in range(50):
            family = surname or rng.choice(SURNAMES[region])
            name = f"{rng.choice(GIVEN[region])} {family}"
            if name not in self.names:
                break
            name = f"{rng.choice(GIVEN[region])} {rng.choice(GIVEN[region])[0]}. {family}"
            if name not in self.names:
                break
        self.names.add(name)
        countries = [cell.country] + ([cell.second] if rng.random() < 0.3 else [])
        nationality = cell.country if rng.random() < 0.8 else rng.choice(list(COUNTRIES))
        status = rng.choices(["active", "suspected", "wanted", "arrested", "convicted", "released", "deceased"],
                             weights=(60, 20, 6, 6, 4, 3, 1))[0]
        alias = ""
        if rng.random() < 0.25:
            alias = rng.choice(["Il Dottore", "Kum", "El Flaco", "Baba", "Šef", "Tonton", "Patrão", "Doc", "Zio", "Big Man", "Hoca", "La Tía"])
        entity_id = self._add_entity(
            "person", name,
            aliases=alias,
            roles=";".join(roles),
            countries=";".join(countries),
            nationality=nationality,
            status=status,
            description=self._describe_person(roles, cell),
        )
        cell.members.append(entity_id)
        cell.people.append(entity_id)
        for role in roles:
            cell.roles.setdefault(role, []).append(entity_id)
        self.region_of[entity_id] = region
        self.country_of[entity_id] = cell.country
        self.surname_of[entity_id] = name.rsplit(" ", 1)[-1]
        return entity_id

    def _describe_person(self, roles: tuple[str, ...], cell: _Cell) -> str:
        city = COUNTRIES[cell.country][1]
        text = {
            "organiser": f"Directs the cell based around {city}.",
            "financer": f"Funds shipments and pays couriers for the {city} cell.",
            "recruiter": f"Recruits couriers and victims for the {city} cell.",
            "distributor": f"Distributes goods received through {city}.",
            "corrupt_official": f"Official suspected of taking bribes at {city}.",
            "facilitator": "Arranges documents, transport and contacts between groups.",
            "enforcer": "Collects debts and intimidates witnesses for the group.",
            "transporter": f"Drives or ships consignments from {city}.",
            "money_launderer": "Moves proceeds through front companies and cash couriers.",
            "forger": "Produces forged identity and shipping documents.",
            "supplier": "Sources goods from producers abroad.",
        }
        return " ".join(text[r] for r in roles) if roles else f"Associate of the {city} cell."

    def _thing(self, cell: _Cell, owner: str) -> str:
        rng = self.rng
        region, city, suffix = COUNTRIES[cell.country]
        kind = rng.choices(["phone", "account", "business", "vehicle", "location", "email", "vessel", "document"],
                           weights=(30, 20, 14, 12, 10, 6, 3, 5))[0]
        digits = f"{rng.randrange(10000):04d}"
        if kind == "phone":
            name = f"Mobile phone ending {digits}"
        elif kind == "account":
            name = f"Bank account {cell.country}00 ****{digits}"
        elif kind == "business":
            name = f"{self._word()} {rng.choice(TRADES)} {suffix}"
        elif kind == "vehicle":
            name = f"{rng.choice(['Lorry', 'Van', 'Car', 'Refrigerated truck'])}, plate ending {digits}"
        elif kind == "location":
            name = f"{rng.choice(['Warehouse', 'Safe house', 'Garage', 'Storage unit'])} near {city}"
        elif kind == "email":
            name = f"{self._word().lower()}{digits}@mail.invalid"
        elif kind == "vessel":
            name = f"Vessel {self._word()} {rng.choice(['Star', 'II', 'Express', 'Mar'])}"
        else:
            name = f"Forged passport no. X{digits}{rng.randrange(100):02d}"
        entity_id = self._add_entity(kind, name, countries=cell.country, status="active")
        cell.members.append(entity_id)
        self.country_of[entity_id] = cell.country
        link_type = {
            "phone": "communication", "account": "financial", "email": "communication",
            "business": rng.choice(["ownership", "employment"]),
        }.get(kind, "ownership")
        self._link(owner, entity_id, link_type)
        return entity_id

    def _word(self) -> str:
        rng = self.rng
        return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(ENDINGS)).capitalize()

    # -- links ------------------------------------------------------------------

    def _link(self, source: str, target: str, type_: str, weight: float | None = None) -> None:
        if source == target:
            return
        rng = self.rng
        evidence = rng.sample(EVIDENCE[type_], k=min(len(EVIDENCE[type_]), rng.choice((1, 1, 2))))
        first = self._day(date(2022, 1, 1), self.end - timedelta(days=10))
        last = self._day(max(first, self.start), self.end)
        self.links.append({
            "source": source,
            "target": target,
            "type": type_,
            "weight": f"{weight if weight is not None else rng.choice((1, 1, 1, 2, 2, 3))}",
            "grading": self._grading(),
            "evidence": ";".join(evidence),
            "first_seen": first.isoformat(),
            "last_seen": last.isoformat(),
            "classification": self._classification(),
            "release_to": "",
            "description": "",
        })

    def _grading(self) -> str:
        rng = self.rng
        if rng.random() < 0.05:
            return ""
        return rng.choices("ABCDEF", RELIABILITY_WEIGHTS)[0] + rng.choices("123456", CREDIBILITY_WEIGHTS)[0]

    def _classification(self) -> str:
        return self.rng.choices(["", "official_use", "restricted", "confidential"], weights=(70, 10, 15, 5))[0]

    def _day(self, low: date, high: date) -> date:
        if high <= low:
            return low
        return low + timedelta(days=self.rng.randrange((high - low).days + 1))

    # -- structure ---------------------------------------------------------------

    def build(self) -> None:
        rng = self.rng
        n = self.target_entities
        cell_count = max(2, round(n / CELL_SIZE))
        countries = list(COUNTRIES)
        for index in range(cell_count):
            country = countries[index % len(countries)] if index < len(countries) else rng.choice(countries)
            second = rng.choice([c for c in countries if c != country])
            specialities = tuple(rng.sample(list(SPECIALISATIONS), 2))
            self.cells.append(_Cell(index + 1, country, second, COUNTRIES[country][0], specialities))

        # The leadership core: organisers with a financer and a launderer.
        core = self.cells[0]
        leaders = [self._person(core, ("organiser",)) for _ in range(max(2, cell_count // 8))]
        self._person(core, ("financer",), surname=self.surname_of[leaders[0]])
        self._person(core, ("money_launderer", "financer"))
        core.head = leaders[0]
        for a in leaders:
            for b in leaders:
                if a < b:
                    self._link(a, b, "co_offending", 3)

        # Cell heads and their crews.
        role_plan = ("financer", "recruiter", "distributor", "distributor", "enforcer", "transporter", "supplier", "forger")
        for cell in self.cells:
            if not self._room():
                break
            if not cell.head:
                cell.head = self._person(cell, ("organiser",))
            self._link(rng.choice(leaders), cell.head, rng.choice(("associate", "co_offending", "communication")), 2)
            family = self.surname_of[cell.head]
            for role in role_plan:
                if not self._room():
                    break
                if role in ("forger", "supplier", "financer") and rng.random() < 0.4:
                    continue
                kin = family if rng.random() < 0.35 else None
                member = self._person(cell, (role,), surname=kin)
                self._link(cell.head, member, rng.choice(("associate", "co_offending", "communication")))
                if kin:
                    self._link(cell.head, member, "family")

        # Brokers between cells, and corrupt officials at borders and ports.
        for index in range(max(3, cell_count // 2)):
            if not self._room():
                break
            home = self.cells[(index * 3 + 1) % len(self.cells)]
            broker = self._person(home, (rng.choice(("facilitator", "money_launderer", "facilitator")),))
            for cell in rng.sample(self.cells, k=min(len(self.cells), rng.choice((2, 3, 3, 4)))):
                target = rng.choice(cell.people) if cell.people else cell.head
                if target:
                    self._link(broker, target, rng.choice(("financial", "communication", "associate")))
        for index in range(max(2, cell_count // 3)):
            if not self._room():
                break
            cell = self.cells[(index * 2 + 2) % len(self.cells)]
            official = self._person(cell, ("corrupt_official",))
            if cell.head:
                self._link(official, cell.head, rng.choice(("financial", "communication")), 2)
            other = rng.choice(self.cells)
            if other.people:
                self._link(official, rng.choice(other.people), "financial")

        # Fill each cell with associates and the things people use.
        while self._room():
            cell = rng.choice(self.cells)
            if not cell.people:
                continue
            if rng.random() < 0.55:
                member = self._person(cell, ())
                self._link(rng.choice(cell.people[:-1] or cell.people), member,
                           rng.choice(("associate", "co_offending", "communication", "employment", "geographic")))
            else:
                self._thing(cell, rng.choice(cell.people))

        self._extra_links()
        self._ensure_coverage()

    def _extra_links(self) -> None:
        """Top up links to the target: mostly inside cells, some across them."""
        rng = self.rng
        people_cells = [c for c in self.cells if len(c.people) > 1]
        all_people = [p for c in self.cells for p in c.people]
        by_region: dict[str, list[str]] = {}
        for person in all_people:
            by_region.setdefault(self.region_of[person], []).append(person)
        while len(self.links) < self.target_links and people_cells:
            roll = rng.random()
            if roll < 0.72:
                cell = rng.choice(people_cells)
                a, b = rng.sample(cell.people, 2)
                same_family = self.surname_of[a] == self.surname_of[b]
                kind = "family" if same_family and rng.random() < 0.5 else rng.choice(
                    ("associate", "communication", "co_offending", "financial", "travel"))
                self._link(a, b, kind)
            elif roll < 0.9:
                region = rng.choice(list(by_region))
                if len(by_region[region]) > 1:
                    a, b = rng.sample(by_region[region], 2)
                    self._link(a, b, rng.choice(("ethnic", "geographic")))
            else:
                a, b = rng.sample(all_people, 2)
                self._link(a, b, rng.choice(("communication", "travel", "financial")))

    def _ensure_coverage(self) -> None:
        """Make every role, link type and grading code appear at least once."""
        rng = self.rng
        people = [e for e in self.entities if e["type"] == "person"]
        present = {r for e in people for r in e["roles"].split(";") if r}
        spare = [e for e in people if not e["roles"]]
        for role in vocab.ROLES:
            if role not in present and spare:
                spare.pop(rng.randrange(len(spare)))["roles"] = role
        used = {link["type"] for link in self.links}
        for index, link_type in enumerate(t for t in vocab.LINK_TYPES if t not in used):
            if index < len(self.links):
                self.links[index]["type"] = link_type
                self.links[index]["evidence"] = EVIDENCE[link_type][0]
        for index, (rel, cred) in enumerate(zip("ABCDEF", "123456")):
            if index < len(self.links):
                self.links[-1 - index]["grading"] = rel + cred

    def keep_current(self, rng: random.Random) -> None:
        """Most entities and links of a live network are still seen at the end of the period.

        Moves ``last_seen`` of three in four dated items into the period's
        last six weeks (own random stream, like :meth:`restrict_release`).
        """
        recent = self.end - timedelta(days=45)
        for row in (*self.entities, *self.links):
            if row["last_seen"] and rng.random() < 0.75:
                first = date.fromisoformat(row["first_seen"]) if row["first_seen"] else recent
                row["last_seen"] = self._day_with(rng, max(first, recent), self.end).isoformat()

    @staticmethod
    def _day_with(rng: random.Random, low: date, high: date) -> date:
        if high <= low:
            return low
        return low + timedelta(days=rng.randrange((high - low).days + 1))

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

    # -- activities -----------------------------------------------------------------

    def build_activities(self) -> None:
        rng = self.rng
        cells = [c for c in self.cells if c.people]
        kinds = list(SPECIALISATIONS)
        # Activities cover the reporting period and the previous period of
        # the same length, so that reports can show the change.
        first = self.start - (self.end - self.start) - timedelta(days=1)
        span = (self.end - first).days
        for index in range(self.target_activities):
            cell = rng.choice(cells)
            roll = rng.random()
            if index < len(kinds):
                kind = kinds[index]
            elif roll < DRUG_SHARE:
                kind = "trafficking_drugs"  # the trade that funds the rest
            else:
                kind = rng.choice(cell.specialities) if roll < 0.85 else rng.choice(kinds)
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
                "grading": self._grading(),
                "classification": self._classification(),
                "release_to": "",
                "description": "",
            })
        self.activities.sort(key=lambda a: (a["date"], a["id"]))


def generate(out_dir: str | Path, entities: int = 200, links: int | None = None, activities: int | None = None,
             seed: int = 1, start: date = date(2026, 4, 1), end: date = date(2026, 9, 30),
             code_name: str | None = None) -> Path:
    """Write a synthetic project to ``out_dir`` and return its path.

    ``links`` defaults to three per entity, ``activities`` to two per entity;
    activities span the period from ``start`` to ``end`` and the previous
    period of the same length.
    """
    if entities < 20:
        raise ValueError("a synthetic project needs at least 20 entities")
    out = Path(out_dir)
    generator = _Generator(entities, links if links is not None else 3 * entities,
                           activities if activities is not None else 2 * entities, seed, start, end)
    generator.build()
    generator.build_activities()
    generator.restrict_release(random.Random(seed * 7919 + 1))
    generator.keep_current(random.Random(seed * 7919 + 2))
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "entities.csv", _csv(Entity.columns(), generator.entities))
    write_atomic(out / "links.csv", _csv(Link.columns(), generator.links))
    write_atomic(out / "activities.csv", _csv(Activity.columns(), generator.activities))
    write_atomic(out / "project.yaml", _project_yaml(code_name or f"SYNTH-{seed}", seed, entities, start, end))
    return out


def _csv(columns: tuple[str, ...], rows: list[dict]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _project_yaml(code_name: str, seed: int, entities: int, start: date, end: date) -> bytes:
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
                "en": f"Synthetic project of {entities} fictional entities generated with seed {seed} for tests and benchmarks.",
                "fr": f"Projet synthétique de {entities} entités fictives généré avec la graine {seed} pour les tests et les mesures de performance.",
                "es": f"Proyecto sintético de {entities} entidades ficticias generado con la semilla {seed} para pruebas y mediciones de rendimiento.",
                "ar": f"مشروع اصطناعي يضم {entities} كيانًا وهميًا، أُنشئ بالبذرة {seed} لأغراض الاختبار وقياس الأداء.",
            },
        },
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
