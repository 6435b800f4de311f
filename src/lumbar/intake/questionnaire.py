"""The adaptive questionnaire: red-flag screen first, follow-ups only when they matter, skip the known."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from lumbar.intake.expr import evaluate
from lumbar.intake.model import Findings, Status
from lumbar.knowledge.models import KnowledgeBase, Question

__all__ = ["SECTION_ORDER", "applies", "is_known", "next_question", "open_questions", "questionnaire_as_dict"]

SECTION_ORDER = ("red_flag_screen", "about_you", "follow_up", "pattern", "triggers")


def is_known(q: Question, findings: Findings) -> bool:
    if q.finding is not None:
        return findings.status(q.finding) in (Status.PRESENT, Status.ABSENT)
    if q.value == "sex":
        return findings.values.sex is not None
    return q.value is not None and findings.values.number(q.value) is not None


def applies(q: Question, findings: Findings) -> bool:
    """Does a question apply, given what is known (its `ask_if`, if any, holds)?"""
    return q.ask_if is None or evaluate(q.ask_if, findings)[0]


def next_question(
    findings: Findings,
    *,
    kb: KnowledgeBase,
    asked: Collection[str] = (),
    sections: Collection[str] = SECTION_ORDER,
) -> Question | None:
    """The next question worth asking, or None when the questionnaire is done.

    Follow-ups open up as answers arrive, so callers ask one at a time and call again.
    """
    for section in SECTION_ORDER:
        if section not in sections:
            continue
        for q in kb.questions:
            if q.section == section and q.id not in asked and not is_known(q, findings) and applies(q, findings):
                return q
    return None


def open_questions(
    findings: Findings,
    *,
    kb: KnowledgeBase,
    asked: Collection[str] = (),
    sections: Collection[str] = SECTION_ORDER,
) -> list[Question]:
    """Every question worth asking now, in asking order: for a form that shows them all at once.
    Follow-ups that depend on answers not yet given are not among them (ask again after the answers)."""
    seen = set(asked)
    out: list[Question] = []
    while (q := next_question(findings, kb=kb, asked=seen, sections=sections)) is not None:
        seen.add(q.id)
        out.append(q)
    return out


def questionnaire_as_dict(kb: KnowledgeBase) -> dict[str, Any]:
    """`lumbar questionnaire --json`: the questions in asking order, with their adaptive conditions."""
    ordered = sorted(kb.questions, key=lambda q: SECTION_ORDER.index(q.section))
    return {
        "knowledge_version": kb.version,
        "sections": list(SECTION_ORDER),
        "answer_format": "a JSON object keyed by question id: booleans (null for not sure), numbers, or a choice",
        "questions": [q.model_dump(mode="json", exclude_none=True) for q in ordered],
    }
