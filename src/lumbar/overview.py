"""What the diary shows, shared by `lumbar insights`, `lumbar report` and the web app: insights with the
safety net of each open episode, and the doctor's report model. Wiring only; the logic is in the core
(`diary.insights`, `diary.course`) and in `report.doctor`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.diary.insights import Insights
    from lumbar.diary.model import Episode
    from lumbar.diary_service import DiaryView
    from lumbar.knowledge.models import KnowledgeBase
    from lumbar.report.doctor import ReportModel, SectionId
    from lumbar.triage.model import Assessment

__all__ = ["QUIET_COURSE", "QUIET_COURSE_SOURCES", "Overview", "doctor_report", "overview"]

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


def overview(view: DiaryView, *, now: datetime, tz: tzinfo | None, kb: KnowledgeBase) -> Overview:
    from lumbar.diary.course import episode_safety_net
    from lumbar.diary.insights import compute_insights

    insights = compute_insights(view.episodes, view.entries, now=now, episode_id=view.episode_id, tz=tz)
    shown = [e for e in view.episodes if view.episode_id is None or e.id == view.episode_id]
    nets = [
        (ep, episode_safety_net(ep, view.entries, profile=view.profile, now=now, kb=kb))
        for ep in shown
        if ep.ended_at is None
    ]
    return Overview(insights, nets, shown)


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
