"""Typed, validated models of the knowledge base.

Every clinical statement carries `sources`: ids into `sources.yaml`. The loader checks that each id
resolves and that no claim is left without one (see `loader.py`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=2, max_length=64)]
SourceIds = Annotated[list[str], Field(min_length=1)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Urgency(StrEnum):
    """The four urgency levels of the `lumbar check` contract (DESIGN.md), lowest first."""

    SELF_CARE = "self_care"
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _URGENCY_ORDER.index(self)

    @classmethod
    def highest(cls, levels: list[Urgency]) -> Urgency:
        return max(levels, key=lambda u: u.rank, default=cls.SELF_CARE)


_URGENCY_ORDER = [Urgency.SELF_CARE, Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY]


class SourceKind(StrEnum):
    SEED = "seed"
    GUIDELINE = "guideline"
    PAPER = "paper"
    ESTIMATE = "estimate"  # the lumbar team's own estimate, where nothing is published


class Source(Frozen):
    id: Id
    kind: SourceKind
    title: str
    citation: str
    doi: str | None = None
    url: str | None = None
    file: str | None = None  # seed file name, for kind == seed

    @model_validator(mode="after")
    def _kind_has_locator(self) -> Source:
        if self.kind is SourceKind.SEED and not self.file:
            raise ValueError(f"seed source {self.id!r} needs its file name")
        if self.kind is SourceKind.PAPER and not (self.doi or self.url):
            raise ValueError(f"paper source {self.id!r} needs a DOI or URL")
        return self


class FindingKind(StrEnum):
    SYMPTOM = "symptom"
    SIGN = "sign"
    HISTORY = "history"
    TRIGGER = "trigger"
    COURSE = "course"


class Finding(Frozen):
    """Something a person can report: a symptom, sign, history item or trigger.

    `phrases` are lay and clinical phrasings the free-text reader matches (lower case; spaCy token
    patterns are built from them). `question` asks it in the questionnaire.
    """

    id: Id
    label: str
    kind: FindingKind
    question: str
    red_flag: bool = False  # read by a red-flag rule, so asked in the red-flag screen
    # A marker (which leg) is read beside the other findings in the same words ("R sciatica" is sciatica
    # and the right leg), instead of competing with them for the longest match.
    marker: bool = False
    # A history item that matters only when recent (an infection, a spinal procedure, an injury): said
    # with a date long past ("a kidney infection 4 years ago") it is no longer present, only asked.
    recent: bool = False
    phrases: list[str] = Field(default_factory=list)
    sources: SourceIds


class WordClass(Frozen):
    """Words of one kind for `combinations.yaml`: a place in the body (or a bodily function), a change
    in one, a place that names no finding (it only takes changes away from the others), words that
    look like either but are neither ("the bottom of my feet"), or a context that stops a combination
    (`Combination.unless`)."""

    id: Id
    role: Literal["place", "change", "other_place", "neither", "context"]
    phrases: list[str] = Field(min_length=1)


class Combination(Frozen):
    """A finding read from a place and a change said in one clause, at most `reach` words apart; not
    in a sentence that also has words of an `unless` class, and only in one that has words of each
    `only_with` class."""

    finding: Id
    place: list[Id] = Field(min_length=1)
    change: list[Id] = Field(min_length=1)
    reach: int = Field(default=8, ge=0, le=12)
    unless: list[Id] = Field(default_factory=list)
    only_with: list[Id] = Field(default_factory=list)

    def excludes(self, other: Combination) -> bool:
        """Can this and `other` never both apply to the same words (one needs a context the other
        is stopped by)?"""
        return bool(set(self.only_with) & set(other.unless) or set(other.only_with) & set(self.unless))


# --- rule expressions -------------------------------------------------------------------------
# Rules combine findings with `all`, `any` and `at_least`, and compare reported values. There is no
# `not`: every expression is monotone, so adding a present finding can never lower urgency.

ValueName = Literal["age", "duration_days", "temperature_c", "pain_score", "pregnancy_weeks"]


class ValueTest(Frozen):
    value: ValueName
    gte: float | None = None
    lte: float | None = None
    gt: float | None = None
    lt: float | None = None

    @model_validator(mode="after")
    def _has_bound(self) -> ValueTest:
        if all(b is None for b in (self.gte, self.lte, self.gt, self.lt)):
            raise ValueError(f"value test on {self.value} needs a bound")
        return self


class AllOf(Frozen):
    all: list[Expr] = Field(min_length=1)


class AnyOf(Frozen):
    any: list[Expr] = Field(min_length=1)


class AtLeast(Frozen):
    at_least: int = Field(ge=1)
    of: list[Expr] = Field(min_length=1)


Expr = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | ValueTest | AllOf | AnyOf | AtLeast
AllOf.model_rebuild()
AnyOf.model_rebuild()
AtLeast.model_rebuild()


class RuleCase(Frozen):
    """A named test case kept beside its rule, in the style of CertLogic's rule tests."""

    name: str
    present: list[Id] = Field(default_factory=list)
    absent: list[Id] = Field(default_factory=list)
    values: dict[ValueName, float] = Field(default_factory=dict)
    fires: bool


