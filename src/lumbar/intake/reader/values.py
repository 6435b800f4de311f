"""Values stated in free text: age, sex, pain score, temperature, duration, weeks of pregnancy, side
and course. Plain regular expressions over the prepared (lower-cased) text.

Nothing here reads the clock: "since yesterday" is one day, "since Monday" is not read at all, and a
date ("since 3rd Oct", "since jan") counts only when the caller passes today's date.
A number out of range is ignored, never raised: `Values` validates ranges, and a field it rejects is
simply left unreported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from lumbar.intake.model import Values
from lumbar.intake.reader._family import FAMILY_SEX

__all__ = ["FEVER_C", "read_values", "readings", "temperature"]

# A temperature of 38.0 C or more is a fever: the threshold of the red-flag rule rf_fever
# (sources cks_red_flags, seed_003), so a stated "T 39.4" reads as the finding too.
FEVER_C = 38.0

_NUMBER_WORDS = {
    "zero": 0, "nil": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "couple": 2, "three": 3,
    "few": 3, "four": 4, "several": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_NUM = r"(?:\d{1,3}(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# Half as much again after a number: "three and a half months", "2½ weeks", "1 1/2 weeks"
_HALF = r"(?:\s+and\s+a\s+half|\s*½|\s+1/2)"
_UNIT_DAYS = {
    "minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "hr": 1 / 24, "h": 1 / 24, "day": 1.0, "d": 1.0,
    "night": 1.0, "week": 7.0, "wk": 7.0, "w": 7.0, "fortnight": 14.0, "month": 30.0, "mo": 30.0,
    "mth": 30.0, "year": 365.0, "yr": 365.0, "y": 365.0,
}  # fmt: skip
# Clinical shorthand: 3/7 = three days, 2/52 = two weeks, 3/12 = three months, 6/24 = six hours.
_SHORTHAND_DAYS = {"7": 1.0, "52": 7.0, "12": 30.0, "24": 1 / 24}


# Several patterns below match only where there is a digit (an age, a temperature, "3/7", "37 weeks"):
# a text without one (most people's words) skips them.
_DIGIT = re.compile(r"\d")


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_SPELLED = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_TENS) + r")(?:[\s-]+(?P<unit>" + "|".join(_UNITS_WORDS) + r"))?"
    r"|(?P<teen>" + "|".join(_TEENS) + r"))\b"
)
_POINT = re.compile(r"\b(?P<whole>\d{1,3})\s+point\s+(?P<tenth>\d|" + "|".join(_UNITS_WORDS) + r"|zero)\b")
# A hundred and some, as a Fahrenheit temperature or a great age is said: "one oh one", "a hundred and two".
_HUNDRED = re.compile(
    r"\b(?:one\s+(?:oh|o|zero)|(?:a|one)\s+hundred\s+and)\s+(?P<unit>" + "|".join(_UNITS_WORDS) + r")\b"
)


def _digits(text: str) -> str:
    """Numbers said in words as digits, as dictation writes them: "im sixty eight" is "im 68", "thirty
    nine point one" is "39.1", "one oh one" is "101". Single words below ten stay words ("a", "one" and
    "two" are read where they matter)."""
    if not any(word in text for word in ("ty", "teen", "ten", "eleven", "twelve", "hundred", "one o", "one zero")):
        return text

    def spelled(m: re.Match[str]) -> str:
        if m.group("teen"):
            return str(_TEENS[m.group("teen")])
        return str(_TENS[m.group("tens")] + (_UNITS_WORDS[m.group("unit")] if m.group("unit") else 0))

    def point(m: re.Match[str]) -> str:
        tenth = m.group("tenth")
        return f"{m.group('whole')}.{_UNITS_WORDS.get(tenth, 0) if not tenth.isdigit() else tenth}"

    def hundred(m: re.Match[str]) -> str:
        return str(100 + _UNITS_WORDS[m.group("unit")])

    return _POINT.sub(point, _HUNDRED.sub(hundred, _SPELLED.sub(spelled, text)))


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
    rf"(?!(?:{_HALF})?\s*(?:%|kg|kgs|kilo|lb|lbs|pound|stone|st\b|cm|mm|m\b|minute|min|hour|hr|day|week|wk|month|mth|"
    r"times|x\b|degree|°|/|\.\d|mg|ml|steps|miles|km|k\b|ft|feet|foot|inch|tall|'|reps|sets|floors|weeks|pregnant|"
    r"percent))"
)
# A bare "58M" or "38 F" only where a note starts a description: at the start, after punctuation, or after
# "pt" or "a"; "fell approx 3m", "walking distance down to 50m" are metres.
_LETTER_SEX_BEFORE = r"(?:^|(?<=[.,;:(\n])|(?<=[.,;:(\n]\s)|(?<=\bpt\s)|(?<=\bpatient\s)|(?<=\ba\s)|(?<=\ban\s))"
# The writer's own words ("I'm 45", "I'm a woman"): not the person's in a carer's account.
# "I'm 64M": the age, with the sex letter straight after it (not metres after "I'm").
_WRITERS_AGE = re.compile(
    r"\b(?:i'?m|i\s+am|im)\s+(?:only\s+|just\s+|now\s+)?(?P<age>\d{1,3})(?:(?<=\d\d)(?=[mf]\b)|\b"
    + _NOT_AGE_AFTER
    + ")"
)
_WRITERS_SEX = (
    re.compile(rf"\b(?:i'?m|i\s+am|im)\s+an?\s+(?:\w+\s+){{0,2}}?(?P<sex>{_SEX_WORD})\b"),
    re.compile(rf"\b(?:as\s+an?|being\s+an?)\s+(?:\w+\s+){{0,2}}?(?P<sex>{_SEX_WORD})\b"),
)
_AGE_PATTERNS = [
    # "58M", "38f", "38 M"
    re.compile(rf"{_LETTER_SEX_BEFORE}\s*(?<![\d.])(?P<age>\d{{1,3}})\s?(?P<sex>[mf])\b(?!['-])"),
    # "58 yo F", "45yoM", "a 51-year-old man", "an 82 year old"
    re.compile(
        rf"(?<![\d.])\b(?P<age>\d{{1,3}})\s*-?\s*(?:(?:y/?o|yrs?|years?)\s*-?\s*(?:old)?\s*)"
        rf"(?P<sex>{_FEMALE}|{_MALE})\b(?!['-])"
    ),
    re.compile(r"(?<![\d.])\b(?P<age>\d{1,3})\s*,?\s*(?:and\s+(?:a\s+)?)?(?P<sex>female|male|woman|man)\b"),
    re.compile(r"\b(?P<age>\d{1,3})\s*(?:-|\s)?\s*(?:y/o|yo|yrs?[\s-]*old|years?[\s-]*old|yr[\s-]*old)\b"),
    re.compile(r"(?<!onset\s)\b(?:aged?|age:|dob\s*age)\s*:?\s*(?P<age>\d{1,3})\b" + _NOT_AGE_AFTER),
    _WRITERS_AGE,
    re.compile(
        # the sex word whole: "couldn't manage 100 metres" is no "man aged 100"
        rf"(?<![\w'])(?P<sex>{_FEMALE}|{_MALE})(?![a-z])\s*,?\s*(?:aged?\s*)?(?P<age>\d{{1,3}})\b(?!\s*/)"
        + _NOT_AGE_AFTER
    ),
]
# "..., it go away. 45 years": an adult age in years standing alone as a sentence or list item
_AGE_ALONE = re.compile(r"(?:^|[,;.!]\s*)(?P<age>[1-9]\d)\s*(?:years?|yrs?)(?:\s+old)?\s*(?=[,;.!]|$)")
_AGE_PATTERNS.append(_AGE_ALONE)
_MEASURE_BEFORE = re.compile(
    r"\b(?:bmi|slr|t|temp|pulse|hr|bp|rr|sats?|gcs|weight|kg|pain|score|nrs|vas|at|of|to)\s*[:=]?\s*[\d/.]*\s*[,;]?\s*$"
)
_SEX_PATTERNS = [
    *_WRITERS_SEX,
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


# An age standing alone between commas ("landed on my bum, 74, the pain...") or opening a sentence ("no
# temperature. 45, otherwise healthy"): only a plausible adult age.
_BARE_AGE = re.compile(r"(?:^|[,;]\s*|[.!?]\s+)(?P<age>[1-9]\d)\s*(?=,|\.(?!\d)|$)")
_RELATIVES = (
    r"father|mother|dad|mum|mom|brother|sister|wife|husband|son|daughter|grand\w*|aunt|uncle|cousin|partner|friend"
)
_RELATIVE = re.compile(rf"\b(?:{_RELATIVES}|fhx|fh)\b")


def _about_someone_else(text: str, start: int) -> bool:
    """Is the age at `start` in a sentence about a relative ("father died of AAA aged 70")?"""
    sentence_start = max(text.rfind(ch, 0, start) for ch in ".;,\n")
    return bool(_RELATIVE.search(text, sentence_start + 1, start))


# In a carer's account (`reader.carer_mode`) the person is the relative: "Mum is 78", "my son (9)",
# "Dad, 67,", "she's 80". Their words for the writer ("I'm 45", "I'm a woman") are then not the person's.
_FAMILY_WORD = re.compile(rf"\b(?P<who>{'|'.join(FAMILY_SEX)})\b")
_CARER_AGE_PATTERNS = [
    re.compile(
        rf"\b(?:{'|'.join(FAMILY_SEX)})(?:'s)?\s*(?:,|\(|is|'s|who\s+is|aged?|-)?\s*(?:only\s+|just\s+|now\s+)?"
        r"(?P<age>\d{1,3})\b" + _NOT_AGE_AFTER
    ),
    re.compile(r"\b(?:he|she)(?:'?s|\s+is)\s+(?:only\s+|just\s+|now\s+)?(?P<age>\d{1,3})\b" + _NOT_AGE_AFTER),
]
_WRITER_PATTERNS = frozenset({_WRITERS_AGE, *_WRITERS_SEX})


def _age_and_sex(text: str, *, carer: bool = False) -> tuple[int | None, str | None]:
    age: int | None = None
    sex: str | None = None
    patterns = [*_CARER_AGE_PATTERNS, *_AGE_PATTERNS, _BARE_AGE] if carer else [*_AGE_PATTERNS, _BARE_AGE]
    for pattern in patterns if _DIGIT.search(text) else []:  # each needs a digit
        if carer and pattern in _WRITER_PATTERNS:
            continue
        for m in pattern.finditer(text):
            groups = m.groupdict()
            number = int(groups["age"])
            if groups.get("sex") == "f" and number >= 90:
                continue  # "101 F" is a temperature
            if pattern not in _CARER_AGE_PATTERNS and _about_someone_else(text, m.start("age")):
                continue
            if pattern is _BARE_AGE and (number < 16 or _MEASURE_BEFORE.search(text, 0, m.start())):
                continue
            if age is None and 0 <= number <= 120:
                age = number
            if sex is None and groups.get("sex"):
                sex = _sex(groups["sex"])
    if carer and sex is None:
        who = _FAMILY_WORD.search(text)
        sex = FAMILY_SEX[who.group("who")] if who else None
    for pattern in _SEX_PATTERNS:
        if sex is not None:
            break
        if carer and pattern in _WRITER_PATTERNS:
            continue
        found = pattern.search(text)
        if found:
            sex = _sex(found.group("sex"))
    return age, sex


# --- pain score ----------------------------------------------------------------------------------
_PAIN_PATTERNS = [
    re.compile(rf"(?<![\d/.])(?P<n>{_NUM})\s*(?:/|out\s+of|outta|of)\s*(?:10|ten)\b(?!\s*/)"),
    re.compile(
        r"\b(?:pain|pain's|vas|nrs|score|severity|level|rated?|rating)\s*(?:score|level|is|was|of|at|:|=|"
        r"around|about|a|an|like|it|solid|down|up|to|maybe|probably|now|only|just|roughly|currently|\s)*\s*"
        r"(?P<n>\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b"
        r"(?!\s*(?:/|\.\d|%|days?|weeks?|months?|years?|hours?|hrs?|h\b|mins?|minutes?|d\b|wks?|times|kg|lbs?|am|pm|"
        r"o'?clock|yo|y/o|yrs?|ish\s+days|out of (?!10|ten)))"
    ),
]


_PAIN_PATTERNS.append(
    # "maybe a 5", "it's a 7": a bare score at the end of a clause
    re.compile(
        r"\b(?:maybe|probably|about|around|roughly|like|it'?s|its|solid)\s+an?\s+"
        r"(?P<n>\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?=\s*(?:[,.;!)]|$|now|today|at\b))"
    )
)


def _pain(text: str) -> int | None:
    for pattern in _PAIN_PATTERNS:
        m = pattern.search(text)
        if m:
            value = _number(m.group("n"))
            if value is not None and value == int(value) and value <= 10:
                return int(value)
    return None


# --- temperature ---------------------------------------------------------------------------------
# A body temperature someone reports lies about here: below 35 C is hypothermia (Brown et al., NEJM
# 2012) and above 41.5 C hyperpyrexia (Harrison's, "Fever"), both rare and both told in other words, so
# a number about a degree past either is another number near the word ("no temperature. 45, otherwise
# healthy": the age). A number without a unit is taken as Fahrenheit, and converted, when it lies in the
# same span in Fahrenheit (93.2 to 109.4).
_BODY_TEMPERATURE_C = (34.0, 43.0)
_BODY_TEMPERATURE_F = (_BODY_TEMPERATURE_C[0] * 9 / 5 + 32, _BODY_TEMPERATURE_C[1] * 9 / 5 + 32)
# "T 38.3", "T38.5" (a vertebra such as "T12" is out of range and so ignored), "temp. 38.5"
_TEMP_CONTEXT = (
    r"(?:temp(?:erature|\.(?=\s*\d))?|fever|febrile|pyrexi(?:a|al)|\bt\s*=|\bt:|\bt(?=\s?\d)|running|spiking|spiked|"
    r"thermometer)"
)
# ... and up to its number, not past the end of its sentence ("no fever. 39, fit and well": the age)
_TO_ITS_NUMBER = r"(?:(?![.!]\s)\D){0,25}?"
# The tenth said after a whole number without "point": "thirty seven nine" (read as "37 nine") is 37.9
_SPOKEN_TENTH = r"(?:(?<=\b\d\d)\s+(?P<tenth>" + "|".join(_UNITS_WORDS) + r")\b)?"
_TEMPERATURE_PATTERNS = [
    re.compile(r"(?<![\d/])(?P<t>\d{2,3}(?:\.\d)?)\s*(?:°|º|deg(?:rees?)?)?\s*(?P<unit>c|f|celsius|fahrenheit)\b"),
    re.compile(r"(?<![\d/])(?P<t>\d{2,3}(?:\.\d)?)\s*(?:°|º)\s*(?P<unit>)"),
    re.compile(
        _TEMP_CONTEXT
        + _TO_ITS_NUMBER
        + r"(?<![\d/])(?P<t>\d{2,3}(?:\.\d)?)"
        + _SPOKEN_TENTH
        + r"(?!\s*(?:/|%|days?|hours?|weeks?|[mf]\b|yo\b|y/o|years?|yrs?|(?:wo)?man\b|(?:fe)?male\b|lady\b|guy\b))"
        r"(?P<unit>)"
    ),
    # "and 38.2 today": a decimal in the fever range at a time of day
    re.compile(
        r"(?<![\d/.])(?P<t>3[7-9]\.\d|4[01]\.\d)(?P<unit>)\s+(?=(?:today|tonight|this\s+morning|last\s+night|"
        r"yesterday|overnight|earlier)\b)"
    ),
    # "i had 38 last night": a bare number in the fever range, had at a time of day
    re.compile(
        r"\b(?:had|have|got|running|ran|hit|reached|spiked|spiking)\s+(?:a\s+)?(?P<t>3[7-9](?:\.\d)?|4[01](?:\.\d)?)"
        + _SPOKEN_TENTH
        + r"(?P<unit>)\s+(?=(?:last\s+night|yesterday|today|this\s+morning|earlier|overnight|tonight|on\s+and\s+off|"
        r"all\s+day|at\s+night)\b)"
    ),
]


def readings(text: str, *, carer: bool = False) -> list[tuple[float, int, int]]:
    """Every plausible body temperature stated in `text` (lower-cased), in Celsius, with where its
    number is, in the order the patterns find them; not another person's ("the kid has a temp of
    38.9") unless the text is a carer's account (`carer`)."""
    if not _DIGIT.search(text):
        return []  # every pattern needs a digit
    found: list[tuple[float, int, int]] = []
    for pattern in _TEMPERATURE_PATTERNS:
        for m in pattern.finditer(text):
            if not carer and _someone_elses_value(text, m.start("t")):
                continue
            tenth = m.groupdict().get("tenth")
            value = float(m.group("t")) + (_UNITS_WORDS[tenth] / 10 if tenth else 0.0)
            unit = (m.group("unit") or "")[:1]
            celsius = _celsius(value, unit)
            if celsius is not None:
                found.append((celsius, m.start("t"), max(m.end("t"), m.end("tenth") if tenth else 0, m.end("unit"))))
    return found


