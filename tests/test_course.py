"""The course over time: 72 hours of self-care without improvement, and 6 weeks, called out through triage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lumbar.diary.course import course_findings, course_summary, episode_safety_net
from lumbar.diary.model import Entry, Episode, Treatment
from lumbar.intake.model import Profile, Status
from lumbar.knowledge import KnowledgeBase
from lumbar.knowledge.models import Urgency
from lumbar.triage import assess

T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)
HEAT = frozenset({Treatment.HEAT})


def diary(pains: list[int], *, every_hours: float = 12, tried: frozenset[Treatment] = HEAT) -> list[Entry]:
    return [
        Entry(f"e{i}", "ep", T0 + timedelta(hours=every_hours * i), pain=p, tried=tried) for i, p in enumerate(pains)
    ]


EPISODE = Episode("ep", T0)


def fired(assessment: object) -> set[str]:
    return {r.id for r in getattr(assessment, "red_flags", ())}


def test_72_hours_without_improvement_fires_the_routine_rule(kb: KnowledgeBase) -> None:
    entries = diary([7, 7, 7, 7, 7, 7, 7, 7])  # 0 to 84 hours, heat throughout
    now = T0 + timedelta(hours=85)
    findings = course_findings(EPISODE, entries, now=now)
    assert findings.status("no_improvement") is Status.PRESENT
    assert findings.status("improving") is Status.ABSENT
    assessment = episode_safety_net(EPISODE, entries, profile=None, now=now, kb=kb)
    assert assessment is not None
    assert "rf_no_improvement" in fired(assessment)
    assert assessment.urgency is Urgency.ROUTINE
    assert "rf_no_improvement" in assessment.urgency_reasons


def test_improving_does_not_fire(kb: KnowledgeBase) -> None:
    entries = diary([7, 7, 6, 5, 4, 4, 3, 3])
    now = T0 + timedelta(hours=85)
    findings = course_findings(EPISODE, entries, now=now)
    assert findings.status("no_improvement") is Status.ABSENT
    assert findings.status("improving") is Status.PRESENT
    assert findings.values.course == "better"
    assert episode_safety_net(EPISODE, entries, profile=None, now=now, kb=kb) is None


def test_before_72_hours_of_self_care_there_is_no_verdict(kb: KnowledgeBase) -> None:
    entries = diary([7, 7, 7, 7, 7, 7])  # up to 60 hours
    now = T0 + timedelta(hours=71)
    assert course_findings(EPISODE, entries, now=now).status("no_improvement") is None
    assert episode_safety_net(EPISODE, entries, profile=None, now=now, kb=kb) is None


def test_self_care_starts_with_the_first_treatment_logged() -> None:
    untreated = [Entry(f"u{i}", "ep", T0 + timedelta(hours=12 * i), pain=7) for i in range(4)]  # 0-36 h
    treated = [Entry(f"t{i}", "ep", T0 + timedelta(hours=48 + 12 * i), pain=7, tried=HEAT) for i in range(4)]
    now = T0 + timedelta(hours=90)  # 90 h into the episode, 42 h into self-care
    summary = course_summary(EPISODE, untreated + treated, now=now)
    assert summary.self_care_started_at == T0 + timedelta(hours=48)
    assert not summary.checked
    assert course_findings(EPISODE, untreated + treated, now=now).status("no_improvement") is None
    later = T0 + timedelta(hours=48 + 73)
    more = [*untreated, *treated, Entry("t9", "ep", later - timedelta(hours=1), pain=7, tried=HEAT)]
    assert course_findings(EPISODE, more, now=later).status("no_improvement") is Status.PRESENT


def test_with_no_treatment_logged_self_care_counts_from_the_episode_start() -> None:
    entries = diary([7, 7, 7, 7, 7, 7, 7, 7], tried=frozenset())
    summary = course_summary(EPISODE, entries, now=T0 + timedelta(hours=85))
    assert summary.self_care_started_at == T0
    assert summary.checked


@pytest.mark.parametrize(
    ("first", "latest", "course"),
    [
        (8, 7, "same"),  # 1 point but 12.5%: not enough (needs 1.6)
        (8, 6, "better"),  # 2 points, 25%
        (2, 1, "better"),  # 1 point, 50%
        (3, 2.5, "same"),  # 17% and half a point
        (4, 5, "worse"),
        (8, 9, "same"),  # 12.5% worse: within the noise
    ],
)
def test_what_counts_as_a_change(first: int, latest: float, course: str) -> None:
    # two entries on the first day, then latest-day entries whose mean is `latest`
    low, high = int(latest), int(latest + 0.5)
    entries = [
        Entry("a", "ep", T0, pain=first, tried=HEAT),
        Entry("b", "ep", T0 + timedelta(hours=6), pain=first),
        Entry("c", "ep", T0 + timedelta(hours=80), pain=low),
        Entry("d", "ep", T0 + timedelta(hours=84), pain=high),
    ]
    summary = course_summary(EPISODE, entries, now=T0 + timedelta(hours=85))
    assert summary.first_day_pain == first
    assert summary.latest_pain == pytest.approx((low + high) / 2)
    assert summary.course == course


def test_worsening_after_3_days_fires_even_without_the_72_hour_check(kb: KnowledgeBase) -> None:
    # the last entry is only 40 h into self-care (which starts at 36 h), so no_improvement is not judged
    entries = [
        Entry("a", "ep", T0, pain=4),
        Entry("b", "ep", T0 + timedelta(hours=36), pain=5, tried=HEAT),
        Entry("c", "ep", T0 + timedelta(hours=76), pain=7),
    ]
    now = T0 + timedelta(hours=77)
    findings = course_findings(EPISODE, entries, now=now)
    assert findings.status("no_improvement") is None
    assert findings.status("worsening") is Status.PRESENT
    assessment = episode_safety_net(EPISODE, entries, profile=None, now=now, kb=kb)
    assert assessment is not None and "rf_no_improvement" in fired(assessment)


def test_seven_weeks_fires_the_6_week_rule_even_when_improving(kb: KnowledgeBase) -> None:
    entries = diary([7, 6, 5, 4, 3, 2, 2, 2], every_hours=24 * 7)  # weekly, 0-49 days
    now = T0 + timedelta(days=49, hours=1)
    findings = course_findings(EPISODE, entries, now=now)
    assert findings.values.duration_days == pytest.approx(49 + 1 / 24, abs=0.01)
    assessment = episode_safety_net(EPISODE, entries, profile=None, now=now, kb=kb)
    assert assessment is not None
    assert "rf_persistent_6_weeks" in fired(assessment)
    assert "rf_no_improvement" not in fired(assessment)
    assert assessment.urgency is Urgency.ROUTINE


def test_just_under_6_weeks_is_not_yet_persistent(kb: KnowledgeBase) -> None:
    entries = diary([7, 6, 5, 4, 3, 2, 1], every_hours=24 * 7)
    assert episode_safety_net(EPISODE, entries, profile=None, now=T0 + timedelta(days=41, hours=23), kb=kb) is None


def test_a_month_of_pain_alone_is_no_call_out(kb: KnowledgeBase) -> None:
    """The weak month-or-more flag fires, but alone it changes nothing, so the diary stays quiet."""
    entries = diary([7, 6, 5, 4, 3], every_hours=24 * 7)
    now = T0 + timedelta(days=30)
    findings = course_findings(EPISODE, entries, now=now)
    assert "rf_month_or_more" in fired(assess(findings, profile=None, now=now, kb=kb))
    assert episode_safety_net(EPISODE, entries, profile=None, now=now, kb=kb) is None


def test_a_month_of_pain_over_50_calls_for_a_doctor(kb: KnowledgeBase) -> None:
    """Beside the profile's age over 50, the month flag makes two weak flags: routine."""
    entries = diary([7, 6, 5, 4, 3], every_hours=24 * 7)
    now = T0 + timedelta(days=30)
    assessment = episode_safety_net(EPISODE, entries, profile=Profile(age=62), now=now, kb=kb)
    assert assessment is not None
    assert {"rf_month_or_more", "rf_age_over_50"} <= fired(assessment)
    assert assessment.urgency is Urgency.ROUTINE
    assert episode_safety_net(EPISODE, entries, profile=Profile(age=62), now=T0 + timedelta(days=20), kb=kb) is None


