"""The data files published beside the reports, and their dictionary for the reader of every language.

The writer publishes the annexes in full as ``data/entities.csv``,
``data/links.csv``, ``data/activities.csv`` (the activities the evidence
annex may cite) and (when the period is compared with the previous one)
``data/changes.csv`` (:meth:`reportgen.publish.writer.Writer.write_annexes`).
They are machine-readable: they keep the data contract's column names and
codes, in English, so that they can be imported again. The reader of a French,
Spanish or Arabic report learns what they hold from the report's data
dictionary (an annex): each column with its meaning, and each code of a coded
column with its label in the reader's language, from the vocabularies'
labels (:mod:`reportgen.i18n.labels`). The columns are defined here once; the
writer writes them in this order.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import labels
from ..i18n.formatting import N_
from .annex import CHANGES_FILE


@dataclass(frozen=True)
class Column:
    """A column of a data file: its name in the file, its meaning (a catalog message) and its codes."""

    name: str
    meaning: str
    #: The vocabulary of its codes (a key of :data:`VOCABULARIES`); empty for free values.
    codes: str = ""


@dataclass(frozen=True)
class DataFile:
    """A CSV file of ``data/``: its name, what a row is (a catalog message) and its columns in order."""

    name: str
    rows: str
    columns: tuple[Column, ...]

    @property
    def header(self) -> tuple[str, ...]:
        """The column names, as the file's first line writes them."""
        return tuple(column.name for column in self.columns)


#: A kind of community change in ``changes.csv`` (the writer's ``change`` codes).
CHANGE_KINDS = {
    "merged": N_("Merger: a community of this period brings together members of several previous communities"),
    "split": N_("Split: the members of a previous community are spread over several communities of this period"),
}

#: The vocabularies of the coded columns: a title for the table of codes, and each code's label.
VOCABULARIES: dict[str, tuple[str, dict[str, str]]] = {
    "type": (N_("Entity types"), labels.ENTITY_TYPES),
    "role": (N_("Roles"), labels.ROLES),
    "status": (N_("Statuses"), labels.STATUSES),
    "link_type": (N_("Link types"), labels.LINK_TYPES),
    "evidence": (N_("Types of evidence"), labels.EVIDENCE_TYPES),
    "activity_type": (N_("Crime types"), labels.ACTIVITY_TYPES),
    "change": (N_("Community changes"), CHANGE_KINDS),
}

#: The grading column's meaning, the same in every file that has one.
GRADING = N_("Grading: source reliability and information credibility, in the project's grading system (see “Sources "
             "and grading” in the methodology)")

ENTITIES = DataFile("entities.csv", N_("One row per entity of the network, with its measures."), (
    Column("id", N_("Identifier of the entity in the project")),
    Column("name", N_("Name")),
    Column("type", N_("Entity type"), "type"),
    Column("roles", N_("Roles in the network"), "role"),
    Column("countries", N_("Countries, as ISO 3166-1 alpha-2 codes (ES: Spain)")),
    Column("status", N_("Status"), "status"),
    Column("degree", N_("Degree: number of entities it is directly linked to")),
    Column("weighted_degree", N_("Weighted degree: sum of the weights of its links")),
    Column("degree_centrality", N_("Degree centrality, from 0 to 1")),
    Column("betweenness", N_("Betweenness centrality, from 0 to 1")),
    Column("closeness", N_("Closeness centrality, from 0 to 1")),
    Column("eigenvector", N_("Eigenvector centrality, from 0 to 1")),
    Column("community", N_("Number of its community (empty for an entity without any link, which belongs to no "
                            "community)")),
    Column("articulation_point", N_("Cut point: True if its removal splits a connected group, otherwise False")),
    Column("key_player_score", N_("Key-player score, from 0 to 1")),
    Column("activity_count", N_("Number of activities of the period it is involved in")),
))

LINKS = DataFile("links.csv", N_("One row per recorded link between two entities."), (
    Column("ref", N_("Reference of the link in the project")),
    Column("source", N_("Identifier of the first entity")),
    Column("source_name", N_("Name of the first entity")),
    Column("target", N_("Identifier of the second entity")),
    Column("target_name", N_("Name of the second entity")),
    Column("type", N_("Link type"), "link_type"),
    Column("weight", N_("Weight of the link")),
    Column("grading", GRADING),
    Column("evidence", N_("Types of evidence"), "evidence"),
    Column("first_seen", N_("First seen (YYYY-MM-DD)")),
    Column("last_seen", N_("Last seen (YYYY-MM-DD)")),
))

ACTIVITIES = DataFile("activities.csv", N_("One row per recorded activity of the period and of the previous period "
                                           "(the base of the trends), oldest first."), (
    Column("id", N_("Identifier of the activity in the project")),
    Column("date", N_("Date (YYYY-MM-DD)")),
    Column("type", N_("Crime type"), "activity_type"),
    Column("countries", N_("Countries where it took place, as ISO 3166-1 alpha-2 codes")),
    Column("entities", N_("Identifiers of the entities involved (as in entities.csv)")),
    Column("value_eur", N_("Estimated value in euros (empty when not known)")),
    Column("grading", GRADING),
))

CHANGES = DataFile(CHANGES_FILE, N_("One row per community merger or split since the previous period, largest "
                                    "first."), (
    Column("change", N_("Kind of change"), "change"),
    Column("communities", N_("Communities of this period concerned")),
    Column("previous_communities", N_("Communities of the previous period concerned")),
    Column("members", N_("Number of members the communities share")),
))

#: The data files, in the order the dictionary lists them.
DATA_FILES = (ENTITIES, LINKS, ACTIVITIES, CHANGES)


@dataclass(frozen=True)
class DataDictionary:
    """What a report's data dictionary lists: the files published with it, and the codes their columns use."""

    files: tuple[DataFile, ...]
    #: The vocabularies of the coded columns (keys of :data:`VOCABULARIES`, in the order the columns name
    #: them): a title and each code's label, as catalog messages.
    vocabularies: dict[str, tuple[str, dict[str, str]]]


def data_dictionary(changes: bool) -> DataDictionary:
    """The dictionary of the files a build publishes (``changes.csv`` only when the period is ``changes``-compared)."""
    files = DATA_FILES if changes else tuple(f for f in DATA_FILES if f is not CHANGES)
    codes = dict.fromkeys(column.codes for file in files for column in file.columns if column.codes)
    return DataDictionary(files, {code: VOCABULARIES[code] for code in codes})