def temperature(text: str, *, carer: bool = False) -> tuple[float, int, int] | None:
    """The body temperature stated in `text` (`readings`): one said to be today's ("fever of 39 in
    August, fully recovered, 36.6 today") if there is one, else the first."""
    found = readings(text, carer=carer)
    for reading in found:
        if _NOW_AFTER.match(text, reading[2]):
            return reading
    if found:
        # a bare reading with a decimal said to be today's, once the text has spoken of temperature
        today = _BARE_TODAY.search(text, found[0][2])
        if today is not None:
            return float(today.group("t")), today.start("t"), today.end("t")
    return found[0] if found else None


# A reading said to be today's: "36.6 today", "37.1 this morning", "38.2 now".
_TODAY = r"(?:today|now|right\s+now|just\s+now|this\s+morning|tonight|currently)\b"
_NOW_AFTER = re.compile(r"\s*(?:c\b|f\b|°\s*[cf]?)?\s*" + _TODAY)
_BARE_TODAY = re.compile(r"(?<![\d.])(?P<t>3[4-9]\.\d|4[0-2]\.\d)\s*(?:c\b|°\s*c?)?\s*" + _TODAY)


def _celsius(value: float, unit: str) -> float | None:
    """`value` in Celsius if it is a plausible body temperature in `unit` ("c", "f" or "" for unsaid)."""
    low_f, high_f = _BODY_TEMPERATURE_F
    if unit == "f" or (not unit and low_f <= value <= high_f):
        value = (value - 32) * 5 / 9
    low, high = _BODY_TEMPERATURE_C
    return round(value, 1) if low <= value <= high else None


