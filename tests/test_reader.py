"""Named examples for the free-text reader: negation, hypotheticals, history, other people, scope,
pseudo-negation, misspellings and clinical shorthand. Each row is one thing the reader must get right."""

from __future__ import annotations

import pytest

from lumbar.intake import Status
from lumbar.intake.reader import NOT_UNDERSTOOD, TRUNCATED, read
from lumbar.knowledge import default_kb

KB = default_kb()
P, A, U = Status.PRESENT, Status.ABSENT, Status.UNCERTAIN

CASES = [
    # plain statements and lay voice
    ("threw my back out lifting the couch, 8/10", "trigger_lifting", P),
    ("my lower back went into spasm this morning", "muscle_spasm", P),
    ("I can't pee since the pain started", "bladder_dysfunction", P),
    ("I can't feel myself pee", "bladder_dysfunction", P),
    ("wet myself yesterday", "bladder_dysfunction", P),
    ("numb bum when I sit on the toilet", "saddle_numbness", P),
    ("pins and needles down my left leg", "leg_numbness", P),
    ("pain shooting down the back of my leg", "sciatica", P),
    ("both legs are weak and keep giving way", "bilateral_leg_weakness", P),
    ("my foot keeps dragging when I walk", "foot_drop", P),
    # negation
    ("no tingling", "leg_numbness", A),
    ("no leg pain", "sciatica", A),
    ("I haven't had any numbness", "leg_numbness", A),
    ("never had cancer", "cancer_history", A),
    ("without any fever", "fever", A),
    ("negative for fever", "fever", A),
    ("nil weight loss", "weight_loss", A),
    ("peeing's fine", "bladder_dysfunction", A),
    ("bladder ok", "bladder_dysfunction", A),
    ("waterworks normal", "bladder_dysfunction", A),
    ("bowels normal", "bowel_dysfunction", A),
    ("I can feel everything normally down there", "saddle_numbness", A),
    ("I can walk fine", "gait_disturbance", A),
    # traps: a positive hidden behind a negative word
    ("no numbness but I can't feel the toilet paper when I wipe", "saddle_numbness", P),
    ("no numbness but I can't feel the toilet paper when I wipe", "leg_numbness", A),
    ("no feeling down there at all", "saddle_numbness", P),
    ("I have no control of my bladder", "bladder_dysfunction", P),
    # hypotheticals and questions
    ("should I worry if I lose control of my bladder?", "bladder_dysfunction", U),
    ("in case I get numbness, what do I do", "leg_numbness", U),
    ("what if I can't feel my legs", "bilateral_leg_symptoms", U),
    ("if I ever wet myself I will go to A&E", "bladder_dysfunction", U),
    ("Is a fever something to worry about?", "fever", U),
    # uncertainty and pseudo-negation
    ("not sure if I have a fever", "fever", U),
    ("I'm worried about cancer", "cancer_history", U),
    ("not only back pain but also numbness in my foot", "leg_numbness", P),
    ("no change in my bladder or bowels", "bladder_dysfunction", A),
    # history
    ("had numbness last year, gone now", "leg_numbness", U),
    ("had sciatica years ago", "sciatica", U),
    ("had breast cancer 10 years ago", "cancer_history", P),
    ("history of osteoporosis", "osteoporosis", P),
    ("no history of cancer", "cancer_history", A),
    # scope ends at but, however, semicolons, commas and line breaks
    ("no fever but my legs are numb", "bilateral_leg_symptoms", P),
    ("no fever, however my legs are numb", "bilateral_leg_symptoms", P),
    ("no weakness; numbness in my left leg", "leg_numbness", P),
    ("hurt my back lifting, no bladder problems, pain 7/10 shooting down left leg", "sciatica", P),
    ("hurt my back lifting, no bladder problems, pain 7/10 shooting down left leg", "bladder_dysfunction", A),
    ("no fever\nlegs numb", "bilateral_leg_symptoms", P),
    ("denies fever, night sweats or weight loss", "weight_loss", A),
    ("denies fever, night sweats or weight loss", "unwell", A),
    # misspellings and informal writing
    ("sciatia down my leg", "sciatica", P),
    ("pins n needles in my foot", "leg_numbness", P),
    ("I cant pee", "bladder_dysfunction", P),
    ("i dont have a feaver", "fever", A),
    ("on prednisalone for my asthma", "steroid_use", P),
    # clinical style
    ("58M, 3/7 LBP, denies saddle anaesthesia, sphincters intact", "saddle_numbness", A),
    ("58M, 3/7 LBP, denies saddle anaesthesia, sphincters intact", "bowel_dysfunction", A),
    ("SLR negative", "sciatica", A),
    ("SLR -ve bilaterally", "sciatica", A),
    ("positive SLR on the left at 40 degrees", "sciatica", P),
    ("power 5/5 throughout", "leg_weakness", A),
    ("apyrexial", "fever", A),
    ("hx of ca prostate", "cancer_history", P),
    ("IVDU", "iv_drug_use", P),
    ("on pred for 6 months", "steroid_use", P),
    ("reduced anal tone", "bowel_dysfunction", P),
    # triggers
    ("deadlifts with bad form", "poor_form", P),
    ("deadlifts with bad form", "trigger_lifting", P),
    ("sat at my desk all day", "prolonged_sitting", P),
    ("wearing high heels at a wedding", "unsupportive_shoes", P),
    ("didn't warm up before football", "no_warmup", P),
    ("didn't warm up before football", "trigger_sport", P),
    ("really hungover", "dehydration", P),
    ("slept on my mate's sofa", "poor_sleep_surface", P),
]


