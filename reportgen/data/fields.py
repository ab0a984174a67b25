"""The cells' field types: what one value of a record or of ``project.yaml`` may be.

Annotated types (identifiers, countries, days, vocabulary words, text) and
the validators behind them, shared by the record models (:mod:`.model`) and
the ``project.yaml`` models (:mod:`.meta`). Validators raise ``ValueError``
with a message written for an analyst.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Annotated, Any

from babel import Locale
from pydantic import AfterValidator, BeforeValidator, Field

from . import vocab

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