def _temperature(text: str, carer: bool) -> float | None:
    found = temperature(text, carer=carer)
    return found[0] if found else None


# Another person who has the value: a relative or a child as the subject ("kid has a temp of 38.9", "my
# son's temperature was 39"), not only named ("baby born 2 weeks ago, temp 38.6" is the mother's fever).
_HOLDER = re.compile(
    rf"\b(?:kids?|child|children|baby|toddler|little\s+one|boy|girl|{_RELATIVES})(?:'?s)?\s+"
    r"(?:has|had|have|got|gets|is|was|running|ran|with|temp|temperature|fever|been)\b"
)
_WRITER = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|me|mine|myself|my\s+(?:own\s+)?(?:temp|temperature))\b")


def _someone_elses_value(text: str, start: int) -> bool:
    """Is the value at `start` said of another person: a relative or a child who has it, earlier in its
    sentence, with no word of the writer about themselves in between ("kid has a temp of 38.9"; not
    "my son has a cold and I have a temp of 38.5")?"""
    sentence_start = max(text.rfind(ch, 0, start) for ch in ".;!?\n") + 1
    last = None
    for m in _HOLDER.finditer(text, sentence_start, start):
        last = m.end()
    return last is not None and not _WRITER.search(text, last, start)


# --- duration ------------------------------------------------------------------------------------
_UNITS = (
    r"(?P<unit>minutes?|mins?|hours?|hrs?|h|days?|d|nights?|weeks?|wks?|w|fortnights?|months?|mos?|mths?|"
    r"years?|yrs?|y)"
)
_DURATION_PATTERNS = [
    # "for 3 weeks", "two and a half weeks", "a month and a half" (the half after its unit), "6 weeks ago"
    re.compile(
        rf"\b(?:for|since|past|last|over|about|around|nearly|almost|roughly|within|x|lasted|lasting|been)?\s*"
        rf"(?:the\s+)?(?:(?:past|last)\s+)?(?:a\s+|the\s+)?(?P<n>{_NUM}|\d+)(?P<half>{_HALF})?\+?(?:\s+of)?\s*"
        rf"(?:-|\s)?\s*(?:or\s+so\s+)?(?:more\s+)?{_UNITS}\b(?P<half_after>\s+and\s+a\s+half\b)?"
        r"(?P<after>[\s-]*(?:ago|back|pregnant|gestation|old|of\s+age|check)?)"
    ),
    re.compile(r"(?<![\d/])(?P<n>\d{1,2})\s*/\s*(?P<denom>7|52|12|24)\b(?!\s*/)"),
    re.compile(
        r"\b(?P<word>yesterday|last\s+night|overnight|this\s+morning|today|tonight|this\s+afternoon|"
        r"this\s+evening|(?:a\s+)?half\s+(?:a\s+)?year|half\s+a\s+month|half\s+a\s+day)\b"
    ),
]
# A birth or an operation, the time since which a note gives as "10/52 postnatal", "8/52 pp", "6/52 post-op",
# "4/52 post L4/5 discectomy", "six weeks postpartum", "6 weeks after my c-section", "post-op 6/52" or
# "discectomy 4/52 ago": how long since the event, not how long this pain has lasted (which the same note
# gives as "LBP 2/52"). An injury is not among them: "LBP 3/7 post fall" is the pain's own time.
_EVENT = (
    r"(?:partum|natal(?:ly)?|pp|delivery|birth|baby|c-?\s*section|section|lscs|caesarean|cesarean|labou?r|op|"
    r"operative(?:ly)?|operation|surgery|surgical(?:ly)?|procedure|\w+(?:ectomy|otomy|plasty|desis)|fusion|"
    r"decompression|replacement)\b"
)
_POST_EVENT = rf"(?:post|s/p)[\s-]*(?:[\w/]+\s+){{0,2}}?{_EVENT}"
_SINCE_EVENT_AFTER = re.compile(
    rf"[\s-]*(?:{_POST_EVENT}|pp\b|after\s+(?:my|the|her|having|giving)\s+(?:the\s+|a\s+)?"
    r"(?:c-?\s*section|caesarean|cesarean|section|birth|delivery|baby|labou?r)\b)"
)
_SINCE_EVENT_BEFORE = re.compile(rf"\b(?:(?:post|s/p)[\s-]*(?:[\w/]+\s+){{0,2}}?)?{_EVENT}\s*:?\s*$")


