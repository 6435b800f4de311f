"""Charts render to valid PNG and SVG, deterministically, and importing them does not import matplotlib."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from lumbar.diary.insights import Comparison, Insights, compute_insights
from lumbar.diary.model import Entry, Episode, Treatment
from lumbar.report.charts import CHARTS, ChartKind, chart_format, render_chart

T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def diary() -> tuple[list[Episode], list[Entry], Insights]:
    episodes = [Episode("a", T0, ended_at=T0 + timedelta(days=20)), Episode("b", T0 + timedelta(days=60))]
    entries = [
        Entry(
            f"e{i}",
            "a" if i < 40 else "b",
            T0 + timedelta(hours=12 * i) + (timedelta(days=40) if i >= 40 else timedelta()),
            pain=max(0, 8 - i // 6),
            tried=frozenset({Treatment.HEAT} if i % 2 else {Treatment.NSAID, Treatment.WALKING}),
            sitting_hours=float(i % 9),
            water_litres=1.0 + (i % 3) / 2,
        )
        for i in range(60)
    ]
    return episodes, entries, compute_insights(episodes, entries, now=T0 + timedelta(days=75))


@pytest.mark.parametrize("kind", CHARTS)
def test_charts_render_to_valid_png_and_svg(kind: ChartKind, tmp_path: Path) -> None:
    episodes, entries, insights = diary()
    png = render_chart(kind, tmp_path / f"{kind}.png", insights=insights, entries=entries, episodes=episodes)
    assert png.read_bytes()[:8] == PNG_MAGIC
    svg = render_chart(kind, tmp_path / f"{kind}.SVG", insights=insights, entries=entries, episodes=episodes)
    root = ET.parse(svg).getroot()  # noqa: S314 (a file we just wrote)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("kind", CHARTS)
def test_svg_output_is_deterministic(kind: ChartKind, tmp_path: Path) -> None:
    episodes, entries, insights = diary()
    first = render_chart(kind, tmp_path / "1.svg", insights=insights, entries=entries, episodes=episodes)
    second = render_chart(kind, tmp_path / "2.svg", insights=insights, entries=entries, episodes=episodes)
    assert first.read_bytes() == second.read_bytes()
    assert b"<dc:date>" not in first.read_bytes()


@pytest.mark.parametrize("kind", CHARTS)
def test_an_empty_diary_still_draws(kind: ChartKind, tmp_path: Path) -> None:
    empty = compute_insights([], [], now=T0)
    out = render_chart(kind, tmp_path / "empty.png", insights=empty, entries=[], episodes=[])
    assert out.read_bytes()[:8] == PNG_MAGIC


@pytest.mark.parametrize("name", ["chart.pdf", "chart", "chart.png.txt", "chart.jpeg"])
def test_other_suffixes_are_refused_before_drawing(name: str, tmp_path: Path) -> None:
    _, _, insights = diary()
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        render_chart("episodes", tmp_path / name, insights=insights, entries=[], episodes=[])
    assert not (tmp_path / name).exists()


def test_chart_format_from_suffix() -> None:
    assert chart_format(Path("a.PNG")) == "png"
    assert chart_format(Path("dir.v2/a.svg")) == "svg"


def test_importing_the_charts_does_not_import_matplotlib() -> None:
    code = (
        "import sys, lumbar.report, lumbar.report.charts, lumbar.cli.insights; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


# --- the triggers chart's row labels ------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _row_labels(svg: Path) -> list[list[tuple[float, float]]]:
    """Each y-axis label of an SVG chart, top to bottom, as its lines' (baseline y, font size) in px."""
    labels = []
    for tick in ET.parse(svg).getroot().iter(f"{SVG}g"):  # noqa: S314 (a file we just wrote)
        if not tick.get("id", "").startswith("ytick_"):
            continue
        lines = []
        for text in tick.iter(f"{SVG}text"):
            y = re.search(r"translate\([-\d.]+ ([-\d.]+)\)", text.get("transform", ""))
            size = re.search(r"font-size: ([\d.]+)px", text.get("style", ""))
            assert y and size, "a y-axis label without a position or size"
            lines.append((float(y.group(1)), float(size.group(1))))
        labels.append(sorted(lines))
    return sorted(labels)


