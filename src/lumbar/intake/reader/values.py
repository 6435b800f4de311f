"""Values stated in free text: age, sex, pain score, temperature, duration, weeks of pregnancy, side
and course. Plain regular expressions over the prepared (lower-cased) text; the temperature is read by
temperature.py and the duration by durations.py.

Nothing here reads the clock: "since yesterday" is one day, "since Monday" is not read at all, and a
date ("since 3rd Oct", "since jan") counts only when the caller passes today's date.
A number out of range is ignored, never raised: `Values` validates ranges, and a field it rejects is
simply left unreported.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from lumbar.intake.model import Values
from lumbar.intake.reader._family import FAMILY_SEX, OTHER_PERSON_AGED, RELATIVE_WORDS
from lumbar.intake.reader._numbers import DIGIT, HALF, NUM, digits, number
from lumbar.intake.reader.durations import AGE_ALONE, AGE_IN_YEARS, duration_days, years_of_a_condition
from lumbar.intake.reader.temperature import body_temperature

__all__ = ["read_values"]


# --- age and sex ---------------------------------------------------------------------------------
_FEMALE = r"(?:f|female|woman|lady|girl|fem)"
_MALE = r"(?:m|male|man|guy|bloke|gentleman|gent|boy|chap|dude)"
_SEX_WORD = rf"(?:{_FEMALE}|{_MALE})"
_NOT_AGE_AFTER = (
    rf"(?!(?:{HALF})?\s*(?:%|kg|kgs|kilo|lb|lbs|pound|stone|st\b|cm|mm|m\b|minute|min|hour|hr|day|week|wk|month|mth|"
    r"times|x\b|degree|°|/|\.\d|mg|ml|steps|miles|km|k\b|ft|feet|foot|inch|tall|'|reps|sets|floors|weeks|pregnant|"
    r"percent))"
)
# A bare "58M" or "38 F" only where a note starts a description: at the start, after punctuation, or after
# "pt" or "a"; "fell approx 3m", "walking distance down to 50m" are metres.
_LETTER_SEX_BEFORE = r"(?:^|(?<=[.,;:(\n])|(?<=[.,;:(\n]\s)|(?<=\bpt\s)|(?<=\bpatient\s)|(?<=\ba\s)|(?<=\ban\s))"
# The writer's own words ("I'm 45", "I'm a woman"): not the person's in a carer's account.
# "I'm 64M": the age, with the sex letter straight after it (not metres after "I'm").
# "I'm", "I am", "im", with "only", "just" or "now" after it: the writer about to give their age
_I_AM = r"\b(?:i'?m|i\s+am|im)\s+(?:only\s+|just\s+|now\s+)?"
_WRITERS_AGE = re.compile(_I_AM + r"(?P<age>\d{1,3})(?:(?<=\d\d)(?=[mf]\b)|\b" + _NOT_AGE_AFTER + ")")
_WRITERS_SEX = (
    re.compile(rf"\b(?:i'?m|i\s+am|im)\s+an?\s+(?:\w+\s+){{0,2}}?(?P<sex>{_SEX_WORD})\b"),
    re.compile(rf"\b(?:as\s+an?|being\s+an?)\s+(?:\w+\s+){{0,2}}?(?P<sex>{_SEX_WORD})\b"),
)
_AGED = re.compile(r"(?<!onset\s)\b(?:aged?|age:|dob\s*age)\s*:?\s*(?P<age>\d{1,3})\b" + _NOT_AGE_AFTER)
# "aged N" straight after an illness or event is the age it happened at: "polio aged 4", "diagnosed aged 30"
_EVENT_BEFORE_AGED = re.compile(
    r"\b(?:polio|meningitis|diagnosed|dx|surgery|operation|op|fused|fusion|injury|injured|accident|broke|broken|"
    r"fracture|fractured|cancer|leukaemia|leukemia|tumour|tumor|scoliosis|started|began|onset|since|when|from)"
    r"\b[^.;,!?]{0,15}$"
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
    _AGED,
    _WRITERS_AGE,
    AGE_IN_YEARS,  # "I have 52 years", "woman of 38 years"
    re.compile(
        # the sex word whole: "couldn't manage 100 metres" is no "man aged 100"
        rf"(?<![\w'])(?P<sex>{_FEMALE}|{_MALE})(?![a-z])\s*,?\s*(?:aged?\s*|of\s+)?(?P<age>\d{{1,3}})\b(?!\s*/)"
        + _NOT_AGE_AFTER
    ),
]
# "..., it go away. 45 years": an adult age in years standing alone as a sentence or list item
_AGE_PATTERNS.append(AGE_ALONE)
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
_RELATIVE = re.compile(rf"\b(?:{RELATIVE_WORDS}|fhx|fh)\b")


# ... or said straight after one: "my sister, 62, has osteoporosis", "dad (70)"
_RELATIVE_THEN = re.compile(rf"\b(?:{RELATIVE_WORDS})\s*[,(]\s*$")


_POSSESSIVE_THEN = re.compile(r"\b(?:my|our|his|her|their)\s+$")
# a thing's age: "our mattress is 12 years old" (round 40)
_THING_THEN = re.compile(
    r"\b(?:mattress|bed|car|van|house|flat|boiler|sofa|couch|settee|chair|shoes|trainers|boots|laptop|phone|pillow|"
    r"desk|bike|roof|kitchen|dog|cat)e?s?\s+(?:is|'s|was|are|were|now)?\s*(?:about|nearly|over|almost|around|like)?\s*$"
)


def _about_someone_else(text: str, start: int) -> bool:
    """Is the age at `start` in a sentence about a relative ("father died of AAA aged 70") or said straight
    after one ("my sister, 62, has...")?"""
    sentence_start = max(text.rfind(ch, 0, start) for ch in ".;,\n")
    if _RELATIVE.search(text, sentence_start + 1, start):
        return True
    return bool(_RELATIVE_THEN.search(text[max(0, start - 40) : start]))


# In a carer's account (`reader.carer_mode`) the person is the relative: "Mum is 78", "my son (9)",
# "Dad, 67,", "she's 80". Their words for the writer ("I'm 45", "I'm a woman") are then not the person's.
_FAMILY_WORD = re.compile(rf"\b(?P<who>{'|'.join(FAMILY_SEX)})\b")
_CARER_AGE_PATTERNS = [
    re.compile(
        rf"\b(?:{'|'.join(FAMILY_SEX)})(?:'s)?\s*(?:,|\(|is|'s|who\s+is|aged?|-)?\s*(?:only\s+|just\s+|now\s+)?"
        r"(?P<age>\d{1,3})\b" + _NOT_AGE_AFTER
    ),
    re.compile(r"\b(?:he|she)(?:'?s|\s+is)\s+(?:only\s+|just\s+|now\s+)?(?P<age>\d{1,3})\b" + _NOT_AGE_AFTER),
    re.compile(OTHER_PERSON_AGED + _NOT_AGE_AFTER),
]
_WRITER_PATTERNS = frozenset({_WRITERS_AGE, *_WRITERS_SEX})


_THEIR_OWN = re.compile(r"\b(?:his|her|their)\s+$")
_HE = re.compile(r"\b(?:he|him|his|he's|hes)\b")
_SHE = re.compile(r"\b(?:she|her|hers|she's|shes)\b")


def _carers_person_sex(text: str) -> str | None:
    """In a carer's account, the person's sex: from the first relative named who is not the person's own
    ("my mum", not "since his wife passed"), else from "he" or "she", whichever is said more."""
    for who in _FAMILY_WORD.finditer(text):
        if not _THEIR_OWN.search(text, max(0, who.start() - 8), who.start()):
            return FAMILY_SEX[who.group("who")]
    he, she = len(_HE.findall(text)), len(_SHE.findall(text))
    return "male" if he > she else "female" if she > he else None


# "... my dad gets them ... I'm 33 female": the writer's own age, however long the sentence
_WRITER_BEFORE = re.compile(_I_AM + "$")


def _age_and_sex(text: str, *, carer: bool = False) -> tuple[int | None, str | None]:
    age: int | None = None
    sex: str | None = None
    patterns = [*_CARER_AGE_PATTERNS, *_AGE_PATTERNS, _BARE_AGE] if carer else [*_AGE_PATTERNS, _BARE_AGE]
    for pattern in patterns if DIGIT.search(text) else []:  # each needs a digit
        if carer and pattern in _WRITER_PATTERNS:
            continue
        for m in pattern.finditer(text):
            groups = m.groupdict()
            number = int(groups["age"])
            if groups.get("sex") == "f" and number >= 90:
                continue  # "101 F" is a temperature
            if (
                pattern not in _CARER_AGE_PATTERNS
                and not _WRITER_BEFORE.search(text, max(0, m.start("age") - 12), m.start("age"))
                and _about_someone_else(text, m.start("age"))
            ):
                continue
            if not carer and _POSSESSIVE_THEN.search(text[max(0, m.start("age") - 8) : m.start("age")]):
                continue  # "my 6-year-old says daddy is walking funny": the child's age, in the writer's account
            if _THING_THEN.search(text[max(0, m.start("age") - 30) : m.start("age")]):
                continue  # "our mattress is 12 years old"
            if pattern is _AGED and _EVENT_BEFORE_AGED.search(text[max(0, m.start() - 30) : m.start()]):
                continue
            if pattern is AGE_ALONE and "old" not in m.group(0) and years_of_a_condition(text, m.start("age")):
                continue  # "T6 paraplegic, 15 years": how long, not how old
            if pattern is _BARE_AGE and (number < 16 or _MEASURE_BEFORE.search(text, 0, m.start())):
                continue
            if age is None and 0 <= number <= 120:
                age = number
            if sex is None and groups.get("sex"):
                sex = _sex(groups["sex"])
    if carer and sex is None:
        sex = _carers_person_sex(text)
    for pattern in _SEX_PATTERNS:
        if sex is not None:
            break
        if carer and pattern in _WRITER_PATTERNS:
            continue
        found = pattern.search(text)
        if found:
            sex = _sex(found.group("sex"))
    return age, sex


_PAIN_PATTERNS = [
    re.compile(rf"(?<![\d/.])(?P<n>{NUM})\s*(?:/|out\s+of|outta|of)\s*(?:10|ten)\b(?!\s*/)"),
    re.compile(
        r"\b(?:pain|pain's|vas|nrs|score|severity|level|rated?|rating)\s*(?:score|level|is|was|of|at|:|=|"
        r"around|about|a|an|like|it|solid|down|up|to|maybe|probably|now|only|just|roughly|currently|\s)*\s*"
        r"(?P<n>\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b"
        r"(?!\s*(?:/|\.\d|%|days?|weeks?|months?|years?|hours?|hrs?|h\b|mins?|minutes?|d\b|wks?|times|kg|lbs?|am|pm|"
        r"o'?clock|yo|y/o|yrs?|ish\s+days|out of (?!10|ten)|sided?\b|of\s+(?:my|the|his|her)\b))"
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
            value = number(m.group("n"))
            if value is not None and value == int(value) and value <= 10:
                return int(value)
    return None


# --- temperature ---------------------------------------------------------------------------------
# A body temperature someone reports lies about here: below 35 C is hypothermia (Brown et al., NEJM
# 2012) and above 41.5 C hyperpyrexia (Harrison's, "Fever"), both rare and both told in other words, so
# a number about a degree past either is another number near the word ("no temperature. 45, otherwise
# healthy": the age). A number without a unit is taken as Fahrenheit, and converted, when it lies in the


# --- pregnancy, side, course ---------------------------------------------------------------------
_PREGNANCY_PATTERNS = [
    re.compile(
        rf"\b(?P<n>{NUM})(?:{HALF})?\s*(?:\+\d\s*)?(?:weeks?|wks?|w)\s*(?:\+\s*\d\s*(?:days?|d)?\s*)?"
        r"(?:pregnant|preg|gestation|pg|along)\b"
    ),
    re.compile(rf"\bpregnan(?:t|cy)\b[^\d.;!?\n]{{0,20}}?\b(?P<n>{NUM})\s*(?:weeks?|wks?)\b(?!\s*ago)"),
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
    + HALF
    + r")?\s*(?:\+\d\s*)?(?:weeks?|wks?)\b"
    + _NOT_GESTATION_AFTER
)


def _pregnancy(text: str) -> tuple[int | None, frozenset[int]]:
    """Weeks of pregnancy, and where in the text they were read (so they are not also a duration)."""
    at: set[int] = set()
    weeks: int | None = None
    if not DIGIT.search(text):
        patterns = _PREGNANCY_PATTERNS[:2]  # the others need a digit
    else:
        patterns = [*_PREGNANCY_PATTERNS, _IM_WEEKS]
        if _PREGNANCY_WORDS.search(text):
            patterns.append(_WEEKS_ALONE)
    for pattern in patterns:
        for m in pattern.finditer(text):
            value = number(m.group("n"))
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
    rf"\b(?:right|rite|rt|r)\b(?:\s+|-)(?:\w+\s+)?{_BODY}\b|\b{_BODY}\s+(?:on\s+the\s+)?(?:right|rt|r)\b(?![/\d])"
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


# "left leg fine", "the right leg is totally normal", "nothing in the left leg": a side said to be well
_SIDE_WELL_AFTER = re.compile(
    r"\s*(?:is|'s|s|feels|feel|are|seems|has\s+been|been|still)?\s*(?:totally|completely|absolutely|perfectly|all)?\s*"
    r"(?:fine|normal|ok|okay|unaffected|good|alright|all\s+right|clear|spared|nad)\b"
)
_SIDE_WELL_BEFORE = re.compile(r"\b(?:no|not|nothing|without)\s+(?:\w+\s+){0,3}(?:in|on|down|into)?\s*(?:the|my)?\s*$")


def _side_said(pattern: re.Pattern[str], text: str) -> bool:
    """Is the side said of something wrong (not "left leg fine", "no pain in the left leg")?"""
    return any(
        not _SIDE_WELL_AFTER.match(text, m.end())
        and not _SIDE_WELL_BEFORE.search(text, max(0, m.start() - 30), m.start())
        for m in pattern.finditer(text)
    )


def _side(text: str) -> str | None:
    if _BOTH.search(text):
        return "both"
    left, right = _side_said(_LEFT, text), _side_said(_RIGHT, text)
    if left and right:
        return "both"
    return "left" if left else "right" if right else None


def _course(text: str) -> str | None:
    for name, pattern in _COURSE:
        if pattern.search(text):
            return name
    return None


def read_values(text: str, *, carer: bool = False, today: date | None = None, own: bool = False) -> Values:
    """The values stated in `text` (already normalised); `carer`: the text is a carer's account of a
    relative (`reader.carer_mode`), whose age and sex are the person's; `today`: the date, for a
    duration said as the date it began; `own`: the writer's account of their own back
    (`_owner.own_account`), in which a relative's time is not the pain's. Never raises."""
    lowered = digits(text.lower())
    age, sex = _age_and_sex(lowered, carer=carer)
    weeks, pregnancy_at = _pregnancy(lowered)
    found: dict[str, Any] = {
        "age": age,
        "sex": sex,
        "pain_score": _pain(lowered),
        "temperature_c": body_temperature(lowered, carer=carer),
        "duration_days": duration_days(lowered, pregnancy_at=pregnancy_at, age=age, today=today, own_account=own),
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