def _since_an_event(text: str, start: int, end: int) -> bool:
    """Is the duration at text[start:end] the time since a birth or an operation, named just after it
    or just before it?"""
    return bool(_SINCE_EVENT_AFTER.match(text, end) or _SINCE_EVENT_BEFORE.search(text, max(0, start - 40), start))


# Before a clinician's N/7 or N/52 that is a plan, not the pain's duration: "expect improvement over
# 2-6/52", "review in 2/52", "fit note 1/52", "rv 4/52", "ibuprofen 400mg tds 5/7" (a course of
# medicine); "off work 2/52" is the pain's
_PLANNED_BEFORE = re.compile(
    r"\b(?:expect\w*|improv\w*|resol\w*|settle\w*|review\w*|rv|r/v|f/?u|follow\s*-?\s*up|reassess\w*|re-?check|"
    r"see\s+(?:again|back)?|rtc|return\w*|fit\s+note|sick\s+note|med3)\b[^.;\n]{0,18}$"
    r"|\b(?:tds|tid|bd|bid|qds|qid|od|prn|nocte|mane|daily|rx)\s*(?:x\s*)?$"
)
# "over the past year or so", "for the last month": one of the unit, said without a number
_THE_PAST_UNIT = re.compile(
    r"\b(?:over|for|in|during|throughout)\s+the\s+(?:past|last)\s+(?P<unit>year|month|fortnight|week)\b"
)
# "week 7 of sciatica", "day 3 of this back pain": counted from the start of this episode
_NTH_WEEK = re.compile(
    rf"\b(?P<unit>week|wk|day)\s+(?P<n>{_NUM}|\d{{1,2}})\s+(?:of|with|into)\s+(?:this\s+|my\s+|the\s+)?"
    r"(?:back|sciatica|pain|lbp|it|spasms?|flare|episode|agony)\b",
    re.IGNORECASE,
)
# "since I was about 24 (now 27)": the years between the age it began and the age now
_SINCE_AGE = re.compile(
    r"\bsince\s+(?:i\s+was|i\s+turned|age|aged|the\s+age\s+of|my\s+early|my\s+late|my\s+mid)\s+"
    r"(?:about\s+|around\s+|roughly\s+|maybe\s+)?(?P<then>[1-9]\d)\b(?!\s*(?:kg|kilos?|stone|weeks?|months?))"
)
_WORD_DAYS = {"yesterday": 1.0, "last night": 1.0, "overnight": 1.0, "this morning": 0.0, "today": 0.0,
              "tonight": 0.0, "this afternoon": 0.0, "this evening": 0.0, "half year": 182.5,
              "a half year": 182.5, "half a year": 182.5, "a half a year": 182.5, "half a month": 15.0,
              "half a day": 0.5}  # fmt: skip


