"""Findings read from two things said together: weakness, then "it's getting worse".

`weakness_progressive` (a red flag) is often written in two parts: the weakness ("dragging my left
foot", "bilateral lower limb weakness") and, in the same sentence, its course ("and it's getting
worse", ", progressing since admission", "but it's not getting any worse"). The course must follow the
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
_REACH = 140  # characters of other words allowed between the weakness and its course


def progressive_weakness(observations: Iterable[Observation], prepared: str, original: str) -> Observation | None:
    """`weakness_progressive` from a present weakness followed by its course, or None."""
    others = sorted(o.span for o in observations if o.span is not None and o.finding not in _WEAKNESS)
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
    return None


def _cuts(after: str) -> Iterable[int]:
    """Places where the course may start: straight after the weakness, or after a comma or "and"
    within reach."""
    yield 0
    for m in re.finditer(r",|\band\b|\bbut\b|\s[-\u2013]\s", after[:_REACH]):
        yield m.start()
