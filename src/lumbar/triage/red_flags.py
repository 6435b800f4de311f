"""Fire the red-flag rules and set the urgency: the highest fired rule, raised when weak flags add up."""

from __future__ import annotations

from lumbar.intake.expr import evaluate
from lumbar.intake.model import Findings
from lumbar.knowledge.models import KnowledgeBase, Urgency
from lumbar.triage.model import FiredRule

__all__ = ["fire_rules", "urgency_of"]


def _evidence(findings: Findings, support: tuple[str, ...]) -> tuple[str, ...]:
    words = []
    for key in support:
        if key.startswith("value:"):
            name = key.removeprefix("value:")
            words.append(f"{name.replace('_', ' ')} {findings.values.number(name):g}")
            continue
        obs = findings.observations.get(key)
        if obs is not None and obs.evidence:
            words.append(obs.evidence)
    return tuple(dict.fromkeys(words))


def fire_rules(findings: Findings, *, kb: KnowledgeBase) -> tuple[FiredRule, ...]:
    """Every rule whose expression holds, strongest first (ties in knowledge-base order)."""
    fired = []
    for rule in kb.rules:
        holds, support = evaluate(rule.when, findings)
        if holds:
            fired.append(
                FiredRule(
                    id=rule.id,
                    label=rule.label,
                    urgency=rule.urgency,
                    weak=rule.weak,
                    reason=rule.reason,
                    action=rule.action,
                    findings=support,
                    evidence=_evidence(findings, support),
                    sources=tuple(rule.sources),
                )
            )
    return tuple(sorted(fired, key=lambda r: -r.urgency.rank))


def urgency_of(fired: tuple[FiredRule, ...], *, kb: KnowledgeBase) -> tuple[Urgency, tuple[str, ...]]:
    """The highest fired rule's urgency, or the weak-flag escalation if that is higher.

    Monotone by construction: more fired rules can only keep or raise the maximum and the count.
    """
    urgency = Urgency.highest([r.urgency for r in fired])
    reasons = [r.id for r in fired if r.urgency is urgency and urgency is not Urgency.SELF_CARE]
    weak = sum(1 for r in fired if r.weak)
    for escalation in sorted(kb.weak_flag_escalations, key=lambda e: e.at_least):
        if weak >= escalation.at_least and escalation.urgency.rank > urgency.rank:
            urgency = escalation.urgency
            reasons = [f"weak_flags_{escalation.at_least}"]
    return urgency, tuple(reasons)
