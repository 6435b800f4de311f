"""The adaptive questionnaire as a FHIR R4 Questionnaire (`lumbar questionnaire --fhir`).

- One group item per section, in asking order; inside, one item per question: linkId = question id,
  type boolean / integer / decimal (lumbar `number`) / choice (answerOption valueCoding; sex uses the
  administrative-gender codes), minimum and maximum as the core minValue / maxValue extensions, help text
  as a `display` child with itemControl `help`.
- `item.code`: LOINC where INTEROP.md confirms one (the pain score, 72514-3); else lumbar's finding code.
- `enableWhen` from `ask_if` where FHIR can say it: a finding (the question that sets it answered true),
  a value test (the question that asks the value, compared), or `any`/`all` of those (enableBehavior).
  Anything else (`at_least`, nesting) is left without enableWhen: the item is then always enabled, which
  asks more, never less.
"""

from __future__ import annotations

from typing import Any

from lumbar.intake.questionnaire import SECTION_ORDER
from lumbar.interop import codes as c
from lumbar.interop.fhir_check import check_questionnaire, validate_r4b
from lumbar.knowledge.models import AllOf, AnyOf, Expr, KnowledgeBase, Question, ValueTest

__all__ = ["build_questionnaire", "questionnaire_json"]

Json = dict[str, Any]
_TYPES = {"boolean": "boolean", "integer": "integer", "number": "decimal", "choice": "choice"}
_OPERATORS = {"gte": ">=", "lte": "<=", "gt": ">", "lt": "<"}
_GENDER_DISPLAY = {"female": "Female", "male": "Male"}


def _number(q: Question, value: float) -> Json:
    return {"valueInteger": int(value)} if q.type == "integer" else {"valueDecimal": value}


def _conditions(expr: Expr, setters: dict[str, list[Question]], values: dict[str, Question]) -> list[Json] | None:
    """enableWhen conditions any one of which (or, from `_enable`, all of which) express `expr`; None
    when FHIR's enableWhen cannot express it."""
    if isinstance(expr, str):
        asked = setters.get(expr, [])
        return [
            {"question": q.id, "operator": "=", "answerBoolean": True} for q in asked if q.type == "boolean"
        ] or None
    if isinstance(expr, ValueTest):
        q = values.get(expr.value)
        if q is None or q.type not in ("integer", "number"):
            return None
        out = []
        for bound, op in _OPERATORS.items():
            limit = getattr(expr, bound)
            if limit is not None:
                if q.type == "integer" and not float(limit).is_integer():
                    return None
                answer = {f"answer{k[5:]}": v for k, v in _number(q, limit).items()}
                out.append({"question": q.id, "operator": op, **answer})
        return out if len(out) == 1 else None  # two bounds need `all`, which `any` around it cannot hold
    return None


def _enable(q: Question, setters: dict[str, list[Question]], values: dict[str, Question]) -> Json:
    if q.ask_if is None:
        return {}
    expr = q.ask_if
    if isinstance(expr, str | ValueTest):
        parts, behaviour = [_conditions(expr, setters, values)], "any"
    elif isinstance(expr, AnyOf):
        parts, behaviour = [_conditions(x, setters, values) for x in expr.any], "any"
    elif isinstance(expr, AllOf):
        parts, behaviour = [_conditions(x, setters, values) for x in expr.all], "all"
        if any(p is not None and len(p) > 1 for p in parts):
            return {}  # a finding asked twice inside `all` would need `any` nested in `all`
    else:
        return {}
    if any(p is None for p in parts):
        return {}
    conditions = [cond for p in parts if p is not None for cond in p]
    out: Json = {"enableWhen": conditions}
    if len(conditions) > 1:
        out["enableBehavior"] = behaviour
    return out


def _item(q: Question, kb: KnowledgeBase, setters: dict[str, list[Question]], values: dict[str, Question]) -> Json:
    item: Json = {"linkId": q.id, "text": q.text, "type": _TYPES[q.type]}
    if q.value == "pain_score":
        item["code"] = [c.PAIN_SCORE.coding()]
    elif q.finding is not None:
        item["code"] = [c.coding(c.CS_FINDING, q.finding, kb.findings[q.finding].label)]
    item |= _enable(q, setters, values)
    extensions = []
    for url, bound in ((c.EXT_MIN_VALUE, q.minimum), (c.EXT_MAX_VALUE, q.maximum)):
        if bound is not None and q.type in ("integer", "number"):
            extensions.append({"url": url, **_number(q, bound)})
    if extensions:
        item["extension"] = extensions
    if q.type == "choice":
        system = c.ADMINISTRATIVE_GENDER if q.value == "sex" else f"{c.CS_CHOICE}:{q.id}"
        item["answerOption"] = [
            {"valueCoding": c.coding(system, choice, _GENDER_DISPLAY.get(choice) if q.value == "sex" else choice)}
            for choice in q.choices
        ]
    if q.help:
        control = c.concept(c.ITEM_CONTROL, "help", "Help-Button")
        item["item"] = [
            {
                "linkId": f"{q.id}.help",
                "text": q.help,
                "type": "display",
                "extension": [{"url": c.EXT_ITEM_CONTROL, "valueCodeableConcept": control}],
            }
        ]
    return item


def build_questionnaire(kb: KnowledgeBase) -> Json:
    """The questionnaire as a FHIR R4 Questionnaire (a JSON object), unchecked."""
    setters: dict[str, list[Question]] = {}
    values: dict[str, Question] = {}
    for q in kb.questions:
        if q.finding is not None:
            setters.setdefault(q.finding, []).append(q)
        elif q.value is not None and q.value != "sex":
            values.setdefault(q.value, q)
    groups = []
    for section in SECTION_ORDER:
        items = [_item(q, kb, setters, values) for q in kb.questions if q.section == section]
        if items:
            title = section.replace("_", " ").capitalize()
            groups.append({"linkId": section, "text": title, "type": "group", "item": items})
    return {
        "resourceType": "Questionnaire",
        "url": c.QUESTIONNAIRE_URL,
        "version": kb.version,
        "name": "LumbarBackPainCheck",
        "title": "lumbar: lower back pain check (red-flag screen first)",
        "status": "active",
        "subjectType": ["Patient"],
        "item": groups,
    }


def questionnaire_json(kb: KnowledgeBase) -> Json:
    """The Questionnaire, parsed through fhir.resources (R4B) and checked; raises ValueError on problems."""
    document = build_questionnaire(kb)
    problems = validate_r4b(document) or check_questionnaire(document)
    if problems:
        raise ValueError("; ".join(problems))
    return document
