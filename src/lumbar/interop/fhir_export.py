"""The diary as a FHIR R4 Bundle (type `collection`), built from stored data and the knowledge base.

What maps to what (codes in `lumbar.interop.codes`; every resource's `subject` is the Patient):

| diary                         | FHIR R4                                                                    |
|-------------------------------|----------------------------------------------------------------------------|
| the person                    | Patient: a stable pseudonymous identifier (from the oldest episode id); a  |
|                               | name only when given (`--name`); gender = profile sex, `unknown` when the  |
|                               | profile leaves it out (no gender: no profile)                              |
| profile age, profile facts    | Observation (survey): lumbar code `age` valueQuantity in years; one        |
|                               | Observation per fact, lumbar finding code, valueBoolean true               |
| episode                       | Condition (problem-list-item), lumbar code `back-pain-episode`: identifier |
|                               | = episode id, onset/abatement = start/end, clinicalStatus active/resolved, |
|                               | note = notes, extension `episode-trigger`; evidence.detail lists the       |
|                               | episode's entries and checks (how entries find their episode on import)   |
| entry                         | Observation (survey): LOINC 72514-3 valueInteger when there is a pain      |
|                               | score (else lumbar code `diary-entry`), effectiveDateTime, identifier =    |
|                               | entry id, bodySite.text = location, note = notes; components (lumbar codes)|
|                               | for interference, spasm, radiating, water (L), sitting (h), exercise (min);|
|                               | one per treatment tried (lumbar treatment code), valueBoolean = it helped  |
| entry re-triage (notes)       | RiskAssessment, basis = the entry's Observation                            |
| check (`check --save`)        | QuestionnaireResponse (completed) of what was stored: urgency, red flags,  |
|                               | reasons, knowledge version, then one item per red-flag answer the check    |
|                               | kept (`red_flag_items`); and a RiskAssessment: basis = that response,      |
|                               | condition = the episode                                                    |
| red-flag answer of a check    | QuestionnaireResponse item: linkId = the questionnaire question asking the |
|                               | finding (the finding id when none asks it), text = the question; answer    |
|                               | valueBoolean true (present) / false (absent); "not sure" (uncertain) has no|
|                               | value but the core data-absent-reason extension, code `asked-unknown`      |
| urgency; red flags            | RiskAssessment.prediction.outcome (lumbar urgency code, DESIGN.md meaning  |
|                               | as text); reasonCode, one lumbar red-flag rule code each                   |
| likely condition              | Condition, verificationStatus provisional, clinicalStatus active: the      |
|                               | first condition suggested by the strongest red flag of the episode's latest|
|                               | check with one (rules.yaml `suggests`); SNOMED/ICD-10-CM codes where       |
|                               | INTEROP.md confirms them. None when no red flag suggests one.              |
| self-care plan                | CarePlan (intent plan; active while the episode is open, else completed)   |
|                               | from `care.plan.build_plan` at the episode's latest urgency; one activity  |
|                               | per self-care step: description with evidence grade and citations,         |
|                               | instantiatesUri = the sources' DOIs/URLs. None for an episode never checked.|

Pure: no files, no clock (`exported_at` is passed in). Resource ids are UUID v5 of the diary ids, so the
same diary exports to the same Bundle; references are `urn:uuid:` fullUrls inside the Bundle.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from lumbar.care.plan import build_plan
from lumbar.diary.model import AssessmentRecord, Entry, Episode
from lumbar.intake.model import Findings
from lumbar.interop import codes as c
from lumbar.interop.fhir_check import check_bundle, validate_r4b
from lumbar.knowledge.models import KnowledgeBase, RedFlagRule, Urgency
from lumbar.store.exchange import DiaryData, ExchangeError

__all__ = [
    "CHECK_ITEMS",
    "ENTRY_BOOLS",
    "ENTRY_INTS",
    "ENTRY_QUANTITIES",
    "URGENCY_TEXT",
    "answer_links",
    "build_bundle",
    "export_bundle",
    "field_code",
    "red_flag_items",
]

Json = dict[str, Any]
_NS = uuid.uuid5(uuid.NAMESPACE_URL, c.BASE)
_FHIR_STRING = re.compile(r"[ \r\n\t\S]")  # FHIR R4 `string`: [ \r\n\t\S]+

# DESIGN.md, "Urgency levels": the meaning for the person.
URGENCY_TEXT = {
    Urgency.EMERGENCY: "Call the emergency number or go to the emergency department now.",
    Urgency.URGENT: "See a clinician today (same day: urgent care, GP, out-of-hours service).",
    Urgency.ROUTINE: "Book an appointment with your doctor in the coming days.",
    Urgency.SELF_CARE: "Manage at home with this plan; the safety net says when to escalate.",
}
ENTRY_INTS = ("interference_activity", "interference_enjoyment", "interference_sleep")
ENTRY_BOOLS = ("spasm", "radiating")
ENTRY_QUANTITIES = {"water_litres": ("L", "L"), "sitting_hours": ("h", "h"), "exercise_minutes": ("min", "min")}
CHECK_ITEMS = ("urgency", "red_flags", "reasons", "knowledge_version")  # a check's items that are not answers


def answer_links(kb: KnowledgeBase) -> dict[str, str]:
    """finding id -> the linkId of its answer: the id of the first question that asks the finding."""
    links: dict[str, str] = {}
    for q in kb.questions:
        if q.finding is not None and q.type == "boolean":
            links.setdefault(q.finding, q.id)
    return links


def red_flag_items(answers: tuple[tuple[str, str], ...], kb: KnowledgeBase) -> list[Json]:
    """The QuestionnaireResponse items of a check's red-flag answers (see the table above)."""
    links = answer_links(kb)
    texts = {q.id: q.text for q in kb.questions}
    items: list[Json] = []
    for finding, status in answers:
        link = links.get(finding, finding)
        label = kb.findings[finding].label if finding in kb.findings else finding.replace("_", " ")
        if status == "uncertain":
            reason = {"extension": [{"url": c.EXT_DATA_ABSENT_REASON, "valueCode": c.ASKED_UNKNOWN}]}
            answer: Json = {"_valueBoolean": reason}
        else:
            answer = {"valueBoolean": status == "present"}
        items.append({"linkId": link, "text": texts.get(link, label), "answer": [answer]})
    return items


