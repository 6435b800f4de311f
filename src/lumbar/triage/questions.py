"""Which red-flag questions are still open: unanswered ones are named, never taken as no."""

from __future__ import annotations

from lumbar.intake.model import Findings, Status
from lumbar.intake.questionnaire import applies
from lumbar.knowledge.models import KnowledgeBase
from lumbar.triage.model import OpenQuestion

__all__ = ["open_red_flag_questions"]

_SCREEN_SECTIONS = ("red_flag_screen", "follow_up")


def open_red_flag_questions(findings: Findings, *, kb: KnowledgeBase) -> tuple[OpenQuestion, ...]:
    """Screen questions (and follow-ups that apply) whose finding is unknown or uncertain."""
    out = []
    for q in kb.questions:
        if q.section not in _SCREEN_SECTIONS or q.finding is None or not applies(q, findings):
            continue
        if findings.status(q.finding) in (None, Status.UNCERTAIN):
            out.append(OpenQuestion(q.id, q.finding, q.text))
    return tuple(out)
