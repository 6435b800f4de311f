"""Values stated in free text: age, sex, pain score, temperature, duration, pregnancy, side, course."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumbar.intake.reader import _numbers, durations, temperature
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
    ("text", "expected"),
    [
        # a number past a plausible body temperature is something else: here the age
        ("no temperature. 45, otherwise healthy", {"temperature_c": None, "age": 45}),
        ("no fever! 52, fit and well", {"temperature_c": None, "age": 52}),
        ("temp 45", {"temperature_c": None}),
        ("temperature of 33", {"temperature_c": None}),
        ("temp 44.5", {"temperature_c": None}),
        ("fever of 110", {"temperature_c": None}),  # 43.3 C
        ("temp 92", {"temperature_c": None}),  # 33.3 C
        # the context word does not reach into the next sentence ("no fever. 39, ..." is the age)
        ("no fever. 39, fit and well", {"temperature_c": None, "age": 39}),
        # near-misses: plausible temperatures, low and high, and in Fahrenheit, are still read
        ("temperature 34.2", {"temperature_c": 34.2}),
        ("temp 42.8", {"temperature_c": 42.8}),
        ("fever of 109", {"temperature_c": 42.8}),
        ("94F", {"temperature_c": 34.4}),
        ("temp. 38.5", {"temperature_c": 38.5}),
        ("fever? 38.5", {"temperature_c": 38.5}),
        ("felt hot. 45, temp 38.2 this morning", {"temperature_c": 38.2, "age": 45}),
    ],
)
def test_a_temperature_must_be_a_plausible_body_temperature(text: str, expected: dict[str, object]) -> None:
    values = read_values(text)
    assert {k: getattr(values, k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "celsius"),
    [
        ("i had a temperature of thirty seven nine last night", 37.9),
        ("i had thirty eight two last night", 38.2),
        ("temp was thirty eight point five", 38.5),
        ("my temperature is thirty eight point five", 38.5),
        ("a temp of thirty nine", 39.0),
        ("temp one oh one", 38.3),
        ("fever of one oh two last night", 38.9),
        ("temperature a hundred and one", 38.3),
        # near-misses: no temperature, or no tenth
        ("thirty seven nine", None),  # no word for a temperature
        ("temp of thirty seven nine days ago", 37.0),  # "nine days ago" is a time, not a tenth
        ("temp of forty five", None),  # not a body temperature
        ("staying in room one oh one", None),
        ("a hundred and one things to do", None),
        ("I'm thirty seven, nine weeks postpartum", None),
    ],
)
def test_spoken_temperatures(text: str, celsius: float | None) -> None:
    assert read_values(text).temperature_c == celsius


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sore for about three and a half months", {"duration_days": 105.0}),
        ("two and a half weeks", {"duration_days": 17.5}),
        ("twice a day for two and a half weeks", {"duration_days": 17.5}),
        ("a month and a half", {"duration_days": 45.0}),
        ("started a week and a half ago", {"duration_days": 10.5}),
        ("a year and a half", {"duration_days": 547.5}),
        ("one and a half years of back pain", {"duration_days": 547.5}),
        ("1.5 weeks", {"duration_days": 10.5}),
        ("2½ weeks", {"duration_days": 17.5}),
        ("1 1/2 weeks", {"duration_days": 10.5}),
        # near-misses: a half that is not the duration's, and a half-week gestation
        ("for 3 weeks, half my back hurts", {"duration_days": 21.0}),
        ("half a month", {"duration_days": 15.0}),  # not "a month"
        ("nearly half a year", {"duration_days": 182.5}),
        ("can only walk for an hour and a half", {"duration_days": None}),
        ("36 and a half weeks pregnant", {"duration_days": None, "pregnancy_weeks": 36}),
        ("I'm 36 and a half weeks", {"duration_days": None, "pregnancy_weeks": 36, "age": None}),
        ("I'm 6 and a half", {"age": 6}),
    ],
)
def test_durations_with_a_half(text: str, expected: dict[str, object]) -> None:
    values = read_values(text)
    assert {k: getattr(values, k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # the time since a birth or an operation, and the pain's own beside it
        ("10/52 postnatal", None),
        ("10/52 postnatal. LBP 2/52", 14.0),
        ("6/52 post-op", None),
        ("6/52 post op, LBP 3/7", 3.0),
        ("2/52 postoperative", None),
        ("3/7 post partum", None),
        ("4/52 post discectomy, LBP 2/52", 14.0),
        ("4/52 post L4/5 microdiscectomy", None),
        ("8/52 pp, LBP 2/52", 14.0),
        ("post-op 6/52, LBP 2/52", 14.0),
        ("s/p lumbar fusion 12/52", None),
        ("6 weeks post-op", None),
        ("3 weeks post hip replacement, back pain for 5 days", 5.0),
        ("six weeks postpartum", None),
        ("had my baby 6/52 ago, LBP 1/52", 7.0),
        ("c-section 6/52, back pain 1/52", 7.0),
        ("L4/5 discectomy 4/52 ago, LBP 2/52", 14.0),
        ("I had surgery 6 weeks ago", None),
        # near-misses: an injury's time is the pain's, and so is a duration only near the event
        ("LBP 3/7 post fall", 3.0),
        ("2/52 post lifting injury", 14.0),
        ("LBP 2/52, postnatal", 14.0),
        ("back pain 2/52 after lifting", 14.0),
        ("2/52, posture poor", 14.0),
        ("back pain for 3 weeks after my operation", 21.0),
        ("back pain after surgery for 6 weeks", 42.0),
        ("72M retired builder LBP 3/12 worse at night", 90.0),  # a condition word is no event
        ("smoker LBP 3/52", 21.0),
    ],
)
def test_time_since_a_birth_or_an_operation_is_not_the_pains(text: str, days: float | None) -> None:
    assert read_values(text).duration_days == days


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
        # counted from the start of this episode
        ("week 7 of sciatica, 39F", 49.0),
        ("day three of this back spasm", 3.0),
        ("wk 2 of LBP", 14.0),
        ("week 7 of the course of tablets", None),
        # a weight gained or lost is not the pain's time
        ("I've put on about 15 kg over the last few years", None),
        ("lost 2 stone in 3 months, back pain 2 weeks", 14.0),
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
    needing = [*v._AGE_PATTERNS, v._BARE_AGE, *temperature._TEMPERATURE_PATTERNS, durations._DURATION_PATTERNS[1]]
    needing += [v._PREGNANCY_PATTERNS[2], v._IM_WEEKS, v._WEEKS_ALONE]
    words = " ".join(_numbers.NUMBER_WORDS)
    for text in [*CORPUS, words, f"i'm {words} weeks, temp {words} degrees, {words}/7"]:
        plain = re.sub(r"\d", "", text.lower())
        assert not any(p.search(plain) for p in needing), text

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=80))
    def no_digit_no_match(text: str) -> None:
        assert not any(p.search(text.lower()) for p in needing if not re.search(r"\d", text.lower()))

    no_digit_no_match()