def field_code(name: str) -> str:
    return name.replace("_", "-")


def _uid(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NS, f"{kind}:{key}"))


def _ref(uid: str) -> Json:
    return {"reference": f"urn:uuid:{uid}"}


def _time(at: datetime) -> str:
    return at.isoformat()


class _Builder:
    def __init__(self, data: DiaryData, kb: KnowledgeBase, exported_at: datetime, name: str | None) -> None:
        self.data, self.kb, self.exported_at = data, kb, exported_at
        oldest = min(data.episodes, key=lambda e: (e.started_at, e.id), default=None)
        self.pseudonym = _uid("patient", oldest.id if oldest is not None else "empty-diary")
        self.patient = _uid("patient-resource", self.pseudonym)
        self.name = name
        self.entries: list[Json] = []

    def add(self, uid: str, resource: Json) -> None:
        self.entries.append({"fullUrl": f"urn:uuid:{uid}", "resource": {**resource, "id": uid}})

    def base(self, kind: str) -> Json:
        return {"resourceType": kind, "subject": _ref(self.patient)}

    # --- the person -----------------------------------------------------------------------------------

    def person(self) -> None:
        patient: Json = {
            "resourceType": "Patient",
            "identifier": [{"system": c.ID_PATIENT, "value": self.pseudonym}],
        }
        if self.name:
            patient["name"] = [{"text": self.name}]
        profile = self.data.profile
        if profile is not None:
            patient["gender"] = profile.sex or "unknown"
        self.add(self.patient, patient)
        if profile is None:
            return
        survey = [c.concept(c.SURVEY.system, c.SURVEY.code, c.SURVEY.display)]
        stated = {"status": "final", "category": survey, "effectiveDateTime": _time(self.exported_at)}
        if profile.age is not None:
            age = {"value": profile.age, "unit": "a", "system": c.UCUM, "code": "a"}
            code = c.concept(c.CS_FIELD, "age", "Age in years (as given in the profile)")
            self.add(
                _uid("age", self.pseudonym), {**self.base("Observation"), **stated, "code": code, "valueQuantity": age}
            )
        for fact in sorted(profile.facts):
            finding = self.kb.findings.get(fact)
            code = c.concept(c.CS_FINDING, fact, finding.label if finding else None)
            resource = {**self.base("Observation"), **stated, "code": code, "valueBoolean": True}
            self.add(_uid("fact", f"{self.pseudonym}:{fact}"), resource)

    # --- urgency and red flags ------------------------------------------------------------------------

    def _flags(self, rule_ids: tuple[str, ...]) -> list[Json]:
        rules = {r.id: r for r in self.kb.rules}
        return [c.concept(c.CS_RED_FLAG, rid, rules[rid].label if rid in rules else None) for rid in rule_ids]

    def _prediction(self, urgency: Urgency, rationale: tuple[str, ...] = ()) -> list[Json]:
        outcome = c.concept(c.CS_URGENCY, urgency.value, urgency.value.replace("_", " "), URGENCY_TEXT[urgency])
        prediction: Json = {"outcome": outcome}
        if any(rationale):
            prediction["rationale"] = "; ".join(r for r in rationale if r)
        return [prediction]

    def risk(self, uid: str, key: str, at: datetime, episode_uid: str, basis: str, method: Json) -> Json:
        return {
            **self.base("RiskAssessment"),
            "identifier": [{"system": c.ID_CHECK, "value": key}],
            "status": "final",
            "method": method,
            "condition": _ref(episode_uid),
            "occurrenceDateTime": _time(at),
            "basis": [_ref(basis)],
        }

    # --- entries --------------------------------------------------------------------------------------

    def entry(self, e: Entry, episode_uid: str) -> list[str]:
        uid = _uid("entry", e.id)
        obs: Json = {
            **self.base("Observation"),
            "identifier": [{"system": c.ID_ENTRY, "value": e.id}],
            "status": "final",
            "category": [c.concept(c.SURVEY.system, c.SURVEY.code, c.SURVEY.display)],
            "effectiveDateTime": _time(e.at),
        }
        if e.pain is not None:
            obs["code"] = c.concept(c.PAIN_SCORE.system, c.PAIN_SCORE.code, c.PAIN_SCORE.display)
            obs["valueInteger"] = e.pain
        else:
            obs["code"] = c.concept(c.CS_FIELD, "diary-entry", "Back pain diary entry (no pain score given)")
        if e.location is not None:
            obs["bodySite"] = {"text": e.location}
        if e.notes is not None:
            obs["note"] = [{"text": e.notes}]
        components = self._components(e)
        if components:
            obs["component"] = components
        self.add(uid, obs)
        if e.urgency is None and not e.red_flags:
            return [uid]
        method = c.concept(c.CS_METHOD, "notes-retriage", "lumbar red-flag rules applied to the entry's notes")
        risk = self.risk(_uid("entry-check", e.id), f"entry:{e.id}", e.at, episode_uid, uid, method)
        if e.red_flags:
            risk["reasonCode"] = self._flags(e.red_flags)
        if e.urgency is not None:
            risk["prediction"] = self._prediction(e.urgency)
        self.add(_uid("entry-check", e.id), risk)
        return [uid]

    def _components(self, e: Entry) -> list[Json]:
        out: list[Json] = []
        for name in ENTRY_INTS:
            if (value := getattr(e, name)) is not None:
                out.append({"code": c.concept(c.CS_FIELD, field_code(name)), "valueInteger": value})
        for name in ENTRY_BOOLS:
            if (value := getattr(e, name)) is not None:
                out.append({"code": c.concept(c.CS_FIELD, field_code(name)), "valueBoolean": value})
        for name, (unit, ucum) in ENTRY_QUANTITIES.items():
            if (value := getattr(e, name)) is not None:
                quantity = {"value": value, "unit": unit, "system": c.UCUM, "code": ucum}
                out.append({"code": c.concept(c.CS_FIELD, field_code(name)), "valueQuantity": quantity})
        for t in sorted(e.tried):  # one component per treatment tried; the value says whether it helped
            treatment = c.concept(c.CS_TREATMENT, t.value, t.value.replace("_", " "))
            out.append({"code": treatment, "valueBoolean": t in e.helped})
        return out

    # --- checks ---------------------------------------------------------------------------------------

    def check(self, episode: Episode, k: int, a: AssessmentRecord, episode_uid: str) -> tuple[str, str]:
        key = f"{episode.id}:{k}"
        qr_uid, risk_uid = _uid("check-response", key), _uid("check", key)
        items: list[Json] = [
            {
                "linkId": "urgency",
                "text": "Urgency",
                "answer": [{"valueCoding": c.coding(c.CS_URGENCY, a.urgency.value, a.urgency.value.replace("_", " "))}],
            }
        ]
        if a.red_flags:
            flags = [{"valueCoding": f["coding"][0]} for f in self._flags(a.red_flags)]
            items.append({"linkId": "red_flags", "text": "Red flags that fired", "answer": flags})
        if a.reasons:
            reasons = [{"valueString": r} for r in a.reasons]
            items.append({"linkId": "reasons", "text": "Why this urgency", "answer": reasons})
        if a.knowledge_version:
            version = [{"valueString": a.knowledge_version}]
            items.append({"linkId": "knowledge_version", "text": "Knowledge base version", "answer": version})
        items += red_flag_items(a.answers, self.kb)
        response = {
            **self.base("QuestionnaireResponse"),
            "identifier": {"system": c.ID_CHECK, "value": key},
            "status": "completed",
            "authored": _time(a.at),
            "item": items,
        }
        self.add(qr_uid, response)
        method_coding = c.coding(c.CS_METHOD, "red-flag-rules", "lumbar red-flag rules")
        if a.knowledge_version:
            method_coding["version"] = a.knowledge_version
        method = {"coding": [method_coding], "text": "lumbar red-flag triage"}
        risk = self.risk(risk_uid, key, a.at, episode_uid, qr_uid, method)
        if a.red_flags:
            risk["reasonCode"] = self._flags(a.red_flags)
        risk["prediction"] = self._prediction(a.urgency, a.reasons)
        self.add(risk_uid, risk)
        return qr_uid, risk_uid

    # --- episodes -------------------------------------------------------------------------------------

    def episode(self, episode: Episode, entries: list[Entry]) -> None:
        uid = _uid("episode", episode.id)
        evidence: list[str] = []
        # (time, urgency, red flags, RiskAssessment uid) of every check, for the likely condition and the plan
        checks: list[tuple[datetime, Urgency | None, tuple[str, ...], str]] = []
        for e in entries:
            evidence += self.entry(e, uid)
            if e.urgency is not None or e.red_flags:
                checks.append((e.at, e.urgency, e.red_flags, _uid("entry-check", e.id)))
        for k, a in enumerate(episode.assessments):
            qr_uid, risk_uid = self.check(episode, k, a, uid)
            evidence.append(qr_uid)
            checks.append((a.at, a.urgency, a.red_flags, risk_uid))
        condition: Json = {
            **self.base("Condition"),
            "identifier": [{"system": c.ID_EPISODE, "value": episode.id}],
            "clinicalStatus": c.concept(c.CONDITION_CLINICAL, "active" if episode.ended_at is None else "resolved"),
            "category": [c.concept(c.PROBLEM_LIST_ITEM.system, c.PROBLEM_LIST_ITEM.code, c.PROBLEM_LIST_ITEM.display)],
            "code": c.concept(c.CS_FIELD, "back-pain-episode", "Episode of lower back pain (self-reported)"),
            "onsetDateTime": _time(episode.started_at),
        }
        if episode.ended_at is not None:
            condition["abatementDateTime"] = _time(episode.ended_at)
        if episode.trigger is not None:
            condition["extension"] = [{"url": c.EXT_EPISODE_TRIGGER, "valueString": episode.trigger}]
        if episode.notes is not None:
            condition["note"] = [{"text": episode.notes}]
        if evidence:
            condition["evidence"] = [{"detail": [_ref(x) for x in evidence]}]
        self.add(uid, condition)
        checks.sort(key=lambda check: check[0])
        likely = self.likely_condition(episode, checks)
        self.care_plan(episode, uid, likely, checks)

    def likely_condition(
        self, episode: Episode, checks: list[tuple[datetime, Any, tuple[str, ...], str]]
    ) -> str | None:
        rules = {r.id: r for r in self.kb.rules}
        for at, _, flags, risk_uid in reversed(checks):
            known: list[RedFlagRule] = [rules[f] for f in flags if f in rules and rules[f].suggests]
            known = [r for r in known if r.suggests[0] in self.kb.conditions]
            if not known:
                continue
            rule = max(known, key=lambda r: r.urgency.rank)  # the strongest; ties keep the stored order
            condition = self.kb.conditions[rule.suggests[0]]
            codings = [c.coding(c.CS_CONDITION, condition.id, condition.label)]
            codings += [code.coding() for code in c.CONDITION_CODES.get(condition.id, ())]
            uid = _uid("likely-condition", episode.id)
            self.add(
                uid,
                {
                    **self.base("Condition"),
                    "clinicalStatus": c.concept(c.CONDITION_CLINICAL, "active"),
                    "verificationStatus": c.concept(c.CONDITION_VERIFICATION, "provisional"),
                    "code": {"coding": codings, "text": condition.label},
                    "recordedDate": _time(at),
                    "evidence": [{"code": self._flags((rule.id,)), "detail": [_ref(risk_uid)]}],
                    "note": [
                        {
                            "text": f"Suggested by the red flag '{rule.label}' (lumbar triage, not a diagnosis). "
                            f"{condition.summary}"
                        }
                    ],
                },
            )
            return uid
        return None

    def care_plan(self, episode: Episode, episode_uid: str, likely: str | None, checks: list[Any]) -> None:
        rated = [(at, urgency, risk_uid) for at, urgency, _, risk_uid in checks if urgency is not None]
        if not rated:
            return  # never checked: no urgency, so no plan to speak for
        at, urgency, risk_uid = rated[-1]
        findings = self.data.profile.as_findings() if self.data.profile is not None else Findings()
        plan = build_plan(findings, urgency, (), kb=self.kb)
        activities = []
        for step in plan.self_care:
            sources = [self.kb.sources[s] for s in step.sources if s in self.kb.sources]
            cited = "; ".join(s.citation for s in sources)
            cautions = " ".join(n.advice for n in step.cautions)
            description = f"{step.label}: {step.advice} (evidence: {step.evidence_grade.replace('_', ' ')}"
            description += f"; sources: {cited})" + (f" Caution: {cautions}" if cautions else "")
            detail: Json = {
                "code": c.concept(c.CS_CARE, step.id, step.label),
                "status": "unknown",  # the diary does not record which steps were followed
                "description": description,
            }
            uris = [f"https://doi.org/{s.doi}" if s.doi else s.url for s in sources if s.doi or s.url]
            if uris:
                detail["instantiatesUri"] = uris
            activities.append({"detail": detail})
        period = {"start": _time(episode.started_at)}
        if episode.ended_at is not None:
            period["end"] = _time(episode.ended_at)
        resource: Json = {
            **self.base("CarePlan"),
            "status": "active" if episode.ended_at is None else "completed",
            "intent": "plan",
            "title": "Self-care plan",
            "description": plan.headline,
            "period": period,
            "created": _time(at),
            "addresses": [_ref(episode_uid)] + ([_ref(likely)] if likely else []),
            "supportingInfo": [_ref(risk_uid)],
        }
        if activities:
            resource["activity"] = activities
        self.add(_uid("care-plan", episode.id), resource)


