"""What the pages and the API both hand out: the overview (insights), charts, the report and exports.
Files are built in memory and sent with a download name; nothing is left on disk."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fastapi.responses import Response

from lumbar.diary.model import DiaryError

if TYPE_CHECKING:
    from lumbar.diary_service import DiaryView
    from lumbar.overview import Overview
    from lumbar.web.runtime import Runtime

__all__ = ["chart", "export", "overview_of", "report"]

ChartKind = Literal["pain", "episodes", "triggers"]


def _attachment(body: bytes, media: str, name: str) -> Response:
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})


def _view(rt: Runtime, episode: str | None) -> DiaryView:
    from lumbar.diary_service import read_diary

    with rt.db.reading() as session:
        return read_diary(session=session, episode=episode or None)


def overview_of(rt: Runtime, episode: str | None) -> Overview:
    from lumbar.overview import overview

    return overview(_view(rt, episode), now=rt.now(), tz=rt.tz, kb=rt.kb)


def chart(rt: Runtime, kind: ChartKind, episode: str | None) -> Response:
    """One chart, computing only what it draws (`overview.draw_chart`), not the whole overview."""
    from lumbar.overview import draw_chart

    view = _view(rt, episode)
    with tempfile.TemporaryDirectory(prefix="lumbar-chart-") as folder:
        path = draw_chart(view, kind, Path(folder) / f"{kind}.svg", now=rt.now(), tz=rt.tz)
        return Response(path.read_bytes(), media_type="image/svg+xml")


def report(
    rt: Runtime,
    *,
    format: Literal["pdf", "html"],
    sections: str | None,
    episode: str | None,
    start: date | None,
    end: date | None,
) -> Response:
    from lumbar.overview import doctor_report
    from lumbar.report.doctor import ReportError, parse_sections
    from lumbar.report.render import render_html, render_pdf

    try:
        chosen = parse_sections(sections or None)
    except ReportError as exc:
        raise DiaryError(str(exc)) from None
    if start is not None and end is not None and start > end:
        raise DiaryError(f"the first day ({start}) is after the last day ({end})")
    model = doctor_report(_view(rt, episode), now=rt.now(), tz=rt.tz, kb=rt.kb, sections=chosen, start=start, end=end)
    stamp = rt.now().astimezone(rt.tz).strftime("%Y-%m-%d")
    if format == "pdf":
        return _attachment(render_pdf(model), "application/pdf", f"lumbar-report-{stamp}.pdf")
    return _attachment(render_html(model).encode("utf-8"), "text/html; charset=utf-8", f"lumbar-report-{stamp}.html")


_EXPORT = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "fhir": ("application/fhir+json", "fhir.json"),
}


def export(rt: Runtime, *, format: Literal["json", "csv", "fhir"]) -> Response:
    from lumbar.diary_service import export_diary

    with rt.db.reading() as session:
        text = export_diary(session=session, format=format, now=rt.now(), kb=rt.kb)
    media, suffix = _EXPORT[format]
    stamp = rt.now().astimezone(rt.tz).strftime("%Y-%m-%d")
    return _attachment(text.encode("utf-8"), media, f"lumbar-diary-{stamp}.{suffix}")