_NOT_EPISODE_BEFORE = re.compile(
    r"(?:\b(?:once|twice|times|per|every|each|in|next|i'?m|im|am|aged?|x|pregnant|pregnancy|gestation|at)|"
    r"\b(?:i'?m|im|am)\s+(?:a\s+)?(?:man|woman|male|female|lady|guy|gentleman|mother|father|mum|dad)|"
    # a child's or another person's age: "(she is 14 months and a chunk!)"
    r"\b(?:he|she|they|who)(?:\s+is|\s+was|\s+are|'s)|"
    r"\b(?:father|mother|dad|mum|mom|wife|husband|son|daughter|grand\w*|brother|sister|partner)\s+(?:is|was)|"
    r"\d(?<!/10)(?<!/ 10)(?<!out of 10))\s*$"
)


# A duration that belongs to a medicine or a long-standing condition is not how long this pain has lasted:
# "on prednisolone for 5 years", "diabetic for 10 years", "worked at a desk for 20 years", "had ankylosing
# spondylitis for 20 years".
_OTHER_THING_BEFORE = re.compile(
    r"\b(?:prednisolone|prednisone|steroids?|tablets|pills|medication|medicines?|inhalers?|insulin|warfarin|"
    r"diabetic|diabetes|smoked|smoking|smoker|married|worked|working|job|lived|living|retired|clean|sober|"
    r"play(?:s|ed|ing)?(?!\s+up)|had\s+(?:my|the|a|our|her)\s+(?:baby|son|daughter|twins)|gave\s+birth|"
    r"c-?\s*section|caesarean|cesarean|"
    r"osteoporosis|arthritis|spondylitis|spondyloarthritis|axspa|cancer|asthma|copd|waiting\s+list|wait\s+list|"
    r"waitlist|appointment|referral|"
    # a weight gained or lost: "put on about 15 kg over the last few years"
    r"kgs?|kilos?|lbs?|pounds|stones?)\b"
    # ... in the same clause: "a few weeks into the job and for the last 4 months" is this pain again
    r"(?:(?!\s(?:and|but)\s)[^.,;!?]){0,25}$"
)

