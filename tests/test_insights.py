"""Insights on hand-made diaries with known answers, and 'not enough data yet' below the thresholds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from lumbar.diary.insights import MIN_PER_SIDE, compute_insights, t975, welch
from lumbar.diary.model import Entry, Episode, Treatment
from lumbar.report import format_insights, insights_to_dict

T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
DAY = timedelta(days=1)


def daily(pains: list[int], *, start: datetime = T0, episode: str = "ep", **fields: object) -> list[Entry]:
    return [Entry(f"{episode}-{i}", episode, start + i * DAY, pain=p, **fields) for i, p in enumerate(pains)]  # type: ignore[arg-type]


# --- statistics --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("df", "expected"), [(1, 12.706), (9, 2.262), (9.9, 2.262), (30, 2.042), (60, 2.000), (120, 1.980), (1e6, 1.960)]
)
def test_t_quantiles_match_the_table(df: float, expected: float) -> None:
    assert t975(df) == pytest.approx(expected, abs=0.001)


def test_welch_interval_worked_example() -> None:
    # 1..10 (mean 5.5, variance 9.1667) vs five 2s and five 3s (mean 2.5, variance 0.2778): by hand,
    # SE = sqrt(0.91667 + 0.02778) = 0.97183, Welch df = 9.545 -> t(9) = 2.262 (rounded down: wider).
    diff, low, high = welch([float(x) for x in range(1, 11)], [2.0] * 5 + [3.0] * 5)
    assert diff == pytest.approx(3.0)
    assert low == pytest.approx(3.0 - 2.262 * 0.97183, abs=1e-4)
    assert high == pytest.approx(3.0 + 2.262 * 0.97183, abs=1e-4)


# --- pain trend --------------------------------------------------------------------------------------


def test_trend_on_a_straight_line_is_exact() -> None:
    entries = daily([9, 9, 8, 7, 6, 5, 4])  # the last 5 days fall by exactly 1 a day... and the first 2 do not
    now = T0 + 6 * DAY + timedelta(hours=1)
    trend = compute_insights([], entries[2:], now=now).trend
    assert trend.days_in_window == 5
    assert trend.slope_per_day == pytest.approx(-1.0)
    assert trend.slope_low == pytest.approx(-1.0) and trend.slope_high == pytest.approx(-1.0)
    assert trend.direction == "improving"


def test_trend_uses_daily_means_of_the_last_7_days() -> None:
    old = daily([0, 10, 0, 10], start=T0 - 30 * DAY)  # outside the window: ignored
    # two entries a day: means 3, 4, 5, 6
    recent = [Entry(f"r{i}{k}", "ep", T0 + i * DAY + timedelta(hours=k), pain=p) for i in range(4) for k, p in
              enumerate((2 + i, 4 + i))]  # fmt: skip
    trend = compute_insights([], old + recent, now=T0 + 3 * DAY + timedelta(hours=5)).trend
    assert [d.mean for d in trend.daily[-4:]] == [3, 4, 5, 6]
    assert trend.days_in_window == 4
    assert trend.slope_per_day == pytest.approx(1.0)
    assert trend.direction == "worsening"


def test_trend_noisy_flat_is_no_clear_change() -> None:
    trend = compute_insights([], daily([5, 7, 4, 6, 5, 7, 4]), now=T0 + 6 * DAY).trend
    assert trend.slope_low is not None and trend.slope_high is not None
    assert trend.slope_low < 0 < trend.slope_high
    assert trend.direction == "no clear change"


def test_trend_needs_three_days() -> None:
    trend = compute_insights([], daily([5, 7]), now=T0 + 2 * DAY).trend
    assert trend.slope_per_day is None and trend.direction is None
    assert "not enough data yet" in format_insights(compute_insights([], daily([5, 7]), now=T0 + 2 * DAY))


def test_days_follow_the_given_time_zone() -> None:
    # 23:30 UTC is the next morning in UTC+2
    entries = [Entry("a", "ep", T0.replace(hour=23, minute=30), pain=4)]
    utc = compute_insights([], entries, now=T0 + 2 * DAY)
    plus2 = compute_insights([], entries, now=T0 + 2 * DAY, tz=timezone(timedelta(hours=2)))
    assert utc.trend.daily[0].day == T0.date()
    assert plus2.trend.daily[0].day == (T0 + DAY).date()


# --- episodes and flares -----------------------------------------------------------------------------


def test_episode_durations_against_six_weeks() -> None:
    episodes = [
        Episode("a", T0, ended_at=T0 + 10 * DAY),
        Episode("b", T0 + 100 * DAY, ended_at=T0 + 150 * DAY),
        Episode("c", T0 + 400 * DAY),  # ongoing
    ]
    now = T0 + 405 * DAY
    flares = compute_insights(episodes, [], now=now).flares
    assert [s.days for s in flares.episodes] == [10, 50, 5]
    assert [s.ongoing for s in flares.episodes] == [False, False, True]
    assert flares.median_days == 10
    assert (flares.within_six_weeks, flares.beyond_six_weeks) == (1, 1)
    assert flares.gaps_days == (100, 300)
    assert flares.median_gap_days == 200
    assert flares.per_year == pytest.approx(3 / (405 / 365.25))
    # a and b were each followed by another episode within 12 months; c's outcome is not known yet
    assert (flares.recurred_within_year, flares.followed_a_year) == (2, 2)
    later = compute_insights([Episode("a", T0), Episode("b", T0 + 500 * DAY)], [], now=T0 + 600 * DAY).flares
    assert (later.recurred_within_year, later.followed_a_year) == (0, 1)
    assert "menezes_costa_2012" in flares.sources


def test_flares_per_year_waits_for_a_year_of_diary() -> None:
    flares = compute_insights([Episode("a", T0), Episode("b", T0 + 40 * DAY)], [], now=T0 + 200 * DAY).flares
    assert flares.per_year is None
    assert "not enough data yet" in format_insights(compute_insights([Episode("a", T0)], [], now=T0 + DAY))


def test_episode_first_and_last_day_pain() -> None:
    entries = [*daily([8, 6, 4], episode="a"), Entry("late", "a", T0 + 2 * DAY + timedelta(hours=3), pain=2)]
    span = compute_insights([Episode("a", T0)], entries, now=T0 + 3 * DAY).flares.episodes[0]
    assert (span.first_day_pain, span.last_day_pain, span.entries) == (8, 3, 4)


# --- triggers ----------------------------------------------------------------------------------------


def sitting_diary(days: int) -> list[Entry]:
    """Sitting 8 h on even days, 2 h on odd days; pain 6 the day after a long-sitting day, else 3."""
    return [
        Entry(f"s{i}", "ep", T0 + i * DAY, pain=6 if i % 2 == 1 else 3, sitting_hours=8 if i % 2 == 0 else 2)
        for i in range(days)
    ]


def test_long_sitting_days_known_difference() -> None:
    trigger = compute_insights([], sitting_diary(25), now=T0 + 30 * DAY).triggers[0]
    assert trigger.id == "long_sitting"
    assert (trigger.with_n, trigger.without_n) == (12, 12)  # 24 day pairs with a next day
    assert (trigger.with_mean, trigger.without_mean) == (6, 3)
    assert trigger.difference == pytest.approx(3.0)
    assert trigger.low == pytest.approx(3.0) and trigger.high == pytest.approx(3.0)


def test_triggers_below_ten_days_a_side_say_not_enough_data() -> None:
    ins = compute_insights([], sitting_diary(2 * MIN_PER_SIDE - 1), now=T0 + 30 * DAY)
    trigger = ins.triggers[0]
    assert (trigger.with_n, trigger.without_n) == (MIN_PER_SIDE - 1, MIN_PER_SIDE - 1)
    assert trigger.difference is None and not trigger.enough
    assert trigger.with_mean == 6  # counts and means are still shown
    assert "long sitting: not enough data yet (9 days with, 9 without" in format_insights(ins)


def test_low_water_uses_the_days_largest_figure() -> None:
    # each day logs 1.0 L in the morning and 2.0 L by the evening: the day's figure is 2.0 (not low)
    entries = []
    for i in range(24):
        entries.append(Entry(f"m{i}", "ep", T0 + i * DAY, pain=5, water_litres=1.0))
        entries.append(Entry(f"e{i}", "ep", T0 + i * DAY + timedelta(hours=10), water_litres=2.0))
    water = compute_insights([], entries, now=T0 + 30 * DAY).triggers[1]
    assert water.id == "low_water"
    assert (water.with_n, water.without_n) == (0, 23)


# --- treatments --------------------------------------------------------------------------------------


def test_treatment_response_known_difference() -> None:
    # every 6 hours: pain 6 with heat, then 4 without; after heat pain falls by 2, otherwise rises by 2
    entries = [
        Entry(f"t{i}", "ep", T0 + timedelta(hours=6 * i), pain=6 if i % 2 == 0 else 4,
              tried=frozenset({Treatment.HEAT}) if i % 2 == 0 else frozenset(),
              helped=frozenset({Treatment.HEAT}) if i % 4 == 0 else frozenset())
        for i in range(25)
    ]  # fmt: skip
    ins = compute_insights([Episode("ep", T0)], entries, now=T0 + 10 * DAY)
    heat = next(r for r in ins.treatments if r.treatment is Treatment.HEAT)
    assert (heat.tried, heat.helped) == (13, 7)
    assert (heat.change.with_n, heat.change.without_n) == (12, 12)
    assert heat.change.difference == pytest.approx(-4.0)
    ice = next(r for r in ins.treatments if r.treatment is Treatment.ICE)
    assert ice.tried == 0 and ice.change.with_n == 0 and ice.change.difference is None


def test_treatment_response_only_within_24_hours_and_one_episode() -> None:
    far = [Entry(f"f{i}", "ep", T0 + 30 * i * timedelta(hours=1), pain=5, tried=frozenset({Treatment.ICE}))
           for i in range(30)]  # fmt: skip
    split = [Entry(f"s{i}", f"ep{i}", T0 + timedelta(hours=i), pain=5) for i in range(30)]
    ins = compute_insights([], far + split, now=T0 + 60 * DAY)
    assert all(r.change.with_n + r.change.without_n == 0 for r in ins.treatments)


# --- filters and output ------------------------------------------------------------------------------


def test_one_episode_and_nothing_after_now() -> None:
    entries = [*daily([5, 5, 5], episode="a"), *daily([9, 9], episode="b"), Entry("future", "a", T0 + 90 * DAY, pain=1)]
    episodes = [Episode("a", T0), Episode("b", T0)]
    ins = compute_insights(episodes, entries, now=T0 + 10 * DAY, episode_id="a")
    assert ins.entries == 3
    assert [s.id for s in ins.flares.episodes] == ["a"]


def test_json_is_plain_and_complete() -> None:
    ins = compute_insights([Episode("ep", T0)], sitting_diary(25), now=T0 + 30 * DAY)
    out = json.loads(json.dumps(insights_to_dict(ins), allow_nan=False))
    assert out["triggers"][0]["difference"] == 3.0 and out["triggers"][0]["enough"] is True
    assert out["triggers"][1]["difference"] is None and out["triggers"][1]["enough"] is False
    assert out["flares"]["episodes"][0]["started_at"] == T0.isoformat()
    assert out["treatments"][0]["treatment"] == "heat"
    assert out["min_per_side"] == MIN_PER_SIDE


def test_text_shows_counts_interval_and_caveat() -> None:
    text = format_insights(compute_insights([], sitting_diary(25), now=T0 + 30 * DAY))
    assert "long sitting: 6.0 vs 3.0: difference +3.0 (95% interval +3.0 to +3.0; 12 days with, 12 without)" in text
    assert "a guide, not proof" in text
