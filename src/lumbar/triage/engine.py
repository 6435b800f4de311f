"""assess(): from findings to urgency, red flags, likely conditions, factors, plan and safety net.

Pure: the clock, the profile and the knowledge base come in as arguments. Only this module (through
`red_flags`) decides urgency.
"""

from __future__ import annotations

from datetime import datetime

from lumbar.care.plan import build_plan
from lumbar.intake.model import Findings, Profile, Status
from lumbar.knowledge.models import KnowledgeBase, Urgency
from lumbar.triage.differential import must_not_miss_first, rank_conditions
from lumbar.triage.model import Assessment, FactorMatch, FiredRule, OpenQuestion
from lumbar.triage.questions import open_red_flag_questions
from lumbar.triage.red_flags import fire_rules, urgency_of

__all__ = ["assess"]


def _with_profile(findings: Findings, profile: Profile | None) -> Findings:
    """The profile fills in standing facts the findings do not already state."""
    if profile is None:
        return findings
    return profile.as_findings().combined_with(findings)


def _suggested(fired: tuple[FiredRule, ...], kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Condition id -> the fired rules (above self-care) that point to it."""
    rules = {r.id: r for r in kb.rules}
    out: dict[str, list[str]] = {}
    for f in fired:
        if f.urgency is not Urgency.SELF_CARE:
            for cid in rules[f.id].suggests:
                out.setdefault(cid, []).append(f.id)
    return {k: tuple(v) for k, v in out.items()}


def _factors(findings: Findings, kb: KnowledgeBase) -> tuple[FactorMatch, ...]:
    matches = []
    for factor in kb.factors.values():
        hits = tuple(f for f in factor.suggested_by if findings.is_present(f))
        if hits:
            evidence = tuple(e for f in hits if (e := findings.observations[f].evidence))
            matches.append(FactorMatch(factor.id, factor.label, hits, evidence))
    return tuple(matches)


def _safety_net(findings: Findings, fired_ids: set[str], kb: KnowledgeBase) -> tuple[str, ...]:
    """What would change the advice: the watch-for lines of rules that have not fired."""
    lines = []
    for rule in kb.rules:
        if rule.safety_net and rule.id not in fired_ids:
            lines.append(rule.safety_net)
    lines.append(
        "Call the emergency number if you develop chest pain, breathlessness, sudden weakness or numbness "
        "down one side, or a pulsing pain in your tummy."
    )
    if findings.status("cannot_move") is not Status.PRESENT:
        lines.append("If the pain becomes so bad that you cannot move at all, contact a doctor today.")
    return tuple(lines)


def assess(
    findings: Findings,
    *,
    profile: Profile | None = None,
    now: datetime,
    kb: KnowledgeBase,
) -> Assessment:
    merged = _with_profile(findings, profile)
    fired = fire_rules(merged, kb=kb)
    urgency, reasons = urgency_of(fired, kb=kb)
    levels = {f.id: f.urgency.rank for f in fired}
    conditions = must_not_miss_first(rank_conditions(merged, kb=kb), _suggested(fired, kb), levels)
    factors = _factors(merged, kb)
    plan = build_plan(merged, urgency, tuple(f.id for f in factors), kb=kb)
    unanswered: tuple[OpenQuestion, ...] = open_red_flag_questions(merged, kb=kb)
    return Assessment(
        urgency=urgency,
        urgency_reasons=reasons,
        red_flags=fired,
        conditions=conditions,
        factors=factors,
        plan=plan,
        safety_net=_safety_net(merged, {r.id for r in fired}, kb),
        unanswered=unanswered,
        knowledge_version=kb.version,
        assessed_at=now,
    )
