"""What the diary shows, shared by `lumbar insights`, `lumbar report` and the web app: insights with the
safety net of each open episode, and the doctor's report model. Wiring only; the logic is in the core
(`diary.insights`, `diary.course`) and in `report.doctor`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.diary.insights import Insights
    from lumbar.diary.model import Episode
    from lumbar.diary_service import DiaryView
    from lumbar.knowledge.models import KnowledgeBase
    from lumbar.report.charts import ChartKind
    from lumbar.report.doctor import ReportModel, SectionId
    from lumbar.triage.model import Assessment

__all__ = ["QUIET_COURSE", "QUIET_COURSE_SOURCES", "Overview", "doctor_report", "draw_chart", "overview"]

# Said of an open episode whose course fires no rule yet (seed 003; NICE CKS low back pain review at 6 weeks).
QUIET_COURSE = (
    "nothing in its course calls for a check yet. If it is not starting to improve after 48-72 hours of "
    "self-care, or has not settled within 6 weeks, book an appointment with your doctor."
)
QUIET_COURSE_SOURCES = ("seed_003",)


@dataclass(frozen=True)
class Overview:
    insights: Insights
    safety_nets: list[tuple[Episode, Assessment | None]]  # each open episode (of the one asked for)
    shown_episodes: list[Episode]  # the episodes a chart draws


def _insights(view: DiaryView, *, now: datetime, tz: tzinfo | None) -> Insights:
    from lumbar.diary.insights import compute_insights

    return compute_insights(view.episodes, view.entries, now=now, episode_id=view.episode_id, tz=tz)


def _shown(view: DiaryView) -> list[Episode]:
    return [e for e in view.episodes if view.episode_id is None or e.id == view.episode_id]


def overview(view: DiaryView, *, now: datetime, tz: tzinfo | None, kb: KnowledgeBase) -> Overview:
    from lumbar.diary.course import episode_safety_net

    shown = _shown(view)
    nets = [
        (ep, episode_safety_net(ep, view.entries, profile=view.profile, now=now, kb=kb))
        for ep in shown
        if ep.ended_at is None
    ]
    return Overview(_insights(view, now=now, tz=tz), nets, shown)


def draw_chart(view: DiaryView, kind: ChartKind, path: Path, *, now: datetime, tz: tzinfo | None) -> Path:
    """One chart of the diary, as `overview` would feed it, computing only what that chart draws: the
    pain chart reads the entries and episodes alone; the episode and trigger charts the insights. None
    needs the safety net (a page of three charts used to work out the whole overview three times)."""
    from lumbar.report.charts import plot_pain, render_chart

    if kind == "pain":
        return plot_pain(view.entries, path, episodes=_shown(view))
    insights = _insights(view, now=now, tz=tz)
    return render_chart(kind, path, insights=insights, entries=view.entries, episodes=_shown(view))


def doctor_report(
    view: DiaryView,
    *,
    now: datetime,
    tz: tzinfo,
    kb: KnowledgeBase,
    sections: tuple[SectionId, ...],
    start: date | None = None,
    end: date | None = None,
) -> ReportModel:
    from lumbar.report.doctor import build_report

    return build_report(
        episodes=view.episodes,
        entries=view.entries,
        profile=view.profile,
        now=now,
        kb=kb,
        sections=sections,
        start=start,
        end=end,
        episode_id=view.episode_id,
        tz=tz,
    )
