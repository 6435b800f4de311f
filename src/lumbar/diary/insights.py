"""Insights from the diary: pain trend, episode durations against the natural history, flare frequency,
trigger associations and treatment response. Pure and fast (plain Python, one pass to group).

Associations are shown with their counts and a 95% Welch interval for the difference in means, and say
"not enough data yet" while either side has fewer than MIN_PER_SIDE days (or entries). Days in a diary
are not independent (a bad week is many bad days), so the interval is a guide, not a test: the text
says so. Nothing here decides urgency; the safety net over time is `lumbar.diary.course`.

How the diary is read (our choices, stated so they can be argued with):
- A day is the calendar day of the entry's own (local) time.
- `sitting_hours` and `water_litres` are read as the day's total so far: a day's figure is the largest
  logged that day, so several entries a day never double count.
- Trigger outcome: the mean pain logged on the day after the exposure day.
- Treatment response: the change in pain from an entry to the next pain entry of the same episode
  within 24 hours, for entries where the treatment was tried against entries where it was not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise
from statistics import median
from typing import Literal

from lumbar.diary.model import Entry, Episode, Treatment

__all__ = [
    "Comparison",
    "DailyPain",
    "EpisodeSpan",
    "Flares",
    "Insights",
    "PainTrend",
    "TreatmentResponse",
    "compute_insights",
]

TREND_WINDOW_DAYS = 7
MIN_TREND_DAYS = 3  # a line through fewer points has no residual to judge it by
MIN_PER_SIDE = 10  # below this, "not enough data yet" rather than a correlation from three points
# Menezes Costa 2012: most acute back pain improves markedly within about 6 weeks (52 -> 23 /100).
SIX_WEEKS_DAYS = 42
# Henschke 2008: median 58 days to recovery from pain in recent-onset low back pain.
MEDIAN_RECOVERY_DAYS = 58
# Pengel 2003: 73% have at least one recurrence within 12 months.
RECURRENCE_WINDOW_DAYS = 365
LONG_SITTING_HOURS = 6.0  # the threshold the diary issue names for "long sitting days" (seed 001, 002)
LOW_WATER_LITRES = 1.5  # the threshold the diary issue names for "little water" (seed 000, 001, 002)
RESPONSE_WINDOW = timedelta(hours=24)

NATURAL_HISTORY = (
    "Most people's back pain improves markedly within about 6 weeks: across 33 cohorts, mean pain fell "
    "from 52/100 to 23/100 by 6 weeks and 12/100 by 26 weeks [menezes_costa_2012]; the median time to "
    "recovery from pain was 58 days [henschke_2008]. Recurrence is common: 73% have at least one within "
    "12 months [pengel_2003]."
)
NATURAL_HISTORY_SOURCES = ("menezes_costa_2012", "henschke_2008", "pengel_2003")

Direction = Literal["improving", "worsening", "no clear change"]


@dataclass(frozen=True)
class DailyPain:
    day: date
    mean: float
    entries: int


@dataclass(frozen=True)
class PainTrend:
    daily: tuple[DailyPain, ...]  # every day with a pain score, oldest first
    window_days: int
    days_in_window: int
    slope_per_day: float | None  # points per day over the window; None: not enough data yet
    slope_low: float | None  # 95% interval of the slope
    slope_high: float | None
    direction: Direction | None


@dataclass(frozen=True)
class EpisodeSpan:
    id: str
    started_at: datetime
    ended_at: datetime | None
    days: float
    ongoing: bool
    entries: int
    first_day_pain: float | None
    last_day_pain: float | None


@dataclass(frozen=True)
class Flares:
    episodes: tuple[EpisodeSpan, ...]  # oldest first
    median_days: float | None
    within_six_weeks: int  # ended within 42 days
    beyond_six_weeks: int  # lasted (or have lasted so far) more than 42 days
    per_year: float | None  # None until the diary covers a year
    gaps_days: tuple[float, ...]  # from one episode's start to the next one's
    median_gap_days: float | None
    recurred_within_year: int  # another episode started within 12 months of this one's start
    followed_a_year: int  # episodes whose 12-month outcome is known: recurred, or a year has passed
    natural_history: str = NATURAL_HISTORY
    sources: tuple[str, ...] = NATURAL_HISTORY_SOURCES


@dataclass(frozen=True)
class Comparison:
    """Mean outcome with and without an exposure, the difference (with - without) and its interval."""

    id: str
    label: str
    unit: Literal["days", "entries"]
    with_n: int
    without_n: int
    with_mean: float | None
    without_mean: float | None
    difference: float | None  # None: not enough data yet
    low: float | None
    high: float | None
    sources: tuple[str, ...] = ()

    @property
    def enough(self) -> bool:
        return self.difference is not None


@dataclass(frozen=True)
class TreatmentResponse:
    treatment: Treatment
    tried: int
    helped: int  # entries that said it helped
    change: Comparison  # pain change to the next entry: tried vs not tried


@dataclass(frozen=True)
class Insights:
    at: datetime
    entries: int
    pain_entries: int
    trend: PainTrend
    flares: Flares
    triggers: tuple[Comparison, ...]
    treatments: tuple[TreatmentResponse, ...]


# --- statistics ------------------------------------------------------------------------------------

# Two-sided 95% quantiles of Student's t for 1-30 degrees of freedom (standard table).
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
         2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
         2.045, 2.042)  # fmt: skip
_Z975 = 1.959964


def t975(df: float) -> float:
    """The 97.5% quantile of t: the table, rounding df down (wider, the cautious side); above 30 the
    Cornish-Fisher expansion around the normal quantile (error under 0.001)."""
    if df < 1:
        return _T975[0]
    if df <= len(_T975):
        return _T975[int(df) - 1]
    z = _Z975
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


@dataclass
class _Moments:
    """Count, sum and sum of squares: enough for a mean and a variance, and cheap to subtract."""

    n: int = 0
    total: float = 0.0
    squares: float = 0.0

    def add(self, x: float) -> None:
        self.n += 1
        self.total += x
        self.squares += x * x

    def minus(self, other: _Moments) -> _Moments:
        return _Moments(self.n - other.n, self.total - other.total, self.squares - other.squares)

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None

    def var(self) -> float:
        return max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1))

    @classmethod
    def of(cls, xs: Iterable[float]) -> _Moments:
        m = cls()
        for x in xs:
            m.add(x)
        return m


def welch(a: Iterable[float], b: Iterable[float]) -> tuple[float, float, float]:
    """Difference in means (a - b) and its 95% Welch interval; needs at least two values on each side."""
    return _welch(_Moments.of(a), _Moments.of(b))


def _welch(a: _Moments, b: _Moments) -> tuple[float, float, float]:
    qa, qb = a.var() / a.n, b.var() / b.n
    diff = a.total / a.n - b.total / b.n
    se = math.sqrt(qa + qb)
    if se == 0.0:
        return diff, diff, diff
    df = (qa + qb) ** 2 / (qa**2 / (a.n - 1) + qb**2 / (b.n - 1))
    half = t975(df) * se
    return diff, diff - half, diff + half


def _slope(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """Least-squares slope and its 95% interval (t with n - 2 degrees of freedom)."""
    n = len(xs)
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    b = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    ssr = math.fsum((y - my - b * (x - mx)) ** 2 for x, y in zip(xs, ys, strict=True))
    half = t975(n - 2) * math.sqrt(ssr / (n - 2) / sxx)
    return b, b - half, b + half


def _compare(
    id_: str, label: str, unit: Literal["days", "entries"], with_: _Moments, without: _Moments, sources: tuple[str, ...]
) -> Comparison:
    diff = low = high = None
    if with_.n >= MIN_PER_SIDE and without.n >= MIN_PER_SIDE:
        diff, low, high = _welch(with_, without)
    return Comparison(id_, label, unit, with_.n, without.n, with_.mean, without.mean, diff, low, high, sources)


# --- the parts -------------------------------------------------------------------------------------


def _trend(pain_by_day: dict[date, list[int]], today: date) -> PainTrend:
    daily = tuple(DailyPain(d, sum(ps) / len(ps), len(ps)) for d, ps in sorted(pain_by_day.items()))
    start = today - timedelta(days=TREND_WINDOW_DAYS - 1)
    window = [p for p in daily if start <= p.day <= today]
    if len(window) < MIN_TREND_DAYS:
        return PainTrend(daily, TREND_WINDOW_DAYS, len(window), None, None, None, None)
    xs = [float((p.day - start).days) for p in window]
    slope, low, high = _slope(xs, [p.mean for p in window])
    direction: Direction = "worsening" if low > 0 else "improving" if high < 0 else "no clear change"
    return PainTrend(daily, TREND_WINDOW_DAYS, len(window), slope, low, high, direction)


def _day_mean(entries: Sequence[Entry], day_of: dict[int, date], first: bool) -> float | None:
    pained = [e for e in entries if e.pain is not None]
    if not pained:
        return None
    day = day_of[id(pained[0] if first else pained[-1])]
    same = [e.pain for e in pained if day_of[id(e)] == day and e.pain is not None]
    return sum(same) / len(same)


def _recurred(starts: Sequence[datetime], i: int, year: timedelta) -> bool:
    return i + 1 < len(starts) and starts[i + 1] - starts[i] <= year


def _flares(
    episodes: Sequence[Episode], by_episode: dict[str, list[Entry]], day_of: dict[int, date], now: datetime
) -> Flares:
    spans = []
    for ep in sorted(episodes, key=lambda e: e.started_at):
        own = by_episode.get(ep.id, [])
        end = ep.ended_at if ep.ended_at is not None and ep.ended_at <= now else now
        days = max(0.0, (end - ep.started_at).total_seconds() / 86400)
        first, last = _day_mean(own, day_of, True), _day_mean(own, day_of, False)
        spans.append(EpisodeSpan(ep.id, ep.started_at, ep.ended_at, days, end == now, len(own), first, last))
    starts = [s.started_at for s in spans]
    gaps = tuple((b - a).total_seconds() / 86400 for a, b in pairwise(starts))
    covered = (now - starts[0]).total_seconds() / 86400 if starts else 0.0
    per_year = len(spans) / (covered / 365.25) if covered >= 365.25 else None
    year = timedelta(days=RECURRENCE_WINDOW_DAYS)
    # An episode's outcome is known once the next one has started within a year, or a year has passed.
    recurred = sum(1 for a, b in pairwise(starts) if b - a <= year)
    followed = recurred + sum(1 for i, s in enumerate(starts) if s + year <= now and not _recurred(starts, i, year))
    return Flares(
        episodes=tuple(spans),
        median_days=median(s.days for s in spans) if spans else None,
        within_six_weeks=sum(1 for s in spans if not s.ongoing and s.days <= SIX_WEEKS_DAYS),
        beyond_six_weeks=sum(1 for s in spans if s.days > SIX_WEEKS_DAYS),
        per_year=per_year,
        gaps_days=gaps,
        median_gap_days=median(gaps) if gaps else None,
        recurred_within_year=recurred,
        followed_a_year=followed,
    )


def _next_day_split(
    exposed_days: set[date], known_days: Iterable[date], pain_by_day: dict[date, list[int]]
) -> tuple[_Moments, _Moments]:
    """Next-day mean pain after exposed days and after the other days whose exposure is known."""
    with_, without = _Moments(), _Moments()
    for day in known_days:
        nxt = pain_by_day.get(day + timedelta(days=1))
        if nxt:
            (with_ if day in exposed_days else without).add(sum(nxt) / len(nxt))
    return with_, without


def _triggers(
    entries: Sequence[Entry], day_of: dict[int, date], pain_by_day: dict[date, list[int]]
) -> tuple[Comparison, ...]:
    sitting: dict[date, float] = {}
    water: dict[date, float] = {}
    for e in entries:
        day = day_of[id(e)]
        if e.sitting_hours is not None:
            sitting[day] = max(sitting.get(day, 0.0), e.sitting_hours)
        if e.water_litres is not None:
            water[day] = max(water.get(day, 0.0), e.water_litres)
    long_sitting = {d for d, hours in sitting.items() if hours >= LONG_SITTING_HOURS}
    low_water = {d for d, litres in water.items() if litres < LOW_WATER_LITRES}
    s_with, s_without = _next_day_split(long_sitting, sitting, pain_by_day)
    w_with, w_without = _next_day_split(low_water, water, pain_by_day)
    return (
        _compare(
            "long_sitting",
            f"pain the day after sitting {LONG_SITTING_HOURS:g} h or more, vs other days",
            "days",
            s_with,
            s_without,
            ("seed_001", "seed_002"),
        ),
        _compare(
            "low_water",
            f"pain the day after drinking less than {LOW_WATER_LITRES:g} L, vs other days",
            "days",
            w_with,
            w_without,
            ("seed_000", "seed_001", "seed_002"),
        ),
    )


def _treatments(by_episode: dict[str, list[Entry]]) -> tuple[TreatmentResponse, ...]:
    tried = dict.fromkeys(Treatment, 0)
    helped = dict.fromkeys(Treatment, 0)
    every = _Moments()
    after = {t: _Moments() for t in Treatment}
    for own in by_episode.values():
        for e in own:
            for t in e.tried:
                tried[t] += 1
            for t in e.helped:
                helped[t] += 1
        pained = [e for e in own if e.pain is not None]
        for e, nxt in pairwise(pained):
            if nxt.at - e.at <= RESPONSE_WINDOW and e.pain is not None and nxt.pain is not None:
                change = float(nxt.pain - e.pain)
                every.add(change)
                for t in e.tried:
                    after[t].add(change)
    out = []
    for t in Treatment:
        label = f"pain change to the next entry after {t.value.replace('_', ' ')}, vs entries without it"
        response = _compare(t.value, label, "entries", after[t], every.minus(after[t]), ())
        out.append(TreatmentResponse(t, tried[t], helped[t], response))
    return tuple(out)


def compute_insights(
    episodes: Iterable[Episode],
    entries: Iterable[Entry],
    *,
    now: datetime,
    episode_id: str | None = None,
    tz: tzinfo | None = None,
) -> Insights:
    """All the insights, from the diary up to `now` (later entries are ignored); for one episode with
    `episode_id`. Days are calendar days in `tz` (the person's time zone); without it, in each
    entry's own."""
    eps = [e for e in episodes if e.started_at <= now and (episode_id is None or e.id == episode_id)]
    ents = sorted(
        (e for e in entries if e.at <= now and (episode_id is None or e.episode_id == episode_id)),
        key=lambda e: e.at,
    )
    # Keyed by object identity: each entry's day, computed once (ids in a diary are unique, but insights
    # must not depend on that to be right).
    day_of = {id(e): (e.at.astimezone(tz) if tz is not None else e.at).date() for e in ents}
    pain_by_day: dict[date, list[int]] = {}
    by_episode: dict[str, list[Entry]] = {}
    for e in ents:
        by_episode.setdefault(e.episode_id, []).append(e)
        if e.pain is not None:
            pain_by_day.setdefault(day_of[id(e)], []).append(e.pain)
    today = (now.astimezone(tz) if tz is not None else now).date()
    return Insights(
        at=now,
        entries=len(ents),
        pain_entries=sum(len(v) for v in pain_by_day.values()),
        trend=_trend(pain_by_day, today),
        flares=_flares(eps, by_episode, day_of, now),
        triggers=_triggers(ents, day_of, pain_by_day),
        treatments=_treatments(by_episode),
    )
