"""Attach a check to the diary: the assessment is recorded on the open episode (or a new one).

Kept apart from `lumbar check` itself so that a check never touches storage unless asked (`--save`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lumbar.diary.model import AssessmentRecord, Episode
from lumbar.intake.model import Findings
from lumbar.knowledge.models import KnowledgeBase
from lumbar.store.repository import DiaryRepository
from lumbar.triage.model import Assessment

__all__ = ["attach_check", "red_flag_answers"]


def red_flag_answers(findings: Findings, kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """(finding id, status) of every red-flag finding the check settled: present, absent or uncertain.
    What the findings do not mention is left out, so the report can tell "no" from "not asked"."""
    return tuple(
        (finding, obs.status.value)
        for finding, obs in sorted(findings.observations.items())
        if finding in kb.findings and kb.findings[finding].red_flag
    )


def attach_check(
    *, session: Session, assessment: Assessment, findings: Findings, kb: KnowledgeBase, new_episode_id: str
) -> Episode:
    """Record `assessment` on the open episode, opening one at the check's time when none is open, with
    the red-flag answers of `findings` (what the check was given)."""
    repo = DiaryRepository(session)
    repo.lock()
    episode = repo.open_episode()
    if episode is None:
        episode = Episode(id=new_episode_id, started_at=assessment.assessed_at)
        repo.save_episode(episode)
    record = AssessmentRecord(
        at=assessment.assessed_at,
        urgency=assessment.urgency,
        red_flags=tuple(r.id for r in assessment.red_flags),
        knowledge_version=assessment.knowledge_version,
        reasons=assessment.urgency_reasons,
        answers=red_flag_answers(findings, kb),
    )
    repo.add_assessment(episode.id, record)
    return episode