# Minutes or hours of an activity are how long it can be borne: "can only walk for 10 minutes",
# "after sitting for an hour", "stood for 2 hours at work".
# How long morning stiffness lasts ("stiff every morning over an hour"), not how long the pain has lasted.
_STIFF_BEFORE = re.compile(r"\bstiff\w*\b[^.;!?\d]{0,30}$")
_ACTIVITY_BEFORE = re.compile(
    r"\b(?:walk|stand|stood|sit|sat|driv|drove|run|ran|lie|lying|lay|bend|kneel|knelt|jog|cycl|hik|queu|"
    r"garden|hoover|vacuum|clean)\w*\s+(?:\w+\s+)?(?:(?:for|about|around|over|after)\s+)?(?:about\s+|around\s+|"
    r"only\s+|up\s+to\s+|more\s+than\s+|over\s+|maybe\s+|roughly\s+|~\s*)?(?:the\s+)?$"
)


def _unit_days(unit: str) -> float | None:
    unit = unit.lower()
    for key in sorted(_UNIT_DAYS, key=len, reverse=True):
        if unit.startswith(key):
            return _UNIT_DAYS[key]
    return None


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"))}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_SINCE_MONTH = re.compile(
    r"\b(?:since|back\s+in|started\s+in|began\s+in|from|in)\s+(?:(?:like|about|around|roughly|early|late|mid|"
    r"the\s+start\s+of|the\s+end\s+of)[\s-]+)*" + _MONTH
)
_NOW_MONTH = re.compile(
    r"\b(?:it'?s|it\s+is|now\s+it'?s|and\s+now)\s+(?:now\s+|already\s+)?"
    r"(?:(?:mid|early|late|the\s+end\s+of|the\s+start\s+of)[\s-]+)?"
    + _MONTH.replace("may|", "")
    + r"(?!\s+\d)|\b"
    + _MONTH.replace("may|", "").replace("?P<month>", "?P<month_now>")
    + r"\s+now\b"
)


def _months_between(text: str) -> float | None:
    """'Hurt my back in March, it's now July', 'since like september (its feb now)': the months
    between a month the pain began and the month it is now, when the text names both."""
    began, now = _SINCE_MONTH.search(text), _NOW_MONTH.search(text)
    if began is None or now is None or now.start() < began.start():
        return None
    month_now = now.group("month") or now.group("month_now")
    months = (_MONTHS[month_now[:3]] - _MONTHS[began.group("month")[:3]]) % 12
    return months * 30.0 if months else None


# "since 3rd Oct", "since the 3rd of October", "since Oct 3", "since jan", "since early May": a date the
# pain began, counted back from today's date when the caller gives it (`read_values(today=...)`).
_DAY = r"(?P<day>3[01]|[12]\d|[1-9])(?!\d)(?:st|nd|rd|th)?"
_SINCE_DATE = re.compile(
    r"\b(?:since|started\s+on|started\s+in|began\s+on|began\s+in)\s+(?:(?:the|about|around|roughly|like)\s+)*"
    r"(?:"
    + _DAY
    + r"\s+(?:of\s+)?"
    + _MONTH
    + r"|"
    + _MONTH.replace("?P<month>", "?P<month2>")
    + r"\s+(?:the\s+)?"
    + _DAY.replace("?P<day>", "?P<day2>")
    + r"|(?P<part>early|mid|late|the\s+start\s+of|the\s+beginning\s+of|the\s+end\s+of)?[\s-]*"
    + _MONTH.replace("?P<month>", "?P<month3>")
    + r"(?![\s,]*\d)"
    + r")"
)
_PART_DAY = {"early": 1, "the start of": 1, "the beginning of": 1, "mid": 15, "late": 25, "the end of": 28}


def _since_date(text: str, today: date | None) -> float | None:
    """Days since the date the pain began ("since 3rd Oct", "since jan"), by `today`; None without it.
    A month alone counts from its first day (or its middle or end: "mid", "late"); a date later in the
    year than today was last year."""
    if today is None:
        return None
    days: float | None = None
    for m in _SINCE_DATE.finditer(text):
        month = m.group("month") or m.group("month2") or m.group("month3")
        day_text = m.group("day") or m.group("day2")
        part = " ".join((m.group("part") or "").split())
        day = int(day_text) if day_text else _PART_DAY.get(part, 1)
        try:
            began = date(today.year, _MONTHS[month[:3]] + 1, day)
        except ValueError:
            continue  # "since the 31st of June"
        if began > today:
            if began.month == 2 and began.day == 29:
                continue  # no 29th of February last year
            began = began.replace(year=today.year - 1)
        days = max(days or 0.0, float((today - began).days))
    return days


_HALF_BEFORE = re.compile(r"\bhalf\s+$")


def _how_many(text: str, m: re.Match[str]) -> float | None:
    """How many of its unit a duration is: "three and a half (months)" is 3.5, "a (month) and a half"
    1.5, "half a (year)" 0.5."""
    n = _number(m.group("n"))
    if n is None:
        return None
    if m.group("half") or m.group("half_after"):
        return n + 0.5
    return n / 2 if _HALF_BEFORE.search(text, max(0, m.start("n") - 6), m.start("n")) else n