def _plain(text: str | None) -> str | None:
    return text if text is None or _FHIR_STRING.search(text) else None


def _without_blank_strings(data: DiaryData) -> DiaryData:
    """FHIR strings need one character their pattern allows (space, tab, newline or non-white space); text
    made only of other white space (a lone U+0085, say) has nothing to say and is left out. Notes travel
    as markdown, which takes anything."""
    episodes = []
    for ep in data.episodes:
        checks = [
            replace(
                a, reasons=tuple(r for r in a.reasons if _plain(r)), knowledge_version=_plain(a.knowledge_version) or ""
            )
            if any(not _plain(r) for r in a.reasons) or not _plain(a.knowledge_version or "x")
            else a
            for a in ep.assessments
        ]
        changed = _plain(ep.trigger) != ep.trigger or checks != list(ep.assessments)
        episodes.append(replace(ep, trigger=_plain(ep.trigger), assessments=tuple(checks)) if changed else ep)
    entries = tuple(e if _plain(e.location) == e.location else replace(e, location=None) for e in data.entries)
    return DiaryData(data.profile, tuple(episodes), entries)


def build_bundle(data: DiaryData, *, kb: KnowledgeBase, exported_at: datetime, name: str | None = None) -> Json:
    """The diary as a Bundle (a JSON object), unchecked: `export_bundle` checks it."""
    data = _without_blank_strings(data)
    b = _Builder(data, kb, exported_at, _plain(name))
    b.person()
    by_episode: dict[str, list[Entry]] = {}
    for entry in data.entries:
        by_episode.setdefault(entry.episode_id, []).append(entry)
    known = {e.id for e in data.episodes}
    orphans = sorted(set(by_episode) - known)
    if orphans:
        raise ExchangeError([f"entries refer to episode {orphans[0]!r}, which is not in the diary"])
    for episode in data.episodes:
        b.episode(episode, by_episode.get(episode.id, []))
    return {
        "resourceType": "Bundle",
        "id": _uid("bundle", f"{b.pseudonym}:{_time(exported_at)}"),
        "type": "collection",
        "timestamp": _time(exported_at),
        "entry": b.entries,
    }


def export_bundle(data: DiaryData, *, kb: KnowledgeBase, exported_at: datetime, name: str | None = None) -> str:
    """The diary as FHIR R4 JSON text, parsed back through fhir.resources (R4B) and checked by
    `check_bundle`. Raises ExchangeError listing the problems instead of returning a Bundle that has any."""
    if name is not None and not name.strip():
        raise ExchangeError(["the name is empty"])
    document = build_bundle(data, kb=kb, exported_at=exported_at, name=name.strip() if name else None)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    parsed = json.loads(text)
    problems = validate_r4b(parsed) or check_bundle(parsed)
    if problems:
        raise ExchangeError(problems)
    return text
