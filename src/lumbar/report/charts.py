"""Charts of the diary: pain over time, episode durations, trigger and treatment comparison.

matplotlib is imported inside the functions, never at module import, so the CLI stays fast. Figures
are drawn with the Agg canvas (no pyplot, no global figure state) and readable in black and white:
markers, hatches and line styles carry the meaning, not colour. The output format follows the file's
suffix (.png or .svg); SVG output is deterministic (fixed hash salt and ids, no date) so files can be
compared.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from lumbar.diary.insights import MEDIAN_RECOVERY_DAYS, MIN_PER_SIDE, SIX_WEEKS_DAYS, Insights
from lumbar.diary.model import Entry, Episode, Treatment

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CHARTS", "chart_format", "plot_episodes", "plot_pain", "plot_triggers", "render_chart"]

ChartKind = Literal["pain", "episodes", "triggers"]
CHARTS: tuple[ChartKind, ...] = ("pain", "episodes", "triggers")
_FORMATS = {".png": "png", ".svg": "svg"}
_MARKERS = ("o", "s", "^", "v", "D", "x", "+", "*", "P", "h")  # one per treatment, distinct in print
_MAX_EPISODE_BARS = 60  # beyond this the labels cannot be read; the newest are shown
_FONT_PT = 9  # the charts' text size
_LINE_SPACING = 1.2  # matplotlib's default: a line of text takes 1.2 times its size
_DOTS_MAX_DAYS = 180  # beyond this span a dot per entry is under 5 px of width: days are drawn instead
_LABEL_CHARS = 28  # a row label's name wraps at this width (every name lumbar has today fits on one line)


def chart_format(path: Path) -> Literal["png", "svg"]:
    """The output format for `path`, from its suffix; anything but .png or .svg is a ValueError."""
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot draw a chart to {path.name!r}: the file name must end in .png or .svg")
    return "png" if fmt == "png" else "svg"


def _style() -> AbstractContextManager[None]:
    import matplotlib

    return matplotlib.rc_context(
        {
            "svg.hashsalt": "lumbar",  # deterministic ids in SVG output
            "svg.fonttype": "none",  # text stays text: smaller files, no glyph paths that vary with fonts
            "font.size": _FONT_PT,
        }
    )


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Figure, path: Path) -> Path:
    fmt = chart_format(path)
    metadata: dict[str, str | None] = {"Date": None} if fmt == "svg" else {"Software": None}
    with _style():
        fig.savefig(path, format=fmt, metadata=metadata, dpi=120)
    return path


class _Daily(NamedTuple):
    """Each day's pain scores, at noon of the day, with a NaN row wherever days are missing (so lines
    and bands break at gaps in the diary)."""

    at: list[datetime]
    mean: list[float]
    low: list[float]
    high: list[float]


def _daily(pained: Sequence[Entry]) -> _Daily:
    days: dict[date, list[int]] = {}
    for e in pained:
        days.setdefault(e.at.date(), []).append(e.pain or 0)
    tz = pained[0].at.tzinfo if pained else None
    out = _Daily([], [], [], [])
    for d, scores in days.items():
        if out.at and (d - out.at[-1].date()).days > 1:  # a gap in the diary: break the line
            out.at.append(out.at[-1])
            for column in (out.mean, out.low, out.high):
                column.append(math.nan)
        out.at.append(datetime.combine(d, time(12), tzinfo=tz))
        out.mean.append(sum(scores) / len(scores))
        out.low.append(min(scores))
        out.high.append(max(scores))
    return out


def _runs(days: Sequence[date], *, tz: tzinfo | None) -> list[tuple[datetime, datetime]]:
    """Runs of consecutive days (sorted, distinct), each from the start of its first day to the end of
    its last."""
    bounds: list[list[date]] = []
    for d in days:
        if bounds and (d - bounds[-1][1]).days == 1:
            bounds[-1][1] = d
        else:
            bounds.append([d, d])
    return [(datetime.combine(a, time(0), tzinfo=tz), datetime.combine(b, time.max, tzinfo=tz)) for a, b in bounds]


def _dense(entries: Sequence[Entry]) -> bool:
    """Does the diary span so many days that single entries could not be told apart on the chart?"""
    if not entries:
        return False
    first, last = min(e.at for e in entries), max(e.at for e in entries)
    return (last - first).days > _DOTS_MAX_DAYS


def plot_pain(entries: Sequence[Entry], path: Path, *, episodes: Sequence[Episode] = ()) -> Path:
    """Pain scores over time (each entry a dot, the daily mean a line), episodes hatched, and below it
    one row per treatment with a marker at each entry that tried it. A diary spanning more than
    `_DOTS_MAX_DAYS` days shows each day's range as a band instead of a dot per entry, and a bar over each
    run of days a treatment was tried: the same information at the width of a page, in a file whose size grows
    with days rather than entries (a 10-year diary's chart would be 4 MB of dots otherwise)."""
    chart_format(path)
    with _style():
        pained = sorted((e for e in entries if e.pain is not None), key=lambda e: e.at)
        used = [t for t in Treatment if any(t in e.tried for e in entries)]
        dense = _dense(entries)
        fig = _figure(9, 4.5 + 0.25 * len(used))
        ax, rows = fig.subplots(2, 1, sharex=True, height_ratios=[3, max(1, 0.4 * len(used))])
        if pained:
            daily = _daily(pained)
            if dense:
                ax.fill_between(daily.at, daily.low, daily.high, color="0.75", lw=0, label="daily range")
            else:
                ax.plot([e.at for e in pained], [e.pain for e in pained], ".", color="black", ms=3, label="entry")
            ax.plot(daily.at, daily.mean, "-", color="black", lw=1, label="daily mean")
        else:
            ax.text(0.5, 0.5, "no pain scores logged yet", ha="center", va="center", transform=ax.transAxes)
        for i, ep in enumerate(episodes):
            end = ep.ended_at or (pained[-1].at if pained else ep.started_at)
            label = None if i else "episode"
            ax.axvspan(ep.started_at, end, facecolor="none", edgecolor="0.6", hatch="//", lw=0, label=label)
        ax.set_ylim(-0.5, 10.5)
        ax.set_ylabel("pain (0-10)")
        ax.set_title("Pain over time", loc="left")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncols=3, frameon=False)
        for row, t in enumerate(used):
            when = [e.at for e in entries if t in e.tried]
            if dense:  # a bar over each run of days it was tried
                runs = _runs(sorted({w.date() for w in when}), tz=when[0].tzinfo)
                rows.hlines([row] * len(runs), [a for a, _ in runs], [b for _, b in runs], color="black", lw=5)
            else:
                rows.plot(when, [row] * len(when), _MARKERS[row % len(_MARKERS)], color="black", ms=4, mfc="none")
        rows.set_yticks(range(len(used)), [t.value.replace("_", " ") for t in used])
        rows.set_ylim(-0.7, max(0.7, len(used) - 0.3))
        rows.set_ylabel("tried")
        fig.autofmt_xdate()
        return _save(fig, path)