def _triggers(count: int, name: str) -> Insights:
    def row(i: int) -> Comparison:
        if i % 3 == 0:  # rows without enough data carry a note instead of a point
            return Comparison(f"{name}_{i}", "", "days", 12, 3, 5.0, 4.5, None, None, None)
        return Comparison(f"{name}_{i}", "", "days", 12, 30, 5.0, 4.5, 0.5, -1.0, 2.0)

    return replace(compute_insights([], [], now=T0), triggers=tuple(row(i) for i in range(count)))


@pytest.mark.parametrize("count", [1, 2, 5, 12, 40])
@pytest.mark.parametrize(
    "name", ["sitting", "a trigger with a name far longer than any row label has room for on one line"]
)
def test_the_triggers_charts_row_labels_never_overlap(count: int, name: str, tmp_path: Path) -> None:
    svg = render_chart("triggers", tmp_path / "t.svg", insights=_triggers(count, name), entries=[], episodes=[])
    labels = _row_labels(svg)
    assert len(labels) == count and all(len(lines) >= 2 for lines in labels)  # the name, then the counts
    for lines in labels:  # the lines of one label stand a line apart
        for (above, size), (below, _) in pairwise(lines):
            assert below - above >= size, lines
    for upper, lower in pairwise(labels):
        last_baseline, size = upper[-1]
        first_baseline, _ = lower[0]
        # The next label's first line starts (its baseline less the font size) below this one's last line
        # (its baseline plus the descenders, a quarter of the size): at least a free line between.
        assert first_baseline - size - (last_baseline + size / 4) >= size / 2, (upper, lower)


# --- the pain chart of a long diary ---------------------------------------------------------------------


def _long_diary(days: int, per_day: int) -> list[Entry]:
    return [
        Entry(
            f"e{d}-{k}",
            "a",
            T0 + timedelta(days=d, hours=2 * k),
            pain=(d + k) % 11,
            tried=frozenset({Treatment.HEAT} if d % 7 < 3 else set()),
        )
        for d in range(days)
        for k in range(per_day)
    ]


def _groups(svg: Path, prefix: str) -> int:
    root = ET.parse(svg).getroot()  # noqa: S314 (a file we just wrote)
    return sum(1 for g in root.iter(f"{SVG}g") if g.get("id", "").startswith(prefix))


def test_a_short_diary_shows_a_dot_per_entry(tmp_path: Path) -> None:
    entries = _long_diary(days=170, per_day=2)
    svg = render_chart(
        "pain", tmp_path / "p.svg", insights=compute_insights([], entries, now=T0), entries=entries, episodes=[]
    )
    root = ET.parse(svg).getroot()  # noqa: S314 (a file we just wrote)
    assert sum(1 for _ in root.iter(f"{SVG}use")) >= len(entries)  # a marker each (and the treatments')
    assert _groups(svg, "FillBetween") == 0


def test_a_long_diary_shows_days_and_its_file_grows_with_days_not_entries(tmp_path: Path) -> None:
    sparse, busy = _long_diary(days=400, per_day=1), _long_diary(days=400, per_day=10)
    sizes = []
    for name, entries in (("sparse", sparse), ("busy", busy)):
        insights = compute_insights([], entries, now=T0 + timedelta(days=400))
        svg = render_chart("pain", tmp_path / f"{name}.svg", insights=insights, entries=entries, episodes=[])
        assert _groups(svg, "FillBetween") == 1  # each day's range, as a band
        root = ET.parse(svg).getroot()  # noqa: S314 (a file we just wrote)
        assert sum(1 for _ in root.iter(f"{SVG}use")) < 50  # no dot per entry (only the legend's and axes')
        assert _groups(svg, "LineCollection") == 1  # the days heat was tried, as runs of days
        sizes.append(svg.stat().st_size)
    assert sizes[1] < 1.2 * sizes[0], sizes


def test_runs_of_days_cover_exactly_the_days() -> None:
    from lumbar.report.charts import _runs

    d0 = T0.date()
    days = [d0, d0 + timedelta(days=1), d0 + timedelta(days=2), d0 + timedelta(days=5), d0 + timedelta(days=7)]
    runs = _runs(days, tz=UTC)
    assert [(a.date(), b.date()) for a, b in runs] == [(days[0], days[2]), (days[3], days[3]), (days[4], days[4])]
    assert all(a.tzinfo is UTC and a < b for a, b in runs)
    assert _runs([], tz=UTC) == []
