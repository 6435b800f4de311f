"""Checks on FHIR R4 JSON: first the `fhir.resources` R4B models (structure, cardinality, primitive
formats), then what that library does not check (INTEROP.md 1e, 2):

- coded values in their required value sets (statuses, intents, Bundle.type, Condition clinical and
  verification status, Observation category, Questionnaire item types and enableWhen operators);
- references that resolve inside the Bundle (by `fullUrl`, or `Type/id` of an entry);
- the fields lumbar requires: `subject` on Observation, RiskAssessment, CarePlan, QuestionnaireResponse
  and Condition, and that it points at the Bundle's Patient;
- a few invariants: obs-6 (no dataAbsentReason beside a value), con-4 (an abated Condition is not active),
  unique fullUrls, Questionnaire linkIds unique and enableWhen questions that exist.

Each function returns a list of problems, empty when all is well, and never raises on odd input.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from lumbar.interop.codes import CODED_VALUE_SETS, VALUE_SETS

__all__ = ["IMPORTED_TYPES", "check_bundle", "check_questionnaire", "validate_r4b"]

# The resource types lumbar writes and reads back; any other type in a Bundle is foreign.
IMPORTED_TYPES = frozenset(
    {"Patient", "Observation", "Condition", "QuestionnaireResponse", "RiskAssessment", "CarePlan"}
)
_NEEDS_SUBJECT = ("Observation", "RiskAssessment", "CarePlan", "QuestionnaireResponse", "Condition")
_SHOWN = 20  # problems kept per check: enough to act on, never a flood


def _where(loc: tuple[int | str, ...], document: Mapping[str, Any]) -> str:
    if len(loc) >= 3 and loc[0] == "entry" and isinstance(loc[1], int) and loc[2] == "resource":
        kind = "resource"
        try:
            kind = str(document["entry"][loc[1]]["resource"]["resourceType"])
        except (KeyError, IndexError, TypeError):
            pass
        rest = ".".join(str(p) for p in loc[3:])
        return f"entry {loc[1] + 1} ({kind})" + (f": {rest}" if rest else "")
    return ".".join(str(p) for p in loc) or document.get("resourceType", "document")


def validate_r4b(document: Any) -> list[str]:
    """Parse `document` (a JSON object) with the fhir.resources R4B model of its resourceType."""
    from fhir.resources.R4B import get_fhir_model_class

    if not isinstance(document, dict) or not isinstance(document.get("resourceType"), str):
        return ["not a FHIR resource (no resourceType)"]
    try:
        model = get_fhir_model_class(document["resourceType"])
    except (ValueError, KeyError):
        return [f"{document['resourceType']!r} is not a FHIR R4 resource type"]
    entries = document.get("entry") if document["resourceType"] == "Bundle" else None
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        kind = entry.get("resource", {}).get("resourceType") if isinstance(entry, dict) else None
        try:
            if not isinstance(kind, str):
                raise ValueError
            get_fhir_model_class(kind)
        except (ValueError, KeyError, AttributeError):
            return [f"entry {i + 1}: {kind!r} is not a FHIR R4 resource type"]
    try:
        model.model_validate(document)
    except ValidationError as exc:
        problems = []
        for error in exc.errors()[:_SHOWN]:
            where = _where(tuple(error["loc"]), document)
            if error["type"] == "extra_forbidden":
                problems.append(f"{where}: not a FHIR R4 element (from another FHIR version, R5 or STU3?)")
            elif error["type"] in ("json_invalid", "dict_type", "model_type", "list_type"):
                problems.append(f"{where}: not the FHIR R4 shape of this element (from another FHIR version?)")
            else:
                problems.append(f"{where}: {error['msg']}")
        return problems
    except (ValueError, TypeError, KeyError) as exc:  # fhir_core raises plain errors on some odd shapes
        return [f"not a valid FHIR R4 {document['resourceType']}: {exc}"]
    return []


def _scan(value: Any, path: str, found: list[tuple[str, str, Any]]) -> None:
    """Collect (path, key, value) for every `coding` list and `reference` string under `value`: one pass,
    since a year's Bundle holds tens of thousands of elements."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("coding", "reference"):
                found.append((path, key, inner))
            elif isinstance(inner, dict | list):
                _scan(inner, f"{path}.{key}" if path else key, found)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            if isinstance(inner, dict | list):
                _scan(inner, f"{path}[{i}]", found)


def _resource(entry: Mapping[str, Any]) -> dict[str, Any]:
    resource = entry.get("resource")
    return resource if isinstance(resource, dict) else {}


def _in_set(problems: list[str], where: str, element: str, value: Any, allowed: frozenset[str]) -> None:
    if value is not None and value not in allowed:
        problems.append(f"{where}: {element} {value!r} is not in its FHIR value set")


def _codings(where: str, found: list[tuple[str, str, Any]], problems: list[str]) -> None:
    for path, key, value in found:
        if key == "coding" and isinstance(value, list):
            for coding in value:
                if isinstance(coding, dict) and coding.get("system") in CODED_VALUE_SETS:
                    allowed = CODED_VALUE_SETS[coding["system"]]
                    _in_set(problems, where, f"{path} code", coding.get("code"), allowed)


