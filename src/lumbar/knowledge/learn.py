"""`lumbar learn`: the knowledge base as plain text for a person, topic by topic, with sources.

Pure: every function takes the knowledge base and returns text or data; the CLI does the printing.
Each statement is followed by its sources (short citations; `lumbar learn sources` gives them in full)
and, for advice, its evidence grade.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

from lumbar.knowledge.models import (
    AllOf,
    AnyOf,
    AtLeast,
    CareItem,
    CareKind,
    Condition,
    Expr,
    Factor,
    KnowledgeBase,
    LikelihoodRatio,
    Source,
    SourceKind,
    Urgency,
    ValueTest,
)

__all__ = ["UnknownTopicError", "describe_expr", "kb_as_dict", "render_topic", "short_citation", "topics"]

_WIDTH = 88
_GRADE_WORDS = {
    "high": "high",
    "moderate": "moderate",
    "low": "low",
    "very_low": "very low",
    "expert_opinion": "expert opinion only",
    "not_supported": "not supported by evidence",
}
_URGENCY_WORDS = {
    Urgency.EMERGENCY: "Emergency: call the emergency number or go to the emergency department now",
    Urgency.URGENT: "Urgent: see a clinician today",
    Urgency.ROUTINE: "Routine: book an appointment in the coming days",
    Urgency.SELF_CARE: "Self-care: on its own this is a weak sign; it counts when several add up",
}
_MEDICINE_WORDS = {
    "nsaid": "Anti-inflammatories (NSAIDs)",
    "paracetamol": "Paracetamol",
    "muscle_relaxant": "Muscle relaxants",
    "opioid": "Opioids",
}
_NOT_A_DIAGNOSIS = "These are possibilities to discuss with a clinician, not a diagnosis."


class UnknownTopicError(ValueError):
    """The topic is not one `topics()` offers; the message lists the valid ones."""


# --- citations and text helpers ---------------------------------------------------------------------


# "Menezes Costa LC et al.", "Deyo RA, Diehl AK.", "van der Gaag WH et al.": surname, then initials.
_FIRST_AUTHOR = re.compile(r"^((?:[\w'-]+ ){0,2}[A-Z][\w'-]+) [A-Z]{1,3}(?: et al)?[,.]")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_LONG = 48  # a short citation longer than this is cut at its first ": " or ", "


def short_citation(source: Source) -> str:
    """A short in-text citation: "Dahm 2010", "NICE guideline NG59 (2016)", "Seed 001"."""
    text = source.citation
    if source.kind is SourceKind.SEED:
        return text.split(":")[0]
    if source.kind is SourceKind.ESTIMATE:
        return "lumbar team estimate"
    year = _YEAR.search(text)
    author = _FIRST_AUTHOR.match(text)
    if author:
        return f"{author.group(1)} {year.group()}" if year else author.group(1)
    head = re.split(r" \(|; |\. ", text, maxsplit=1)[0].rstrip(".")
    if len(head) > _LONG:
        head = re.split(r": |, ", head, maxsplit=1)[0]
    if year and year.group() not in head:
        return f"{head} ({year.group()})"
    return head


def _cite(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    return "; ".join(short_citation(kb.sources[s]) for s in ids if s in kb.sources)


def _para(text: str, indent: str = "    ", hang: str = "") -> str:
    """One wrapped paragraph; `hang` indents its continuation lines further (for bullets)."""
    flat = " ".join(text.split())
    return textwrap.fill(
        flat,
        width=_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,  # keep URLs and DOIs whole
        break_on_hyphens=False,  # "anti-inflammatory" stays one word
    )


def _bullet(text: str) -> str:
    return _para(f"* {text}", "", "  ")


def _heading(title: str) -> list[str]:
    return [title, "=" * len(title), ""]


def _grade(grade: str) -> str:
    return _GRADE_WORDS.get(grade, grade)


def _care_block(kb: KnowledgeBase, item: CareItem) -> list[str]:
    lines = [_bullet(f"{item.label}  [evidence: {_grade(item.evidence_grade)}]")]
    lines.append(_para(item.advice))
    if item.seed_conflict:
        lines.append(_para(f"Note on the source pages: {item.seed_conflict}"))
    lines += [_para(f"Sources: {_cite(kb, item.sources)}"), ""]
    return lines


def _care_of_kind(kb: KnowledgeBase, kind: CareKind) -> list[CareItem]:
    return [i for i in kb.care.values() if i.kind is kind]


def describe_expr(expr: Expr, kb: KnowledgeBase) -> str:
    """A rule expression in words, using finding labels."""
    if isinstance(expr, str):
        finding = kb.findings.get(expr)
        return finding.label if finding else expr
    if isinstance(expr, ValueTest):
        name = expr.value.replace("_", " ")
        bounds = [(">=", expr.gte), ("<=", expr.lte), (">", expr.gt), ("<", expr.lt)]
        return " and ".join(f"{name} {op} {b:g}" for op, b in bounds if b is not None)
    if isinstance(expr, AllOf):
        return "(" + " and ".join(describe_expr(e, kb) for e in expr.all) + ")"
    if isinstance(expr, AnyOf):
        return "(" + " or ".join(describe_expr(e, kb) for e in expr.any) + ")"
    if isinstance(expr, AtLeast):
        return f"(at least {expr.at_least} of: " + ", ".join(describe_expr(e, kb) for e in expr.of) + ")"
    raise TypeError(f"not a rule expression: {expr!r}")


def _lr_target(lr: LikelihoodRatio, kb: KnowledgeBase) -> str:
    if lr.value_test is not None:
        return describe_expr(lr.value_test, kb)
    return describe_expr(lr.key, kb)  # the finding id: the model guarantees exactly one target


# --- topic pages ------------------------------------------------------------------------------------


def _red_flags(kb: KnowledgeBase) -> list[str]:
    lines = [_para("lumbar asks about each of these. Any one of them changes the advice.", ""), ""]
    for level in sorted(Urgency, key=lambda u: -u.rank):
        rules = [r for r in kb.rules if r.urgency is level]
        if not rules:
            continue
        lines += [_URGENCY_WORDS[level], ""]
        for r in rules:
            lines.append(_bullet(f"{r.label}"))
            lines.append(_para(r.reason))
            lines.append(_para(f"What to do: {r.action}"))
            lines += [_para(f"Sources: {_cite(kb, r.sources)}"), ""]
    for esc in kb.weak_flag_escalations:
        lines.append(_bullet(f"When {esc.at_least} or more weak signs add up: {esc.reason}"))
        lines += [_para(f"Sources: {_cite(kb, esc.sources)}"), ""]
    return lines


def _conditions(kb: KnowledgeBase) -> list[str]:
    lines = [_para(_NOT_A_DIAGNOSIS, ""), ""]
    for c in kb.conditions.values():
        lines.append(_bullet(f"{c.label}  (lumbar learn conditions/{c.id})"))
        lines.append(_para(c.summary))
        lines += [_para(f"Sources: {_cite(kb, c.sources)}"), ""]
    return lines


def _condition(kb: KnowledgeBase, c: Condition) -> list[str]:
    lines = _heading(c.label)
    lines += [_para(c.summary, ""), ""]
    kind = "our estimate" if c.prior_estimate else "published figure"
    lines += [_para(f"Starting likelihood before your answers: {c.prior:.1%} ({kind}).", ""), ""]
    raising = [lr for lr in c.likelihood_ratios if lr.lr_present > 1]
    lowering = [lr for lr in c.likelihood_ratios if lr.lr_present < 1]
    for title, chosen in (("Makes it more likely:", raising), ("Makes it less likely:", lowering)):
        if chosen:
            lines.append(title)
            for lr in chosen:
                est = ", estimate" if lr.estimate else ""
                text = f"- {_lr_target(lr, kb)} (likelihood ratio {lr.lr_present:g}{est}; {_cite(kb, lr.sources)})"
                lines.append(_para(text, hang="  "))
            lines.append("")
    flags = [r for r in kb.rules if c.id in r.suggests]
    if flags:
        lines.append("Warning signs that point here:")
        lines += [_para(f"- {r.label} [{r.urgency.value}]") for r in flags]
        lines.append("")
    lines += [_para(f"Sources: {_cite(kb, c.sources)}", ""), "", _para(_NOT_A_DIAGNOSIS, "")]
    return lines


def _factors(kb: KnowledgeBase) -> list[str]:
    lines = [_para("Things that may have set off this spasm or make another more likely.", ""), ""]
    for f in kb.factors.values():
        lines.append(_bullet(f"{f.label}  (lumbar learn factors/{f.id})"))
        lines.append(_para(f.summary))
        lines += [_para(f"Sources: {_cite(kb, f.sources)}"), ""]
    return lines


def _factor(kb: KnowledgeBase, f: Factor) -> list[str]:
    lines = _heading(f.label)
    lines += [_para(f.summary, ""), ""]
    labels = [kb.findings[x].label for x in f.suggested_by if x in kb.findings]
    lines += [_para("lumbar suggests it when you report: " + "; ".join(labels), ""), ""]
    helps = [kb.care[x] for x in f.prevention if x in kb.care]
    if helps:
        lines += ["What helps:", ""]
        for item in helps:
            lines += _care_block(kb, item)
    lines.append(_para(f"Sources: {_cite(kb, f.sources)}", ""))
    return lines


def _care_page(intro: str, kind: CareKind) -> Callable[[KnowledgeBase], list[str]]:
    def page(kb: KnowledgeBase) -> list[str]:
        lines = [_para(intro, ""), ""]
        for item in _care_of_kind(kb, kind):
            lines += _care_block(kb, item)
        return lines

    return page


def _medicines(kb: KnowledgeBase) -> list[str]:
    lines = [_para("Read the cautions before taking any medicine; a pharmacist can check for you.", ""), ""]
    for item in _care_of_kind(kb, CareKind.MEDICATION):
        lines += _care_block(kb, item)
    prescribed = [i for i in _care_of_kind(kb, CareKind.CLINICIAN) if i.medication_class]
    if prescribed:
        lines += ["Only on a clinician's advice:", ""]
        for item in prescribed:
            lines += _care_block(kb, item)
    if kb.medication_cautions:
        lines += ["Cautions:", ""]
        for mc in kb.medication_cautions:
            when = describe_expr(mc.when, kb)
            if when.startswith("(") and when.endswith(")"):  # a composite: drop its one outer pair
                when = when[1:-1]
            when = when[:1].lower() + when[1:]
            lines.append(_bullet(f"{_MEDICINE_WORDS[mc.medication_class]}: {mc.severity} when you report {when}"))
            lines.append(_para(mc.advice))
            lines += [_para(f"Sources: {_cite(kb, mc.sources)}"), ""]
    lines.append(_para("Medicines that are not recommended for back pain: lumbar learn not-recommended", ""))
    return lines


def _seed_corrections(kb: KnowledgeBase) -> list[str]:
    intro = (
        "lumbar started from four patient-education web pages. Where they say something the evidence does "
        "not support, here is what they said and what the evidence says."
    )
    lines = [_para(intro, ""), ""]
    for sc in kb.seed_conflicts:
        seed = kb.sources.get(sc.seed)
        lines.append(_bullet(f"{short_citation(seed) if seed else sc.seed} says: {sc.claim}"))
        lines.append(_para(f"The evidence: {sc.correction}"))
        lines += [_para(f"Sources: {_cite(kb, sc.sources)}"), ""]
    return lines


def _sources(kb: KnowledgeBase) -> list[str]:
    lines: list[str] = []
    for kind in SourceKind:
        chosen = [s for s in kb.sources.values() if s.kind is kind]
        if not chosen:
            continue
        lines += [f"{kind.value.capitalize()}s:", ""]
        for s in chosen:
            where = f"doi:{s.doi}" if s.doi else (s.url or s.file or "")
            lines.append(_bullet(f"{short_citation(s)}  [{s.id}]"))
            lines.append(_para(f"{s.citation.rstrip('.')}. {s.title.rstrip('.')}. {where}".strip()))
        lines.append("")
    return lines


_PAGES: dict[str, tuple[str, Callable[[KnowledgeBase], list[str]]]] = {
    "red-flags": ("Red flags: when back pain needs care soon", _red_flags),
    "self-care": (
        "Self-care: what you can do now",
        _care_page(
            "Things you can do yourself. The evidence grade says how sure we can be that each one helps.",
            CareKind.SELF_CARE,
        ),
    ),
    "medicines": ("Medicines, with their cautions", _medicines),
    "clinician": (
        "Treatments a clinician can offer",
        _care_page("Treatments from a doctor, physiotherapist or other clinician.", CareKind.CLINICIAN),
    ),
    "prevention": (
        "Prevention: keeping it from coming back",
        _care_page(
            "Habits that may lower the chance of another bout. Most rest on experience rather than trials.",
            CareKind.PREVENTION,
        ),
    ),
    "not-recommended": (
        "Not recommended: what to avoid",
        _care_page(
            "Treatments and habits that guidelines advise against, or that have no good evidence.",
            CareKind.NOT_RECOMMENDED,
        ),
    ),
    "conditions": ("Conditions lumbar considers", _conditions),
    "factors": ("Contributing factors: what may have set it off", _factors),
    "seed-corrections": ("Where the source pages are wrong or go too far", _seed_corrections),
    "sources": ("Sources", _sources),
}


# --- public API -------------------------------------------------------------------------------------


def topics(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Every topic `render_topic` accepts, as (topic id, title), in reading order."""
    out: list[tuple[str, str]] = []
    for topic, (title, _) in _PAGES.items():
        out.append((topic, title))
        if topic == "conditions":
            out += [(f"conditions/{c.id}", c.label) for c in kb.conditions.values()]
        elif topic == "factors":
            out += [(f"factors/{f.id}", f.label) for f in kb.factors.values()]
    return out


