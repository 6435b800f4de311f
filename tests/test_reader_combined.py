"""Combinations (`knowledge/data/combinations.yaml`): a place and a change said in one clause, in the
person's own order and with their own words between. Texts written for these tests."""

from __future__ import annotations

import pytest

from lumbar.intake.model import Status
from lumbar.intake.reader import read
from lumbar.knowledge import default_kb

KB = default_kb()


@pytest.mark.parametrize(
    ("text", "findings"),
    [
        # words between the place and the change
        ("when I wipe myself afterwards it all feels numb", ["saddle_numbness"]),
        ("both of my legs suddenly went like jelly on the stairs", ["bilateral_leg_weakness"]),
        ("I can't really pee properly since this morning", ["bladder_dysfunction"]),
        ("I cant properly lift my left foot", ["foot_drop"]),
        ("his right hand won't grip his cup", ["one_sided_weakness"]),
        # the change before the place, or the place said in a roundabout way
        ("my bottom and the skin between my legs can't tell hot from cold", ["saddle_numbness"]),
        ("the inside of my upper thighs feels like I've had a dentist injection", ["saddle_numbness"]),
        # places listed together share the change
        ("my bum and legs are numb", ["saddle_numbness", "bilateral_leg_symptoms"]),
        # both legs said one at a time
        (
            "left calf has been burning for weeks and now the right calf is burning too",
            ["left_leg_symptoms", "right_leg_symptoms"],
        ),
    ],
)
def test_place_and_change_in_one_clause_are_read(text: str, findings: list[str]) -> None:
    reading = read(text, kb=KB).findings
    assert {f: reading.status(f) for f in findings} == dict.fromkeys(findings, Status.PRESENT)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # the change belongs to the nearer place
        ("my bum is sore and my foot is numb", "saddle_numbness"),
        ("the bottom of my feet feel numb", "saddle_numbness"),
        # a negation between them parts them (the question stays open)
        ("my bum is not numb at all", "saddle_numbness"),
        # "but" ends the clause
        ("my legs were fine but now my bum is numb", "bilateral_leg_symptoms"),
        # legs that hurt on walking are the leg pain of spinal stenosis, not both legs
        ("when I walk for ten minutes both legs ache and go numb", "bilateral_leg_symptoms"),
        # words that look like a change and are not
        ("I've had a weak bladder for years and my legs are fine", "bilateral_leg_weakness"),
        ("I can't get up to pee without help", "bladder_dysfunction"),
        ("I pulled it a weak ago and my legs ache", "bilateral_leg_weakness"),
    ],
)
def test_place_and_change_that_do_not_belong_together_are_not_read(text: str, finding: str) -> None:
    assert read(text, kb=KB).findings.status(finding) is not Status.PRESENT


@pytest.mark.parametrize(
    ("text", "finding", "status"),
    [
        ("what if my bottom went numb?", "saddle_numbness", Status.UNCERTAIN),
        ("I didn't notice any numbness in my bum", "saddle_numbness", Status.ABSENT),
        ("no numbness around my bottom, but my legs are weak", "saddle_numbness", Status.ABSENT),
        ("no numbness around my bottom, but my legs are weak", "bilateral_leg_weakness", Status.PRESENT),
    ],
)
def test_context_around_a_combination_is_read_as_for_a_phrase(text: str, finding: str, status: Status) -> None:
    assert read(text, kb=KB).findings.status(finding) is status


def test_another_persons_combination_is_theirs() -> None:
    reading = read("my dad's legs went like jelly", kb=KB)
    assert reading.findings.status("bilateral_leg_weakness") is None
    assert [o.finding for o in reading.others] == ["bilateral_leg_weakness"]


def test_the_evidence_is_the_words_from_place_to_change() -> None:
    obs = read("Since Tuesday, when I wipe after the loo it feels numb.", kb=KB).findings.observations
    assert obs["saddle_numbness"].evidence == "when I wipe after the loo it feels numb"


def test_a_phrase_of_another_finding_between_the_parts_wins() -> None:
    findings = read("my legs feeling weak with a temperature and numb", kb=KB).findings
    assert findings.is_present("fever")
    assert not findings.is_present("bilateral_leg_symptoms")
