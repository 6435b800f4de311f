"""Insights and the course never raise, for any diary (Hypothesis), and their numbers stay coherent."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumbar.diary.course import course_findings, episode_safety_net
from lumbar.diary.insights import MIN_PER_SIDE, Comparison, compute_insights
from lumbar.diary.model import Entry, Episode, Treatment
from lumbar.knowledge import default_kb
from lumbar.report import format_insights, insights_to_dict

KB = default_kb()
NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
EPISODE_IDS = ["a", "b", "c"]

zones = st.sampled_from([UTC, timezone(timedelta(hours=-8)), timezone(timedelta(hours=5, minutes=30))])
times = st.builds(
    lambda minutes, tz: (NOW - timedelta(minutes=minutes)).astimezone(tz),
    st.integers(-3 * 24 * 60, 3 * 365 * 24 * 60),  # a little in the future, up to three years back
    zones,
)
scores = st.none() | st.integers(0, 10)
treatments = st.frozensets(st.sampled_from(list(Treatment)), max_size=3)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    tried = draw(treatments)
    return Entry(
        id=draw(st.text("abcdef0123", min_size=1, max_size=4)),  # duplicates allowed: insights must cope
        episode_id=draw(st.sampled_from([*EPISODE_IDS, "unknown"])),
        at=draw(times),
        pain=draw(scores),
        interference_activity=draw(scores),
        tried=tried,
        helped=draw(st.frozensets(st.sampled_from(sorted(tried)), max_size=3)) if tried else frozenset(),
        water_litres=draw(st.none() | st.floats(0, 20)),
        sitting_hours=draw(st.none() | st.floats(0, 24)),
        exercise_minutes=draw(st.none() | st.integers(0, 1440)),
    )


@st.composite
def episodes(draw: st.DrawFn) -> list[Episode]:
    out = []
    for ep_id in draw(st.lists(st.sampled_from(EPISODE_IDS), unique=True, max_size=3)):
        start = draw(times)
        length = draw(st.none() | st.integers(0, 400))
        out.append(Episode(ep_id, start, ended_at=None if length is None else start + timedelta(days=length)))
    return out


def coherent(c: Comparison) -> bool:
    if c.with_n < MIN_PER_SIDE or c.without_n < MIN_PER_SIDE:
        return c.difference is None and c.low is None and c.high is None
    assert c.difference is not None and c.low is not None and c.high is not None
    return c.low - 1e-9 <= c.difference <= c.high + 1e-9


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(episodes(), st.lists(entries(), max_size=80), st.none() | zones)
def test_insights_never_raise_and_stay_coherent(eps: list[Episode], ents: list[Entry], tz: timezone | None) -> None:
    ins = compute_insights(eps, ents, now=NOW, tz=tz)
    assert ins.entries == sum(1 for e in ents if e.at <= NOW)
    assert all(0 <= d.mean <= 10 for d in ins.trend.daily)
    assert all(coherent(c) for c in ins.triggers)
    assert all(coherent(r.change) for r in ins.treatments)
    assert all(r.helped <= r.tried for r in ins.treatments)
    assert all(s.days >= 0 for s in ins.flares.episodes)
    json.dumps(insights_to_dict(ins), allow_nan=False)
    assert format_insights(ins)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(episodes(), st.lists(entries(), max_size=40))
def test_course_never_raises(eps: list[Episode], ents: list[Entry]) -> None:
    for ep in eps:
        findings = course_findings(ep, ents, now=NOW)
        assert findings.values.duration_days is not None and findings.values.duration_days >= 0
        net = episode_safety_net(ep, ents, profile=None, now=NOW, kb=KB)
        if net is not None:
            assert net.red_flags
            assert ep.ended_at is None or ep.ended_at > NOW
