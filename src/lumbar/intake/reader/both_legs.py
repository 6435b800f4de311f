"""Both legs, but not the bilateral sciatica of cauda equina: long-standing pain brought on by walking, and
numbness come on over months.

Pain, heaviness or tingling in both legs is a red flag for cauda equina syndrome (BASS 2018) when it is new.
Two ways of having it are something else, and the person's own words say so:

- spinal stenosis: "for the last year, when I walk more than ten minutes, I get aching in both buttocks and
  down both legs ... if I sit on a bench it goes off". Leg pain that walking brings on is read as such
  (`leg_pain_walking`, a routine referral) when every mention of both legs is said of walking and the
  trouble is long-standing (four weeks or more) or eased by sitting or bending forward;
- a neuropathy: "both my feet have gone gradually numb over the last year or so", numbness that crept up over
  months or years;
- pain referred from the back, which stops above the knee: "occasionally a bit down the backs of both thighs
  but never below the knee" (pain only: numb or weak thighs stay the red flag);
- legs that go to sleep in one sitting position and come back on standing ("sitting cross-legged on the
  floor my legs go to sleep, when I stand up it goes").

Then `bilateral_leg_symptoms` is uncertain: not taken as the red flag, and the question is still asked. Never
when a sentence that says it also says it is sudden or new ("since yesterday", "this morning", "now both").
The other way round, pain in both legs read as brought on by walking is the red flag when it is said to have
begun lately ("since yesterday, when I walk, pain shoots down both legs", "it came on Thursday, four days ago"):
`new_on_walking`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lumbar.intake.model import Observation, Status
from lumbar.intake.reader._text import sentence_around
from lumbar.intake.reader.pressure import gone_to_sleep

__all__ = ["FINDING", "WALKING_FINDING", "new_on_walking", "not_both_legs_red_flag"]

FINDING = "bilateral_leg_symptoms"
WALKING_FINDING = "leg_pain_walking"
_EASED = "relief_sitting_bending"
_LONG_STANDING_DAYS = 28.0

_WALKING = re.compile(
    r"\b(?:when|whenever|if|once|as\s+soon\s+as)\s+(?:i|he|she|they|you)\s+(?:walk|stand|have\s+walked)"
    r"|\b(?:after|within)\s+(?:about\s+|around\s+|only\s+|just\s+|maybe\s+)?(?:a\s+few|a\s+couple\s+of|\d+|five|ten|"
    r"fifteen|twenty|two|three|a\s+hundred|\w+\s+hundred)\s+(?:minutes?|mins?|yards?|metres?|meters?)"
    r"|\bon\s+walking\b|\b(?:walking|standing)\s+(?:for|any\s+distance|more\s+than|far)\b"
    r"|\bafter\s+(?:the|a|her|his|my)\s+(?:short\s+|long\s+)?walk\b|\bafter\s+walking\b",
    re.IGNORECASE,
)
_SPAN = r"(?:over|for|in)\s+(?:the\s+)?(?:last|past)\s+(?:\w+\s+){0,2}(?:years?|months|decade)\b"
_GRADUAL = re.compile(
    rf"\b(?:gradually|slowly|steadily|bit\s+by\s+bit)\b[^.!?\n]*\b{_SPAN}|\b{_SPAN}[^.!?\n]*\b(?:gradually|slowly|steadily)\b",
    re.IGNORECASE,
)
_ACUTE = re.compile(
    r"\b(?:sudden|suddenly|overnight|since\s+(?:yesterday|this\s+morning|last\s+night|today)|today|tonight|"
    r"this\s+morning|new|now\s+both|started\s+(?:yesterday|today))\b",
    re.IGNORECASE,
)


# Pain that stops above the knee is pain referred from the back, not the radicular pain of sciatica (which
# goes below the knee): "occasionally a bit down the backs of both thighs but never below the knee". Pain
# only: numbness, tingling or weakness in both thighs stays the red flag.
_ABOVE_THE_KNEE = re.compile(
    r"\b(?:never|not|doesn'?t|does\s+not|don'?t|do\s+not|won'?t|nothing|no\s+further)\b[^.!?\n]{0,20}"
    r"\b(?:below|past|beyond|under)\s+(?:the|my|his|her)\s+knees?\b"
    r"|\b(?:stops?|stopping|ends?)\s+(?:at|above)\s+(?:the|my|his|her)\s+knees?\b"
    r"|\b(?:only|just)\s+(?:down\s+)?(?:to|as\s+far\s+as)\s+(?:the|my|his|her)\s+knees?\b",
    re.IGNORECASE,
)
_NERVE_WORDS = re.compile(r"\b(?:numb\w*|tingl\w*|pins|weak\w*|heav\w*|dead|giv\w+\s+way)\b", re.IGNORECASE)


# Legs that go to sleep in one sitting position and come back on standing are pressure on the nerves of the
# legs, not the spine (`pressure.gone_to_sleep`): "I sit on the floor cross leg for prayer, my legs are
# sleeping after 30 minute but when I stand up and walk 1 minute it is going" (round 34). Weakness stays the
# red flag.
_WEAK_WORDS = re.compile(r"\b(?:weak\w*|giv\w+\s+way|buckl\w*|collaps\w*)\b", re.IGNORECASE)


def _positional(sentence: str) -> bool:
    return gone_to_sleep(sentence) and not _WEAK_WORDS.search(sentence)


def not_both_legs_red_flag(
    spans: Sequence[tuple[int, int]],
    prepared: str,
    found: dict[str, Observation],
    duration_days: float | None,
) -> str | None:
    """Why the present mentions of both legs at `spans` are not the red flag ("walking", "gradual", "above
    the knee" or "sitting position"), or None when any of them may be."""
    if not spans:
        return None
    eased = found.get(_EASED) is not None and found[_EASED].status is Status.PRESENT
    long_standing = duration_days is not None and duration_days >= _LONG_STANDING_DAYS
    reasons = set()
    for start, end in spans:
        sentence = sentence_around(prepared, start, end)
        if _ACUTE.search(sentence):
            return None
        if _GRADUAL.search(sentence):
            reasons.add("gradual")
        elif _ABOVE_THE_KNEE.search(sentence) and not _NERVE_WORDS.search(sentence):
            reasons.add("above the knee")
        elif _positional(sentence):
            reasons.add("sitting position")
        elif _WALKING.search(sentence) and (eased or long_standing):
            reasons.add("walking")
        else:
            return None
    return "walking" if "walking" in reasons else min(reasons)


# Said to have begun lately (not a walk "this morning", which is when, not since when)
_ONSET = re.compile(
    r"\b(?:sudden|suddenly|overnight|since\s+(?:yesterday|this\s+morning|last\s+night|today|the\s+weekend|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|now\s+both|started\s+(?:yesterday|today|"
    r"this\s+morning|last\s+night)|for\s+(?:the\s+)?(?:last\s+|past\s+)?(?:a|one|two|three|four|five|six|\d{1,2})\s+"
    r"days?|(?:for\s+(?:the\s+)?(?:last\s+|past\s+)?|since\s+)(?:a|one|two|three|1|2|3)\s+weeks?|"
    r"(?:a|one|two|three|four|five|six|\d{1,2})\s+days?\s+ago|since\s+last\s+week|"
    r"(?:came\s+on|started|began)\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"out\s+of\s+nowhere|never\s+had\s+anything\s+like\s+(?:this|it))\b",
    re.IGNORECASE,
)
# ... or, said in the same sentence, "new" ("a new heaviness in both legs when I walk")
_NEW = re.compile(r"\bnew\b", re.IGNORECASE)
_BOTH = re.compile(r"\b(?:both|legs|feet|calves|thighs)\b", re.IGNORECASE)


def new_on_walking(walking: Observation | None, prepared: str, duration_days: float | None = None) -> bool:
    """Is leg pain on walking said of both legs and said to have begun lately ("since yesterday", "for the
    last 3 days", "it came on Thursday, four days ago"), in its own sentence, or anywhere when the text
    gives no length of four weeks or more?"""
    if walking is None or walking.status is not Status.PRESENT or walking.span is None:
        return False
    start, end = walking.span
    if not _BOTH.search(prepared, start, end):
        return False
    sentence = sentence_around(prepared, start, end)
    if _positional(sentence):
        return False
    if _ONSET.search(sentence) or _NEW.search(sentence):
        return True
    return (duration_days is None or duration_days < _LONG_STANDING_DAYS) and bool(_ONSET.search(prepared))
