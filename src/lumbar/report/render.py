"""The doctor's report as HTML (Jinja2, autoescaped) and PDF (WeasyPrint), with the charts inline.

Charts are drawn by `lumbar.report.charts` into a private temporary folder and embedded as data URIs:
the report is one self-contained file. WeasyPrint fetches nothing: any URL other than a data URI is
refused, so rendering never touches the network. Output is written beside its target and renamed into
place, so a failure never leaves a partial file. Nothing here logs; the notes it renders are the
person's own words and stay in the report.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jinja2

from lumbar.diary.insights import Comparison, EpisodeSpan
from lumbar.knowledge.models import Urgency
from lumbar.report import INTERVAL_CAVEAT, format_comparison
from lumbar.report.doctor import MAX_EPISODE_ROWS, ReportModel, ScreenRow

__all__ = ["REPORT_FORMATS", "render_html", "render_pdf", "report_format", "write_report"]

ReportFormat = Literal["html", "pdf"]
REPORT_FORMATS: dict[str, ReportFormat] = {".html": "html", ".htm": "html", ".pdf": "pdf"}
_CHARTS = (("pain", "Pain over time, with what was tried"), ("episodes", "How long each episode lasted"))


def report_format(path: Path) -> ReportFormat:
    """The format for `path`, from its suffix; anything but .pdf or .html is a ValueError."""
    fmt = REPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot write a report to {path.name!r}: the file name must end in .pdf or .html")
    return fmt


class _Format:
    """Small formatting helpers for the templates, in the person's time zone."""

    caveat = INTERVAL_CAVEAT
    max_episode_rows = MAX_EPISODE_ROWS

    def __init__(self, model: ReportModel) -> None:
        self.model = model

    def day(self, at: datetime | date | None) -> str:
        if at is None:
            return ""
        local = at.astimezone(self.model.tz) if isinstance(at, datetime) else at
        return f"{local.day} {local:%b %Y}"

    def when(self, at: datetime) -> str:
        local = at.astimezone(self.model.tz)
        return f"{self.day(local)} {local:%H:%M}"

    def period(self, m: ReportModel) -> str:
        first = m.start or (m.entries[0].at if m.entries else m.episodes[0].started_at if m.episodes else None)
        last = m.end or m.now
        return f"{self.day(first)} to {self.day(last)}" if first is not None else f"up to {self.day(last)}"

    def days_since(self, at: datetime) -> int:
        return (self.model.now.astimezone(self.model.tz).date() - at.astimezone(self.model.tz).date()).days + 1

    @staticmethod
    def num(x: float | None, places: int = 1) -> str:
        return "-" if x is None else f"{round(x, places) + 0.0:.{places}f}"

    @staticmethod
    def signed(x: float | None) -> str:
        return "-" if x is None else f"{round(x, 1) + 0.0:+.1f}"

    @staticmethod
    def pct(part: int, whole: int) -> str:
        return f"{round(100 * part / whole)}%" if whole else "-"

    @staticmethod
    def name(id_: str) -> str:
        return {"nsaid": "anti-inflammatory (NSAID)"}.get(id_, id_.replace("_", " "))

    @staticmethod
    def level(u: Urgency | None) -> str:
        return "no longer a rule" if u is None else u.value.replace("_", " ")

    @staticmethod
    def comparison(c: Comparison) -> str:
        return format_comparison(c)

    def recent_spans(self, spans: Sequence[EpisodeSpan]) -> Sequence[EpisodeSpan]:
        return spans[-self.max_episode_rows :]

    def trigger(self, m: ReportModel, episode_id: str) -> str:
        return next((e.trigger or "" for e in m.episodes if e.id == episode_id), "")

    def screen_when(self, row: ScreenRow) -> str:
        if row.at is None:
            return ""
        if row.source == "profile":
            return "standing fact in the profile"
        return f"{self.day(row.at)} ({row.source})"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("lumbar.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _charts(model: ReportModel, kind: Literal["svg", "png"]) -> list[tuple[str, str, str]]:
    from lumbar.report.charts import render_chart  # matplotlib: only when the charts are asked for

    mime = "image/svg+xml" if kind == "svg" else "image/png"
    out = []
    with tempfile.TemporaryDirectory(prefix="lumbar-report-") as folder:
        for chart, alt in _CHARTS:
            path = render_chart(
                chart,  # type: ignore[arg-type]
                Path(folder) / f"{chart}.{kind}",
                insights=model.insights,
                entries=model.entries,
                episodes=model.episodes,
            )
            out.append((chart, alt, _data_uri(mime, path.read_bytes())))
    return out


def render_html(model: ReportModel, *, chart_format: Literal["svg", "png"] = "svg") -> str:
    """The report as one self-contained HTML page (charts inline as data URIs)."""
    charts = _charts(model, chart_format) if "charts" in model.sections else []
    context: dict[str, Any] = {"m": model, "f": _Format(model), "charts": charts}
    return _environment().get_template("report.html.j2").render(context)


def render_pdf(model: ReportModel) -> bytes:
    """The report as PDF bytes (A4, page numbers). Charts are PNG: WeasyPrint draws them faster. Only
    data URIs may be fetched: the report never reaches the network or the file system."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_html(model, chart_format="png")
    fetcher = URLFetcher(allowed_protocols=("data",))
    pdf: bytes = HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()
    return pdf


def write_report(model: ReportModel, out: Path) -> Path:
    """Render the report in the format `out`'s suffix names and write it atomically.

    Raises ValueError for an unsupported suffix (before any work) and OSError when `out` cannot be
    written; either way no file (and no partial file) is left at `out`."""
    from lumbar.store.backup import write_atomically

    fmt = report_format(out)
    data = render_pdf(model) if fmt == "pdf" else render_html(model).encode("utf-8")
    write_atomically(out, data)
    return out