def test_at_6_weeks_it_has_not_settled_within_6_weeks(kb: KnowledgeBase) -> None:
    entries = diary([7, 6, 5, 4, 3, 2, 1], every_hours=24 * 7)
    assessment = episode_safety_net(EPISODE, entries, profile=None, now=T0 + timedelta(days=42), kb=kb)
    assert assessment is not None and "rf_persistent_6_weeks" in fired(assessment)


def test_an_ended_episode_gets_no_call_out(kb: KnowledgeBase) -> None:
    ended = Episode("ep", T0, ended_at=T0 + timedelta(days=60))
    entries = diary([7, 7, 7, 7, 7, 7, 7, 7])
    assert episode_safety_net(ended, entries, profile=None, now=T0 + timedelta(days=90), kb=kb) is None


def test_other_episodes_and_future_entries_are_ignored() -> None:
    now = T0 + timedelta(hours=85)
    entries = [
        *diary([7, 7, 7, 7, 7, 7, 7, 7]),
        Entry("x", "other", T0 + timedelta(hours=80), pain=0),
        Entry("f", "ep", now + timedelta(hours=1), pain=0),
    ]
    summary = course_summary(EPISODE, entries, now=now)
    assert summary.latest_pain == 7
    assert course_findings(EPISODE, entries, now=now).status("no_improvement") is Status.PRESENT


def test_no_pain_scores_give_only_the_duration() -> None:
    entries = [Entry("a", "ep", T0 + timedelta(hours=1), tried=HEAT)]
    findings = course_findings(EPISODE, entries, now=T0 + timedelta(days=10))
    assert dict(findings.observations) == {}
    assert findings.values.duration_days == pytest.approx(10)