def _durations(text: str, pregnancy_at: frozenset[int] = frozenset()) -> Iterator[float]:
    between = _months_between(text)
    if between is not None:
        yield between
    ages_alone = {a.start("age") for a in _AGE_ALONE.finditer(text)}
    for m in _DURATION_PATTERNS[0].finditer(text):
        after = m.group("after").strip(" -\t\n")
        unit = m.group("unit")
        if after in ("pregnant", "gestation", "old", "of age", "check"):
            continue  # "six weeks pregnant", "my 6 week check": since the conception or the birth
        if _since_an_event(text, m.start("n"), m.end()):
            continue  # "six weeks postpartum", "6 weeks post-op"
        if m.start("n") in pregnancy_at or text[max(0, m.start("n") - 1) : m.start("n")] == "+":
            continue  # the gestation, or its days ("34+1 weeks")
        if after in ("ago", "back") and unit.startswith(("y", "decade")):
            continue  # "five years ago" is usually a past event, not this episode
        if re.match(r"[\s-]*(?:before|earlier|previously)\b", text[m.end() : m.end() + 14]):
            continue  # "two year before I had kidney stone": when something else was
        if len(unit) == 1 and not re.search(r"\d\s*[hdwy]\b", m.group(0)):
            continue  # single-letter units only straight after a digit ("3d", "2w")
        if unit.startswith("y") and m.start("n") in ages_alone:
            continue  # "45 years." alone: the age
        before = text[max(0, m.start() - 14) : m.start()]
        if _NOT_EPISODE_BEFORE.search(before):
            continue  # "twice a day", "in 2 weeks", "once a year", "I'm 45 years"
        if _OTHER_THING_BEFORE.search(text[max(0, m.start() - 45) : m.start()]):
            continue
        if unit.startswith(("min", "h")) and (
            _ACTIVITY_BEFORE.search(text, max(0, m.start("n") - 40), m.start("n"))
            or _STIFF_BEFORE.search(text, max(0, m.start("n") - 40), m.start("n"))
        ):
            continue  # "I can only walk for 10 minutes", "stiff every morning over an hour": not this pain's length
        n, days = _how_many(text, m), _unit_days(unit)
        if n is not None and days is not None:
            yield n * days
    for m in _DURATION_PATTERNS[1].finditer(text) if _DIGIT.search(text) else ():
        if _PLANNED_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "expect improvement over 2-6/52", "review in 2/52": the plan, not this pain
        if _since_an_event(text, m.start(), m.end()):
            continue  # "10/52 postnatal", "6/52 post-op": since the birth or the operation
        yield float(m.group("n")) * _SHORTHAND_DAYS[m.group("denom")]
    for m in _DURATION_PATTERNS[2].finditer(text):
        word = " ".join(m.group("word").split())
        if word in _WORD_DAYS:
            yield _WORD_DAYS[word]
    for m in _NTH_WEEK.finditer(text):
        n = _number(m.group("n"))
        if n is not None:
            yield n * (7.0 if m.group("unit").lower().startswith("w") else 1.0)
    for m in _THE_PAST_UNIT.finditer(text):
        days = _unit_days(m.group("unit"))
        if days is not None:
            yield days


def _since_age(text: str, age: int | None) -> float | None:
    found = _SINCE_AGE.search(text) if age is not None else None
    if found is None or age is None or not 0 < age - int(found.group("then")) < 60:
        return None
    return (age - int(found.group("then"))) * 365.0


# --- pregnancy, side, course ---------------------------------------------------------------------
_PREGNANCY_PATTERNS = [
    re.compile(
        rf"\b(?P<n>{_NUM})(?:{_HALF})?\s*(?:\+\d\s*)?(?:weeks?|wks?|w)\s*(?:\+\s*\d\s*(?:days?|d)?\s*)?"
        r"(?:pregnant|preg|gestation|pg|along)\b"
    ),
    re.compile(rf"\bpregnan(?:t|cy)\b[^\d.;!?\n]{{0,20}}?\b(?P<n>{_NUM})\s*(?:weeks?|wks?)\b(?!\s*ago)"),
    re.compile(r"(?<![\d/])(?P<n>\d{1,2})(?:\+\d)?\s*/\s*40\b"),
    # "33+2 with my second": weeks and days of gestation, a notation used for nothing else.
    re.compile(r"(?<![\d/.+:])\b(?P<n>[1-4]\d)\+[0-6]\b(?![\d/.:])"),
]
# With pregnancy in the text, "I'm 37 weeks" or a bare ", 39 weeks." is the gestation, not a duration.
_PREGNANCY_WORDS = re.compile(
    r"\b(?:pregnan\w*|gestation\w*|labou?r|contractions?|tightenings?|membranes|waters|baby|bump|midwife|"
    r"primip\w*|multip\w*|srom|prom|g\d\s*p\d|antenatal|obstetric\w*)\b"
)
_NOT_GESTATION_AFTER = r"(?!\s*(?:ago|of|since|into|in|post|after|back|now\b|later|before|out|off|from))"
_WEEKS_ALONE = re.compile(
    r"(?:\b(?:i'?m|i\s+am|im|she'?s|at|now)\s+|(?:^|[,;(]\s*))(?P<n>\d{1,2})\s*(?:\+\d\s*)?(?:weeks?|wks?)\b"
    + _NOT_GESTATION_AFTER
)
# "I'm 37 weeks" is a pregnancy even with no other word about it: no one gives a duration that way.
_IM_WEEKS = re.compile(
    r"\b(?:i'?m|i\s+am|im|she'?s)\s+(?:now\s+)?(?P<n>\d{1,2})(?:"
    + _HALF
    + r")?\s*(?:\+\d\s*)?(?:weeks?|wks?)\b"
    + _NOT_GESTATION_AFTER
)


