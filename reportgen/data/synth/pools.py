"""Word pools and weights of the synthetic generator.

Names, cities, company suffixes and descriptions are invented or common
words; countries, roles, crime and link types are the data contract's real
vocabularies. Changing any pool or weight changes every seeded project.
"""

from __future__ import annotations

#: Countries of the cells: the naming region of their people, a port or hub
#: city for premises, and the legal-form suffix of their companies.
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

#: Given names by naming region.
GIVEN = {
    "balkan": "Marko Nikola Dragan Milan Stefan Jelena Ana Milica Zoran Vesna Dejan Ivana Goran Branka".split(),
    "albanian": "Arben Ilir Besnik Gentian Elira Drita Fatmir Klodian Ermal Teuta Blerim Anila".split(),
    "italian": ("Giuseppe Salvatore Antonio Rosaria Carmela Vincenzo Domenico Francesca Luigi Teresa Nicola "
                "Paola").split(),
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

#: The given names above borne by women (every other one is a man's); a person's ``sex`` follows
#: their first given name. Kept apart from GIVEN so that a seed draws the same names as before.
FEMALE_GIVEN = frozenset(
    "Jelena Ana Milica Vesna Ivana Branka Elira Drita Teuta Anila Rosaria Carmela Francesca Teresa Paola "
    "Carmen Lucía Rosa Pilar Inês Sofía Nadia Sophie Claire Yasmine Céline Sanne Fleur Naima Lotte Anouk "
    "Katrin Sabine Anja Petra Birgit Anna Agnieszka Katarzyna Ewa Ayşe Emine Fatma Zeynep Elif Fatima "
    "Samira Amina Khadija Ngozi Ama Funmilayo Chiamaka Efua Diana Yesenia Marisol Leidy Márcia Luciana "
    "Fernanda Juliana Mariam Huda Layla Noura Sarah Emma Chloe Jade Kelly".split()
)


def sex_of(name: str) -> str:
    """``female`` or ``male``, from the first given name of a generated person's ``name``."""
    return "female" if name.split(" ", 1)[0] in FEMALE_GIVEN else "male"


#: Surnames by naming region.
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

#: Syllables and endings of invented company, vessel and e-mail words.
SYLLABLES = "var nel ost mar ten cor lum bra dex kal mir sol tav ren zan pol ner vik dal cas lor fen gar tis".split()
ENDINGS = "o a ex ia on is ar um".split()
#: Trades in company names.
TRADES = ("Logistics Trading Import-Export Shipping Motors Security Construction Exchange Holdings Travel "
          "Textiles Freight Auto Parts").split()

#: Typical value of one activity of each crime type (euros).
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

#: Reliability and credibility weights: most intelligence is B–C, 2–3.
RELIABILITY_WEIGHTS = (8, 30, 30, 15, 7, 10)
CREDIBILITY_WEIGHTS = (8, 30, 30, 15, 7, 10)

#: Statuses of people, and how often each is drawn.
STATUSES = ("active", "suspected", "wanted", "arrested", "convicted", "released", "deceased")
STATUS_WEIGHTS = (60, 20, 6, 6, 4, 3, 1)

#: Nicknames; a quarter of the people have one.
ALIASES = ("Il Dottore", "Kum", "El Flaco", "Baba", "Šef", "Tonton", "Patrão", "Doc", "Zio", "Big Man", "Hoca",
           "La Tía")

#: What people of each role are said to do; ``{city}`` is their cell's city.
ROLE_DESCRIPTIONS = {
    "organiser": "Directs the cell based around {city}.",
    "financer": "Funds shipments and pays couriers for the {city} cell.",
    "recruiter": "Recruits couriers and victims for the {city} cell.",
    "distributor": "Distributes goods received through {city}.",
    "corrupt_official": "Official suspected of taking bribes at {city}.",
    "facilitator": "Arranges documents, transport and contacts between groups.",
    "enforcer": "Collects debts and intimidates witnesses for the group.",
    "transporter": "Drives or ships consignments from {city}.",
    "money_launderer": "Moves proceeds through front companies and cash couriers.",
    "forger": "Produces forged identity and shipping documents.",
    "supplier": "Sources goods from producers abroad.",
}

#: Description of people without a role.
ASSOCIATE_DESCRIPTION = "Associate of the {city} cell."

#: Kinds of things people use, and how often each is drawn.
THINGS = ("phone", "account", "business", "vehicle", "location", "email", "vessel", "document")
THING_WEIGHTS = (30, 20, 14, 12, 10, 6, 3, 5)

#: Names of things read the same in every report language: codes, numbers and
#: coordinates, never English phrases ("Bank account …" would show in the
#: French, Spanish and Arabic reports). Each pool has four entries, as the
#: pools of words they replace had, so that every seeded project stays the same.
#: Letter series of number plates (``RS KX-9057``).
PLATE_SERIES = ("KX", "TR", "AM", "BG")
#: Offsets in degrees from the cell's city of a premises' coordinates (``geo:45.3394,14.4351``).
PREMISES_OFFSETS = ((0.0123, -0.0071), (-0.0214, 0.0185), (0.0307, 0.0262), (-0.0089, -0.0318))
VESSEL_SUFFIXES = ("Star", "II", "Express", "Mar")

#: Latitude and longitude of each cell's city (for premises) and the country's
#: international calling code (for telephone numbers).
CITY_COORDINATES = {
    "RS": (44.8125, 20.4612), "AL": (41.3231, 19.4414), "ME": (42.0931, 19.1003), "HR": (45.3271, 14.4422),
    "BA": (43.8563, 18.4131), "IT": (38.4244, 15.8990), "ES": (36.1408, -5.4562), "PT": (37.9561, -8.8698),
    "FR": (43.2965, 5.3698), "BE": (51.2194, 4.4025), "NL": (51.9244, 4.4777), "DE": (53.5511, 9.9937),
    "PL": (54.3520, 18.6466), "TR": (36.8121, 34.6415), "MA": (35.7595, -5.8340), "DZ": (35.6971, -0.6308),
    "TN": (34.7406, 10.7603), "LY": (32.3754, 15.0925), "NG": (6.5244, 3.3792), "GH": (5.6698, -0.0166),
    "CO": (3.8801, -77.0312), "EC": (-2.1710, -79.9224), "BR": (-23.9608, -46.3336), "AE": (25.2048, 55.2708),
    "GB": (51.9634, 1.3511),
}
CALLING_CODES = {
    "RS": "381", "AL": "355", "ME": "382", "HR": "385", "BA": "387", "IT": "39", "ES": "34", "PT": "351",
    "FR": "33", "BE": "32", "NL": "31", "DE": "49", "PL": "48", "TR": "90", "MA": "212", "DZ": "213",
    "TN": "216", "LY": "218", "NG": "234", "GH": "233", "CO": "57", "EC": "593", "BR": "55", "AE": "971",
    "GB": "44",
}

#: Classifications of entities, links and activities (``""``: unclassified), and their weights.
CLASSIFICATIONS = ("", "official_use", "restricted", "confidential")
CLASSIFICATION_WEIGHTS = (70, 10, 15, 5)

#: Crew roles a cell head recruits, in order; a distributor twice.
CREW_ROLES = ("financer", "recruiter", "distributor", "distributor", "enforcer", "transporter", "supplier", "forger")

#: Crew roles a cell does without two times in five.
OPTIONAL_CREW_ROLES = ("forger", "supplier", "financer")
