"""Service functions shared by the CLI (and later the web app): parse, call the core, return values.

No logic of its own beyond wiring: reading text, merging answers and stated values, calling assess().
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from lumbar.intake.model import Findings, Profile, Sex, Values
from lumbar.intake.reader import read
from lumbar.intake.reading import Reading
from lumbar.knowledge.models import KnowledgeBase
from lumbar.triage.engine import assess
from lumbar.triage.model import Assessment

__all__ = ["CheckResult", "check", "read_text"]


@dataclass(frozen=True)
class CheckResult:
    assessment: Assessment
    reading: Reading | None  # None when there was no text
    findings: Findings = field(default_factory=Findings)  # what assess() was given: text merged with answers


# The reader's spaCy pipeline and its lazily compiled phrase patterns are shared; the web app may call in
# from several threads, so one reading at a time (it is CPU-bound, so threads gain nothing here anyway).
_READER_LOCK = threading.Lock()


def read_text(text: str, *, kb: KnowledgeBase, today: date | None = None) -> Reading:
    with _READER_LOCK:
        return read(text, kb=kb, today=today)


def _stated(values: Values, age: int | None, sex: Sex | None) -> Values:
    """Command-line --age/--sex win over what the text says."""
    if age is not None:
        values = replace(values, age=age)
    if sex is not None:
        values = replace(values, sex=sex)
    return values


def check(
    *,
    kb: KnowledgeBase,
    now: datetime,
    text: str | None = None,
    answers: Findings | None = None,
    age: int | None = None,
    sex: Sex | None = None,
    profile: Profile | None = None,
) -> CheckResult:
    """Assess what a person reported: text, answers, or both (answers win where both speak)."""
    reading = read_text(text, kb=kb, today=now.date()) if text is not None else None
    findings = reading.findings if reading is not None else Findings()
    if answers is not None:
        findings = findings.combined_with(answers)
    findings = Findings(findings.observations, _stated(findings.values, age, sex))
    return CheckResult(assess(findings, profile=profile, now=now, kb=kb), reading, findings)
