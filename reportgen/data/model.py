"""The validated project model (pydantic) and its field types.

Each CSV row and ``project.yaml`` are validated by the models here; the
loader (``load.py``) turns files into plain mappings, hands them to these
models and maps every validation error back to a file, row and column.
Validators raise ``ValueError`` with a message written for an analyst.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Annotated, Any, ClassVar

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import vocab
from .vocab import Grading

#: Regions CLDR lists among two-letter territories that are not countries.
NON_COUNTRY_REGIONS = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

#: What an entity or activity identifier may look like.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}")

#: How a link without an ``id`` is cited as evidence: ``SOURCE>TARGET``, its two
#: entity ids as written in its row (``>`` cannot occur in an identifier).
LINK_REF_SEPARATOR = ">"

#: Longest text accepted in a single cell or narrative paragraph.
MAX_TEXT_LENGTH = 20_000

#: Largest amount accepted in ``value_eur`` (a trillion euros).
MAX_VALUE_EUR = 1e12


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes known to CLDR (Kosovo's ``XK`` included)."""
    return frozenset(
        code
        for code in Locale("en").territories
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in NON_COUNTRY_REGIONS
    )


# -- field validators -------------------------------------------------------


def _one_of(values: tuple[str, ...], what: str) -> Callable[[str], str]:
    allowed = ", ".join(values)

    def check(value: str) -> str:
        if value not in values:
            raise ValueError(f"unknown {what} {value!r} (allowed: {allowed})")
        return value

    return check


def _country(value: str) -> str:
    code = value.strip().upper()
    if code not in country_codes():
        raise ValueError(f"unknown country code {value!r} (expected an ISO 3166-1 alpha-2 code, e.g. FR)")
    return code


def _identifier(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"invalid identifier {value!r} (letters, digits and _ . : - only, at most 64 characters)"
        )
    return value


def _date(value: object) -> date:
    if isinstance(value, date):
        parsed = value
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"invalid date {value!r} (no such day)") from None
    else:
        raise ValueError(f"invalid date {value!r} (expected YYYY-MM-DD)")
    if not vocab.MIN_YEAR <= parsed.year <= vocab.MAX_YEAR:
        raise ValueError(f"date {value!s} out of range ({vocab.MIN_YEAR}-{vocab.MAX_YEAR})")
    return parsed


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(f"invalid number {value!r}")
    if isinstance(value, (int, float)) or (
        isinstance(value, str) and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value.strip())
    ):
        number = float(value)
    else:
        raise ValueError(f"invalid number {value!r} (digits with a '.' decimal point, e.g. 1500.50)")
    if not math.isfinite(number):
        raise ValueError(f"invalid number {value!r}")
    return number


#: Control characters (C0 but tab, line feed and carriage return; DEL; C1): never text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _text(value: str) -> str:
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"text too long ({len(value)} characters, at most {MAX_TEXT_LENGTH})")
    if match := CONTROL.search(value):
        raise ValueError(f"control character U+{ord(match.group()):04X} in text")
    return value


def _unique(what: str) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    def check(values: tuple) -> tuple:
        seen = set()
        for value in values:
            if value in seen:
                raise ValueError(f"{what} {value!r} listed twice")
            seen.add(value)
        return values

    return check


def _evidence_ref(value: str) -> str:
    parts = value.split(LINK_REF_SEPARATOR)
    if len(parts) > 2 or not all(ID_PATTERN.fullmatch(part) for part in parts):
        raise ValueError(
            f"invalid evidence id {value!r} (an entity, link or activity id, "
            f"or SOURCE{LINK_REF_SEPARATOR}TARGET for a link without an id)"
        )
    return value


Identifier = Annotated[str, AfterValidator(_identifier)]
Country = Annotated[str, AfterValidator(_country)]
Day = Annotated[date, BeforeValidator(_date)]
Text = Annotated[str, AfterValidator(_text)]
Name = Annotated[str, Field(min_length=1), AfterValidator(_text)]
EntityType = Annotated[str, AfterValidator(_one_of(vocab.ENTITY_TYPES, "entity type"))]
Role = Annotated[str, AfterValidator(_one_of(vocab.ROLES, "role"))]
Status = Annotated[str, AfterValidator(_one_of(vocab.STATUSES, "status"))]
Sex = Annotated[str, BeforeValidator(lambda v: v.strip().lower() if isinstance(v, str) else v),
                AfterValidator(_one_of(vocab.SEXES, "sex"))]
LinkType = Annotated[str, AfterValidator(_one_of(vocab.LINK_TYPES, "link type"))]
Evidence = Annotated[str, AfterValidator(_one_of(vocab.EVIDENCE_TYPES, "evidence type"))]
ActivityType = Annotated[str, AfterValidator(_one_of(vocab.ACTIVITY_TYPES, "activity type"))]
Classification = Annotated[
    str,
    BeforeValidator(lambda v: v.strip().lower() if isinstance(v, str) else v),
    AfterValidator(_one_of(vocab.CLASSIFICATIONS, "classification")),
]
Tlp = Annotated[
    str,
    BeforeValidator(lambda v: re.sub(r"^tlp:", "", v.strip().lower()) if isinstance(v, str) else v),
    AfterValidator(_one_of(vocab.TLP_LABELS, "TLP label")),
]
GradingSystemId = Annotated[str, AfterValidator(_one_of(tuple(vocab.GRADING_SYSTEMS), "grading system"))]
Countries = Annotated[tuple[Country, ...], AfterValidator(_unique("country"))]


