"""The `lumbar check` JSON contract (DESIGN.md): an Assessment as plain, JSON-ready data."""

from __future__ import annotations

from typing import Any

from lumbar.care.plan import MedicationNote, Plan, PlanStep
from lumbar.knowledge.models import KnowledgeBase, Urgency
from lumbar.triage.model import Assessment

__all__ = ["URGENCY_MEANING", "assessment_to_dict", "not_understood"]

URGENCY_MEANING = {
    Urgency.EMERGENCY: "Call the emergency number or go to the emergency department now.",
    Urgency.URGENT: "See a clinician today (urgent care, GP or out-of-hours service).",
    Urgency.ROUTINE: "Book an appointment with your doctor in the coming days.",
    Urgency.SELF_CARE: "Manage at home with this plan; the safety net says when to escalate.",
}


def _sources(ids: tuple[str, ...], kb: KnowledgeBase) -> list[dict[str, str]]:
    return [{"id": s, "citation": kb.sources[s].citation} for s in ids if s in kb.sources]


def _note(n: MedicationNote, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "id": n.id,
        "medication_class": n.medication_class,
        "severity": n.severity,
        "advice": n.advice,
        "because": list(n.because),
        "sources": _sources(n.sources, kb),
    }


def _step(s: PlanStep, kb: KnowledgeBase) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id,
        "kind": s.kind,
        "label": s.label,
        "advice": s.advice,
        "evidence_grade": s.evidence_grade,
        "sources": _sources(s.sources, kb),
    }
    if s.seed_conflict:
        out["seed_conflict"] = s.seed_conflict
    if s.cautions:
        out["cautions"] = [_note(n, kb) for n in s.cautions]
    if s.for_factors:
        out["for_factors"] = list(s.for_factors)
    return out


def _plan(plan: Plan, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "headline": plan.headline,
        "self_care": [_step(s, kb) for s in plan.self_care],
        "prevention": [_step(s, kb) for s in plan.prevention],
        "avoid": [_step(s, kb) for s in plan.avoid],
        "medication_notes": [_note(n, kb) for n in plan.medication_notes],
    }


def assessment_to_dict(a: Assessment, *, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "urgency": a.urgency.value,
        "urgency_meaning": URGENCY_MEANING[a.urgency],
        "urgency_reasons": list(a.urgency_reasons),
        "red_flags": [
            {
                "id": r.id,
                "label": r.label,
                "evidence": list(r.evidence),
                "findings": list(r.findings),
                "urgency": r.urgency.value,
                "weak": r.weak,
                "reason": r.reason,
                "action": r.action,
                "sources": _sources(r.sources, kb),
            }
            for r in a.red_flags
        ],
        "conditions": [
            {
                "id": c.id,
                "label": c.label,
                "probability": round(c.probability, 4),
                "must_not_miss": bool(c.flagged_by),
                "flagged_by": list(c.flagged_by),
                "why": [
                    {
                        "finding": i.finding,
                        "label": i.label,
                        "ratio": round(i.ratio, 3),
                        "evidence": i.evidence,
                    }
                    for i in c.why
                ],
            }
            for c in a.conditions
        ],
        "factors": [
            {"id": f.id, "label": f.label, "evidence": list(f.evidence), "findings": list(f.findings)}
            for f in a.factors
        ],
        "plan": _plan(a.plan, kb),
        "safety_net": list(a.safety_net),
        "unanswered": [{"id": q.id, "finding": q.finding, "question": q.text} for q in a.unanswered],
        "knowledge_version": a.knowledge_version,
        "assessed_at": a.assessed_at.isoformat(),
    }


def not_understood(problems: tuple[str, ...], *, kb: KnowledgeBase) -> dict[str, Any]:
    """What we say when text could not be read: no urgency (never a silent self-care answer), the
    reason, and the red-flag screen questions to ask instead."""
    return {
        "understood": False,
        "error": " ".join(problems) or "The text could not be understood.",
        "urgency": None,
        "questions": [
            {"id": q.id, "finding": q.finding, "question": q.text}
            for q in kb.questions
            if q.section == "red_flag_screen"
        ],
        "knowledge_version": kb.version,
    }
