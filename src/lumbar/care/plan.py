"""The self-care and prevention plan: what to do now, what to avoid, and medicine safety.

Pure: it reads the knowledge base, the findings and the urgency triage set; it never sets urgency.
"""

from __future__ import annotations

from dataclasses import dataclass

from lumbar.intake.expr import evaluate
from lumbar.intake.model import Findings
from lumbar.knowledge.models import CareItem, CareKind, KnowledgeBase, Urgency

__all__ = ["MedicationNote", "Plan", "PlanStep", "build_plan"]

_GRADE_ORDER = ("high", "moderate", "low", "very_low", "expert_opinion", "not_supported")


@dataclass(frozen=True)
class MedicationNote:
    id: str
    medication_class: str
    severity: str  # avoid | caution
    advice: str
    because: tuple[str, ...]  # finding ids / values that triggered the caution
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PlanStep:
    id: str
    kind: str
    label: str
    advice: str
    evidence_grade: str
    sources: tuple[str, ...]
    seed_conflict: str | None = None
    cautions: tuple[MedicationNote, ...] = ()
    for_factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    headline: str
    self_care: tuple[PlanStep, ...]
    prevention: tuple[PlanStep, ...]
    avoid: tuple[PlanStep, ...]
    medication_notes: tuple[MedicationNote, ...]


def _step(item: CareItem, cautions: tuple[MedicationNote, ...] = (), factors: tuple[str, ...] = ()) -> PlanStep:
    return PlanStep(
        id=item.id,
        kind=item.kind.value,
        label=item.label,
        advice=item.advice,
        evidence_grade=item.evidence_grade,
        sources=tuple(item.sources),
        seed_conflict=item.seed_conflict,
        cautions=cautions,
        for_factors=factors,
    )


def medication_notes(findings: Findings, *, kb: KnowledgeBase) -> tuple[MedicationNote, ...]:
    """Medicine cautions that apply to this person (kidney disease, ulcer, anticoagulants, pregnancy, age)."""
    notes = []
    for caution in kb.medication_cautions:
        holds, why = evaluate(caution.when, findings)
        if holds:
            notes.append(
                MedicationNote(
                    id=caution.id,
                    medication_class=caution.medication_class,
                    severity=caution.severity,
                    advice=caution.advice,
                    because=why,
                    sources=tuple(caution.sources),
                )
            )
    return tuple(notes)


def _by_grade(items: list[CareItem]) -> list[CareItem]:
    return sorted(items, key=lambda i: (_GRADE_ORDER.index(i.evidence_grade), i.id))


def build_plan(findings: Findings, urgency: Urgency, factor_ids: tuple[str, ...], *, kb: KnowledgeBase) -> Plan:
    notes = medication_notes(findings, kb=kb)
    items = list(kb.care.values())
    avoid = tuple(_step(i) for i in _by_grade([i for i in items if i.kind is CareKind.NOT_RECOMMENDED]))

    prevention_for: dict[str, list[str]] = {}
    for fid in factor_ids:
        for care_id in kb.factors[fid].prevention:
            prevention_for.setdefault(care_id, []).append(fid)
    general = [i for i in items if i.kind is CareKind.PREVENTION and i.evidence_grade in ("high", "moderate")]
    matched = [kb.care[c] for c in prevention_for]
    chosen = {i.id: i for i in [*matched, *_by_grade(general)]}  # matched first, de-duplicated by id
    prevention = tuple(_step(i, factors=tuple(prevention_for.get(i.id, ()))) for i in chosen.values())

    if urgency is Urgency.EMERGENCY:
        # Self-care must not compete with getting help now; prevention waits for later.
        return Plan(
            headline="Get help now. Self-care advice can wait until you have been seen.",
            self_care=(),
            prevention=(),
            avoid=avoid,
            medication_notes=notes,
        )

    usable = [
        i for i in items if i.kind in (CareKind.SELF_CARE, CareKind.MEDICATION) and i.evidence_grade != "not_supported"
    ]
    steps = []
    for item in _by_grade(usable):
        mine = tuple(n for n in notes if item.medication_class and n.medication_class == item.medication_class)
        steps.append(_step(item, cautions=mine))
    headline = {
        Urgency.URGENT: "See a clinician today. Until then, these can ease the pain.",
        Urgency.ROUTINE: "Book an appointment in the coming days. Meanwhile, these help most people.",
        Urgency.SELF_CARE: "This can usually be managed at home. Most back spasms ease markedly within a few weeks.",
    }[urgency]
    return Plan(
        headline=headline,
        self_care=tuple(steps),
        prevention=prevention,
        avoid=avoid,
        medication_notes=notes,
    )
