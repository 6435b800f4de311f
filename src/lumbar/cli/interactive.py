"""Interactive `lumbar check`: own words first, then only the questions the text left open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from lumbar.cli.render import render_assessment
from lumbar.intake.answers import AnswerError, findings_from_answers
from lumbar.intake.model import Findings, Profile, Sex
from lumbar.intake.questionnaire import next_question
from lumbar.knowledge.models import KnowledgeBase, Question
from lumbar.service import check, read_text

__all__ = ["InputEnded", "ask_questions", "run_interactive"]

Ask = Callable[[str], str]
Say = Callable[[str], None]

_INTRO = (
    "lumbar: a check for lower back spasms. If you have chest pain, cannot pass urine, have numbness "
    "between your legs, or sudden weakness down one side, call your emergency number now.\n"
)
_YES_NO = " [y = yes, n = no, s = not sure] "


def _prompt(q: Question) -> str:
    if q.type == "boolean":
        return q.text + _YES_NO
    if q.type == "choice":
        return f"{q.text} [{' / '.join(q.choices)}, or s to skip] "
    return f"{q.text} [number, or s to skip] "


def _parse(q: Question, raw: str) -> object | None:
    word = raw.strip().lower()
    if q.type == "boolean":
        known = {"y": True, "yes": True, "n": False, "no": False, "s": None, "not sure": None, "": None}
        return known[word] if word in known else raw  # anything else is rejected with a message
    if word in ("", "s", "skip"):
        return None
    return word


class InputEnded(EOFError):
    """Input ended mid-questionnaire; `findings` holds every answer given before that."""

    def __init__(self, findings: Findings) -> None:
        super().__init__("input ended")
        self.findings = findings


def ask_questions(findings: Findings, *, kb: KnowledgeBase, ask: Ask, say: Say, sections: tuple[str, ...]) -> Findings:
    """Ask, one at a time, each open question (follow-ups open up as answers arrive).

    Raises InputEnded, carrying the answers so far, when input ends."""
    asked: set[str] = set()
    while (q := next_question(findings, kb=kb, asked=asked, sections=sections)) is not None:
        asked.add(q.id)
        while True:
            try:
                raw = ask(_prompt(q))
            except EOFError:
                raise InputEnded(findings) from None
            value = _parse(q, raw)
            if value is None and q.type != "boolean":
                break
            try:
                answer = findings_from_answers({q.id: value}, kb=kb)
            except AnswerError as exc:
                say("  " + "; ".join(exc.problems) + " Please try again.")
                continue
            findings = findings.combined_with(answer)
            break
    return findings


def run_interactive(
    *,
    kb: KnowledgeBase,
    now: datetime,
    age: int | None = None,
    sex: Sex | None = None,
    profile: Profile | None = None,
    skip_text: bool = False,
    ask: Ask = input,
    say: Say = print,
) -> int:
    say(_INTRO)
    findings = Findings()
    if not skip_text:
        text = ask("Describe what is happening in your own words (or press Enter to go straight to questions):\n> ")
        if text.strip():
            reading = read_text(text, kb=kb, today=now.date())
            if reading.understood:
                findings = reading.findings
                said = [o.evidence for o in findings.observations.values() if o.evidence]
                if said:
                    say("I understood: " + "; ".join(said[:8]))
            else:
                say(" ".join(reading.problems))
    say("\nA few questions about warning signs (answer y, n, or s if not sure):")
    try:
        findings = ask_questions(
            findings, kb=kb, ask=ask, say=say, sections=("red_flag_screen", "about_you", "follow_up")
        )
        more = ask("\nAnswer a few more about the pattern and triggers, for a better plan? [y/n] ")
        if more.strip().lower() in ("y", "yes"):
            findings = ask_questions(findings, kb=kb, ask=ask, say=say, sections=("pattern", "triggers"))
    except InputEnded as ended:
        findings = ended.findings
        say("\n(input ended: assessing what we have; unanswered questions are listed below)")
    except EOFError:
        say("\n(input ended: assessing what we have; unanswered questions are listed below)")
    result = check(kb=kb, now=now, answers=findings, age=age, sex=sex, profile=profile)
    say("\n" + render_assessment(result.assessment, kb=kb))
    return 0
