"""Presenting diary insights: plain text and a JSON-ready dict here; charts in `lumbar.report.charts`
(matplotlib is imported there lazily, inside the functions, so importing this package stays fast)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any

from lumbar.diary.insights import MIN_PER_SIDE, Comparison, Insights, PainTrend

__all__ = ["format_comparison", "format_insights", "insights_to_dict"]

INTERVAL_CAVEAT = (
    "Days in a diary are not independent (a bad week is many bad days), so these intervals are a guide, "
    "not proof; an interval that includes 0 means no clear difference."
)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Comparison):
            out["enough"] = value.enough
        return out
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    return value


def insights_to_dict(insights: Insights) -> dict[str, Any]:
    """The insights as JSON-ready values: ISO dates, floats to 3 places, None for 'not enough data'."""
    out: dict[str, Any] = _plain(insights)
    out["min_per_side"] = MIN_PER_SIDE
    return out


def _num(x: float) -> str:
    return f"{round(x, 1) + 0.0:.1f}"  # + 0.0 turns a rounded -0.0 into 0.0


def _signed(x: float) -> str:
    return f"{round(x, 1) + 0.0:+.1f}"


def format_comparison(c: Comparison) -> str:
    counts = f"{c.with_n} {c.unit} with, {c.without_n} without"
    if c.difference is None or c.low is None or c.high is None or c.with_mean is None or c.without_mean is None:
        return f"not enough data yet ({counts}; need {MIN_PER_SIDE} on each side)"
    means = f"{_num(c.with_mean)} vs {_num(c.without_mean)}"
    return f"{means}: difference {_signed(c.difference)} (95% interval {_signed(c.low)} to {_signed(c.high)}; {counts})"


def _trend_text(t: PainTrend) -> list[str]:
    head = f"Pain trend (last {t.window_days} days): "
    if t.slope_per_day is None or t.slope_low is None or t.slope_high is None:
        return [head + f"not enough data yet ({t.days_in_window} days with a pain score; need 3)."]
    lines = [
        head + f"{_signed(t.slope_per_day)} points a day (95% interval {_signed(t.slope_low)} to "
        f"{_signed(t.slope_high)}) over {t.days_in_window} days: {t.direction}."
    ]
    recent = t.daily[-t.window_days :]
    lines.append("  Daily mean pain: " + ", ".join(f"{d.day:%d %b} {d.mean:.1f}" for d in recent))
    return lines


def _episodes_text(insights: Insights) -> list[str]:
    f = insights.flares
    if not f.episodes:
        return ["Episodes: none recorded yet."]
    ongoing = [s for s in f.episodes if s.ongoing]
    lines = [
        f"Episodes: {len(f.episodes)} (median {f.median_days:.0f} days); {f.within_six_weeks} settled within "
        f"6 weeks, {f.beyond_six_weeks} lasted longer"
        + (f"; ongoing: day {ongoing[-1].days:.0f}" if ongoing else "")
        + "."
    ]
    lines.append("  " + f.natural_history)
    if f.per_year is None:
        rate = "episodes a year: not enough data yet (the diary covers less than a year)"
    else:
        rate = f"{f.per_year:.1f} episodes a year"
    gap = f"; median gap between starts {f.median_gap_days:.0f} days" if f.median_gap_days is not None else ""
    recur = (
        f"; {f.recurred_within_year} of {f.followed_a_year} followed by another within 12 months"
        if f.followed_a_year
        else ""
    )
    lines.append(f"Flares: {rate}{gap}{recur}.")
    return lines


def format_insights(insights: Insights) -> str:
    """The insights as plain text for the terminal."""
    lines = [
        f"Diary insights up to {insights.at:%Y-%m-%d %H:%M}: {insights.entries} entries, "
        f"{insights.pain_entries} with a pain score.",
        "",
        *_trend_text(insights.trend),
        "",
        *_episodes_text(insights),
        "",
        "Possible triggers (mean pain the next day):",
    ]
    lines += [f"  {c.id.replace('_', ' ')}: {format_comparison(c)}" for c in insights.triggers]
    tried = [r for r in insights.treatments if r.tried]
    lines += ["", "What you tried (pain change to the next entry within 24 hours, tried vs not tried):"]
    if not tried:
        lines.append("  nothing logged yet.")
    for r in tried:
        name = r.treatment.value.replace("_", " ")
        lines.append(f"  {name}: tried {r.tried}, helped {r.helped}; {format_comparison(r.change)}")
    lines += ["", INTERVAL_CAVEAT]
    return "\n".join(lines)