def _resolve(kb: KnowledgeBase, topic: str) -> str:
    """Accept the topic id, its snake_case spelling, or a bare condition or factor id."""
    key = topic.strip().lower()
    valid = {t for t, _ in topics(kb)}
    for candidate in (key, key.replace("_", "-"), f"conditions/{key}", f"factors/{key}"):
        if candidate in valid:
            return candidate
    raise UnknownTopicError(f"unknown topic {topic!r}; valid topics: {', '.join(t for t, _ in topics(kb))}")


def render_topic(kb: KnowledgeBase, topic: str | None) -> str:
    """Plain text for one topic; with `topic` None, the list of topics."""
    if topic is None:
        lines = _heading("What lumbar knows")
        lines += [_para("Read a topic with: lumbar learn TOPIC", ""), ""]
        lines += [f"  {t:<40} {title}" for t, title in topics(kb)]
        lines += ["", _para(f"Knowledge base version {kb.version}.", "")]
        return "\n".join(lines)
    key = _resolve(kb, topic)
    if key.startswith("conditions/"):
        lines = _condition(kb, kb.conditions[key.removeprefix("conditions/")])
    elif key.startswith("factors/"):
        lines = _factor(kb, kb.factors[key.removeprefix("factors/")])
    else:
        title, page = _PAGES[key]
        lines = _heading(title) + page(kb)
    return "\n".join(lines).rstrip() + "\n"


def kb_as_dict(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole knowledge base as JSON-serialisable data, including its `version`."""
    return kb.model_dump(mode="json")
