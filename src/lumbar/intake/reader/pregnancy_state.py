"""Is the pregnancy now? An earlier pregnancy said beside this one's weeks, and a baby already born.

"In my first pregnancy I had a kidney infection ... Now 20 weeks": the earlier pregnancy is uncertain (it
is over), but the weeks say she is pregnant now, so the pregnancy is present, shown by its weeks.
"Put on weight in my pregnancy, baby's 5 months": the pregnancy ended with a birth more than six weeks ago,
so it is asked about, not taken as now, unless the text says she is pregnant again. Within six weeks of a
birth the pregnancy's rules still apply: pre-eclampsia can come after the birth (NICE NG133).
"""

from __future__ import annotations

import re
from dataclasses import replace

from lumbar.intake.model import Observation, Status

__all__ = ["born_already", "pregnant_now"]


def pregnant_now(best: dict[str, Observation], weeks: int | None, prepared: str, text: str) -> None:
    """ "In my first pregnancy I had a kidney infection ... Now 20 weeks": an earlier pregnancy said, and the
    weeks of this one, which make the pregnancy present (round 40)."""
    said = best.get("pregnancy")
    if weeks is None or said is None or said.status is not Status.UNCERTAIN:
        return
    m = re.search(rf"\b{weeks}\s*(?:\+\s*\d\s*)?(?:weeks?|wks?|/40)\b", prepared, re.IGNORECASE)
    if m is not None:
        best["pregnancy"] = Observation(
            "pregnancy", Status.PRESENT, evidence=text[m.start() : m.end()], origin="text", span=(m.start(), m.end())
        )


# The baby born more than 6 weeks ago: "baby's 5 months", "my 4 month old daughter", "New mum here (8 wks)".
# Within 6 weeks the pregnancy's own rules still apply (pre-eclampsia can come after the birth, NICE NG133).
_BORN = re.compile(
    r"\b(?:baby|daughter|son|little\s+one|lo|twins)(?:'s|\s+is|\s+are)\s+(?:now\s+)?(?:nearly\s+|almost\s+|just\s+)?"
    r"(?P<n>\d+)\s*(?P<unit>weeks?|wks?|months?)"
    r"|\b(?P<n2>\d+)[\s-]*(?P<unit2>weeks?|wks?|months?)[\s-]+old\s+(?:baby|daughter|son|twins)"
    r"|\bnew\s+(?:mum|mom|mother)(?:\s+here)?\s*[(,:-]?\s*(?P<n3>\d+)\s*(?P<unit3>weeks?|wks?|months?)",
    re.IGNORECASE,
)
# ... unless pregnant now too: "I'm pregnant again", "12 weeks pregnant"
_PREGNANT_NOW = re.compile(
    r"\b(?:i'?m|i\s+am|im|am|currently|now|she'?s|she\s+is)\s+(?:\w+\s+){0,2}?pregnant\b|\bpregnant\s+again\b|"
    r"\b\d+\s*(?:weeks?|wks?|months?)\s+pregnant\b|\b\d+\s*/\s*40\b",
    re.IGNORECASE,
)


def _born_over_six_weeks_ago(prepared: str) -> bool:
    for m in _BORN.finditer(prepared):
        n = int(m.group("n") or m.group("n2") or m.group("n3"))
        unit = (m.group("unit") or m.group("unit2") or m.group("unit3")).lower()
        if unit.startswith("m") or n > 6:
            return True
    return False


def born_already(best: dict[str, Observation], weeks: int | None, prepared: str) -> None:
    """ "Put on weight in my pregnancy, baby's 5 months": a pregnancy that ended with a birth more than 6 weeks
    ago is asked about, not taken as now (round 41)."""
    said = best.get("pregnancy")
    if said is None or said.status is not Status.PRESENT or weeks is not None:
        return
    if _born_over_six_weeks_ago(prepared) and not _PREGNANT_NOW.search(prepared):
        best["pregnancy"] = replace(said, status=Status.UNCERTAIN)
