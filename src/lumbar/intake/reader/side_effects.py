"""Dizziness that a medicine gives is its side effect, not a faint.

"The pregabalin for my sciatica is making me so dizzy": the words are read as both a medicine's side effect
(`medicine_side_effects`, a marker beside the others) and dizziness (`fainting`). Where the dizziness lies
inside the side effect's words, it is uncertain: asked about (and the medicine reviewed), not taken as a
faint. Dizziness said anywhere else stays as it was.
"""

from __future__ import annotations

from dataclasses import replace

from lumbar.intake.model import Status
from lumbar.intake.reader.discourse import Mention

__all__ = ["apply_side_effects"]

_SIDE_EFFECT = "medicine_side_effects"
_EXPLAINED = frozenset({"fainting"})


def apply_side_effects(mentions: list[Mention]) -> list[Mention]:
    """The mentions with dizziness inside a present side-effect mention made uncertain."""
    effects = [
        (m.span.start, m.span.end) for m in mentions if m.span.label_ == _SIDE_EFFECT and m.status is Status.PRESENT
    ]
    if not effects:
        return mentions
    return [
        replace(m, status=Status.UNCERTAIN)
        if m.span.label_ in _EXPLAINED
        and m.status is Status.PRESENT
        and any(start <= m.span.start and m.span.end <= end for start, end in effects)
        else m
        for m in mentions
    ]
