"""Controlled vocabularies of the data contract.

Everything here is an identifier, never display text: the words a reader
sees come from the locale catalogs, keyed by these identifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The organisation's working languages, in the order reports list them.
LANGUAGES = ("en", "fr", "es", "ar")

#: The language every narrative must have; others fall back to it.
DEFAULT_LANGUAGE = "en"

ENTITY_TYPES = (
    "person",
    "organisation",
    "business",
    "location",
    "vehicle",
    "vessel",
    "phone",
    "email",
    "account",
    "document",
)

ROLES = (
    "organiser",
    "financer",
    "recruiter",
    "distributor",
    "corrupt_official",
    "facilitator",
    "enforcer",
    "transporter",
    "money_launderer",
    "forger",
    "supplier",
)

STATUSES = (
    "active",
    "suspected",
    "wanted",
    "arrested",
    "convicted",
    "released",
    "deceased",
    "dissolved",
    "unknown",
)

#: Sex of a person (as on INTERPOL notices); an empty cell means unknown. Status words agree with it.
SEXES = ("female", "male")

#: Status of an entity whose ``status`` cell is empty.
DEFAULT_STATUS = "unknown"

LINK_TYPES = (
    "family",
    "ethnic",
    "geographic",
    "associate",
    "financial",
    "communication",
    "co_offending",
    "ownership",
    "employment",
    "travel",
)

EVIDENCE_TYPES = (
    "biometric",
    "image",
    "known_association",
    "financial_record",
    "communication_record",
    "travel_record",
    "surveillance",
    "seizure",
    "witness_statement",
    "document",
    "open_source",
    "human_source",
)

ACTIVITY_TYPES = (
    "trafficking_persons",
    "migrant_smuggling",
    "trafficking_drugs",
    "trafficking_goods",
    "trafficking_weapons",
    "armed_robbery",
    "counterfeiting",
    "money_laundering",
    "fraud",
    "corruption",
    "extortion",
)

#: Classification levels, lowest first.
CLASSIFICATIONS = ("public", "official_use", "restricted", "confidential")

#: Traffic Light Protocol 2.0 labels; shown untranslated, as TLP requires.
TLP_LABELS = ("clear", "green", "amber", "amber+strict", "red")

#: Weight of a link whose ``weight`` cell is empty.
DEFAULT_WEIGHT = 1.0

#: Earliest and latest dates accepted anywhere in the data.
MIN_YEAR, MAX_YEAR = 1900, 2100


def classification_rank(level: str) -> int:
    """Position of a classification level, 0 for ``public``."""
    return CLASSIFICATIONS.index(level)


@dataclass(frozen=True)
class GradingSystem:
    """A source-and-information grading scheme.

    A grade is written as the source-reliability code followed by the
    information-credibility code (``B2``; UK 3x5x2: ``2B``), optionally
    followed by a handling code where the system has one (``2BP``).
    Spaces, ``/`` and ``-`` between the codes are ignored.
    """

    id: str
    reliability: tuple[str, ...]
    credibility: tuple[str, ...]
    handling: tuple[str, ...] = ()

    def parse(self, text: str) -> Grading:
        """Parse a grade; raise ``ValueError`` naming the accepted form."""
        code = re.sub(r"[\s/\-]", "", text).upper()
        handling = ""
        if self.handling and len(code) == 3 and code[-1] in self.handling:
            code, handling = code[:-1], code[-1]
        if len(code) == 2 and code[0] in self.reliability and code[1] in self.credibility:
            return Grading(self.id, code[0], code[1], handling)
        raise ValueError(f"invalid grading {text!r} for the {self.id} system ({self.form})")

    @property
    def form(self) -> str:
        """How a grade of this system is written, for error messages."""
        text = (
            f"source reliability {'/'.join(self.reliability)}"
            f" then information credibility {'/'.join(self.credibility)}"
        )
        if self.handling:
            text += f", optionally a handling code {'/'.join(self.handling)}"
        return text + f", e.g. {self.reliability[1]}{self.credibility[1]}"


@dataclass(frozen=True, order=True)
class Grading:
    """A parsed grade: reliability and credibility codes of one system."""

    system: str
    reliability: str
    credibility: str
    handling: str = ""

    def __str__(self) -> str:
        return f"{self.reliability}{self.credibility}{self.handling}"


GRADING_SYSTEMS = {
    system.id: system
    for system in (
        # NATO / Admiralty code (STANAG 2511): A-F x 1-6, e.g. B2.
        GradingSystem("admiralty", tuple("ABCDEF"), tuple("123456")),
        # UK College of Policing 3x5x2: source 1-3, intelligence A-E, handling P/C, e.g. 1AP.
        GradingSystem("uk_3x5x2", tuple("123"), tuple("ABCDE"), handling=("P", "C")),
        # Europol 4x4: source A, B, C, X; information 1-4, e.g. B2.
        GradingSystem("europol_4x4", tuple("ABCX"), tuple("1234")),
    )
}

#: Grading system of a project that does not name one.
DEFAULT_GRADING_SYSTEM = "admiralty"


# -- judgements -------------------------------------------------------------------

#: The probability yardstick of key judgements: the UK Professional Head of
#: Intelligence Analysis (PHIA) yardstick, its terms in increasing likelihood.
PROBABILITY_YARDSTICK = "uk_phia"

#: Each PHIA term with its band of probability, in percent (lowest, highest).
#: The gaps between the bands are deliberate: no judgement sits between two terms.
LIKELIHOOD_BANDS: dict[str, tuple[int, int]] = {
    "remote_chance": (0, 5),
    "highly_unlikely": (10, 20),
    "unlikely": (25, 35),
    "realistic_possibility": (40, 50),
    "likely": (55, 75),
    "highly_likely": (80, 90),
    "almost_certain": (95, 100),
}

#: The likelihood terms of the yardstick, least likely first.
LIKELIHOODS = tuple(LIKELIHOOD_BANDS)

#: Analytic confidence levels, lowest first (how good the basis of a judgement is).
CONFIDENCE_LEVELS = ("low", "moderate", "high")


def confidence_rank(level: str) -> int:
    """Position of a confidence level, 0 for ``low``."""
    return CONFIDENCE_LEVELS.index(level)
