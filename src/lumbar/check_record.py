"""Attach a check to the diary: the assessment is recorded on the open episode (or a new one).

Kept apart from `lumbar check` itself so that a check never touches storage unless asked (`--save`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lumbar.diary.model import AssessmentRecord, Episode
from lumbar.store.repository import DiaryRepository
from lumbar.triage.model import Assessment

__all__ = ["attach_check"]


def attach_check(*, session: Session, assessment: Assessment, new_episode_id: str) -> Episode:
    """Record `assessment` on the open episode, opening one at the check's time when none is open."""
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
    )
    repo.add_assessment(episode.id, record)
    return episode