@pytest.mark.parametrize(("text", "finding", "expected"), CASES)
def test_reads_finding_status(text: str, finding: str, expected: Status) -> None:
    reading = read(text, kb=KB)
    assert reading.understood
    assert reading.findings.status(finding) is expected, reading.findings.observations


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my dad had cancer", "cancer_history"),
        ("my wife has a fever", "fever"),
        ("Mum had breast cancer and my back is killing me", "cancer_history"),
    ],
)
def test_other_people_are_kept_apart(text: str, finding: str) -> None:
    reading = read(text, kb=KB)
    assert reading.findings.status(finding) is None
    assert finding in {o.finding for o in reading.others}


def test_a_relative_does_not_take_the_persons_own_symptoms() -> None:
    reading = read("my dad had cancer and I have numbness in my leg", kb=KB)
    assert reading.findings.is_present("leg_numbness")
    assert reading.findings.status("cancer_history") is None


def test_family_history_is_the_persons_own_finding() -> None:
    reading = read("family history of ankylosing spondylitis", kb=KB)
    assert reading.findings.is_present("family_spondyloarthritis")
    reading = read("my mum has psoriasis", kb=KB)
    assert reading.findings.is_present("family_spondyloarthritis")


@pytest.mark.parametrize(
    ("text", "own", "family"),
    [
        ("I have ankylosing spondylitis", Status.PRESENT, None),
        ("Could this be ankylosing spondylitis?", Status.UNCERTAIN, None),
        ("my brother has ankylosing spondylitis", None, Status.PRESENT),
        ("Mum has AS", None, Status.PRESENT),
        ("I have psoriasis", None, Status.UNCERTAIN),  # the person's psoriasis: worth asking about the family
    ],
)
def test_the_persons_own_ankylosing_spondylitis_is_no_family_history(
    text: str, own: Status | None, family: Status | None
) -> None:
    reading = read(text, kb=KB)
    assert reading.findings.status("known_spondyloarthritis") is own
    assert reading.findings.status("family_spondyloarthritis") is family


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("58M, known AS, fall from standing", Status.PRESENT),
        ("PMH: AS, HTN", Status.PRESENT),
        ("what's known as a facet joint strain", None),  # "as" in lower case is the everyday word
        ("I FELL OVER AND AS I GOT UP MY BACK WENT", None),
    ],
)
def test_as_is_ankylosing_spondylitis_only_in_capitals_after_a_diagnosis(text: str, expected: Status | None) -> None:
    assert read(text, kb=KB).findings.status("known_spondyloarthritis") is expected


def test_lifting_a_child_is_not_about_the_child() -> None:
    reading = read("I picked up my son and felt a spasm", kb=KB)
    assert reading.findings.is_present("muscle_spasm")
    assert reading.findings.is_present("trigger_lifting")
    assert not reading.others


def test_evidence_is_the_persons_own_words_at_the_span() -> None:
    text = "Threw my back out lifting the couch, no tingling, peeing\u2019s fine, pain 8/10"
    reading = read(text, kb=KB)
    assert reading.findings.observations
    for obs in reading.findings.observations.values():
        assert obs.origin == "text"
        assert obs.span is not None
        assert text[obs.span[0] : obs.span[1]] == obs.evidence
    assert reading.findings.observations["leg_numbness"].evidence == "no tingling"
    assert reading.findings.observations["bladder_dysfunction"].evidence == "peeing\u2019s fine"


def test_present_beats_absent_beats_uncertain_for_repeated_mentions() -> None:
    reading = read("no numbness in my right leg but numbness in my left leg", kb=KB)
    assert reading.findings.is_present("leg_numbness")
    reading = read("no fever. What if I get a fever?", kb=KB)
    assert reading.findings.status("fever") is Status.ABSENT


def test_back_pain_without_a_specific_finding_is_understood() -> None:
    reading = read("my back is killing me", kb=KB)
    assert reading.understood
    assert reading.problems == ()


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "😀😀🙈!!!", "?!...,,,", "\x00\x01\x02\x1b[0m", "Ich habe starke Schmerzen im Rücken",
     "me duele mucho la espalda", "the weather is lovely today"],
)  # fmt: skip
def test_not_understood(text: str) -> None:
    reading = read(text, kb=KB)
    assert not reading.understood
    assert reading.problems == (NOT_UNDERSTOOD,)
    assert not reading.findings.observations


def test_very_long_text_is_cut_and_said_so() -> None:
    text = "no tingling. " + "my back hurts. " * 10_000 + "I can't pee."
    reading = read(text, kb=KB)
    assert TRUNCATED in reading.problems
    assert reading.findings.status("leg_numbness") is Status.ABSENT
    assert reading.findings.status("bladder_dysfunction") is None  # beyond the cut
    assert reading.text == text


def test_every_phrase_compiles_and_every_finding_has_phrases() -> None:
    from lumbar.intake.reader.lexicon import phrase_rules

    rules = phrase_rules(KB)
    assert {r.finding for r in rules} == set(KB.findings)