def _weight(value: object) -> float:
    number = _number(value)
    if number <= 0:
        raise ValueError(f"weight must be greater than 0, got {value!s}")
    return number


def _value_eur(value: object) -> float:
    number = _number(value)
    if not 0 <= number <= MAX_VALUE_EUR:
        raise ValueError(f"value must be between 0 and {MAX_VALUE_EUR:.0f} euros, got {value!s}")
    return number


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


# -- project.yaml -------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


#: Text in project.yaml must be written as text: YAML numbers, dates or
#: ``!!binary`` values are refused rather than silently converted.
YamlName = Annotated[str, Strict(), Field(min_length=1), AfterValidator(_text)]
YamlText = Annotated[str, Strict(), AfterValidator(_text)]


class Localized(_Strict):
    """A text in the working languages; English is required."""

    en: YamlName
    fr: YamlText | None = None
    es: YamlText | None = None
    ar: YamlText | None = None

    def get(self, lang: str) -> str | None:
        """The text in ``lang``, or ``None`` when that translation is missing."""
        return getattr(self, lang) or None


class Paragraph(Localized):
    """One narrative paragraph, optionally with its own marking."""

    classification: Classification | None = None
    release_to: Countries = ()


def _paragraphs(value: object) -> object:
    # A single paragraph may be written without the surrounding list.
    return [value] if isinstance(value, dict) else value


Paragraphs = Annotated[tuple[Paragraph, ...], BeforeValidator(_paragraphs)]

EvidenceRef = Annotated[str, Strict(), AfterValidator(_evidence_ref)]
Likelihood = Annotated[str, Strict(), AfterValidator(_one_of(vocab.LIKELIHOODS, "likelihood"))]
Confidence = Annotated[str, Strict(), AfterValidator(_one_of(vocab.CONFIDENCE_LEVELS, "confidence"))]


class Judgement(Paragraph):
    """A key judgement: a paragraph with a likelihood, a confidence and its evidence.

    ``likelihood`` is a term of the PHIA yardstick (:data:`vocab.LIKELIHOODS`),
    ``confidence`` one of :data:`vocab.CONFIDENCE_LEVELS`; ``evidence`` cites
    entity, link and activity ids (a link without an id as ``SOURCE>TARGET``),
    which must exist in the project (checked by the loader, which knows the
    records). ``outlook`` marks a forward-looking judgement (next period).
    """

    likelihood: Likelihood | None = None
    confidence: Confidence | None = None
    evidence: Annotated[tuple[EvidenceRef, ...], AfterValidator(_unique("evidence id"))] = ()
    outlook: Annotated[bool, Strict()] = False
    #: Countries the judgement speaks of beyond those of its evidence (matched against the gaps').
    countries: Countries = ()


Judgements = Annotated[tuple[Judgement, ...], BeforeValidator(_paragraphs)]


class AnalystGap(Paragraph):
    """An intelligence gap the analysts identified: what is not known, and how to close it.

    The paragraph says what is not known. ``why`` says why it matters,
    ``requirement`` is the collection requirement (what to find out),
    ``tasking`` whom to task (the collectors: bureaus, units, partners);
    each per language like the paragraph, each optional. ``countries`` and
    ``entities`` (entity ids, checked by the loader) name what the gap is
    about: a key judgement about the same country or entity is
    cross-referenced to the gap in the reports.
    """

    why: Localized | None = None
    requirement: Localized | None = None
    tasking: Localized | None = None
    countries: Countries = ()
    entities: Annotated[tuple[Identifier, ...], AfterValidator(_unique("entity id"))] = ()


AnalystGaps = Annotated[tuple[AnalystGap, ...], BeforeValidator(_paragraphs)]


class Narratives(_Strict):
    """The analysts' own words, per language."""

    #: Two to four sentences a director reads first (the bottom line up front): the analysis
    #: report's (the operational opportunity), and the strategy report's unless it has its own.
    bottom_line: Paragraphs = ()
    #: The strategy report's bottom line: the strategic threat (scale, trend, direction, what it
    #: means for the organisation). Without it the strategy report shows ``bottom_line``.
    strategy_bottom_line: Paragraphs = ()
    summary: Paragraphs = ()
    key_judgements: Judgements = ()
    recommendations: Paragraphs = ()
    intelligence_gaps: AnalystGaps = ()


#: The narrative sections of ``project.yaml``, in the order a report shows them.
NARRATIVE_SECTIONS = ("bottom_line", "strategy_bottom_line", "summary", "key_judgements", "recommendations",
                      "intelligence_gaps")


class Period(_Strict):
    """The reporting period, both days included."""

    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"period start {self.start} is after its end {self.end}")
        return self


class ProjectMeta(_Strict):
    """What ``project.yaml`` holds."""

    code_name: Annotated[str, Strict(), Field(min_length=1, max_length=200), AfterValidator(_text)]
    title: Localized
    organisation: Localized | None = None
    period: Period
    classification: Classification
    tlp: Tlp | None = None
    grading: GradingSystemId = vocab.DEFAULT_GRADING_SYSTEM
    narratives: Narratives = Narratives()
