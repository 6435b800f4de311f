"""A saved check keeps its red-flag answers: what `lumbar check --save` stores, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lumbar.check_record import attach_check, red_flag_answers
from lumbar.diary.model import AssessmentRecord, DiaryError
from lumbar.intake.answers import findings_from_answers
from lumbar.knowledge import KnowledgeBase
from lumbar.knowledge.models import Urgency
from lumbar.service import check
from lumbar.store.database import Database
from lumbar.store.repository import DiaryRepository

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


def test_a_saved_check_keeps_the_red_flag_answers_it_was_given(db: Database, kb: KnowledgeBase) -> None:
    given = {"bladder_dysfunction": False, "saddle_numbness": None, "fever": True, "stress": True, "age": 40}
    result = check(kb=kb, now=NOW, answers=findings_from_answers(given, kb=kb))
    with db.transaction() as s:
        episode = attach_check(
            session=s, assessment=result.assessment, findings=result.findings, kb=kb, new_episode_id="ep"
        )
    with db.transaction() as s:
        (record,) = DiaryRepository(s).episodes()[0].assessments
    assert episode.id == "ep"
    # stress is not a red-flag finding and age is a value: neither is kept; "not sure" is kept as uncertain
    assert record.answers == (("bladder_dysfunction", "absent"), ("fever", "present"), ("saddle_numbness", "uncertain"))
    assert record.urgency is result.assessment.urgency and "rf_fever" in record.red_flags


def test_text_and_answers_merge_and_only_red_flag_findings_are_kept(kb: KnowledgeBase) -> None:
    result = check(
        kb=kb,
        now=NOW,
        text="my back went into spasm lifting a box",
        answers=findings_from_answers({"fever": False}, kb=kb),
    )
    kept = dict(red_flag_answers(result.findings, kb))
    assert kept["fever"] == "absent"
    assert all(kb.findings[f].red_flag for f in kept)
    assert set(kept) <= set(result.findings.observations)


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ((("fever", "yes"),), "present, absent, uncertain"),
        ((("fever", "present"), ("fever", "absent")), "twice"),
        ((("Fever;x", "present"),), "not a finding id"),
        ((("fever",),), "pair"),
    ],
)
def test_a_bad_answer_is_refused_naming_it(answers: tuple[tuple[str, ...], ...], words: str) -> None:
    with pytest.raises(DiaryError, match=words):
        AssessmentRecord(NOW, Urgency.SELF_CARE, answers=answers)  # type: ignore[arg-type]


def test_answers_are_kept_in_finding_order_so_equal_answers_are_equal_records() -> None:
    one = AssessmentRecord(NOW, Urgency.SELF_CARE, answers=(("fever", "absent"), ("bladder_dysfunction", "present")))
    two = AssessmentRecord(NOW, Urgency.SELF_CARE, answers=(("bladder_dysfunction", "present"), ("fever", "absent")))
    assert one == two and one.answers[0][0] == "bladder_dysfunction"
