"""Questionnaire answers (keyed by question id) into Findings, with every problem named at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lumbar.intake.model import Findings, Observation, Status, Values
from lumbar.knowledge.models import KnowledgeBase, Question

__all__ = ["AnswerError", "findings_from_answers"]

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_UNSURE = {"unsure", "not sure", "don't know", "dont know", "unknown", "?"}


class AnswerError(ValueError):
    """Answers that cannot be used; `problems` lists each one in plain words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _boolean(raw: Any) -> Status | None:
    if isinstance(raw, bool):
        return Status.PRESENT if raw else Status.ABSENT
    if raw is None:
        return Status.UNCERTAIN
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _YES:
            return Status.PRESENT
        if word in _NO:
            return Status.ABSENT
        if word in _UNSURE:
            return Status.UNCERTAIN
    return None


def _number(q: Question, raw: Any) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    if q.type == "integer" and not value.is_integer():
        return None
    if (q.minimum is not None and value < q.minimum) or (q.maximum is not None and value > q.maximum):
        return None
    return value


def findings_from_answers(answers: Mapping[str, Any], *, kb: KnowledgeBase) -> Findings:
    """Raises AnswerError naming every unknown question id and every answer of the wrong type."""
    if not isinstance(answers, Mapping):
        raise AnswerError(["answers must be a JSON object keyed by question id"])
    by_id = {q.id: q for q in kb.questions}
    problems: list[str] = []
    observations: list[Observation] = []
    values: dict[str, Any] = {}
    for key, raw in answers.items():
        q = by_id.get(key)
        if q is None:
            problems.append(f"unknown question id {key!r} (see `lumbar questionnaire --json`)")
            continue
        if q.type == "boolean":
            status = _boolean(raw)
            if status is None:
                problems.append(f"{key}: expected yes/no (true/false, or null for not sure), got {raw!r}")
            elif q.finding is not None:
                observations.append(Observation(q.finding, status, evidence=f"{q.text} {_say(status)}"))
        elif q.type == "choice":
            if raw not in q.choices:
                problems.append(f"{key}: expected one of {', '.join(q.choices)}, got {raw!r}")
            elif q.value is not None:
                values[q.value] = raw
        else:
            number = _number(q, raw)
            if number is None:
                bounds = f" between {q.minimum:g} and {q.maximum:g}" if q.minimum is not None and q.maximum else ""
                problems.append(
                    f"{key}: expected {'a whole number' if q.type == 'integer' else 'a number'}{bounds}, got {raw!r}"
                )
            elif q.value is not None:
                values[q.value] = int(number) if q.type == "integer" else number
    if problems:
        raise AnswerError(problems)
    return Findings.of(observations, Values(**values))


def _say(status: Status) -> str:
    return {Status.PRESENT: "Yes.", Status.ABSENT: "No.", Status.UNCERTAIN: "Not sure."}[status]
