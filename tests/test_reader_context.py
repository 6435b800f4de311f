"""Named examples for context the reader reads beyond one ConText modifier: negated lists, questions
with their answers, denials after reported or other people's symptoms, illnesses that are over,
progressive weakness, a stated temperature, and painkiller doses counted against the daily limit."""

from __future__ import annotations

import pytest

from lumbar.intake import Status
from lumbar.intake.reader import read
from lumbar.knowledge import default_kb

KB = default_kb()
P, A, U = Status.PRESENT, Status.ABSENT, Status.UNCERTAIN

CASES = [
    # every item of a negated list, however long, and lists with words that are not findings
    ("Denies fever, weight loss, trauma, saddle anaesthesia, urinary or faecal incontinence, leg weakness.",
     "bowel_dysfunction", A),
    ("Denies fever, weight loss, trauma, saddle anaesthesia, urinary or faecal incontinence, leg weakness.",
     "saddle_numbness", A),
    ("Denies chest pain, palpitations or shortness of breath.", "breathlessness", A),
    ("Skin: no petechiae or purpura.", "rash_non_blanching", A),
    ("No PMH of malignancy", "cancer_history", A),
    ("Not on steroids", "steroid_use", A),
    # ... but not a new statement after a comma, "but" or "and the"
    ("no fever, but my legs are weak", "bilateral_leg_weakness", P),
    ("no temperature, my legs are numb", "bilateral_leg_symptoms", P),
    ("got tiny red-purple spots that don't fade with the glass test, feel awful", "unwell", P),
    ("no sign of improvement, and the numbness in my groin is worse", "saddle_numbness", P),
    # a hypothetical list carries on too; a "Suspected X:" heading does not make the findings after it uncertain
    ("Safety net: if loss of bladder or bowel control, or numbness in the saddle area, attend ED.",
     "saddle_numbness", U),
    ("Suspected CES: bilateral sciatica, saddle anaesthesia, painless retention.", "saddle_numbness", P),
    ("Red flags screened: no weight loss, no night pain.", "weight_loss", A),
    # questions and answers
    ("Cancer? No, never. Weight loss? No. Fever? No.", "cancer_history", A),
    ("Cancer? No, never. Weight loss? No. Fever? No.", "weight_loss", A),
    ("Cancer? No, never. Weight loss? No. Fever? No.", "fever", A),
    ("Fever? Yes.", "fever", P),
    ("Fever: no.", "fever", A),
    ("Is a fever something to worry about? No idea.", "fever", U),
    # reported or general statements, and the person's own denial after them
    ("Google says back pain with numbness in the groin means go to hospital - I don't have that",
     "saddle_numbness", A),
    ("I read that numbness in the groin is an emergency", "saddle_numbness", U),
    ("my GP said to watch for numbness in the groin", "saddle_numbness", U),
    ("the doctor asked if I'd lost weight, I haven't, I've actually put some on", "weight_loss", A),
    ("I've been told I have an aneurysm and they scan it every year", "known_aneurysm", P),
    ("Never been told I have osteoporosis", "osteoporosis", A),
    # illness that is over
    ("Had flu with a fever back in January, fully recovered", "fever", U),
    ("had a fever last week with a cold but that's gone now, it's just my back", "fever", U),
    ("a week ago I felt faint a couple of times, it has settled now", "fainting", U),
    ("my back spasm is awful, the numbness has gone now", "muscle_spasm", P),
    # comparisons and pseudo-negation
    ("It's more of a cramp than a tearing feeling", "tearing_pain", A),
    ("I can't stop being sick", "nausea_vomiting", P),
    # progressive weakness from the weakness and its course
    ("Dragging my left foot since the weekend and it's getting worse", "weakness_progressive", P),
    ("Bilateral lower limb weakness, hip flexion 3/5 both sides, progressing since admission.",
     "weakness_progressive", P),
    ("leg is a bit weak but it's not getting any worse", "weakness_progressive", A),
    # a stated temperature of 38 C or more is a fever
    ("Meningism: neck stiffness, photophobia. T 39.4.", "fever", P),
    ("temp is 101.3F and my back aches", "fever", P),
]  # fmt: skip


