"""A body temperature stated in free text ("T 38.3", "temp of 101", "had 38 last night", "thirty eight
point five"), in Celsius: every reading, and the one that is today's. Plain regular expressions over the
prepared (lower-cased) text, as in values.py."""

from __future__ import annotations

import re

from lumbar.intake.reader._family import RELATIVE_WORDS
from lumbar.intake.reader._numbers import DIGIT, UNITS_WORDS

__all__ = ["FEVER_C", "body_temperature", "readings", "temperature", "todays_reading"]

# A temperature of 38.0 C or more is a fever: the threshold of the red-flag rule rf_fever
# (sources cks_red_flags, seed_003), so a stated "T 39.4" reads as the finding too.
FEVER_C = 38.0

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
_SPOKEN_TENTH = r"(?:(?<=\b\d\d)\s+(?P<tenth>" + "|".join(UNITS_WORDS) + r")\b)?"
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
    # the top of a range: "Temp 37.8-38.0 on and off", "temps 37.5 to 38.2" (round 36)
    re.compile(
        _TEMP_CONTEXT
        + _TO_ITS_NUMBER
        + r"(?<![\d/])\d{2}(?:\.\d)?\s*(?:-|to)\s*(?P<t>3[5-9](?:\.\d)?|4[0-2](?:\.\d)?)(?![\d.])(?P<unit>)"
    ),
    # "and 38.2 today": a decimal in the fever range at a time of day
    re.compile(
        r"(?<![\d/.])(?P<t>3[7-9]\.\d|4[01]\.\d)(?P<unit>)\s+(?=(?:today|tonight|this\s+morning|last\s+night|"
        r"yesterday|overnight|earlier|this\s+evening|this\s+afternoon)\b)"
    ),
    # "tonight 38.7", "I measured 38.1 this evening" (round 41): a decimal after a time of day or a measuring
    re.compile(
        r"\b(?:today|tonight|now|right\s+now|this\s+(?:morning|evening|afternoon)|last\s+night|measured|measuring|checked|"
        r"took\s+(?:it|my\s+temp\w*))\s*,?\s*(?:it\s+(?:is|was)\s+|it'?s\s+|i'?m\s+|at\s+|was\s+)?"
        r"(?P<t>3[5-9]\.\d|4[0-2]\.\d)(?![\d.])(?!\s*(?:kg|cm|%|mm))(?P<unit>)"
    ),
    # "38.9 on the thermometer": a number read off one
    re.compile(
        r"(?<![\d/.])(?P<t>\d{2,3}(?:\.\d)?)(?P<unit>)\s+(?:on|by|according\s+to|says\s+the|from)\s+"
        r"(?:the\s+|my\s+|our\s+|an?\s+)?(?:digital\s+|ear\s+|forehead\s+)?thermometer"
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
    if not DIGIT.search(text):
        return []  # every pattern needs a digit
    text = _decimal_points(text)
    found: list[tuple[float, int, int]] = []
    for pattern in _TEMPERATURE_PATTERNS:
        for m in pattern.finditer(text):
            if not carer and _someone_elses_value(text, m.start("t")):
                continue
            tenth = m.groupdict().get("tenth")
            value = float(m.group("t")) + (UNITS_WORDS[tenth] / 10 if tenth else 0.0)
            unit = (m.group("unit") or "")[:1]
            celsius = _celsius(value, unit)
            if celsius is not None:
                found.append((celsius, m.start("t"), max(m.end("t"), m.end("tenth") if tenth else 0, m.end("unit"))))
    return found


def temperature(text: str, *, carer: bool = False) -> tuple[float, int, int] | None:
    """The body temperature stated in `text` (`readings`): the last one said to be today's ("fever of 39
    in August, fully recovered, 36.6 today"; "36.8 this morning but tonight it's 38.9") if there is one,
    else the first."""
    return todays_reading(text, readings(text, carer=carer))


def todays_reading(text: str, found: list[tuple[float, int, int]]) -> tuple[float, int, int] | None:
    """Of the `readings` found in `text`, the last one said to be today's, else the first; a bare decimal
    said to be today's ("tonight it's 38.9") counts once the text has spoken of temperature."""
    if not found:
        return None
    text = _decimal_points(text)
    today = [reading for reading in found if _NOW_AFTER.match(text, reading[2])]
    for pattern in (_BARE_TODAY, _TODAY_BARE):
        for m in pattern.finditer(text, found[0][2]):
            today.append((float(m.group("t")), m.start("t"), m.end("t")))
    return max(today, key=lambda reading: reading[1]) if today else found[0]


# A decimal comma in a body temperature ("36,8", "38,9"), written as a point: the same length, so every
# position found in the result is one in the text. Not in a list of numbers ("38,9,10").
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(3[4-9]|4[0-3]|9\d|10\d),(\d)(?![\d,])")


def _decimal_points(text: str) -> str:
    return _DECIMAL_COMMA.sub(r"\1.\2", text) if "," in text else text


# A reading said to be today's: "36.6 today", "37.1 this morning", "38.2 now".
_TODAY = r"(?:today|now|right\s+now|just\s+now|this\s+morning|this\s+afternoon|this\s+evening|tonight|currently)\b"
_NOW_AFTER = re.compile(r"\s*(?:c\b|f\b|°\s*[cf]?)?\s*" + _TODAY)
_BARE_TODAY = re.compile(r"(?<![\d.])(?P<t>3[4-9]\.\d|4[0-2]\.\d)\s*(?:c\b|°\s*c?)?\s*" + _TODAY)
# ... or said after the time: "tonight it's 38.9", "now 38.4"
_TODAY_BARE = re.compile(
    _TODAY + r",?\s*(?:(?:it'?s|it\s+is|it\s+was|i'?m|i\s+am|i\s+was|its\s+gone|it'?s\s+gone)\s+)?"
    r"(?:(?:up\s+to|at|reading|hit|to)\s+)?(?P<t>3[4-9]\.\d|4[0-2]\.\d)(?![\d.])"
)


def _celsius(value: float, unit: str) -> float | None:
    """`value` in Celsius if it is a plausible body temperature in `unit` ("c", "f" or "" for unsaid)."""
    low_f, high_f = _BODY_TEMPERATURE_F
    if unit == "f" or (not unit and low_f <= value <= high_f):
        value = (value - 32) * 5 / 9
    low, high = _BODY_TEMPERATURE_C
    return round(value, 1) if low <= value <= high else None


def body_temperature(text: str, *, carer: bool) -> float | None:
    """The stated body temperature in Celsius (`temperature`), or None."""
    found = temperature(text, carer=carer)
    return found[0] if found else None


# Another person who has the value: a relative or a child as the subject ("kid has a temp of 38.9", "my
# son's temperature was 39"), not only named ("baby born 2 weeks ago, temp 38.6" is the mother's fever).
_HOLDER = re.compile(
    rf"\b(?:kids?|child|children|baby|toddler|little\s+one|boy|girl|{RELATIVE_WORDS})(?:'?s)?\s+"
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
