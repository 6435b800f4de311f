"""Values stated in free text: age, sex, pain score, temperature, duration, weeks of pregnancy, side
and course. Plain regular expressions over the prepared (lower-cased) text.

Nothing here reads the clock: "since yesterday" is one day, "since Monday" is not read at all.
A number out of range is ignored, never raised: `Values` validates ranges, and a field it rejects is
simply left unreported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lumbar.intake.model import Values

__all__ = ["read_values"]

_NUMBER_WORDS = {
    "zero": 0, "nil": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "couple": 2, "three": 3,
    "few": 3, "four": 4, "several": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_NUM = r"(?:\d{1,3}(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT_DAYS = {
    "minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "hr": 1 / 24, "h": 1 / 24, "day": 1.0, "d": 1.0,
    "night": 1.0, "week": 7.0, "wk": 7.0, "w": 7.0, "fortnight": 14.0, "month": 30.0, "mo": 30.0,
    "mth": 30.0, "year": 365.0, "yr": 365.0, "y": 365.0,
}  # fmt: skip
# Clinical shorthand: 3/7 = three days, 2/52 = two weeks, 3/12 = three months, 6/24 = six hours.
_SHORTHAND_DAYS = {"7": 1.0, "52": 7.0, "12": 30.0, "24": 1 / 24}


def _number(word: str) -> float | None:
    word = word.strip().lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


# --- age and sex ---------------------------------------------------------------------------------
_FEMALE = r"(?:f|female|woman|lady|girl|fem)"
_MALE = r"(?:m|male|man|guy|bloke|gentleman|gent|boy|chap|dude)"
_SEX_WORD = rf"(?:{_FEMALE}|{_MALE})"
_NOT_AGE_AFTER = (
    r"(?!\s*(?:%|kg|kgs|kilo|lb|lbs|pound|stone|st\b|cm|mm|m\b|minute|min|hour|hr|day|week|wk|month|mth|"
    r"times|x\b|degree|°|/|\.\d|mg|ml|steps|miles|km|k\b|ft|feet|foot|inch|tall|'|reps|sets|floors|weeks|pregnant|"
    r"percent))"
)
_AGE_PATTERNS = [
    # "58M", "38f", "58 yo F", "45yoM", "a 51-year-old man"
    re.compile(
        rf"(?<![\d.])\b(?P<age>\d{{1,3}})\s*-?\s*(?:(?:y/?o|yrs?|years?)\s*-?\s*(?:old)?\s*)?"
        rf"(?P<sex>{_FEMALE}|{_MALE})\b(?!['-])"
    ),
    re.compile(r"\b(?P<age>\d{1,3})\s*(?:-|\s)?\s*(?:y/o|yo|yrs?\s*old|years?\s*old|year\s*old|yr\s*old)\b"),
    re.compile(r"\b(?:aged?|age:|dob\s*age)\s*:?\s*(?P<age>\d{1,3})\b" + _NOT_AGE_AFTER),
    re.compile(r"\b(?:i'?m|i\s+am|im)\s+(?:only\s+|just\s+|now\s+)?(?P<age>\d{1,3})\b" + _NOT_AGE_AFTER),
    re.compile(
        rf"(?<![\w'])(?P<sex>{_FEMALE}|{_MALE})\s*,?\s*(?:aged?\s*)?(?P<age>\d{{1,3}})\b(?!\s*/)" + _NOT_AGE_AFTER
    ),
]
_SEX_PATTERNS = [
    re.compile(rf"\b(?:i'?m|i\s+am|im)\s+an?\s+(?:\w+\s+){{0,2}}?(?P<sex>{_SEX_WORD})\b"),
    re.compile(rf"\b(?:as\s+an?|being\s+an?)\s+(?:\w+\s+){{0,2}}?(?P<sex>{_SEX_WORD})\b"),
    re.compile(rf"\b(?:sex|gender)\s*[:=]?\s*(?P<sex>{_SEX_WORD})\b"),
    re.compile(rf"^\s*(?P<sex>{_SEX_WORD})\s*[,:/]"),
    # a sex word standing alone in a list: "45, female, ..." or "(male)"
    re.compile(r"(?:^|[,;(]\s*)(?P<sex>female|male|woman|man|lady|gentleman)\s*(?:[,;.)]|$)"),
]


def _sex(word: str) -> str | None:
    if re.fullmatch(_FEMALE, word):
        return "female"
    if re.fullmatch(_MALE, word):
        return "male"
    return None


def _age_and_sex(text: str) -> tuple[int | None, str | None]:
    age: int | None = None
    sex: str | None = None
    for pattern in _AGE_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            number = int(groups["age"])
            if groups.get("sex") == "f" and number >= 90:
                continue  # "101 F" is a temperature
            if age is None and 0 <= number <= 120:
                age = number
            if sex is None and groups.get("sex"):
                sex = _sex(groups["sex"])
    for pattern in _SEX_PATTERNS:
        if sex is not None:
            break
        found = pattern.search(text)
        if found:
            sex = _sex(found.group("sex"))
    return age, sex


# --- pain score ----------------------------------------------------------------------------------
_PAIN_PATTERNS = [
    re.compile(rf"(?<![\d/.])(?P<n>{_NUM})\s*(?:/|out\s+of|outta|of)\s*(?:10|ten)\b(?!\s*/)"),
    re.compile(
        r"\b(?:pain|vas|nrs|score|severity|level|rated?|rating)\s*(?:score|level|is|was|of|at|:|=|"
        r"around|about|a|an|like|it|\s)*\s*(?P<n>\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b"
        r"(?!\s*(?:/|\.\d|%|days?|weeks?|months?|years?|hours?|mins?|minutes?|times|kg|lbs?|am|pm|o'?clock|yo|"
        r"y/o|yrs?|ish\s+days|out of (?!10|ten)))"
    ),
]


def _pain(text: str) -> int | None:
    for pattern in _PAIN_PATTERNS:
        m = pattern.search(text)
        if m:
            value = _number(m.group("n"))
            if value is not None and value == int(value):
                return int(value)
    return None


# --- temperature ---------------------------------------------------------------------------------
_TEMP_CONTEXT = r"(?:temp(?:erature)?|fever|febrile|pyrexi(?:a|al)|t\s*=|t:|running|spiking|spiked|thermometer)"
_TEMPERATURE_PATTERNS = [
    re.compile(r"(?<![\d/])(?P<t>\d{2,3}(?:\.\d)?)\s*(?:°|º|deg(?:rees?)?)?\s*(?P<unit>c|f|celsius|fahrenheit)\b"),
    re.compile(r"(?<![\d/])(?P<t>\d{2,3}(?:\.\d)?)\s*(?:°|º)\s*(?P<unit>)"),
    re.compile(
        rf"{_TEMP_CONTEXT}\D{{0,25}}?(?<![\d/])(?P<t>\d{{2,3}}(?:\.\d)?)(?!\s*(?:/|%|days?|hours?|weeks?))(?P<unit>)"
    ),
]


def _temperature(text: str) -> float | None:
    for pattern in _TEMPERATURE_PATTERNS:
        for m in pattern.finditer(text):
            value = float(m.group("t"))
            unit = (m.group("unit") or "")[:1]
            if unit == "f" or (not unit and 90 <= value <= 113):
                value = (value - 32) * 5 / 9
            if 30.0 <= value <= 45.0:
                return round(value, 1)
    return None


# --- duration ------------------------------------------------------------------------------------
_UNITS = (
    r"(?P<unit>minutes?|mins?|hours?|hrs?|h|days?|d|nights?|weeks?|wks?|w|fortnights?|months?|mos?|mths?|"
    r"years?|yrs?|y)"
)
_DURATION_PATTERNS = [
    re.compile(
        rf"\b(?:for|since|past|last|over|about|around|nearly|almost|roughly|within|x|lasted|lasting|been)?\s*"
        rf"(?:the\s+)?(?:(?:past|last)\s+)?(?:a\s+|the\s+)?(?P<n>{_NUM}|\d+)(?:\s+of)?\s*(?:-|\s)?\s*(?:or\s+so\s+)?"
        rf"(?:more\s+)?{_UNITS}\b(?P<after>\s*(?:ago|back|pregnant|gestation|old|of\s+age)?)"
    ),
    re.compile(r"(?<![\d/])(?P<n>\d{1,2})\s*/\s*(?P<denom>7|52|12|24)\b(?!\s*/)"),
    re.compile(
        r"\b(?P<word>yesterday|last\s+night|overnight|this\s+morning|today|tonight|this\s+afternoon|"
        r"this\s+evening)\b"
    ),
]
_WORD_DAYS = {"yesterday": 1.0, "last night": 1.0, "overnight": 1.0, "this morning": 0.0, "today": 0.0,
              "tonight": 0.0, "this afternoon": 0.0, "this evening": 0.0}  # fmt: skip


_NOT_EPISODE_BEFORE = re.compile(r"(?:\b(?:once|twice|times|per|every|each|in|next|i'?m|im|am|aged?|x)|\d)\s*$")


def _unit_days(unit: str) -> float | None:
    unit = unit.lower()
    for key in sorted(_UNIT_DAYS, key=len, reverse=True):
        if unit.startswith(key):
            return _UNIT_DAYS[key]
    return None


def _durations(text: str) -> Iterator[float]:
    for m in _DURATION_PATTERNS[0].finditer(text):
        after = m.group("after").strip()
        unit = m.group("unit")
        if after in ("pregnant", "gestation", "old", "of age"):
            continue
        if after in ("ago", "back") and unit.startswith(("y", "decade")):
            continue  # "five years ago" is usually a past event, not this episode
        if len(unit) == 1 and not re.search(r"\d\s*[hdwy]\b", m.group(0)):
            continue  # single-letter units only straight after a digit ("3d", "2w")
        before = text[max(0, m.start() - 14) : m.start()]
        if _NOT_EPISODE_BEFORE.search(before):
            continue  # "twice a day", "in 2 weeks", "once a year", "I'm 45 years"
        n, days = _number(m.group("n")), _unit_days(unit)
        if n is not None and days is not None:
            yield n * days
    for m in _DURATION_PATTERNS[1].finditer(text):
        yield float(m.group("n")) * _SHORTHAND_DAYS[m.group("denom")]
    for m in _DURATION_PATTERNS[2].finditer(text):
        word = " ".join(m.group("word").split())
        if word in _WORD_DAYS:
            yield _WORD_DAYS[word]


# --- pregnancy, side, course ---------------------------------------------------------------------
_PREGNANCY_PATTERNS = [
    re.compile(
        rf"\b(?P<n>{_NUM})\s*(?:\+\d\s*)?(?:weeks?|wks?|w)\s*(?:\+\s*\d\s*(?:days?|d)?\s*)?"
        r"(?:pregnant|preg|gestation|pg|along)\b"
    ),
    re.compile(rf"\bpregnan(?:t|cy)\b\D{{0,20}}?\b(?P<n>{_NUM})\s*(?:weeks?|wks?)\b"),
    re.compile(r"(?<![\d/])(?P<n>\d{1,2})(?:\+\d)?\s*/\s*40\b"),
]
_BODY = (
    r"(?:side|sided|leg|legs|foot|feet|buttock|bum|butt|glute|hip|thigh|calf|knee|ankle|flank|loin|lower\s+back|"
    r"sciatica|arm|shin|toe|toes|groin|kidney|sciatic|l5|s1|sl)"
)
_LEFT = re.compile(rf"\b(?:left|lt|l)\b(?:\s+|-)(?:\w+\s+)?{_BODY}\b|\b{_BODY}\s+(?:on\s+the\s+)?(?:left|lt)\b")
_RIGHT = re.compile(rf"\b(?:right|rt|r)\b(?:\s+|-)(?:\w+\s+)?{_BODY}\b|\b{_BODY}\s+(?:on\s+the\s+)?(?:right|rt)\b")
_BOTH = re.compile(
    r"\b(?:both\s+(?:legs|sides|feet|buttocks|hips|thighs|calves)|bilateral(?:ly)?|bilat|b/l|l\s*>\s*r|r\s*>\s*l|"
    r"left\s+and\s+right|right\s+and\s+left)\b"
)
_COURSE = [
    ("progressive", re.compile(
        r"\b(?:progressive(?:ly)?|progressing|(?:getting|growing|becoming|gets|got|going)\s+(?:\w+\s+)?weaker|"
        r"weaker\s+and\s+weaker|keeps?\s+getting\s+weaker|spreading|worse\s+and\s+worse|deteriorat\w*)\b")),
    ("worse", re.compile(
        r"(?<!not\s)(?<!n't\s)(?<!no\s)\b(?:(?:getting|got|gotten|becoming|going|gone|growing)\s+(?:\w+\s+)?worse|"
        r"worsening|worsened|escalating|increasing\s+pain|worse\s+(?:and\s+worse|today|now|every|each|than|by))\b")),
    ("same", re.compile(
        r"\b(?:no\s+(?:change|better|worse|different)(?!\s+(?:in|to|with|of))|unchanged|not\s+changing|not\s+(?:getting\s+)?(?:any\s+)?better|"
        r"not\s+(?:getting\s+)?(?:any\s+)?worse|n't\s+(?:getting\s+)?(?:any\s+)?better|"
        r"not\s+improving|n't\s+improv\w*|still\s+the\s+same|about\s+the\s+same|much\s+the\s+same|"
        r"stay(?:s|ed|ing)?\s+the\s+same)\b")),
    ("better", re.compile(
        r"(?<!not\s)(?<!n't\s)\b(?:(?:getting|got|gotten|feeling|slowly|gradually|much|bit|lot)\s+"
        r"(?:a\s+)?(?:bit\s+|little\s+|lot\s+)?better(?!\s+(?:when|with|if|after|on|lying|sitting|walking|moving))|"
        r"improving|improved|easing(?:\s+off)?|settling|on\s+the\s+mend|subsiding)\b")),
]  # fmt: skip


def _first_number(patterns: list[re.Pattern[str]], text: str) -> int | None:
    for pattern in patterns:
        for m in pattern.finditer(text):
            value = _number(m.group("n"))
            if value is not None:
                return int(value)
    return None


def _side(text: str) -> str | None:
    if _BOTH.search(text):
        return "both"
    left, right = bool(_LEFT.search(text)), bool(_RIGHT.search(text))
    if left and right:
        return "both"
    return "left" if left else "right" if right else None


def _course(text: str) -> str | None:
    for name, pattern in _COURSE:
        if pattern.search(text):
            return name
    return None


def read_values(text: str) -> Values:
    """The values stated in `text` (already normalised). Never raises."""
    lowered = text.lower()
    age, sex = _age_and_sex(lowered)
    durations = list(_durations(lowered))
    found: dict[str, Any] = {
        "age": age,
        "sex": sex,
        "pain_score": _pain(lowered),
        "temperature_c": _temperature(lowered),
        "duration_days": max(durations) if durations else None,
        "pregnancy_weeks": _first_number(_PREGNANCY_PATTERNS, lowered),
        "side": _side(lowered),
        "course": _course(lowered),
    }
    valid: dict[str, Any] = {}
    for name, value in found.items():
        if value is None:
            continue
        try:
            Values(**{name: value})
        except (ValueError, TypeError):
            continue
        valid[name] = value
    return Values(**valid)
