"""Findings read from two things said together: weakness, then "it's getting worse".

`weakness_progressive` (a red flag) is often written in two parts: the weakness ("dragging my left
foot", "bilateral lower limb weakness") and, in the same sentence, its course ("and it's getting
worse", ", progressing since admission", "but it's not getting any worse"), or at the start of the next
sentence ("... slapping on the floor. Each day it's worse"), or as a time before and now, when it cannot be
done at all ("Tuesday it was just a bit floppy, today I can't lift my toes at all"). The course must follow the
weakness with no subject of its own other than "it" or "which" (so "my leg is weak and the pain is
getting worse" is not read as the weakness worsening) and with no other finding in between.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lumbar.intake.model import Observation, Status

__all__ = ["progressive_weakness"]

FINDING = "weakness_progressive"
_WEAKNESS = frozenset({"leg_weakness", "bilateral_leg_weakness", "foot_drop", "one_sided_weakness"})
_COURSE_WORDS = frozenset({"worsening", "no_improvement", FINDING})
_LINK = (
    r"(?:(?:\s*(?:,|and|but|though|yet|-|\u2013)\s*)+|\s+(?=(?:worse|weaker|getting)\b))"
    r"(?:(?:it|it's|its|it\s+is|this|that|which|which\s+is|they|they're|they\s+are|and|clearly|definitely|"
    r"obviously|noticeably|visibly|really)\s+)*"
)
_NOT = r"(?:not|n't|isn't|isnt|hasn't|hasnt|no)\s+(?:been\s+)?(?:getting\s+|got\s+|gotten\s+|becoming\s+)?(?:any\s+)?"
_WORSE = (
    r"(?:getting\s+(?:\w+\s+)?(?:worse|weaker)|(?:got|gotten|become)\s+(?:\w+\s+)?(?:worse|weaker)|worsening|progressing|progressive|deteriorating|"
    r"spreading|weaker\s+and\s+weaker|(?:worse|weaker)\s+(?:by\s+the\s+(?:hour|day|minute)|every\s+(?:hour|day)|"
    r"each\s+(?:hour|day)|and\s+worse))"
)
_STABLE = r"(?:stable|static|unchanged|the\s+same|non\s*progressive|same\s+as)"
_COURSE = re.compile(
    rf"{_LINK}(?:(?P<not>{_NOT})(?:{_WORSE}|worse|weaker)|(?P<worse>{_WORSE})|(?P<stable>{_STABLE}))\b", re.IGNORECASE
)
# The course as the next sentence's first words, with "it" (or nothing) as its subject: "My left foot started
# slapping on the floor. Each day it's worse, today I can't lift my toes at all."
_NEXT_SENTENCE = re.compile(
    rf"[.;!?]\s*(?:(?:and|since\s+then|now|but)\s*,?\s*)?(?:(?:(?:each|every)\s+day|today|now|this\s+morning)\s*,?\s*"
    rf"(?:it's|it\s+is|its|it\s+gets|it|the\s+foot\s+is|the\s+leg\s+is)\s+(?:(?:much|even|a\s+lot|a\s+bit)\s+)?"
    rf"(?:worse|weaker)|(?:(?:it's|it\s+is|its|it\s+has|it|this\s+is|this\s+has)\s+)?{_WORSE})\b",
    re.IGNORECASE,
)
_REACH = 140  # characters of other words allowed between the weakness and its course
# ... or a time before and now, when it cannot be done at all: "Tuesday it was just a bit floppy, today I can't
# lift my toes at all", "Two days ago my foot started slapping when I walk, today I can't lift my toes at all"
_EARLIER = (
    r"\b(?:yesterday|last\s+night|(?:a|one|two|three|four|five|\d)\s+days?\s+ago|(?:on\s+)?(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|this\s+morning|at\s+first|to\s+begin\s+with|initially|earlier)\b"
)
_NOW_NOT_AT_ALL = re.compile(
    rf"{_EARLIER}[^\n]{{0,120}}?\b(?:today|now|tonight|this\s+(?:afternoon|evening))\b\s*,?\s*(?:i|he|she|it|the\s+foot)?\s*"
    r"(?:can'?t|cannot|can\s+not|couldn'?t|won'?t|(?:am|is)\s+unable\s+to|unable\s+to)\s+(?:really\s+)?"
    r"(?:lift|raise|move|stand|walk|bear|put\s+weight|use|wiggle|flex|point|control|hold|pull)\b(?:\s+\w+){0,5}?"
    r"\s+(?:at\s+all|anymore|any\s+more)\b",
    re.IGNORECASE,
)


def progressive_weakness(observations: Iterable[Observation], prepared: str, original: str) -> Observation | None:
    """`weakness_progressive` from a present weakness followed by its course, or None."""
    observations = list(observations)
    others = sorted(o.span for o in observations if o.span is not None and o.finding not in _WEAKNESS)
    # before a next sentence's course, any finding but the course's own words ("It's getting worse")
    firsts = [o.span[0] for o in observations if o.span is not None and o.finding not in _WEAKNESS | _COURSE_WORDS]
    for obs in observations:
        if obs.finding not in _WEAKNESS or obs.status is not Status.PRESENT or obs.span is None:
            continue
        start, end = obs.span
        sentence_end = min((i for i in (prepared.find(c, end) for c in ".;!?\n") if i >= 0), default=len(prepared))
        after = prepared[end:sentence_end]
        for cut in _cuts(after):
            m = _COURSE.match(after, cut)
            if m is None:
                continue
            stop = end + m.end()
            if any(end <= a and b <= end + cut for a, b in others):
                break  # another finding sits between the weakness and the course
            status = Status.PRESENT if m.group("worse") else Status.ABSENT
            return Observation(FINDING, status, evidence=original[start:stop], origin="text", span=(start, stop))
        m = _NEXT_SENTENCE.match(prepared, sentence_end)
        if m is not None and not any(sentence_end <= a < m.end() for a in firsts):
            stop = m.end()
            return Observation(
                FINDING, Status.PRESENT, evidence=original[start:stop], origin="text", span=(start, stop)
            )
        m = _NOW_NOT_AT_ALL.search(prepared, max(0, start - 60), min(len(prepared), end + 200))
        if m is not None and m.end() > end:
            a, b = min(start, m.start()), m.end()
            return Observation(FINDING, Status.PRESENT, evidence=original[a:b], origin="text", span=(a, b))
    return None


def _cuts(after: str) -> Iterable[int]:
    """Places where the course may start: straight after the weakness, or after a comma or "and"
    within reach."""
    yield 0
    for m in re.finditer(r",|\band\b|\bbut\b|\s[-\u2013]\s", after[:_REACH]):
        yield m.start()