def _statuses(where: str, kind: str, r: Mapping[str, Any], problems: list[str]) -> None:
    for (owner, element), allowed in VALUE_SETS.items():
        if owner == kind:
            _in_set(problems, where, element, r.get(element), allowed)
    if kind == "CarePlan":
        for activity in r.get("activity") or []:
            detail = activity.get("detail") or {} if isinstance(activity, dict) else {}
            for element in ("status", "kind"):
                allowed = VALUE_SETS[("CarePlan.activity.detail", element)]
                _in_set(problems, where, f"activity.detail.{element}", detail.get(element), allowed)
    if kind == "Observation":
        has_value = any(k.startswith("value") for k in r)
        if has_value and "dataAbsentReason" in r:
            problems.append(f"{where}: has both a value and a dataAbsentReason (obs-6)")
    if kind == "Condition" and ("abatementDateTime" in r or "abatementPeriod" in r):
        codes = {c.get("code") for c in (r.get("clinicalStatus") or {}).get("coding") or []}
        if codes & {"active", "recurrence", "relapse"}:
            problems.append(f"{where}: an abated Condition cannot be clinically active (con-4)")


def check_bundle(document: Any) -> list[str]:
    """What fhir.resources leaves unchecked in a Bundle; `document` is its JSON object."""
    if not isinstance(document, dict) or document.get("resourceType") != "Bundle":
        return ["not a FHIR Bundle"]
    problems: list[str] = []
    _in_set(problems, "Bundle", "type", document.get("type"), VALUE_SETS[("Bundle", "type")])
    entries = [e for e in document.get("entry") or [] if isinstance(e, dict)]
    targets: dict[str, str] = {}  # reference -> resourceType
    for i, entry in enumerate(entries):
        resource = _resource(entry)
        kind = str(resource.get("resourceType"))
        full_url = entry.get("fullUrl")
        if not isinstance(full_url, str) or not full_url:
            problems.append(f"entry {i + 1} ({kind}): no fullUrl")
        elif full_url in targets:
            problems.append(f"entry {i + 1} ({kind}): fullUrl {full_url} appears twice")
        else:
            targets[full_url] = kind
        if isinstance(resource.get("id"), str):
            targets.setdefault(f"{kind}/{resource['id']}", kind)
    patients = {ref for ref, kind in targets.items() if kind == "Patient"}
    for i, entry in enumerate(entries):
        resource = _resource(entry)
        kind = str(resource.get("resourceType"))
        where = f"entry {i + 1} ({kind})"
        found: list[tuple[str, str, Any]] = []
        _scan(resource, "", found)
        _statuses(where, kind, resource, problems)
        _codings(where, found, problems)
        if kind in _NEEDS_SUBJECT:
            subject = resource.get("subject")
            ref = subject.get("reference") if isinstance(subject, dict) else None
            if not isinstance(ref, str):
                problems.append(f"{where}: no subject")
            elif ref in targets and ref not in patients:
                problems.append(f"{where}: subject {ref} is a {targets[ref]}, not a Patient")
        for path, key, value in found:
            if key == "reference" and isinstance(value, str) and value not in targets and not value.startswith("#"):
                problems.append(f"{where}: reference {value} at {path or 'resource'} is not in the Bundle")
    return problems[:_SHOWN]


def _items(items: Any) -> Iterator[Mapping[str, Any]]:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            yield item
            yield from _items(item.get("item"))


def check_questionnaire(document: Any) -> list[str]:
    """What fhir.resources leaves unchecked in a Questionnaire."""
    if not isinstance(document, dict) or document.get("resourceType") != "Questionnaire":
        return ["not a FHIR Questionnaire"]
    problems: list[str] = []
    _in_set(problems, "Questionnaire", "status", document.get("status"), VALUE_SETS[("Questionnaire", "status")])
    items = list(_items(document.get("item")))
    seen: set[str] = set()
    for item in items:
        link = str(item.get("linkId"))
        if link in seen:
            problems.append(f"item {link}: linkId appears twice")
        seen.add(link)
        _in_set(problems, f"item {link}", "type", item.get("type"), VALUE_SETS[("Questionnaire.item", "type")])
        allowed = VALUE_SETS[("Questionnaire.item", "enableBehavior")]
        _in_set(problems, f"item {link}", "enableBehavior", item.get("enableBehavior"), allowed)
        if len(item.get("enableWhen") or []) > 1 and "enableBehavior" not in item:
            problems.append(f"item {link}: several enableWhen need an enableBehavior (que-12)")
    for item in items:
        for condition in item.get("enableWhen") or []:
            where = f"item {item.get('linkId')}"
            allowed = VALUE_SETS[("Questionnaire.item.enableWhen", "operator")]
            _in_set(problems, where, "enableWhen.operator", condition.get("operator"), allowed)
            if condition.get("question") not in seen:
                problems.append(f"{where}: enableWhen names question {condition.get('question')!r}, not in the form")
    return problems[:_SHOWN]
