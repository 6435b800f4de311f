"""The course of an episode over time, as findings, and the safety net it triggers through triage.

Pure: the clock, the profile and the knowledge base come in as arguments. This module never decides
urgency: it turns the diary into course findings (`no_improvement`, `worsening`, `improving`, and
`duration_days`) and lets `lumbar.triage.assess` fire the rules (`rf_no_improvement`,
`rf_persistent_6_weeks`) that carry the urgency, the reason and the sources.

Our operationalisation of seed 003 ("if you do not feel improvement after the first 48-72 hours with
the initially provided solutions, contact your healthcare provider"); the seed gives no definition of
improvement, so these choices are ours:

- Self-care starts at the first entry of the episode that records a treatment tried. When no entry
  records one, it starts at the episode start: someone managing an episode at home is on self-care
  even if the diary does not say with what (the safer reading: it can only bring a call-out forward).
- The check is made once self-care has gone on for 72 hours (the upper end of seed 003's 48-72 h).
- The first day's pain is the mean of the pain entries in the 24 hours from the episode's first pain
  entry; the latest pain is the mean of the pain entries in the 24 hours up to the latest one, which
  must itself be at least 48 hours into self-care and later than the first day.
- Improved means the latest pain is lower than the first day's by at least 1 point on the 0-10 scale
  and by at least 20% of the first day's figure (both, so small wobbles do not count as improvement;
  the stricter reading only brings a routine call-out forward).
- Worsening is the mirror image: higher by at least 1 point and 20%.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lumbar.diary.model import Entry, Episode
from lumbar.intake.model import Course, Findings, Observation, Profile, Status, Values
from lumbar.knowledge.models import KnowledgeBase, Urgency
from lumbar.triage import Assessment, assess

__all__ = ["CourseSummary", "course_findings", "course_summary", "episode_safety_net"]

# Seed 003: "no improvement after the first 48-72 hours" of self-care; we check at the upper end.
SELF_CARE_CHECK = timedelta(hours=72)
# The latest pain must come from at least 48 h into self-care (the lower end of seed 003's window).
LATEST_NOT_BEFORE = timedelta(hours=48)
DAY = timedelta(hours=24)
# What counts as a change (our operationalisation, see the module docstring): both must hold.
MIN_CHANGE_POINTS = 1.0
MIN_CHANGE_FRACTION = 0.2

_COURSE_FINDINGS = frozenset({"no_improvement", "worsening", "improving", "value:duration_days"})


@dataclass(frozen=True)
class CourseSummary:
    """What the diary says about an episode's course; None where the diary cannot say yet."""

    duration_days: float
    self_care_started_at: datetime
    self_care_hours: float
    first_day_pain: float | None
    latest_pain: float | None
    course: Course | None  # better, worse or same; None without two comparable days
    checked: bool  # the 72-hour check could be made


def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values)


def _episode_entries(episode: Episode, entries: Iterable[Entry], now: datetime) -> list[Entry]:
    end = min(now, episode.ended_at) if episode.ended_at is not None else now
    own = [e for e in entries if e.episode_id == episode.id and e.at <= end]
    return sorted(own, key=lambda e: e.at)


def _change(before: float, after: float) -> Course:
    threshold = max(MIN_CHANGE_POINTS, MIN_CHANGE_FRACTION * before)
    if before - after >= threshold:
        return "better"
    if after - before >= threshold:
        return "worse"
    return "same"


def course_summary(episode: Episode, entries: Iterable[Entry], *, now: datetime) -> CourseSummary:
    """The episode's duration, self-care time, first-day and latest pain, and their comparison."""
    end = min(now, episode.ended_at) if episode.ended_at is not None else now
    duration = max(0.0, (end - episode.started_at).total_seconds() / 86400)
    own = _episode_entries(episode, entries, now)
    treated = [e.at for e in own if e.tried]
    self_care_start = treated[0] if treated else episode.started_at
    self_care_hours = max(0.0, (end - self_care_start).total_seconds() / 3600)
    pained = [(e.at, e.pain) for e in own if e.pain is not None]
    if not pained:
        return CourseSummary(duration, self_care_start, self_care_hours, None, None, None, False)
    first_at, last_at = pained[0][0], pained[-1][0]
    first_day = [p for at, p in pained if at < first_at + DAY]
    latest = [p for at, p in pained if at > last_at - DAY and at >= first_at + DAY]
    first_mean = _mean(first_day)
    if not latest:
        return CourseSummary(duration, self_care_start, self_care_hours, first_mean, None, None, False)
    latest_mean = _mean(latest)
    course = _change(first_mean, latest_mean)
    checked = end - self_care_start >= SELF_CARE_CHECK and last_at >= self_care_start + LATEST_NOT_BEFORE
    return CourseSummary(duration, self_care_start, self_care_hours, first_mean, latest_mean, course, checked)


def _observation(finding: str, present: bool, evidence: str) -> Observation:
    # origin "answer": these come from what the person logged, not from free text or the profile.
    return Observation(finding, Status.PRESENT if present else Status.ABSENT, evidence=evidence, origin="answer")


def course_findings(episode: Episode, entries: Iterable[Entry], *, now: datetime) -> Findings:
    """The episode's course as findings for triage: duration, and what the pain diary shows."""
    summary = course_summary(episode, entries, now=now)
    observations: list[Observation] = []
    if summary.course is not None and summary.first_day_pain is not None and summary.latest_pain is not None:
        words = f"pain {summary.first_day_pain:.1f}/10 on the first day, {summary.latest_pain:.1f}/10 lately"
        observations.append(_observation("worsening", summary.course == "worse", words))
        observations.append(_observation("improving", summary.course == "better", words))
        if summary.checked:
            hours = f"{words}, after {summary.self_care_hours:.0f} hours of self-care"
            observations.append(_observation("no_improvement", summary.course != "better", hours))
    values = Values(duration_days=round(summary.duration_days, 2), course=summary.course)
    return Findings.of(observations, values)


def episode_safety_net(
    episode: Episode,
    entries: Iterable[Entry],
    *,
    profile: Profile | None,
    now: datetime,
    kb: KnowledgeBase,
) -> Assessment | None:
    """The triage assessment of the episode's course when a course rule fires, else None.

    An episode that has ended has settled: it gets no call-out. Urgency and reasons come from the
    rules through `assess`, never from here.
    """
    if episode.ended_at is not None and episode.ended_at <= now:
        return None
    findings = course_findings(episode, entries, now=now)
    assessment = assess(findings, profile=profile, now=now, kb=kb)
    course_rules = [rule for rule in assessment.red_flags if _COURSE_FINDINGS.intersection(rule.findings)]
    if not course_rules:
        return None
    if assessment.urgency is Urgency.SELF_CARE and all(rule.urgency is Urgency.SELF_CARE for rule in course_rules):
        return None  # a weak course flag alone (a month of pain) counts only beside other flags
    return assessment
