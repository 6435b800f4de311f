"""The differential: which conditions most likely explain what the person reported.

Each condition in the knowledge base has a prior (how common it is among people presenting with back
pain) and likelihood ratios for findings and value tests. A condition's weight is

    prior x product of the likelihood ratios that apply

where a present finding applies `lr_present`, an absent one `lr_absent`, and an uncertain or unreported
finding applies nothing (silence is not evidence either way). A value test applies `lr_present` when it
holds, `lr_absent` when the value is known and the test fails, and nothing when the value is unknown.

The weights are normalised across all conditions: the conditions are treated as mutually exclusive
explanations of this episode, so the probabilities say how the evidence shares out between them. That is
a simplification (a person can have a strain and a kidney stone), and the likelihood ratios are multiplied
as if findings were independent given the condition (naive Bayes), which overstates agreeing evidence.
The ranking is for explanation, never for urgency: only the red-flag rules assign urgency.

The sums are done in log space so that no product of many ratios can overflow or underflow. Pure: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from lumbar.intake.model import Findings, Status
from lumbar.knowledge.models import Condition, KnowledgeBase, LikelihoodRatio, ValueTest

__all__ = ["Influence", "RankedCondition", "must_not_miss_first", "rank_conditions"]


@dataclass(frozen=True)
class Influence:
    """One piece of evidence that moved a condition: the ratio applied and the person's own words."""

    finding: str  # finding id, or the value name ("age", "duration_days") for a value test
    label: str  # plain language, phrased for what was reported ("No fever...", "age 65 or more")
    ratio: float
    evidence: str | None


@dataclass(frozen=True)
class RankedCondition:
    id: str
    label: str
    probability: float
    why: tuple[Influence, ...]  # strongest influences first
    flagged_by: tuple[str, ...] = ()  # red-flag rules that point to it: listed first, must not be missed


def rank_conditions(findings: Findings, *, kb: KnowledgeBase) -> tuple[RankedCondition, ...]:
    """The knowledge base's conditions, most likely first (ties broken by id)."""
    scored: list[tuple[str, Condition, float, tuple[Influence, ...]]] = []
    for cid, condition in kb.conditions.items():
        influences = tuple(_influences(condition, findings, kb))
        log_weight = math.log(condition.prior) + sum(math.log(i.ratio) for i in influences)
        scored.append((cid, condition, log_weight, _strongest_first(influences)))
    if not scored:
        return ()
    probabilities = _normalised([log_weight for _, _, log_weight, _ in scored])
    ranked = [
        RankedCondition(id=cid, label=condition.label, probability=p, why=why)
        for (cid, condition, _, why), p in zip(scored, probabilities, strict=True)
    ]
    ranked.sort(key=lambda r: (-r.probability, r.id))
    return tuple(ranked)


def _influences(condition: Condition, findings: Findings, kb: KnowledgeBase) -> list[Influence]:
    out: list[Influence] = []
    for lr in condition.likelihood_ratios:
        influence: Influence | None = None
        if lr.finding is not None:
            influence = _finding_influence(lr.finding, lr, findings, kb)
        elif lr.value_test is not None:
            influence = _value_influence(lr.value_test, lr, findings)
        if influence is not None and influence.ratio != 1.0:
            out.append(influence)
    return out


def _finding_influence(finding: str, lr: LikelihoodRatio, findings: Findings, kb: KnowledgeBase) -> Influence | None:
    obs = findings.observations.get(finding)
    if obs is None or obs.status is Status.UNCERTAIN:
        return None
    known = kb.findings.get(finding)
    label = known.label if known else finding.replace("_", " ")
    if obs.status is Status.PRESENT:
        return Influence(finding, label, lr.lr_present, obs.evidence)
    return Influence(finding, f"No {label[:1].lower()}{label[1:]}", lr.lr_absent, obs.evidence)


def _value_influence(test: ValueTest, lr: LikelihoodRatio, findings: Findings) -> Influence | None:
    value = findings.values.number(test.value)
    if value is None or not math.isfinite(value):
        return None
    holds = _holds(test, value)
    ratio = lr.lr_present if holds else lr.lr_absent
    return Influence(test.value, _describe(test, holds), ratio, _evidence(test.value, value))


def _holds(test: ValueTest, value: float) -> bool:
    return (
        (test.gte is None or value >= test.gte)
        and (test.gt is None or value > test.gt)
        and (test.lte is None or value <= test.lte)
        and (test.lt is None or value < test.lt)
    )


# How a value reads in plain language: (subject, unit).
_WORDING = {
    "age": ("age", ""),
    "duration_days": ("pain for", " days"),
    "temperature_c": ("temperature", " C"),
    "pain_score": ("pain score", "/10"),
    "pregnancy_weeks": ("pregnancy", " weeks"),
}


def _evidence(name: str, value: float) -> str:
    subject, unit = _WORDING[name]
    return f"{subject} {value:g}{unit}"


def _describe(test: ValueTest, holds: bool) -> str:
    """'age 65 or more' when the test holds, 'age under 65' when it fails."""
    subject, unit = _WORDING[test.value]
    # (bound, wording when it holds, wording when it fails)
    bounds = (
        (test.gte, "{} or more", "under {}"),
        (test.gt, "over {}", "{} or less"),
        (test.lte, "{} or less", "over {}"),
        (test.lt, "under {}", "{} or more"),
    )
    held = [f"{subject} " + when_holds.format(f"{b:g}{unit}") for b, when_holds, _ in bounds if b is not None]
    if len(held) == 1:
        failed = [f"{subject} " + fails.format(f"{b:g}{unit}") for b, _, fails in bounds if b is not None]
        return held[0] if holds else failed[0]
    both = " and ".join(held)
    return both if holds else f"not {both}"


def _strongest_first(influences: tuple[Influence, ...]) -> tuple[Influence, ...]:
    return tuple(sorted(influences, key=lambda i: (-abs(math.log(i.ratio)), i.finding, i.label)))


def _normalised(log_weights: list[float]) -> list[float]:
    """Softmax of the log weights, clamped so each is in [0, 1] and the total is at most 1."""
    top = max(log_weights)
    exps = [math.exp(w - top) for w in log_weights]  # the largest is exp(0) = 1, so the total is >= 1
    total = math.fsum(exps)
    probabilities = [min(1.0, max(0.0, e / total)) for e in exps]
    excess = math.fsum(probabilities)
    if excess > 1.0:
        probabilities = [p / excess for p in probabilities]
    return probabilities


def must_not_miss_first(
    ranked: tuple[RankedCondition, ...],
    suggested: dict[str, tuple[str, ...]],
    levels: Mapping[str, int] | None = None,
) -> tuple[RankedCondition, ...]:
    """Conditions a fired red flag points to come first ("must not miss"): those of the most urgent flags
    first (`levels`: each fired rule's urgency rank), most likely first among equals; the rest follow in order
    of probability. Probabilities are left as they are: a red flag makes a rare condition worth ruling out
    long before it becomes the most probable one. (A fever with a leg gone weak on methotrexate puts the
    emergency's spinal infection before the urgent flags' nerve root and fracture.)"""
    flagged = [replace(c, flagged_by=suggested[c.id]) for c in ranked if c.id in suggested]
    if levels:
        flagged.sort(key=lambda c: -max(levels.get(r, 0) for r in c.flagged_by))  # stable: probability order kept
    return (*flagged, *(c for c in ranked if c.id not in suggested))
