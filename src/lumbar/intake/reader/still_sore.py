"""Still sore, yet getting better: not "no improvement".

Seed 003 asks for an appointment when there is no improvement after 48-72 hours of self-care, and the
reader takes "it still hurts" as that. But "Day 3, it still hurts but it's much better than yesterday"
says the opposite: it is improving, and it has not gone yet. When the text says the pain is getting better
(`improving`, or the course read as better) and every "no improvement" it read is only "still hurts",
"still hurting" or "still painful" (not "still hurts as much", "still just as bad" or "no better"), the
"no improvement" is uncertain: the question stays open rather than being answered yes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lumbar.intake.model import Observation, Status

__all__ = ["FINDING", "still_sore_but_better"]

FINDING = "no_improvement"
_IMPROVING = "improving"

_ONLY_STILL_SORE = re.compile(r"still\s+(?:hurts|hurting|painful)", re.IGNORECASE)
_AS_BEFORE = re.compile(r"\s*(?:just\s+)?(?:as\s+(?:much|bad|badly)|the\s+same|like\s+before)\b", re.IGNORECASE)


def _only_still_sore(obs: Observation, text: str) -> bool:
    if obs.evidence is None or obs.span is None or not _ONLY_STILL_SORE.fullmatch(obs.evidence):
        return False
    return _AS_BEFORE.match(text, obs.span[1]) is None


def still_sore_but_better(
    best: dict[str, Observation], said: list[Observation], text: str, *, course: str | None
) -> None:
    """Make `best`'s no improvement uncertain when it is only "still hurts" and the text says the pain is
    getting better. `said`: every present no-improvement observation read from the text."""
    current = best.get(FINDING)
    if current is None or current.status is not Status.PRESENT:
        return
    improving = best.get(_IMPROVING)
    if course != "better" and (improving is None or improving.status is not Status.PRESENT):
        return
    if said and all(_only_still_sore(obs, text) for obs in said):
        best[FINDING] = replace(current, status=Status.UNCERTAIN)
