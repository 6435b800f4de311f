"""What a person reported, as values: findings with a status, the words behind them, and measured values.

Both the questionnaire (`answers.py`) and the free-text reader (`reader/`) produce these; `triage`
reads them. Frozen and validated at construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

Sex = Literal["female", "male"]
Side = Literal["left", "right", "both"]
Course = Literal["better", "worse", "progressive", "same"]
Origin = Literal["text", "answer", "profile"]


class Status(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    UNCERTAIN = "uncertain"


@dataclass(frozen=True)
class Observation:
    """One finding and what we know of it. `evidence` holds the person's own words, when any."""

    finding: str
    status: Status
    evidence: str | None = None
    origin: Origin = "answer"
    span: tuple[int, int] | None = None  # character offsets into the text, when read from text


@dataclass(frozen=True)
class Values:
    """Measured or stated values. None means not reported."""

    age: int | None = None
    sex: Sex | None = None
    pain_score: int | None = None
    temperature_c: float | None = None
    duration_days: float | None = None
    pregnancy_weeks: int | None = None
    side: Side | None = None
    course: Course | None = None

    def __post_init__(self) -> None:
        if self.age is not None and not 0 <= self.age <= 120:
            raise ValueError(f"age must be between 0 and 120, not {self.age}")
        if self.pain_score is not None and not 0 <= self.pain_score <= 10:
            raise ValueError(f"pain score must be between 0 and 10, not {self.pain_score}")
        if self.temperature_c is not None and not 30.0 <= self.temperature_c <= 45.0:
            raise ValueError(f"temperature must be between 30 and 45 C, not {self.temperature_c}")
        if self.duration_days is not None and self.duration_days < 0:
            raise ValueError("duration cannot be negative")
        if self.pregnancy_weeks is not None and not 0 <= self.pregnancy_weeks <= 45:
            raise ValueError(f"weeks of pregnancy must be between 0 and 45, not {self.pregnancy_weeks}")

    def number(self, name: str) -> float | None:
        """A numeric value by name, for rule value tests."""
        value = getattr(self, name, None)
        return float(value) if isinstance(value, int | float) else None

    def merged_over(self, base: Values) -> Values:
        """These values, falling back to `base` where these are not reported."""
        updates = {k: getattr(self, k) for k in self.__dataclass_fields__ if getattr(self, k) is not None}
        return replace(base, **updates)


@dataclass(frozen=True)
class Findings:
    """Everything known about the current episode: observations keyed by finding id, and values."""

    observations: Mapping[str, Observation] = field(default_factory=dict)
    values: Values = field(default_factory=Values)

    def __post_init__(self) -> None:
        for key, obs in self.observations.items():
            if key != obs.finding:
                raise ValueError(f"observation keyed {key!r} is for {obs.finding!r}")
        object.__setattr__(self, "observations", MappingProxyType(dict(self.observations)))

    @classmethod
    def of(cls, observations: Iterable[Observation] = (), values: Values | None = None) -> Findings:
        return cls({o.finding: o for o in observations}, values or Values())

    def status(self, finding: str) -> Status | None:
        obs = self.observations.get(finding)
        return obs.status if obs else None

    def is_present(self, finding: str) -> bool:
        return self.status(finding) is Status.PRESENT

    def present(self) -> frozenset[str]:
        return frozenset(k for k, o in self.observations.items() if o.status is Status.PRESENT)

    def with_observation(self, obs: Observation) -> Findings:
        return Findings({**self.observations, obs.finding: obs}, self.values)

    def without(self, finding: str) -> Findings:
        return Findings({k: o for k, o in self.observations.items() if k != finding}, self.values)

    def combined_with(self, other: Findings) -> Findings:
        """`other` wins where both know a finding, except that a present red flag is never dropped
        for an answer of uncertain."""
        merged = dict(self.observations)
        for key, obs in other.observations.items():
            mine = merged.get(key)
            if mine is not None and obs.status is Status.UNCERTAIN and mine.status is not Status.UNCERTAIN:
                continue
            merged[key] = obs
        return Findings(merged, other.values.merged_over(self.values))


@dataclass(frozen=True)
class Profile:
    """The person's standing facts that matter for safety. `facts` are finding ids (osteoporosis,
    steroid_use, cancer_history, anticoagulant_use, kidney_disease, stomach_ulcer, pregnancy,
    diabetes, multiple_sclerosis, ...)."""

    age: int | None = None
    sex: Sex | None = None
    facts: frozenset[str] = frozenset()

    def as_findings(self) -> Findings:
        observations = [Observation(f, Status.PRESENT, origin="profile") for f in sorted(self.facts)]
        return Findings.of(observations, Values(age=self.age, sex=self.sex))
