"""Values stated in free text: age, sex, pain score, temperature, duration, pregnancy, side, course."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumbar.intake.reader import values as v
from lumbar.intake.reader.values import read_values
from reader_corpus import CORPUS


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("I'm 45 and my back hurts", 45, None),
        ("45 yo with back pain", 45, None),
        ("45M, LBP", 45, "male"),
        ("38f, 2/52 back pain", 38, "female"),
        ("a 51-year-old man with back pain", 51, "male"),
        ("aged 70, fell at home", 70, None),
        ("I'm a woman in my forties", None, "female"),
        ("I'm a 30 year old guy", 30, "male"),
        ("I'm 45, female, pain for a week", 45, "female"),
        ("I'm 28 weeks pregnant", None, None),
        ("I'm 6 foot tall", None, None),
        ("temperature 101 F", None, None),
        ("I'm 150 years old", None, None),
        ("Mr Smith has back pain", None, None),
    ],
)
def test_age_and_sex(text: str, age: int | None, sex: str | None) -> None:
    values = read_values(text)
    assert (values.age, values.sex) == (age, sex)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("pain 7/10", 7),
        ("it's a 7 / 10", 7),
        ("7 out of 10", 7),
        ("eight out of ten", 8),
        ("pain seven", 7),
        ("pain score 6", 6),
        ("I'd rate it a 9", 9),
        ("10/10 agony", 10),
        ("0/10 today", 0),
        ("11/10 pain", None),
        ("3/7 LBP", None),
        ("pain for 3 days", None),
        ("pain at 3 am", None),
    ],
)
def test_pain_score(text: str, score: int | None) -> None:
    assert read_values(text).pain_score == score


@pytest.mark.parametrize(
    ("text", "celsius"),
    [
        ("temp 39C", 39.0),
        ("temperature of 38.5", 38.5),
        ("38.5 °C", 38.5),
        ("101F", 38.3),
        ("fever of 102", 38.9),
        ("running a temp of 37.8 degrees", 37.8),
        ("temp 60", None),
        ("fever for 3 days", None),
        ("38f with back pain", None),
    ],
)
def test_temperature(text: str, celsius: float | None) -> None:
    assert read_values(text).temperature_c == celsius


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("since yesterday", 1.0),
        ("for 3 weeks", 21.0),
        ("started two days ago", 2.0),
        ("for a month", 30.0),
        ("a couple of days", 2.0),
        ("3/7 LBP", 3.0),
        ("2/52 of back pain", 14.0),
        ("48 hours", 2.0),
        ("this morning", 0.0),
        ("since Monday", None),
        ("I'm 28 weeks pregnant", None),
        ("had a kidney stone five years ago", None),
        ("stretch twice a day", None),
        ("pain for 3 weeks, worse for 2 days", 21.0),
        ("back pain for the past 10 years", 3650.0),
        ("had ankylosing spondylitis for 20 years", None),  # how long the disease, not this pain, has lasted
    ],
)
def test_duration(text: str, days: float | None) -> None:
    assert read_values(text).duration_days == days


@pytest.mark.parametrize(
    ("text", "weeks"),
    [("28 weeks pregnant", 28), ("I'm pregnant, 30 weeks", 30), ("G2P1 at 34/40", 34), ("not pregnant", None)],
)
def test_pregnancy_weeks(text: str, weeks: int | None) -> None:
    assert read_values(text).pregnancy_weeks == weeks


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("pain down my left leg", "left"),
        ("right sided sciatica", "right"),
        ("numb R foot", "right"),
        ("both legs tingle", "both"),
        ("left leg and right foot", "both"),
        ("bilateral sciatica", "both"),
        ("I left work early", None),
        ("came right back", None),
    ],
)
def test_side(text: str, side: str | None) -> None:
    assert read_values(text).side == side


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("it's getting better", "better"),
        ("slowly improving", "better"),
        ("getting worse every day", "worse"),
        ("my leg keeps getting weaker", "progressive"),
        ("progressive weakness", "progressive"),
        ("not getting any better", "same"),
        ("still the same", "same"),
        ("no change in my bladder", None),
        ("it's worse when I sit", None),
        ("feels better when I walk", None),
    ],
)
def test_course(text: str, course: str | None) -> None:
    assert read_values(text).course == course


@pytest.mark.parametrize("text", ["age 999", "pain 99/10", "temp 999", "9999 weeks pregnant", "for 99999 years"])
def test_out_of_range_numbers_are_ignored(text: str) -> None:
    read_values(text)  # must not raise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("T 38.3, rigors", {"temperature_c": 38.3}),
        ("T38.5", {"temperature_c": 38.5}),
        ("temp 39.1", {"temperature_c": 39.1}),
        ("pyrexial 38.4", {"temperature_c": 38.4}),
        ("T12 fracture", {"temperature_c": None}),
        ("38M, LBP", {"age": 38, "sex": "male", "temperature_c": None}),
        ("38 F with fever", {"age": 38, "sex": "female", "temperature_c": None}),
        ("Temp 102.2F at home", {"temperature_c": 39.0, "age": None, "sex": None}),
        ("82F, fell at home", {"age": 82, "sex": "female"}),
        ("an 82 year old with back pain", {"age": 82, "duration_days": None}),
        ("slipped on ice and landed on my bum, 74, the pain is terrible", {"age": 74}),
        ("66 and male", {"age": 66, "sex": "male"}),
        ("Fall from ladder approx 3m onto back", {"age": None, "sex": None}),
        ("walking distance down to 50m", {"age": None, "sex": None}),
        ("FHx: father died of AAA aged 70", {"age": None}),
        ("my dad had cancer, I'm 40 and fit", {"age": 40}),
        ("Pregnant 22 weeks", {"pregnancy_weeks": 22, "duration_days": None}),
        ("22/40, back pain", {"pregnancy_weeks": 22, "duration_days": None}),
        ("I'm 37 weeks and the backache comes every few minutes", {"pregnancy_weeks": 37, "duration_days": None}),
        ("Rhythmic back pain, 39 weeks. Membranes intact.", {"pregnancy_weeks": 39}),
        ("Pregnancy test negative. LMP 2 weeks ago.", {"pregnancy_weeks": None}),
        ("3/52 LBP", {"duration_days": 21.0}),
        ("5/7 hx", {"duration_days": 5.0}),
        ("for a week", {"duration_days": 7.0}),
        ("since this morning", {"duration_days": 0.0}),
        ("few weeks of back pain", {"duration_days": 21.0}),
        ("4/10 for a fortnight", {"duration_days": 14.0, "pain_score": 4}),
        ("maybe a 5", {"pain_score": 5}),
        ("pain is a solid 7", {"pain_score": 7}),
        ("pain down to a 3", {"pain_score": 3}),
        ("pain is only on the right", {"side": "right"}),
        ("both my legs feel heavy", {"side": "both"}),
        ("L hemisensory loss", {"side": "left"}),
        ("weakness of hip flexion R", {"side": "right"}),
        ("now it's worse", {"course": "worse"}),
        ("Increasing back pain", {"course": "worse"}),
        ("loads better today", {"course": "better"}),
        ("nearly gone", {"course": "better"}),
        ("not progressing, about the same as day one", {"course": "same"}),
    ],
)
def test_values_in_clinical_and_lay_shorthand(text: str, expected: dict[str, object]) -> None:
    values = read_values(text)
    assert {k: getattr(values, k) for k in expected} == expected


def test_patterns_skipped_without_a_digit_never_match_without_one() -> None:
    # read_values skips these when the text has no digit; on every corpus text with its digits taken
    # out (and on the number words), none of them matches, so skipping them changes nothing.
    needing = [*v._AGE_PATTERNS, v._BARE_AGE, *v._TEMPERATURE_PATTERNS, v._DURATION_PATTERNS[1]]
    needing += [v._PREGNANCY_PATTERNS[2], v._IM_WEEKS, v._WEEKS_ALONE]
    words = " ".join(v._NUMBER_WORDS)
    for text in [*CORPUS, words, f"i'm {words} weeks, temp {words} degrees, {words}/7"]:
        plain = re.sub(r"\d", "", text.lower())
        assert not any(p.search(plain) for p in needing), text

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=80))
    def no_digit_no_match(text: str) -> None:
        assert not any(p.search(text.lower()) for p in needing if not re.search(r"\d", text.lower()))

    no_digit_no_match()