def plot_episodes(insights: Insights, path: Path) -> Path:
    """Each episode's duration as a bar (ongoing ones hatched), against 6 weeks and the median recovery."""
    chart_format(path)
    with _style():
        spans = insights.flares.episodes[-_MAX_EPISODE_BARS:]
        fig = _figure(8, max(3.0, 1.6 + 0.22 * len(spans)))
        ax = fig.subplots()
        ys = range(len(spans))
        bars = ax.barh(ys, [s.days for s in spans], color="white", edgecolor="black")
        for bar, s in zip(bars, spans, strict=True):
            if s.ongoing:
                bar.set_hatch("///")
        ax.set_yticks(ys, [f"{s.started_at:%Y-%m-%d}" + (" (ongoing)" if s.ongoing else "") for s in spans])
        ax.invert_yaxis()
        ax.axvline(SIX_WEEKS_DAYS, color="black", ls="--", lw=1, label="6 weeks: most improve markedly by then")
        ax.axvline(MEDIAN_RECOVERY_DAYS, color="black", ls=":", lw=1.2, label="58 days: median recovery from pain")
        if not spans:
            ax.text(0.5, 0.5, "no episodes recorded yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_xlabel("days")
        total = len(insights.flares.episodes)
        shown = f" (newest {len(spans)} of {total})" if len(spans) < total else ""
        ax.set_title(f"How long each episode lasted{shown}")
        fig.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=8)
        fig.text(0.99, 0.005, "Menezes Costa 2012; Henschke 2008", ha="right", va="bottom", fontsize=6)
        return _save(fig, path)


def _name(id_: str) -> str:
    return id_.replace("_", " ")


def _row_label(name: str, counts: str) -> str:
    return "\n".join([*textwrap.wrap(name, _LABEL_CHARS, break_long_words=True), counts])


def _row_height_in(labels: Sequence[str]) -> float:
    """The height each row of a labelled chart gets: its tallest label's lines plus one line of space,
    at the charts' font size, so neighbouring labels never overlap however many rows there are."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return (lines + 1) * _FONT_PT * _LINE_SPACING / 72


def plot_triggers(insights: Insights, path: Path) -> Path:
    """Differences in mean pain with their 95% intervals: triggers (next day) and treatments (next entry).
    Rows without enough data say so instead of showing a point."""
    chart_format(path)
    rows = [
        (_row_label(f"{_name(c.id)}, next day", f"{c.with_n} vs {c.without_n} days"), c, "o") for c in insights.triggers
    ]
    for r in insights.treatments:
        if r.tried:
            c = r.change
            rows.append((_row_label(f"{_name(c.id)}, next entry", f"{c.with_n} vs {c.without_n} entries"), c, "s"))
    with _style():
        # The rows, plus a fixed band for the title and the x axis with its label (the axes get the rest).
        fig = _figure(8, max(3.0, 1.8 + _row_height_in([label for label, _c, _m in rows]) * len(rows)))
        ax = fig.subplots()
        for y, (_label, c, marker) in enumerate(rows):
            if c.difference is None or c.low is None or c.high is None:
                note = f"not enough data yet (need {MIN_PER_SIDE} on each side)"
                ax.text(0, y, note, ha="center", va="center", fontsize=7, style="italic")
                continue
            err = [[c.difference - c.low], [c.high - c.difference]]
            ax.errorbar([c.difference], [y], xerr=err, fmt=marker, color="black", mfc="white", capsize=3)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(range(len(rows)), [label for label, _c, _m in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlabel("difference in mean pain, with minus without (0-10 points), 95% interval")
        ax.set_title("Possible triggers and what helped (a guide, not proof)")
        return _save(fig, path)


def render_chart(
    kind: ChartKind, path: Path, *, insights: Insights, entries: Sequence[Entry], episodes: Sequence[Episode]
) -> Path:
    """Draw chart `kind` to `path` (.png or .svg)."""
    if kind == "pain":
        return plot_pain(entries, path, episodes=episodes)
    if kind == "episodes":
        return plot_episodes(insights, path)
    if kind == "triggers":
        return plot_triggers(insights, path)
    raise ValueError(f"unknown chart {kind!r}; choose from: {', '.join(CHARTS)}")
