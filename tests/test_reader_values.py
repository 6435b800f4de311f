"""Values stated in free text: age, sex, pain score, temperature, duration, pregnancy, side, course."""

from __future__ import annotations

import pytest

from lumbar.intake.reader.values import read_values


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
