"""A leg "gone to sleep": numbness from sitting on it, over within minutes, is not a nerve red flag.

"Sat cross-legged on the floor for ages, stood up and the leg was dead, then pins and needles. Came back
after a couple of minutes and it's totally normal now." Pressure on a nerve while sitting, kneeling or
squatting numbs a leg for a few minutes; the person said both the cause and that it is over. Then the
leg's numbness, said in the sentences from two before the cause to the one that says it is over, is
uncertain: the question about it is still asked, but it is not taken as a current red flag.

Only the legs' feeling (`_SENSORY`). The saddle area, the bladder and weakness are never read away here:
"when I sit on the loo I can't feel the seat" is a red flag said while sitting. Without both the cause
and the end, nothing changes; a numb leg said after the sentence that says it is over stays current.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lumbar.intake.model import Status
from lumbar.intake.reader.discourse import Mention

__all__ = ["apply_pressure", "gone_to_sleep"]

_SENSORY = frozenset({"leg_numbness", "bilateral_leg_symptoms", "left_leg_symptoms", "right_leg_symptoms"})

# sitting on a leg or foot, cross-legged, long on the toilet or the floor, kneeling or squatting for long
_CAUSE = re.compile(
    r"\bcross[\s-]*leg(?:ged|s)?\b"
    r"|\b(?:sitting|sat|sit|kneeling|knelt|kneel|squatting|squatted|crouching|crouched)\s+(?:\w+\s+){0,2}?"
    r"(?:on\s+(?:my|his|her|the)\s+(?:legs?|foot|feet|heels?|bum\s+on\s+my\s+foot)\b"
    r"|on\s+(?:the\s+)?(?:loo|toilet|floor|ground)\b[^.!?]{0,30}?\b(?:too\s+long|for\s+(?:ages|hours|so\s+long|"
    r"a\s+long\s+time|ages))"
    r"|on\s+(?:the\s+)?(?:loo|toilet)\b[^.!?]{0,12}?\b(?:far\s+|way\s+)?too\s+long)"
    r"|\b(?:far\s+|way\s+)?too\s+long\s+on\s+the\s+(?:loo|toilet|floor)\b",
    re.IGNORECASE,
)
# ... and over: "came back after 5 minutes", "gone within a minute", "it's totally normal now"
_OVER = re.compile(
    r"\b(?:came\s+back|come\s+back|gone|went|wore\s+off|worn\s+off|passed|cleared|back\s+to\s+normal|"
    r"normal\s+again|fine\s+again)\b[^.!?]{0,40}?\b(?:within|after|in)\s+(?:about\s+|around\s+)?"
    r"(?:a|an|a\s+few|a\s+couple\s+of|\d+|few|two|three|five|ten)?\s*(?:seconds?|secs?|minutes?|mins?|moments?)\b"
    r"|\b(?:totally|completely|perfectly|all|back\s+to)\s+normal\s+now\b|\b(?:totally|completely)\s+fine\s+now\b"
    # "when I stand up and walk 1 minute it is going" (round 34)
    r"|\bwhen\s+(?:i|he|she|you)\s+(?:stand|stands|get|gets)\s+up\b[^.!?]{0,30}?\b(?:it|they)\s+(?:is\s+going|goes|"
    r"go|goes\s+away|go\s+away|passes|pass|wears\s+off|wear\s+off|comes\s+back|come\s+back|is\s+gone|are\s+gone)\b",
    re.IGNORECASE,
)


def gone_to_sleep(text: str) -> bool:
    """Does `text` say both the cause of a leg gone to sleep and that it is over?"""
    cause = _CAUSE.search(text)
    return cause is not None and _OVER.search(text, cause.start()) is not None


def apply_pressure(mentions: list[Mention]) -> list[Mention]:
    """The mentions with a leg's pressure numbness, said to be over, made uncertain (module docstring)."""
    if not any(m.span.label_ in _SENSORY and m.status is Status.PRESENT for m in mentions):
        return mentions
    doc = mentions[0].span.doc
    cause = _CAUSE.search(doc.text)
    over = _OVER.search(doc.text, cause.start()) if cause is not None else None
    if cause is None or over is None:
        return mentions
    starts = [s.start_char for s in doc.sents]

    def sentence(char: int) -> int:
        return max(i for i, start in enumerate(starts) if start <= char)

    first, last = sentence(cause.start()) - 2, sentence(over.start())
    return [
        replace(m, status=Status.UNCERTAIN)
        if m.span.label_ in _SENSORY and m.status is Status.PRESENT and first <= sentence(m.span.start_char) <= last
        else m
        for m in mentions
    ]
