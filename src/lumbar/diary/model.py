"""Diary domain types: episodes and entries, frozen and validated at construction.

Pure: no storage, no clock. Storage (`lumbar.store`) maps rows into these types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from lumbar.intake.model import Status
from lumbar.knowledge.models import Urgency

__all__ = ["ANSWER_STATUSES", "AssessmentRecord", "DiaryError", "Entry", "Episode", "Treatment"]

# The statuses a stored red-flag answer may have: present, absent, uncertain.
ANSWER_STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
_FINDING_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")  # the knowledge base's id pattern


class DiaryError(ValueError):
    """A diary value that cannot be stored; the message says which and why."""


class Treatment(StrEnum):
    HEAT = "heat"
    ICE = "ice"
    NSAID = "nsaid"
    PARACETAMOL = "paracetamol"
    MUSCLE_RELAXANT = "muscle_relaxant"
    STRETCHING = "stretching"
    WALKING = "walking"
    MASSAGE = "massage"
    REST = "rest"
    OTHER = "other"

    @classmethod
    def parse(cls, raw: str) -> Treatment:
        try:
            return cls(raw.strip().lower().replace("-", "_").replace(" ", "_"))
        except ValueError:
            valid = ", ".join(t.value for t in cls)
            raise DiaryError(f"unknown treatment {raw!r}; choose from: {valid}") from None


def _score(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise DiaryError(f"{name} must be a whole number from 0 to 10, not {value!r}")


def _aware(name: str, value: datetime | None) -> None:
    if value is not None and value.tzinfo is None:
        raise DiaryError(f"{name} must carry a time zone")


@dataclass(frozen=True)
class AssessmentRecord:
    """A check attached to an episode (or an entry's re-triage): what triage said, and when.

    `answers` holds the red-flag findings the check settled, as (finding id, status) pairs with status
    present, absent or uncertain; kept in finding-id order, so equal answers make equal records. A finding
    the check did not settle is simply not there ("not asked", never "no")."""

    at: datetime
    urgency: Urgency
    red_flags: tuple[str, ...] = ()
    knowledge_version: str = ""
    reasons: tuple[str, ...] = ()
    answers: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        _aware("assessment time", self.at)
        seen: set[str] = set()
        for pair in self.answers:
            if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise DiaryError(f"an answer must be a (finding, status) pair, not {pair!r}")
            finding, status = pair
            if not _FINDING_ID.fullmatch(finding):
                raise DiaryError(f"{finding!r} is not a finding id (lower-case letters, digits and _)")
            if status not in ANSWER_STATUSES:
                valid = ", ".join(ANSWER_STATUSES)
                raise DiaryError(f"the answer for {finding!r} must be one of {valid}, not {status!r}")
            if finding in seen:
                raise DiaryError(f"{finding!r} is answered twice in one check")
            seen.add(finding)
        object.__setattr__(self, "answers", tuple(sorted(self.answers)))


@dataclass(frozen=True)
class Episode:
    id: str
    started_at: datetime
    trigger: str | None = None
    ended_at: datetime | None = None
    notes: str | None = None
    assessments: tuple[AssessmentRecord, ...] = ()

    def __post_init__(self) -> None:
        _aware("episode start", self.started_at)
        _aware("episode end", self.ended_at)
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise DiaryError("an episode cannot end before it starts")


@dataclass(frozen=True)
class Entry:
    """One diary record. Every field but the time and episode is optional: partial entries are fine."""

    id: str
    episode_id: str
    at: datetime
    pain: int | None = None
    interference_activity: int | None = None
    interference_enjoyment: int | None = None
    interference_sleep: int | None = None
    location: str | None = None
    spasm: bool | None = None
    radiating: bool | None = None
    tried: frozenset[Treatment] = frozenset()
    helped: frozenset[Treatment] = frozenset()
    water_litres: float | None = None
    sitting_hours: float | None = None
    exercise_minutes: int | None = None
    notes: str | None = None
    urgency: Urgency | None = None  # set by re-triage of the notes
    red_flags: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        _aware("entry time", self.at)
        for name in ("pain", "interference_activity", "interference_enjoyment", "interference_sleep"):
            _score(name.replace("_", " "), getattr(self, name))
        if not self.helped <= self.tried:
            raise DiaryError("'helped' may only name treatments that were tried")
        if self.water_litres is not None and not 0 <= self.water_litres <= 20:
            raise DiaryError(f"water must be between 0 and 20 litres, not {self.water_litres}")
        if self.sitting_hours is not None and not 0 <= self.sitting_hours <= 24:
            raise DiaryError(f"hours sitting must be between 0 and 24, not {self.sitting_hours}")
        if self.exercise_minutes is not None and not 0 <= self.exercise_minutes <= 1440:
            raise DiaryError(f"exercise must be between 0 and 1440 minutes, not {self.exercise_minutes}")
