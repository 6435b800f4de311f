"""Human output for `lumbar check`: urgency first, then why (with the words), then what to do."""

from __future__ import annotations

import textwrap

from lumbar.knowledge.learn import short_citation
from lumbar.knowledge.models import KnowledgeBase, Urgency
from lumbar.triage.contract import URGENCY_MEANING
from lumbar.triage.model import Assessment

__all__ = ["render_assessment", "wrap"]

_BANNER = {
    Urgency.EMERGENCY: "EMERGENCY",
    Urgency.URGENT: "URGENT: SEE A CLINICIAN TODAY",
    Urgency.ROUTINE: "ROUTINE: BOOK AN APPOINTMENT",
    Urgency.SELF_CARE: "SELF-CARE",
}
_WIDTH = 96


def wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _cite(ids: tuple[str, ...], kb: KnowledgeBase) -> str:
    return "; ".join(short_citation(kb.sources[s]) for s in ids if s in kb.sources)


def _influence(label: str, evidence: str | None, ratio: float) -> str:
    said = f' ("{evidence}")' if evidence else ""
    return f"{label.lower()}{said} x{ratio:.2g}"


def render_assessment(a: Assessment, *, kb: KnowledgeBase, max_steps: int = 6) -> str:
    out = [f"{_BANNER[a.urgency]}: {URGENCY_MEANING[a.urgency]}", ""]
    strong = [r for r in a.red_flags if not (r.weak and r.urgency is Urgency.SELF_CARE)]
    weak = [r for r in a.red_flags if r.weak and r.urgency is Urgency.SELF_CARE]
    if strong or weak:
        out.append("Why:")
        for r in strong:
            words = f' (you said: "{" / ".join(r.evidence)}")' if r.evidence else ""
            out.append(wrap(f"! {r.label} [{r.urgency.value}]{words}"))
            out.append(wrap(r.reason, "    "))
            out.append(wrap(f"What to do: {r.action}", "    "))
            out.append(wrap(f"Sources: {_cite(r.sources, kb)}", "    "))
        for r in weak:
            words = f' (you said: "{" / ".join(r.evidence)}")' if r.evidence else ""
            out.append(wrap(f"- weak flag: {r.label}{words}. {r.reason}"))
        if any(reason.startswith("weak_flags_") for reason in a.urgency_reasons):
            out.append(wrap("Several weak warning signs together raised the urgency (IFOMPT 2020)."))
    else:
        out.append("Why: no red flags in what you told us.")
    out.append("")
    if a.conditions:
        out.append("Most likely causes (not a diagnosis):")
        for c in a.conditions[:3]:
            moved = ", ".join(_influence(i.label, i.evidence, i.ratio) for i in c.why[:3])
            flag = "  (must not be missed: a warning sign points to it)" if c.flagged_by else ""
            out.append(wrap(f"{c.probability:5.0%}  {c.label}{flag}" + (f"  because: {moved}" if moved else "")))
        out.append("")
    if a.factors:
        out.append("What may have set it off:")
        for f in a.factors:
            words = f' ("{" / ".join(f.evidence)}")' if f.evidence else ""
            out.append(wrap(f"- {f.label}{words}"))
        out.append("")
    plan = a.plan
    out.append(f"What to do now: {plan.headline}")
    for s in plan.self_care[:max_steps]:
        out.append(wrap(f"- {s.label} [evidence: {s.evidence_grade.replace('_', ' ')}]: {s.advice}"))
        for n in s.cautions:
            out.append(wrap(f"  {n.severity.upper()}: {n.advice}", "    "))
    if len(plan.self_care) > max_steps:
        out.append(
            wrap(f"(and {len(plan.self_care) - max_steps} more in `lumbar check --json` / `lumbar learn self-care`)")
        )
    if plan.avoid:
        out.append("What not to do:")
        for s in plan.avoid[:4]:
            out.append(wrap(f"- {s.label}: {s.advice}"))
    if plan.prevention:
        out.append("To stop it coming back:")
        for s in plan.prevention[:4]:
            out.append(wrap(f"- {s.label}: {s.advice}"))
    out.append("")
    if a.unanswered:
        out.append("Not yet answered: you did not say whether you have any of these warning signs.")
        out.append("If you have any of them, the advice changes (run `lumbar check` to be asked):")
        labels = [kb.findings[q.finding].label for q in a.unanswered if q.finding in kb.findings]
        out.append(wrap("? " + "; ".join(labels)))
        out.append("")
    if a.safety_net:
        out.append("Get help sooner if:")
        for line in a.safety_net[:5]:
            out.append(wrap(f"- {line}"))
        out.append("")
    out.append(f"lumbar is not a diagnosis. Knowledge version {a.knowledge_version}.")
    return "\n".join(out)
