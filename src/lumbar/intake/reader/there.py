"""Numb "there": numbness said of a place named before it.

"I read you should worry if you get numbness in the saddle area, does that mean between the legs?
Because it does feel a bit numb there since this morning." The phrases read "numb" as a leg's numbness;
the "there" points back to the last place named, here between the legs. When a numbness word is followed
by "there" (not "down there", which is the saddle's own phrase) and the nearest place named before it,
in its sentence or the two before, is the saddle area, the mention is read as saddle numbness, with the
status the reader gave it (so "it isn't numb there" stays a no and "what if it goes numb there" a
question). A place named as a leg, foot or other part of the body keeps the leg's reading.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lumbar.intake.reader.discourse import Mention

__all__ = ["apply_there"]

_NUMB = frozenset({"leg_numbness"})
SADDLE = "saddle_numbness"
_REACH = 240  # characters before the numbness searched for the place "there" points back to

_THERE = re.compile(r"\s+(?:as\s+well\s+|too\s+|also\s+)?there\b(?!\s*(?:is|are|was|were|'s)\b)", re.IGNORECASE)
_SADDLE_PLACE = (
    r"saddle|between\s+(?:my|the|your|his|her)\s+legs|groin|crotch|genitals?|genital\s+area|privates|private\s+parts|"
    r"perineum|back\s+passage|anus|bum|buttocks?|bottom|backside|vagina|penis|scrotum|down\s+below"
)
_OTHER_PLACE = (
    r"legs?|foot|feet|toes?|thighs?|calf|calves|knees?|shins?|ankles?|heels?|hands?|arms?|fingers?|face|lips?|"
    r"back|hips?|side|shoulders?|neck|chest|tummy|belly|stomach|abdomen"
)
_PLACE = re.compile(rf"\b(?:(?P<saddle>{_SADDLE_PLACE})|(?P<other>{_OTHER_PLACE}))\b", re.IGNORECASE)


def _points_to_saddle(text: str, start: int) -> bool:
    places = list(_PLACE.finditer(text, max(0, start - _REACH), start))
    return bool(places) and places[-1].group("saddle") is not None


def apply_there(mentions: list[Mention]) -> list[Mention]:
    """The mentions, with a leg's numbness said as numb "there" after a saddle place read as saddle numbness."""
    if not any(m.span.label_ in _NUMB for m in mentions):
        return mentions
    from spacy.tokens import Span

    out = []
    for m in mentions:
        span = m.span
        text = span.doc.text
        there = _THERE.match(text, span.end_char) if span.label_ in _NUMB else None
        if there is not None and _points_to_saddle(text, span.start_char):
            end = max(m.end_char or 0, there.end())  # the evidence shows "numb there"
            m = replace(m, span=Span(span.doc, span.start, span.end, label=SADDLE), end_char=end)
        out.append(m)
    return out
