"""Phrasings found missing by a probe of fresh cases run through `lumbar check --batch`; each is a
general way of saying the thing, kept here so it stays read."""

from __future__ import annotations

import pytest

from lumbar.intake.model import Status
from lumbar.intake.reader import read
from lumbar.knowledge import default_kb

KB = default_kb()


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("pain in my left side going down to my groin", "colicky_pain"),
        ("I use heroin", "iv_drug_use"),
        ("sharp pain between my shoulder blades, feels like tearing", "tearing_pain"),
        ("both legs have pins and needles", "bilateral_leg_symptoms"),
        ("I have to stop and bend forward", "relief_sitting_bending"),
        ("when I walk more than 200 metres my buttocks and thighs ache", "leg_pain_walking"),
        ("I've been drinking hardly any water", "dehydration"),
        ("both my legs are getting weaker by the hour", "bilateral_leg_weakness"),
        ("fell about 3 metres off scaffolding", "major_trauma"),
        ("slid off a chair onto her bottom", "minor_trauma"),
        ("straining to get my wee started", "bladder_dysfunction"),
        ("I get pain in both calves when I walk", "leg_pain_walking"),
        ("since this morning I can't feel anything around my bottom when I wipe", "saddle_numbness"),
        ("I can't feel much between my legs", "saddle_numbness"),
    ],
)
def test_phrasing_is_read_as_present(text: str, finding: str) -> None:
    assert read(text, kb=KB).findings.is_present(finding)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my legs go heavy when I walk to the shops", "bilateral_leg_weakness"),  # claudication, not CES
        ("The pain stays in my lower back, nothing goes down my legs.", "bilateral_leg_symptoms"),
        ("back pain, none of it goes down my legs", "bilateral_leg_symptoms"),
        ("twisted hard in a rugby tackle", "major_trauma"),
        ("my doctor keeps telling me to lose weight", "weight_loss"),
        ("poor sleep with all the stress at work", "night_pain"),
        ("my trainer says I've got a big imbalance front to back", "balance_loss"),  # muscle imbalance
        ("a fall off a bike, just a slow tumble", "major_trauma"),
        ("I get pain in both calves when I walk", "bilateral_leg_symptoms"),  # claudication, not sciatica
    ],
)
def test_phrasing_is_not_read_as(text: str, finding: str) -> None:
    assert not read(text, kb=KB).findings.is_present(finding)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("I've been on prednisolone for 5 years and my back went yesterday", 1.0),  # the medicine's, not the pain's
        ("diabetic for 10 years, back pain for 3 weeks", 21.0),
        ("back pain for 8 weeks", 56.0),
    ],
)
def test_duration_is_the_pain_not_a_medicine_or_condition(text: str, days: float) -> None:
    assert read(text, kb=KB).findings.values.duration_days == days


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("since this morning I can't seem to start peeing, I keep trying but nothing comes out", "bladder_dysfunction"),
        ("I've had accidents where I didn't realise I'd pooed myself", "bowel_dysfunction"),
        ("I have to sit down or lean on a trolley", "relief_sitting_bending"),
    ],
)
def test_more_phrasings_found_by_an_independent_probe(text: str, finding: str) -> None:
    assert read(text, kb=KB).findings.is_present(finding)


def test_a_carers_account_counts_for_the_person_with_the_back_pain() -> None:
    reading = read("My mum has back pain and today she's confused and doesn't know where she is.", kb=KB)
    assert reading.findings.is_present("confusion")
    assert any("person whose back pain you describe" in p for p in reading.problems)


@pytest.mark.parametrize(
    "text",
    [
        "My wife has a fever; I've got lower back pain from the gym.",
        "My mum died of bone cancer so any back pain scares me. Mine started after squash.",
        "My dad had cancer. Back pain after lifting.",
    ],
)
def test_other_peoples_findings_stay_theirs_when_the_writer_has_the_back_pain(text: str) -> None:
    present = read(text, kb=KB).findings.present()
    assert not present & {"fever", "cancer_history"}


def test_clean_for_years_is_not_the_pains_duration() -> None:
    assert (
        read(
            "I used to inject but I've been clean for 10 years; back pain for 2 days", kb=KB
        ).findings.values.duration_days
        == 2.0
    )


# --- carers' accounts, quoted words, questions inside a sentence (found by held-out vignettes) ---------


@pytest.mark.parametrize(
    ("text", "finding", "age"),
    [
        ("Mum is 78 with osteoporosis. Slipped on the bathroom floor, now pain in her lower back.", "osteoporosis", 78),
        ("Dad is 67 and diabetic. Fever for 3 days, pain in his lower back, his legs are going weak.", "diabetes", 67),
        ("My son is 9. He's had back pain for 3 weeks that wakes him at night.", "night_pain", 9),
    ],
)
def test_a_carers_account_is_about_the_relative(text: str, finding: str, age: int) -> None:
    reading = read(text, kb=KB)
    assert reading.findings.is_present(finding), reading
    assert reading.findings.values.age == age


def test_a_carers_own_age_is_not_the_persons() -> None:
    reading = read("I'm 45. My mum is 81 and her back has been in spasm since she lifted a box.", kb=KB)
    assert reading.findings.values.age == 81 and reading.findings.values.sex == "female"


def test_a_clinicians_note_about_his_back_keeps_a_relatives_history_apart() -> None:
    reading = read("A 46-year-old man with pain in his lower back. His brother had bowel cancer.", kb=KB)
    assert not reading.findings.is_present("cancer_history")


def test_quoted_words_are_read() -> None:
    reading = read("61 M. Sudden-onset 'tearing' pain between the shoulder blades.", kb=KB)
    assert reading.findings.is_present("tearing_pain")


def test_a_question_inside_a_sentence_is_not_a_current_symptom() -> None:
    text = "Spasm after lifting; very anxious, pt asks 'could I lose bladder control from this?'."
    assert read(text, kb=KB).findings.status("bladder_dysfunction") is Status.UNCERTAIN