@pytest.mark.parametrize(("text", "finding", "expected"), CASES)
def test_reads_status_in_context(text: str, finding: str, expected: Status) -> None:
    reading = read(text, kb=KB)
    assert reading.findings.status(finding) is expected, reading.findings.observations


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my leg is weak and the pain is getting worse", "weakness_progressive"),
        ("My little boy has a stiff neck and a temperature", "fever"),
        ("My little boy has a stiff neck and a temperature", "neck_stiffness"),
        ("Pt's father had cauda equina syndrome in 2019", "saddle_numbness"),
        ("temp 37.2, back pain", "fever"),
    ],
)
def test_not_read_as_the_persons_finding(text: str, finding: str) -> None:
    assert read(text, kb=KB).findings.status(finding) in (None, Status.ABSENT, Status.UNCERTAIN)


def test_someone_elses_symptom_then_the_persons_denial() -> None:
    reading = read("My wife has had a fever all week, I haven't got one though", kb=KB)
    assert reading.findings.status("fever") is Status.ABSENT
    assert "fever" in {o.finding for o in reading.others}


def test_an_informant_reports_the_persons_symptoms() -> None:
    reading = read("Wife reports that he has had a fever for 2 days", kb=KB)
    assert reading.findings.status("fever") is Status.PRESENT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I've taken 12 paracetamol since yesterday", P),
        ("took 10 x 500mg paracetamol in 24 hours", P),
        ("took 8 x 500mg paracetamol in 24 hours", A),  # exactly 4 g: at the limit, not over it
        ("paracetamol 1g qds", A),
        ("paracetamol 2g qds", P),
        ("ibuprofen 400mg tds and paracetamol 1g qds", A),
        ("taking 3 ibuprofen four times a day", A),
        ("taking 4 x 400mg ibuprofen four times a day", P),
        ("I've taken double the dose of paracetamol", P),
        ("I've been taking more than the packet says", P),
        ("never more than 8 paracetamol a day", A),
    ],
)
def test_painkiller_doses(text: str, expected: Status | None) -> None:
    reading = read(text, kb=KB)
    assert reading.findings.status("analgesic_overdose") is expected, reading.findings.observations
    obs = reading.findings.observations.get("analgesic_overdose")
    if obs is not None:
        assert obs.span is not None
        assert text[obs.span[0] : obs.span[1]] == obs.evidence


def test_a_count_without_a_time_frame_is_no_dose() -> None:
    from lumbar.intake.reader.doses import overdose_observation

    assert overdose_observation("bought 32 tablets of paracetamol", "bought 32 tablets of paracetamol") is None
    found = overdose_observation("took 32 tablets of paracetamol today", "took 32 tablets of paracetamol today")
    assert found is not None
    assert found.status is Status.PRESENT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("paracetamol 1 g x 7 over the last 24 h", "present"),  # 7 g in a day
        ("paracetamol 1 g x 4 in 24 hours", "absent"),  # 4 g: the maximum, not over it
        ("ibuprofen 400mg x 3 a day", "absent"),  # 1.2 g a day: a frequency, not counted twice
        ("ibuprofen 400mg x 8 a day", "present"),  # 3.2 g a day
    ],
)
def test_strength_then_count_doses(text: str, expected: str) -> None:
    obs = read(text, kb=KB).findings.observations.get("analgesic_overdose")
    assert obs is not None and obs.status.value == expected


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Denies trauma, fever or weight loss.", {"major_trauma", "fever", "weight_loss"}, set()),
        ("No injury, no fever.", {"fever"}, set()),
        ("Denies trauma. Has a fever.", {"major_trauma"}, {"fever"}),  # a new sentence is not the list
        ("No trauma, but my legs are weak.", {"major_trauma"}, {"bilateral_leg_weakness"}),
    ],
)
def test_a_denial_held_inside_a_normal_statement_carries_along_its_list(
    text: str, absent: set[str], present: set[str]
) -> None:
    findings = read(text, kb=KB).findings
    assert {f for f in absent if findings.status(f) is Status.ABSENT} == absent
    assert {f for f in present if findings.is_present(f)} == present
