"""What ``project.yaml`` holds, validated (pydantic): title, period, marking and the narratives.

The loader (``load.py``) reads the YAML, hands it to :class:`ProjectMeta`
and maps every validation error back to a line and column of the file.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

from . import vocab
from .fields import (
    Classification,
    Countries,
    Day,
    GradingSystemId,
    Identifier,
    Tlp,
    _evidence_ref,
    _one_of,
    _text,
    _unique,
)


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
