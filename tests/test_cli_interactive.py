"""Interactive `lumbar check`: own words first, then only the red-flag questions the text left open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from lumbar.cli.interactive import run_interactive
from lumbar.knowledge import KnowledgeBase


class Script:
    """Answers prompts in order; records every prompt asked. Raises EOFError when out of answers."""

    def __init__(self, answers: list[str]) -> None:
        self._answers: Iterator[str] = iter(answers)
        self.prompts: list[str] = []
        self.said: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        try:
            return next(self._answers)
        except StopIteration:
            raise EOFError from None

    def say(self, text: str) -> None:
        self.said.append(text)


def test_text_first_then_only_open_questions(kb: KnowledgeBase, now: datetime) -> None:
    text = "Hurt my back lifting a box. No numbness anywhere, no problems peeing, no chest pain. 40 M"
    script = Script([text] + ["n"] * 80)
    assert run_interactive(kb=kb, now=now, ask=script.ask, say=script.say) == 0
    asked = " ".join(script.prompts)
    assert "Describe what is happening" in script.prompts[0]
    assert kb.findings["bladder_dysfunction"].question not in asked  # the text settled it
    assert kb.findings["fever"].question in asked  # still open, so asked
    assert script.said[-1].strip().startswith("SELF-CARE"), script.said[-1][:300]


def test_an_answer_of_yes_to_a_red_flag_gives_emergency(kb: KnowledgeBase, now: datetime) -> None:
    # No text; first screen question is the bladder one.
    script = Script(["", "y"] + ["n"] * 80)
    run_interactive(kb=kb, now=now, ask=script.ask, say=script.say)
    assert kb.findings["bladder_dysfunction"].question in script.prompts[1]
    assert script.said[-1].strip().startswith("EMERGENCY")


def test_follow_ups_open_up_only_when_they_matter(kb: KnowledgeBase, now: datetime) -> None:
    no_fever = Script(["", *["n"] * 80])
    run_interactive(kb=kb, now=now, ask=no_fever.ask, say=no_fever.say)
    assert not any(kb.findings["iv_drug_use"].question in p for p in no_fever.prompts)


def test_bad_answers_are_asked_again(kb: KnowledgeBase, now: datetime) -> None:
    script = Script(["", "maybe", "n"] + ["n"] * 80)
    run_interactive(kb=kb, now=now, ask=script.ask, say=script.say)
    assert script.prompts[1] == script.prompts[2]
    assert any("try again" in s for s in script.said)


def test_input_ending_early_still_assesses_and_names_what_is_open(kb: KnowledgeBase, now: datetime) -> None:
    script = Script(["my back hurts"])
    assert run_interactive(kb=kb, now=now, ask=script.ask, say=script.say) == 0
    assert "Not yet answered" in script.said[-1]


def test_answers_given_before_input_ends_are_kept(kb: KnowledgeBase, now: datetime) -> None:
    script = Script(["", "y"])  # yes to the bladder question, then input ends
    run_interactive(kb=kb, now=now, ask=script.ask, say=script.say)
    assert script.said[-1].strip().startswith("EMERGENCY")
