"""Evaluate rule expressions over findings. Small, total and never raises.

An expression holds or not; when it holds we also return the finding ids (and value names) that
made it hold, so every fired rule can show the person's own words.
"""

from __future__ import annotations

from lumbar.intake.model import Findings
from lumbar.knowledge.models import AllOf, AnyOf, AtLeast, Expr, ValueTest

__all__ = ["evaluate", "value_holds"]

Support = tuple[str, ...]


def value_holds(test: ValueTest, findings: Findings) -> bool:
    """A value test holds only when the value is reported and passes every bound."""
    value = findings.values.number(test.value)
    if value is None:
        return False
    return (
        (test.gte is None or value >= test.gte)
        and (test.gt is None or value > test.gt)
        and (test.lte is None or value <= test.lte)
        and (test.lt is None or value < test.lt)
    )


def evaluate(expr: Expr, findings: Findings) -> tuple[bool, Support]:
    """(holds, support): support lists the present findings and values that made it hold."""
    if isinstance(expr, str):
        return (True, (expr,)) if findings.is_present(expr) else (False, ())
    if isinstance(expr, ValueTest):
        return (True, (f"value:{expr.value}",)) if value_holds(expr, findings) else (False, ())
    if isinstance(expr, AllOf):
        support: list[str] = []
        for part in expr.all:
            holds, why = evaluate(part, findings)
            if not holds:
                return False, ()
            support.extend(why)
        return True, _unique(support)
    if isinstance(expr, AnyOf):
        return _count(expr.any, findings, 1)
    if isinstance(expr, AtLeast):
        return _count(expr.of, findings, expr.at_least)
    return False, ()  # pragma: no cover - the Expr union is closed


def _count(parts: list[Expr], findings: Findings, needed: int) -> tuple[bool, Support]:
    support: list[str] = []
    held = 0
    for part in parts:
        holds, why = evaluate(part, findings)
        if holds:
            held += 1
            support.extend(why)
    return (True, _unique(support)) if held >= needed else (False, ())


def _unique(items: list[str]) -> Support:
    return tuple(dict.fromkeys(items))