class RedFlagRule(Frozen):
    id: Id
    label: str
    urgency: Urgency
    when: Expr
    reason: str  # plain language, for the person
    action: str  # what to do, in plain language
    weak: bool = False  # IFOMPT: weak flags escalate only in combination
    suggests: list[Id] = Field(default_factory=list)  # condition ids this flag points to
    safety_net: str | None = None  # how to phrase it when unanswered or absent
    sources: SourceIds
    cases: list[RuleCase] = Field(min_length=2)


class WeakFlagEscalation(Frozen):
    """IFOMPT 2020: weak flags raise concern when they add up."""

    at_least: int = Field(ge=2)
    urgency: Urgency
    reason: str
    sources: SourceIds


class LikelihoodRatio(Frozen):
    finding: Id | None = None
    value_test: ValueTest | None = None
    lr_present: float = Field(gt=0)
    lr_absent: float = Field(default=1.0, gt=0)
    estimate: bool  # True when not taken from a published figure
    sources: SourceIds

    @model_validator(mode="after")
    def _one_target(self) -> LikelihoodRatio:
        if (self.finding is None) == (self.value_test is None):
            raise ValueError("a likelihood ratio needs exactly one of finding or value_test")
        return self

    @property
    def key(self) -> str:
        if self.finding is not None:
            return self.finding
        return self.value_test.value if self.value_test is not None else "?"


class Condition(Frozen):
    id: Id
    label: str
    summary: str
    prior: float = Field(gt=0, lt=1)
    prior_estimate: bool
    likelihood_ratios: list[LikelihoodRatio] = Field(default_factory=list)
    sources: SourceIds


class Factor(Frozen):
    id: Id
    label: str
    summary: str
    suggested_by: list[Id] = Field(min_length=1)  # finding ids
    prevention: list[Id] = Field(default_factory=list)  # care item ids
    sources: SourceIds


EvidenceGrade = Literal["high", "moderate", "low", "very_low", "expert_opinion", "not_supported"]


class CareKind(StrEnum):
    SELF_CARE = "self_care"
    MEDICATION = "medication"
    PREVENTION = "prevention"
    CLINICIAN = "clinician"  # treatments a clinician provides (physiotherapy, imaging...)
    NOT_RECOMMENDED = "not_recommended"


class CareItem(Frozen):
    id: Id
    kind: CareKind
    label: str
    advice: str  # in our own words
    evidence_grade: EvidenceGrade
    sources: SourceIds
    medication_class: Literal["nsaid", "paracetamol", "muscle_relaxant", "opioid"] | None = None
    seed_conflict: str | None = None  # where a seed says otherwise, the correction


class MedicationCaution(Frozen):
    id: Id
    medication_class: Literal["nsaid", "paracetamol", "muscle_relaxant", "opioid"]
    when: Expr  # over profile facts (findings) and values such as age
    severity: Literal["avoid", "caution"]
    advice: str
    sources: SourceIds


class SeedConflict(Frozen):
    id: Id
    seed: str  # source id of the seed
    claim: str
    correction: str
    sources: SourceIds


class Question(Frozen):
    """One question in the adaptive questionnaire. `finding` or `value` says what it sets."""

    id: Id
    text: str
    type: Literal["boolean", "integer", "number", "choice"]
    section: Literal["about_you", "red_flag_screen", "follow_up", "pattern", "triggers"]
    finding: Id | None = None
    value: ValueName | Literal["sex"] | None = None
    choices: list[str] = Field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None
    ask_if: Expr | None = None  # only asked when this holds (adaptive follow-ups)
    help: str | None = None

    @model_validator(mode="after")
    def _sets_something(self) -> Question:
        if (self.finding is None) == (self.value is None):
            raise ValueError(f"question {self.id!r} must set exactly one of finding or value")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"choice question {self.id!r} needs choices")
        return self


class KnowledgeBase(Frozen):
    version: str
    sources: dict[str, Source]
    findings: dict[str, Finding]
    word_classes: dict[str, WordClass] = Field(default_factory=dict)
    combinations: list[Combination] = Field(default_factory=list)
    rules: list[RedFlagRule]
    weak_flag_escalations: list[WeakFlagEscalation]
    conditions: dict[str, Condition]
    factors: dict[str, Factor]
    care: dict[str, CareItem]
    medication_cautions: list[MedicationCaution]
    seed_conflicts: list[SeedConflict]
    questions: list[Question]
