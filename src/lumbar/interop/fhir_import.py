"""A FHIR R4 Bundle written by `lumbar export --format fhir`, read back into diary values.

Order of checks, each stopping the import with a clear message before anything is written:
1. a JSON FHIR Bundle of type `collection` that declares no other FHIR version (a `fhirVersion`, or a
   versioned profile URL such as `http://hl7.org/fhir/5.0/StructureDefinition/...`);
2. only resource types lumbar imports (`IMPORTED_TYPES`): a MedicationRequest, say, is named and refused;
3. valid against the fhir.resources R4B models: an R5-only or STU3 element is named;
4. `check_bundle`: value sets, references, subjects;
5. each resource is one lumbar writes (by identifier system or lumbar code), then the values themselves
   are checked as a diary file is (`lumbar.store.exchange.parse_diary`: times, ranges, duplicates).

Derived resources (the check RiskAssessments, the provisional Condition, the CarePlan) are recomputed
from the knowledge base on the next export, so they are read for consistency only, never stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from lumbar.interop import codes as c
from lumbar.interop.fhir_check import IMPORTED_TYPES, check_bundle, validate_r4b
from lumbar.interop.fhir_export import CHECK_ITEMS, ENTRY_BOOLS, ENTRY_INTS, ENTRY_QUANTITIES, answer_links
from lumbar.knowledge.models import KnowledgeBase
from lumbar.store.exchange import FORMAT, VERSION, DiaryData, ExchangeError, parse_diary

__all__ = ["is_fhir_bundle", "parse_bundle"]

Json = Mapping[str, Any]
_RESOURCE_TYPE = re.compile(rb'"resourceType"\s*:')
_VERSIONED_PROFILE = re.compile(r"^https?://hl7\.org/fhir/(\d+\.\d+)(?:\.\d+)?/")


def is_fhir_bundle(raw: bytes) -> bool:
    """A JSON document with a top-level-looking `resourceType`: lumbar's own formats never have that key
    (in a string value the quotes would be escaped)."""
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and _RESOURCE_TYPE.search(raw) is not None


def _codes(concept: Any, system: str) -> list[str]:
    if not isinstance(concept, dict):
        return []
    return [
        str(x.get("code")) for x in concept.get("coding") or [] if isinstance(x, dict) and x.get("system") == system
    ]


def _identifier(resource: Json, system: str) -> str | None:
    found = resource.get("identifier")
    for ident in found if isinstance(found, list) else [found]:
        if isinstance(ident, dict) and ident.get("system") == system and isinstance(ident.get("value"), str):
            return str(ident["value"])
    return None


def _declared_versions(document: Json) -> Iterator[tuple[str, str]]:
    """(where, version) for each FHIR version the Bundle or one of its resources declares."""
    resources = [("Bundle", document)] + [
        (f"entry {i + 1}", e["resource"])
        for i, e in enumerate(document.get("entry") or [])
        if isinstance(e, dict) and isinstance(e.get("resource"), dict)
    ]
    for where, resource in resources:
        found = resource.get("meta")
        meta: Json = found if isinstance(found, dict) else {}
        for holder in (resource, meta):
            if isinstance(holder.get("fhirVersion"), str):
                yield where, holder["fhirVersion"]
        for profile in meta.get("profile") or []:
            match = _VERSIONED_PROFILE.match(str(profile))
            if match:
                yield where, match.group(1)


def _screen(document: Any) -> None:
    if not isinstance(document, dict) or "resourceType" not in document:
        raise ExchangeError(["not a FHIR resource (no resourceType)"])
    if document["resourceType"] != "Bundle":
        raise ExchangeError(
            [f"a FHIR {document['resourceType']}, not a Bundle: export with `lumbar export --format fhir`"]
        )
    other = [(w, v) for w, v in _declared_versions(document) if not v.startswith(c.FHIR_VERSIONS)]
    if other:
        where, version = other[0]
        raise ExchangeError([f"{where} declares FHIR version {version}; lumbar reads FHIR R4 (4.0.1, or R4B 4.3.0)"])
    if document.get("type") != "collection":
        raise ExchangeError([f"Bundle type {document.get('type')!r}: lumbar imports a 'collection' Bundle"])
    entries = document.get("entry") or []
    if not isinstance(entries, list):
        raise ExchangeError(["Bundle.entry must be a list"])
    foreign = [
        f"{e.get('resource', {}).get('resourceType')} (entry {i + 1})"
        for i, e in enumerate(entries)
        if not isinstance(e, dict)
        or not isinstance(e.get("resource"), dict)
        or e["resource"].get("resourceType") not in IMPORTED_TYPES
    ]
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        kinds = ", ".join(sorted(IMPORTED_TYPES))
        raise ExchangeError([f"the Bundle holds resources lumbar does not import: {shown} (it reads {kinds})"])
    problems = validate_r4b(document)
    if problems:
        raise ExchangeError([f"not a valid FHIR R4 Bundle: {p}" for p in problems])
    problems = check_bundle(document)
    if problems:
        raise ExchangeError(problems)


class _Reader:
    def __init__(self, document: Json) -> None:
        self.problems: list[str] = []
        self.resources: list[tuple[str, str, Json]] = []  # (where, fullUrl, resource)
        self.by_ref: dict[str, Json] = {}
        for i, entry in enumerate(document.get("entry") or []):
            resource = entry["resource"]
            where = f"entry {i + 1} ({resource['resourceType']})"
            self.resources.append((where, entry["fullUrl"], resource))
            self.by_ref[entry["fullUrl"]] = resource
            if isinstance(resource.get("id"), str):
                self.by_ref[f"{resource['resourceType']}/{resource['id']}"] = resource

    def resolve(self, ref: Any) -> Json | None:
        return self.by_ref.get(ref.get("reference", "")) if isinstance(ref, dict) else None

    def of(self, kind: str) -> Iterator[tuple[str, Json]]:
        return ((where, r) for where, _, r in self.resources if r["resourceType"] == kind)


def _profile(r: _Reader) -> dict[str, Any] | None:
    patients = list(r.of("Patient"))
    if len(patients) != 1:
        r.problems.append(f"the Bundle holds {len(patients)} Patients; a lumbar diary belongs to one person")
        return None
    gender = patients[0][1].get("gender")
    profile: dict[str, Any] = {"age": None, "sex": gender if gender in ("female", "male") else None, "facts": []}
    present = gender is not None
    for where, obs in r.of("Observation"):
        if _identifier(obs, c.ID_ENTRY) is not None:
            continue
        if "age" in _codes(obs.get("code"), c.CS_FIELD):
            value = (obs.get("valueQuantity") or {}).get("value")
            profile["age"] = int(value) if isinstance(value, int | float) and float(value).is_integer() else value
            present = True
        elif facts := _codes(obs.get("code"), c.CS_FINDING):
            if obs.get("valueBoolean") is True:
                profile["facts"] += facts
            present = True
        else:
            r.problems.append(f"{where}: not a lumbar diary entry or profile value (no lumbar identifier or code)")
    return profile if present else None


def _first_text(items: Any) -> str | None:
    return str(items[0]["text"]) if isinstance(items, list) and items and "text" in items[0] else None


def _entry(obs: Json, episode_id: str, retriage: Json | None) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": _identifier(obs, c.ID_ENTRY),
        "episode_id": episode_id,
        "at": obs.get("effectiveDateTime"),
        "pain": obs.get("valueInteger") if c.PAIN_SCORE.code in _codes(obs.get("code"), c.LOINC) else None,
        "location": (obs.get("bodySite") or {}).get("text"),
        "notes": _first_text(obs.get("note")),
        "tried": [],
        "helped": [],
    }
    for component in obs.get("component") or []:
        for treatment in _codes(component.get("code"), c.CS_TREATMENT):
            d["tried"].append(treatment)
            if component.get("valueBoolean") is True:
                d["helped"].append(treatment)
        for name in _codes(component.get("code"), c.CS_FIELD):
            key = name.replace("-", "_")
            if key in ENTRY_INTS:
                d[key] = component.get("valueInteger")
            elif key in ENTRY_BOOLS:
                d[key] = component.get("valueBoolean")
            elif key in ENTRY_QUANTITIES:
                value = (component.get("valueQuantity") or {}).get("value")
                whole = key == "exercise_minutes" and isinstance(value, float) and value.is_integer()
                d[key] = round(value) if whole and isinstance(value, float) else value
    if retriage is not None:
        urgencies = [u for p in retriage.get("prediction") or [] for u in _codes(p.get("outcome"), c.CS_URGENCY)]
        d["urgency"] = urgencies[0] if urgencies else None
        d["red_flags"] = [f for reason in retriage.get("reasonCode") or [] for f in _codes(reason, c.CS_RED_FLAG)]
    return d


def _red_flag_answer(answers: list[Any]) -> str | None:
    """present / absent / uncertain from an answer item's answers (see `fhir_export.red_flag_items`);
    None when they are not one boolean answer, or one without a value for a reason."""
    if len(answers) != 1 or not isinstance(answers[0], dict):
        return None
    answer = answers[0]
    if isinstance(answer.get("valueBoolean"), bool):
        return "present" if answer["valueBoolean"] else "absent"
    reasons = (answer.get("_valueBoolean") or {}).get("extension") or []
    if any(isinstance(x, dict) and x.get("url") == c.EXT_DATA_ABSENT_REASON for x in reasons):
        return "uncertain"
    return None


def _check(qr: Json, findings: dict[str, str], where: str, problems: list[str]) -> dict[str, Any]:
    answers = {item.get("linkId"): item.get("answer") or [] for item in qr.get("item") or []}
    urgency = [a["valueCoding"].get("code") for a in answers.get("urgency", []) if "valueCoding" in a]
    red_flag_answers: dict[str, str] = {}
    for link, given in answers.items():
        if link in CHECK_ITEMS or not isinstance(link, str):
            continue
        status = _red_flag_answer(given)
        if status is None:
            problems.append(f"{where}: item {link!r} is not a yes, no or not-sure answer")
        else:
            red_flag_answers[findings.get(link, link)] = status
    return {
        "at": qr.get("authored"),
        "urgency": urgency[0] if urgency else None,
        "red_flags": [a["valueCoding"].get("code") for a in answers.get("red_flags", []) if "valueCoding" in a],
        "reasons": [a.get("valueString") for a in answers.get("reasons", [])],
        "knowledge_version": next((a.get("valueString") for a in answers.get("knowledge_version", [])), ""),
        "answers": red_flag_answers,
    }


def _diary(r: _Reader, kb: KnowledgeBase) -> dict[str, Any]:
    retriages: dict[int, Json] = {}  # id(entry Observation) -> its RiskAssessment
    for where, risk in r.of("RiskAssessment"):
        key = _identifier(risk, c.ID_CHECK)
        if key is None:
            r.problems.append(f"{where}: not a lumbar check (no lumbar identifier)")
        elif key.startswith("entry:"):
            basis = r.resolve((risk.get("basis") or [None])[0])
            if basis is None or _identifier(basis, c.ID_ENTRY) is None:
                r.problems.append(f"{where}: the re-triage of an entry must have the entry as its basis")
            else:
                retriages[id(basis)] = risk
    findings = {link: finding for finding, link in answer_links(kb).items()}  # linkId -> finding id
    episodes, entries, claimed = [], [], set()
    for where, condition in r.of("Condition"):
        episode_id = _identifier(condition, c.ID_EPISODE)
        if episode_id is None:
            if "provisional" not in _codes(condition.get("verificationStatus"), c.CONDITION_VERIFICATION):
                r.problems.append(f"{where}: neither a lumbar episode nor a likely condition lumbar wrote")
            continue
        checks = []
        for ref in [d for ev in condition.get("evidence") or [] for d in ev.get("detail") or []]:
            target = r.resolve(ref)
            if target is None:
                continue
            claimed.add(id(target))
            if target["resourceType"] == "Observation" and _identifier(target, c.ID_ENTRY) is not None:
                entries.append(_entry(target, episode_id, retriages.get(id(target))))
            elif target["resourceType"] == "QuestionnaireResponse":
                checks.append(_check(target, findings, f"check {_identifier(target, c.ID_CHECK)}", r.problems))
        trigger = [
            x.get("valueString") for x in condition.get("extension") or [] if x.get("url") == c.EXT_EPISODE_TRIGGER
        ]
        episodes.append(
            {
                "id": episode_id,
                "started_at": condition.get("onsetDateTime"),
                "ended_at": condition.get("abatementDateTime"),
                "trigger": trigger[0] if trigger else None,
                "notes": _first_text(condition.get("note")),
                "assessments": checks,
            }
        )
    for kind in ("Observation", "QuestionnaireResponse"):
        for where, resource in r.of(kind):
            lumbar = _identifier(resource, c.ID_ENTRY if kind == "Observation" else c.ID_CHECK) is not None
            if lumbar and id(resource) not in claimed:
                r.problems.append(f"{where}: belongs to no episode (no episode Condition lists it as evidence)")
            elif kind == "QuestionnaireResponse" and not lumbar:
                r.problems.append(f"{where}: not a lumbar check (no lumbar identifier)")
    return {"format": FORMAT, "version": VERSION, "profile": None, "episodes": episodes, "entries": entries}


def parse_bundle(raw: bytes, *, kb: KnowledgeBase | None = None) -> DiaryData:
    """Read a FHIR Bundle exported by lumbar. Raises ExchangeError naming the problems; all or nothing.
    `kb` (default: the packaged one) maps the questions of red-flag answers back to their findings."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ExchangeError(["the file is not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise ExchangeError([f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]) from None
    _screen(document)
    reader = _Reader(document)
    profile = _profile(reader)
    if kb is None:
        from lumbar.knowledge.loader import default_kb

        kb = default_kb()
    diary = _diary(reader, kb)
    diary["profile"] = profile
    if reader.problems:
        raise ExchangeError(reader.problems)
    return parse_diary(json.dumps(diary).encode("utf-8"))
