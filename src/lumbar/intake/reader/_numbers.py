"""Numbers as people write them: digits, number words ("a couple of", "three"), and numbers said
in words as dictation writes them ("sixty eight", "thirty nine point one"). Shared by the value readers
(values.py, durations.py, temperature.py)."""

from __future__ import annotations

import re

__all__ = ["DIGIT", "HALF", "NUM", "NUMBER_WORDS", "UNITS_WORDS", "digits", "number"]

NUMBER_WORDS = {
    "zero": 0, "nil": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "couple": 2, "three": 3,
    "few": 3, "four": 4, "several": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
NUM = r"(?:\d{1,3}(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# Half as much again after a number: "three and a half months", "2½ weeks", "1 1/2 weeks"
HALF = r"(?:\s+and\s+a\s+half|\s*½|\s+1/2)"


# Several patterns of the value readers match only where there is a digit (an age, a temperature, "3/7", "37 weeks"):
# a text without one (most people's words) skips them.
DIGIT = re.compile(r"\d")


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_SPELLED = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_TENS) + r")(?:[\s-]+(?P<unit>" + "|".join(UNITS_WORDS) + r"))?"
    r"|(?P<teen>" + "|".join(_TEENS) + r"))\b"
)
_POINT = re.compile(r"\b(?P<whole>\d{1,3})\s+point\s+(?P<tenth>\d|" + "|".join(UNITS_WORDS) + r"|zero)\b")
# A hundred and some, as a Fahrenheit temperature or a great age is said: "one oh one", "a hundred and two".
_HUNDRED = re.compile(
    r"\b(?:one\s+(?:oh|o|zero)|(?:a|one)\s+hundred\s+and)\s+(?P<unit>" + "|".join(UNITS_WORDS) + r")\b"
)


def digits(text: str) -> str:
    """Numbers said in words as digits, as dictation writes them: "im sixty eight" is "im 68", "thirty
    nine point one" is "39.1", "one oh one" is "101". Single words below ten stay words ("a", "one" and
    "two" are read where they matter)."""
    if not any(word in text for word in ("ty", "teen", "ten", "eleven", "twelve", "hundred", "one o", "one zero")):
        return text

    def spelled(m: re.Match[str]) -> str:
        if m.group("teen"):
            return str(_TEENS[m.group("teen")])
        return str(_TENS[m.group("tens")] + (UNITS_WORDS[m.group("unit")] if m.group("unit") else 0))

    def point(m: re.Match[str]) -> str:
        tenth = m.group("tenth")
        return f"{m.group('whole')}.{UNITS_WORDS.get(tenth, 0) if not tenth.isdigit() else tenth}"

    def hundred(m: re.Match[str]) -> str:
        return str(100 + UNITS_WORDS[m.group("unit")])

    return _POINT.sub(point, _HUNDRED.sub(hundred, _SPELLED.sub(spelled, text)))


def number(word: str) -> float | None:
    word = word.strip().lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None
