"""Counting painkiller doses: more than the safe amount in a day is `analgesic_overdose`.

The phrases of the finding cover the words ("took too many", "double the dose", "more than the packet
says"); this counts numbers: "8 x 500mg paracetamol in 24 hours" is 4 g and within the limit, "12
paracetamol since yesterday" is 6 g and over it, "paracetamol 1g qds" is 4 g a day and within it (so
the finding is absent when a stated regimen is within the limit).

Limits, per adult per 24 hours:
- paracetamol (also in co-codamol and similar, 500 mg a tablet in the UK): 4 g; any more needs emergency
  assessment (NICE CKS poisoning or overdose, source `nice_cks_poisoning`);
- ibuprofen: 2.4 g, the most a prescriber gives (BNF, source `bnf_ibuprofen`); over-the-counter packs say
  1.2 g, so counting against 2.4 g flags only doses that are over either.

A count needs a time frame ("in 24 hours", "today", "since yesterday") or a frequency ("qds", "four
times a day"); a count on its own ("bought 32 tablets") says nothing about a dose. A count after a
negation ("never more than 8 a day") is not read. Pure: regular expressions over the prepared text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lumbar.intake.model import Observation, Status

__all__ = ["overdose_observation"]

FINDING = "analgesic_overdose"


@dataclass(frozen=True)
class _Drug:
    limit_mg: float  # per 24 hours
    tablet_mg: float  # usual strength of one tablet when none is stated


_PARACETAMOL = _Drug(limit_mg=4000.0, tablet_mg=500.0)  # bnf_paracetamol: max 4 g/day
_IBUPROFEN = _Drug(limit_mg=2400.0, tablet_mg=200.0)  # bnf_ibuprofen: max 2.4 g/day
_DRUGS = [
    (re.compile(r"\b(?:paracetamol|acetaminophen|tylenol|panadol|calpol|co[\s-]?codamol|cocodamol|solpadeine|"
                r"co[\s-]?dydramol|cododamol|zapain|kapake|lemsip)\b"), "paracetamol", _PARACETAMOL),
    (re.compile(r"\b(?:ibuprofen|nurofen|advil|brufen|motrin)\b"), "ibuprofen", _IBUPROFEN),
]  # fmt: skip
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "a couple of": 2, "a few": 3}  # fmt: skip
_N = r"(?:\d{1,3}|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
_TABLETS = r"(?:tablets?|tabs?|pills?|caplets?|capsules?|paracetamols?|ibuprofens?|co[\s-]?codamols?|nurofens?)"
_COUNT = re.compile(rf"\b(?P<n>{_N})\s*(?:x\s*)?(?:(?P<mg>\d{{2,4}})\s*mg\s*)?(?:{_TABLETS})\b")
_TIMES_MG = re.compile(r"\b(?P<n>\d{1,2})\s*x\s*(?P<mg>\d{2,4})\s*mg\b")
# The strength first, then how many: "1 g x 7", "400 mg x 8", "500mg times 10".
_MG_TIMES = re.compile(
    r"(?<![\d.])(?:(?P<mg>\d{2,4})\s*mg|(?P<g>\d(?:\.\d{1,2})?)\s*(?:g|gm|grams?))\s*(?:x|times|\*)\s*(?P<n>\d{1,2})\b"
    r"(?!\s*(?:times\s*)?(?:a|per|each|every)\s+day|\s*daily|\s*/\s*day)"  # "x 3 a day" is a frequency
)
_STRENGTH = re.compile(r"(?<![\d.])(?:(?P<mg>\d{2,4})\s*mg|(?P<g>\d(?:\.\d{1,2})?)\s*(?:g|gm|grams?))\b")
_PER_DAY = {"qds": 4, "qid": 4, "tds": 3, "tid": 3, "bd": 2, "bid": 2, "od": 1}
_FREQUENCY = re.compile(
    r"\b(?P<code>qds|qid|tds|tid|bd|bid|od)\b"
    r"|\b(?P<n>once|twice|two|three|four|five|six|\d)\s*(?:times|x)?\s*(?:a|per|each|every)\s+day\b"
    r"|\bevery\s+(?P<hours>\d{1,2}|two|three|four|six)\s*(?:hours?|hrs?|h)\b"
)
_IN_A_DAY = re.compile(
    r"\b(?:in|within|over)\s+(?:the\s+)?(?:last\s+|past\s+|one\s+|a\s+|1\s+)?(?:24\s*(?:hours?|hrs?|h)|day)\b"
    r"|\b(?:today|since\s+(?:this\s+morning|yesterday|last\s+night)|overnight|(?:a|per|each|every)\s+day|daily|"
    r"in\s+(?:\d{1,2}|a\s+few|few|several)\s+hours?)\b"
)
_NEGATED = re.compile(r"\b(?:not|never|no|n't|dont|don't|didnt|haven't|havent|nothing|under|less|below)\b")
_SENTENCE = re.compile(r"[^.!?;\n]+")
_TIMES = {"once": 1, "twice": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _number(word: str) -> float:
    word = " ".join(word.split())
    return float(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else float(word)


def _per_day(freq: re.Match[str]) -> float:
    if freq.group("code"):
        return float(_PER_DAY[freq.group("code")])
    if freq.group("n"):
        n = freq.group("n")
        return float(_TIMES.get(n, 0) or int(n))
    hours = freq.group("hours")
    every = float(_TIMES.get(hours, 0) or int(hours))
    return 24.0 / every if every else 0.0


def _segments(sentence: str) -> list[tuple[int, str]]:
    """Split a sentence at "and" or a comma where each side names its own drug."""
    parts = [(0, sentence)]
    for m in re.finditer(r"\s+(?:and|plus|&|\+)\s+|,\s*", sentence):
        head_start, head = parts[-1]
        cut = m.start() - head_start
        left, right = head[:cut], head[m.end() - head_start :]
        if any(rx.search(left) for rx, _, _ in _DRUGS) and any(rx.search(right) for rx, _, _ in _DRUGS):
            parts[-1] = (head_start, left)
            parts.append((m.end(), right))
    return parts


def _dose_mg(segment: str, drug: _Drug) -> tuple[float, int, int] | None:
    """(mg in one go or per dose, start, end) of the quantity in a segment."""
    first = _MG_TIMES.search(segment)
    if first:
        return _number(first.group("n")) * _strength_mg(first), first.start(), first.end()
    for rx in (_TIMES_MG, _COUNT):
        m = rx.search(segment)
        if m:
            mg = float(m.group("mg")) if m.group("mg") else None
            if mg is None:
                strength = _STRENGTH.search(segment)
                mg = _strength_mg(strength) if strength else drug.tablet_mg
            return _number(m.group("n")) * mg, m.start(), m.end()
    strength = _STRENGTH.search(segment)
    if strength:
        return _strength_mg(strength), strength.start(), strength.end()
    return None


def _strength_mg(m: re.Match[str]) -> float:
    return float(m.group("mg")) if m.group("mg") else float(m.group("g")) * 1000.0


def _assess(segment: str, sentence: str, drug: _Drug) -> tuple[Status, int, int] | None:
    dose = _dose_mg(segment, drug)
    if dose is None:
        return None
    mg, start, end = dose
    freq = _FREQUENCY.search(segment)
    frame = _IN_A_DAY.search(sentence)
    if freq is not None:
        daily = mg * _per_day(freq)
        end = max(end, freq.end())
    elif frame is not None:
        daily = mg
    else:
        return None
    if daily > drug.limit_mg:
        if _NEGATED.search(segment[:start]):
            return None  # "never more than 8 a day"
        return Status.PRESENT, start, end
    return Status.ABSENT, start, end


def overdose_observation(prepared: str, original: str) -> Observation | None:
    """`analgesic_overdose` from counted doses, or None when no dose with a time frame is stated.
    `prepared` is the normalised text (same length as `original`, whose words become the evidence)."""
    lowered = prepared.lower()
    best: Observation | None = None
    for sent in _SENTENCE.finditer(lowered):
        sentence = sent.group()
        if not any(rx.search(sentence) for rx, _, _ in _DRUGS):
            continue
        for offset, segment in _segments(sentence):
            for rx, _, drug in _DRUGS:
                if not rx.search(segment):
                    continue
                found = _assess(segment, sentence, drug)
                if found is None:
                    continue
                status, start, end = found
                a, b = sent.start() + offset + start, sent.start() + offset + end
                obs = Observation(FINDING, status, evidence=original[a:b], origin="text", span=(a, b))
                if best is None or (status is Status.PRESENT and best.status is not Status.PRESENT):
                    best = obs
    return best
