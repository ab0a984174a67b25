"""The validated project records (pydantic): entities, links and activities.

Each CSV row is validated by the models here; the loader (``load.py``) turns
files into plain mappings, hands them to these models and maps every
validation error back to a file, row and column. The field types are in
:mod:`.fields`; ``project.yaml`` is validated by :mod:`.meta`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator

from . import vocab
from .fields import (
    LINK_REF_SEPARATOR,
    ActivityType,
    Classification,
    Countries,
    Day,
    EntityType,
    Evidence,
    Identifier,
    LinkType,
    Name,
    Role,
    Sex,
    Status,
    Text,
    _unique,
    _value_eur,
    _weight,
)
from .vocab import Grading


class _Record(BaseModel):
    """Common configuration and checks of the three CSV record types."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    #: Columns holding several values separated by ``;``.
    LIST_COLUMNS: ClassVar[tuple[str, ...]] = ()
    #: Columns that must be present in the header and filled in every row.
    REQUIRED: ClassVar[tuple[str, ...]] = ()

    @field_validator("grading", mode="before", check_fields=False)
    @classmethod
    def _grading(cls, value: object, info: ValidationInfo) -> Grading | None:
        if value is None or isinstance(value, Grading):
            return value
        system = vocab.GRADING_SYSTEMS[(info.context or {}).get("grading", vocab.DEFAULT_GRADING_SYSTEM)]
        return system.parse(str(value))

    @field_validator("last_seen", check_fields=False)
    @classmethod
    def _seen_in_order(cls, last: date | None, info: ValidationInfo) -> date | None:
        first = info.data.get("first_seen")
        if first and last and first > last:
            raise ValueError(f"last_seen {last} is before first_seen {first}")
        return last

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """Every column this record type accepts, in documentation order."""
        return tuple(cls.model_fields)


class Entity(_Record):
    """A person, organisation or other thing of interest to the project."""

    LIST_COLUMNS: ClassVar = ("aliases", "roles", "countries", "nationality", "release_to")
    REQUIRED: ClassVar = ("id", "type", "name")

    id: Identifier
    type: EntityType
    name: Name
    aliases: Annotated[tuple[Text, ...], AfterValidator(_unique("alias"))] = ()
    roles: Annotated[tuple[Role, ...], AfterValidator(_unique("role"))] = ()
    countries: Countries = ()
    nationality: Countries = ()
    #: ``female`` or ``male`` for a person, None when unknown; status words agree with it.
    sex: Sex | None = None
    status: Status = vocab.DEFAULT_STATUS
    description: Text = ""
    first_seen: Day | None = None
    last_seen: Day | None = None
    classification: Classification | None = None
    release_to: Countries = ()
    #: The identifier in the source this entity was imported from (kept as written).
    external_id: Text = ""

    @property
    def home_countries(self) -> tuple[str, ...]:
        """Countries the entity is tied to: where it operates, else its nationality."""
        return self.countries or self.nationality


class Link(_Record):
    """A graded, evidenced relationship between two entities."""

    LIST_COLUMNS: ClassVar = ("evidence", "release_to")
    REQUIRED: ClassVar = ("source", "target", "type")

    #: Optional; unique among links. A link without one is cited as ``SOURCE>TARGET``.
    id: Identifier | None = None
    source: Identifier
    target: Identifier
    type: LinkType
    weight: Annotated[float, BeforeValidator(_weight)] = vocab.DEFAULT_WEIGHT
    grading: Grading | None = None
    evidence: Annotated[tuple[Evidence, ...], AfterValidator(_unique("evidence type"))] = ()
    first_seen: Day | None = None
    last_seen: Day | None = None
    classification: Classification | None = None
    release_to: Countries = ()
    description: Text = ""
    external_id: Text = ""

    @property
    def ref(self) -> str:
        """How the link is cited as evidence: its ``id``, else ``SOURCE>TARGET``."""
        return self.id or f"{self.source}{LINK_REF_SEPARATOR}{self.target}"


class Activity(_Record):
    """A criminal activity (an event or a case) involving entities."""

    LIST_COLUMNS: ClassVar = ("countries", "entities", "release_to")
    REQUIRED: ClassVar = ("id", "date", "type")

    id: Identifier
    date: Day
    type: ActivityType
    countries: Countries = ()
    entities: tuple[Identifier, ...] = ()
    value_eur: Annotated[float, BeforeValidator(_value_eur)] | None = None
    grading: Grading | None = None
    classification: Classification | None = None
    release_to: Countries = ()
    description: Text = ""
    external_id: Text = ""