def _pregnancy(text: str) -> tuple[int | None, frozenset[int]]:
    """Weeks of pregnancy, and where in the text they were read (so they are not also a duration)."""
    at: set[int] = set()
    weeks: int | None = None
    if not _DIGIT.search(text):
        patterns = _PREGNANCY_PATTERNS[:2]  # the others need a digit
    else:
        patterns = [*_PREGNANCY_PATTERNS, _IM_WEEKS]
        if _PREGNANCY_WORDS.search(text):
            patterns.append(_WEEKS_ALONE)
    for pattern in patterns:
        for m in pattern.finditer(text):
            value = _number(m.group("n"))
            if value is None or (pattern is _WEEKS_ALONE and not 4 <= value <= 43):
                continue
            if pattern is _IM_WEEKS and not 12 <= value <= 43:
                continue
            at.add(m.start("n"))
            if weeks is None:
                weeks = int(value)
    return weeks, frozenset(at)


_BODY = (
    r"(?:side|sided|leg|legs|foot|feet|buttock|bum|butt|glute|hip|thigh|calf|knee|ankle|flank|loin|lower\s+back|"
    r"sciatica|arm|shin|toe|toes|groin|kidney|sciatic|l5|s1|sl|face|hand|quadriceps|quads?|hamstrings?|"
    r"hemi\w*|ehl|dorsiflexion|flexion|extension|reflex|upper\s+limb|lower\s+limb|limb)"
)
_LEFT = re.compile(
    rf"\b(?:left|lt|l)\b(?:\s+|-)(?:\w+\s+)?{_BODY}\b|\b{_BODY}\s+(?:on\s+the\s+)?(?:left|lt|l)\b(?![/\d])"
    r"|\bon\s+the\s+left\b"
)
_RIGHT = re.compile(
    rf"\b(?:right|rt|r)\b(?:\s+|-)(?:\w+\s+)?{_BODY}\b|\b{_BODY}\s+(?:on\s+the\s+)?(?:right|rt|r)\b(?![/\d])"
    r"|\b(?:on|to)\s+the\s+right\b(?!\s+(?:place|time|thing|way|now|away|doctor))|\bonly\s+on\s+the\s+right\b"
)
_BOTH = re.compile(
    r"\b(?:both\s+(?:of\s+)?(?:my\s+)?(?:legs|sides|feet|buttocks|hips|thighs|calves)|bilateral(?:ly)?|bilat|b/l|"
    r"l\s*>\s*r|r\s*>\s*l|my\s+legs\s+(?:are|feel|have|keep|went|go|both)|"
    r"left\s+and\s+right|right\s+and\s+left)\b"
)
_COURSE = [
    ("progressive", re.compile(
        r"(?<!not\s)(?<!non\s)(?<!n't\s)\b(?:progressive(?:ly)?|progressing|(?:getting|growing|becoming|gets|got|going)\s+(?:\w+\s+)?weaker|"
        r"weaker\s+and\s+weaker|keeps?\s+getting\s+weaker|spreading|worse\s+and\s+worse|deteriorat\w*)\b")),
    ("worse", re.compile(
        r"(?<!not\s)(?<!n't\s)(?<!no\s)\b(?:(?:getting|got|gotten|becoming|going|gone|growing)\s+(?:\w+\s+)?worse|"
        r"worsening|worsened|escalating|increasing\s+(?:\w+\s+)?pain|worse\s+(?:and\s+worse|today|now|every|each|than|by)|"
        r"(?:now|it'?s|its)\s+(?:much\s+|a\s+lot\s+|even\s+|way\s+|far\s+)?worse(?=\s*(?:[,.;!?]|$|and\b|than\b)))\b")),
    ("same", re.compile(
        r"\b(?:no\s+(?:change|better|worse|different)(?!\s+(?:in|to|with|of))|unchanged|not\s+changing|not\s+(?:getting\s+)?(?:any\s+)?better|"
        r"not\s+(?:getting\s+)?(?:any\s+)?worse|n't\s+(?:getting\s+)?(?:any\s+)?better|"
        r"not\s+improving|n't\s+improv\w*|still\s+the\s+same|about\s+the\s+same|much\s+the\s+same|"
        r"stay(?:s|ed|ing)?\s+the\s+same)\b")),
    ("better", re.compile(
        r"(?<!not\s)(?<!n't\s)\b(?:(?:getting|got|gotten|feeling|slowly|gradually|much|bit|lot)\s+"
        r"(?:a\s+)?(?:bit\s+|little\s+|lot\s+)?better(?!\s+(?:when|with|if|after|on|lying|sitting|walking|moving))|"
        r"improving|improved|easing(?:\s+off)?|settling|on\s+the\s+mend|subsiding|"
        r"(?:loads|lots|heaps|way|far|much|a\s+lot)\s+better(?!\s+(?:when|with|if|after|on|lying|sitting|walking))|"
        r"(?:nearly|almost|mostly|practically)\s+gone)\b")),
]  # fmt: skip


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


def read_values(text: str, *, carer: bool = False, today: date | None = None) -> Values:
    """The values stated in `text` (already normalised); `carer`: the text is a carer's account of a
    relative (`reader.carer_mode`), whose age and sex are the person's; `today`: the date, for a
    duration said as the date it began. Never raises."""
    lowered = _digits(text.lower())
    age, sex = _age_and_sex(lowered, carer=carer)
    weeks, pregnancy_at = _pregnancy(lowered)
    durations = list(_durations(lowered, pregnancy_at))
    since_age = _since_age(lowered, age)
    if since_age is not None:
        durations.append(since_age)
    # a date counted back from today only when the text gives no length itself: "since January (4
    # months)" and "since March (it's August now)" (`_months_between`, among `durations`) were written on
    # the writer's own today
    since_date = None if durations else _since_date(lowered, today)
    if since_date is not None:
        durations.append(since_date)
    found: dict[str, Any] = {
        "age": age,
        "sex": sex,
        "pain_score": _pain(lowered),
        "temperature_c": _temperature(lowered, carer),
        "duration_days": max(durations) if durations else None,
        "pregnancy_weeks": weeks,
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
