"""Excess weight from a height and a weight said together: "5'4" and about 16 stone", "1.63m, 102kg".

The body mass index is the weight in kilograms over the square of the height in metres. A BMI of 30 or
more is obesity in the WHO classification, read as `overweight` present, the finding behind the excess
weight factor (seeds 001 and 002). Below 30 nothing is read: an overweight BMI of 25 to 30 is common and
the seeds' "excess weight" is the clear case. The two must be in one sentence, close together, and the
weight must be the person's: not a change ("lost 9 kg", "put on 2 stone"), not a thing carried ("a 25kg
bag") and not a relative's ("my son is 6'2 and 18 stone").
"""

from __future__ import annotations

import re

from lumbar.intake.model import Observation, Status
from lumbar.intake.reader._family import RELATIVE_WORDS

__all__ = ["FINDING", "OBESITY_BMI", "bmi", "excess_weight_observation"]

FINDING = "overweight"
OBESITY_BMI = 30.0
_REACH = 60  # characters between the height and the weight

_FEET = re.compile(
    r"\b(?P<ft>[4-7])\s*(?:'|ft(?=\d|\b)|feet\b|foot\b)\s*(?:(?P<inch>1[01]|\d)\b\s*(?:in\b|inches\b|inch\b)?)?"
)
_METRES = re.compile(r"\b(?P<m>1[.,][4-9]\d?)\s*(?:m|metres|meters|metre|meter)\b")
_CM = re.compile(r"\b(?P<cm>1[4-9]\d|2[01]\d)\s*(?:cm|cms|centimetres|centimeters)\b")
_STONE = re.compile(
    r"\b(?P<st>[5-9]|[1-3]\d)\s*(?:st|stone|stones)\b(?:\s*(?P<lb>1[0-3]|\d)\b(?:\s*(?:lb|lbs|pounds)\b)?)?"
)
_KG = re.compile(r"\b(?P<kg>[3-9]\d|1\d\d|2[0-4]\d)(?:[.,]\d)?\s*(?:kg|kgs|kilos|kilograms)\b")
_LB = re.compile(r"\b(?P<lbs>[12]\d\d|300)\s*(?:lb|lbs|pounds)\b")
# A change of weight or a load, not the body's weight: "lost 9 kg", "a 25kg bag", "lifting 100kg"
_NOT_BODY_BEFORE = re.compile(
    r"\b(?:lost|lose|losing|gained|gain|gaining|put\s+on|putting\s+on|piled\s+on|down|up|dropped|shed|lift\w*|"
    r"carr\w*|deadlift\w*|squat\w*|bench\w*|press\w*|bag|bags|sack|sacks|suitcases?|boxes?)\s+(?:about\s+|around\s+|"
    r"nearly\s+|almost\s+|over\s+|like\s+|a\s+|an\s+|two\s+|three\s+|\d+\s*x?\s*)?$"
)
_NOT_BODY_AFTER = re.compile(
    r"\s*(?:of\s+\w+|bags?|sacks?|suitcases?|boxes?|weights?|barbell|bar|dumbbells?|in\s+weight)\b"
)
_SENTENCE = re.compile(r"(?:[^.!?\n;]|\.(?=\d))+")  # "1.63m" stays whole
_RELATIVE = re.compile(rf"\b(?:my|our|his|her)\s+(?:{RELATIVE_WORDS})\b")


def bmi(height_m: float, weight_kg: float) -> float:
    return weight_kg / (height_m * height_m)


def _heights(sentence: str) -> list[tuple[int, int, float]]:
    found = []
    for m in _FEET.finditer(sentence):
        inches = int(m.group("ft")) * 12 + int(m.group("inch") or 0)
        found.append((m.start(), m.end(), inches * 0.0254))
    for m in _METRES.finditer(sentence):
        found.append((m.start(), m.end(), float(m.group("m").replace(",", "."))))
    for m in _CM.finditer(sentence):
        found.append((m.start(), m.end(), int(m.group("cm")) / 100))
    return found


def _weights(sentence: str) -> list[tuple[int, int, float]]:
    found = []
    for rx in (_STONE, _KG, _LB):
        for m in rx.finditer(sentence):
            if _NOT_BODY_BEFORE.search(sentence, max(0, m.start() - 30), m.start()) or _NOT_BODY_AFTER.match(
                sentence, m.end()
            ):
                continue
            if rx is _STONE:
                kg = (int(m.group("st")) * 14 + int(m.group("lb") or 0)) * 0.45359237
            elif rx is _KG:
                kg = float(m.group("kg"))
            else:
                kg = int(m.group("lbs")) * 0.45359237
            found.append((m.start(), m.end(), kg))
    return found


def excess_weight_observation(prepared: str, original: str) -> Observation | None:
    """`overweight` present from a height and weight whose BMI is 30 or more, or None. `prepared` is the
    normalised text (same length as `original`, whose words become the evidence)."""
    lowered = prepared.lower()
    for sent in _SENTENCE.finditer(lowered):
        sentence = sent.group()
        if _RELATIVE.search(sentence):
            continue
        for h_start, h_end, metres in _heights(sentence):
            for w_start, w_end, kg in _weights(sentence):
                start, end = min(h_start, w_start), max(h_end, w_end)
                gap = w_start - h_end if w_start >= h_end else h_start - w_end
                if gap < 0 or gap > _REACH or bmi(metres, kg) < OBESITY_BMI:
                    continue
                a, b = sent.start() + start, sent.start() + end
                return Observation(FINDING, Status.PRESENT, evidence=original[a:b], origin="text", span=(a, b))
    return None
