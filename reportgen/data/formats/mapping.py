"""The user's mapping file, and the default mappings of source words to the contract's vocabularies.

A mapping file (``--mapping FILE``, YAML) may hold, all optional:

``columns``
    source column or attribute name → contract column (``"Full Name": name``);
``entity_types``, ``roles``, ``statuses``, ``link_types``, ``activity_types``, ``evidence``, ``countries``
    source value → contract value (``Individual: person``, ``France: FR``); a
    value mapped to ``null`` is dropped;
``defaults``
    ``entity_type``, ``link_type``, ``activity_type``, ``date``, ``classification``:
    what a record gets when the source says nothing;
``date_format``
    a ``strptime`` format for the source's dates (``"%d/%m/%Y"``), besides ISO 8601;
``grading``
    the grading system of the source's gradings (``admiralty``);
and one section per format (``i2``, ``matrix``, ``edgelist``), described in
its module. The mapping file always wins over the built-in mappings below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from ...errors import DataError, Problem
from .. import vocab
from ..fields import country_codes

#: Built-in synonyms of the contract's words, by vocabulary (lower case, ``_`` for spaces).
SYNONYMS: dict[str, dict[str, str]] = {
    "entity_types": {
        "individual": "person", "people": "person", "human": "person", "man": "person", "woman": "person",
        "organization": "organisation", "group": "organisation", "gang": "organisation",
        "company": "business", "legal_entity": "business", "legalentity": "business", "firm": "business",
        "address": "location", "place": "location", "country": "location", "city": "location",
        "car": "vehicle", "boat": "vessel", "ship": "vessel",
        "telephone": "phone", "mobile": "phone", "mobile_phone": "phone", "cell_phone": "phone",
        "email_address": "email", "e-mail": "email", "bank_account": "account",
    },
    "link_types": {
        "associate_of": "associate", "association": "associate", "knows": "associate", "friend": "associate",
        "hang_out": "associate", "kin": "family", "relative": "family", "co-offending": "co_offending",
        "cooffending": "co_offending", "co_offend": "co_offending", "payment": "financial",
        "transaction": "financial", "money": "financial", "call": "communication", "phone_call": "communication",
        "owns": "ownership", "owner": "ownership", "director": "employment", "employee": "employment",
        "works_for": "employment",
    },
}

#: The contract's vocabulary of each mapping section.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "entity_types": vocab.ENTITY_TYPES,
    "roles": vocab.ROLES,
    "statuses": vocab.STATUSES,
    "link_types": vocab.LINK_TYPES,
    "activity_types": vocab.ACTIVITY_TYPES,
    "evidence": vocab.EVIDENCE_TYPES,
    "classifications": vocab.CLASSIFICATIONS,
}

#: Keys a mapping file may hold at its top level.
MAPPING_KEYS = frozenset({*VOCABULARIES, "countries", "columns", "defaults", "date_format", "grading",
                          "i2", "matrix", "edgelist", "graph"})


def load_mapping(path: Path | None) -> dict[str, Any]:
    """The parsed mapping file (``{}`` without one); a located :class:`DataError` when it is not usable."""
    if path is None:
        return {}
    shown = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(shown, None, None, f"unreadable mapping file: {error}")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise DataError([Problem(shown, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                                 f"invalid YAML: {error.problem}")]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(shown, None, None, f"invalid YAML: {error}")]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError([Problem(shown, 1, 1, "a mapping file is a mapping of sections (columns, entity_types, …)")])
    unknown = sorted(str(key) for key in data if key not in MAPPING_KEYS)
    if unknown:
        raise DataError([Problem(shown, None, None, f"unknown section {key!r} (allowed: "
                                 f"{', '.join(sorted(MAPPING_KEYS))})") for key in unknown])
    for key, value in data.items():
        if key not in ("date_format", "grading") and not isinstance(value, dict):
            raise DataError([Problem(shown, None, None, f"{key}: expected a mapping of source → reportgen")])
    return data


def normalise(word: str) -> str:
    """A source word in the contract's spelling: lower case, ``_`` for spaces."""
    return re.sub(r"[\s/]+", "_", word.strip().lower())


def map_word(mapping: Mapping[str, Any], section: str, word: str) -> str | None:
    """The contract word for a source word of ``section`` (``None``: no mapping).

    The user's mapping first (exact, then case-insensitive), then the contract
    word itself, then the built-in synonyms.
    """
    user = mapping.get(section) or {}
    if word in user:
        return None if user[word] is None else str(user[word])
    folded = {str(key).lower(): value for key, value in user.items()}
    if word.strip().lower() in folded:
        value = folded[word.strip().lower()]
        return None if value is None else str(value)
    key = normalise(word)
    if key in VOCABULARIES[section]:
        return key
    return SYNONYMS.get(section, {}).get(key)


def map_country(mapping: Mapping[str, Any], word: str) -> str | None:
    """An ISO 3166-1 alpha-2 code for a code or an English country name (``None``: unknown)."""
    user = mapping.get("countries") or {}
    if word in user:
        return None if user[word] is None else str(user[word]).upper()
    code = word.strip().upper()
    if code in country_codes():
        return code
    return _country_names().get(word.strip().lower())


@cache
def _country_names() -> dict[str, str]:
    territories = Locale("en").territories
    return {str(name).lower(): code for code, name in territories.items() if code in country_codes()}


def map_date(mapping: Mapping[str, Any], text: str) -> str | None:
    """``YYYY-MM-DD`` for an ISO date or date-time, or one in ``date_format`` (``None``: unreadable)."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    form = mapping.get("date_format")
    if isinstance(form, str):
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            return None
    return None


def default(mapping: Mapping[str, Any], key: str, fallback: str | None = None) -> str | None:
    """A value of the mapping's ``defaults`` section, as text."""
    value = (mapping.get("defaults") or {}).get(key, fallback)
    if isinstance(value, date):
        return value.isoformat()
    return None if value is None else str(value)


def column_for(mapping: Mapping[str, Any], name: str, known: tuple[str, ...]) -> str | None:
    """The contract column a source column or attribute fills (``None``: none)."""
    user = mapping.get("columns") or {}
    if name in user:
        return None if user[name] is None else str(user[name])
    key = normalise(name)
    return key if key in known else None
