"""Code systems, codes and value sets used by lumbar's FHIR R4 exchange (INTEROP.md sections 1-2).

Standard codes are used only where INTEROP.md confirms them; everything else is coded in lumbar's own
code systems, whose URIs all start with `BASE` (a URN: lumbar has no web address that could host them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "BASE",
    "CONDITION_CODES",
    "FHIR_VERSIONS",
    "LOINC",
    "PAIN_SCORE",
    "VALUE_SETS",
    "Code",
    "coding",
    "concept",
]

BASE = "urn:lumbar"
FHIR_VERSIONS = ("4.0", "4.3")  # R4 (4.0.1) and R4B (4.3.0): the same for every resource used here

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
ADMINISTRATIVE_GENDER = "http://hl7.org/fhir/administrative-gender"
ITEM_CONTROL = "http://hl7.org/fhir/questionnaire-item-control"
EXT_ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
EXT_MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
EXT_MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
# Core extension on a primitive with no value: why it is missing. "asked-unknown": the source was asked
# but does not know (a red-flag answer of "not sure").
EXT_DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
ASKED_UNKNOWN = "asked-unknown"
DATA_ABSENT_REASONS = frozenset(
    {
        "unknown",
        "asked-unknown",
        "temp-unknown",
        "not-asked",
        "asked-declined",
        "masked",
        "not-applicable",
        "unsupported",
        "as-text",
        "error",
        "not-a-number",
        "negative-infinity",
        "positive-infinity",
        "not-performed",
        "not-permitted",
    }
)

# Identifier systems: the diary's own ids, so an import can match rows exactly.
ID_PATIENT = f"{BASE}:patient"
ID_ENTRY = f"{BASE}:entry"
ID_EPISODE = f"{BASE}:episode"
ID_CHECK = f"{BASE}:check"

# lumbar code systems.
CS_FIELD = f"{BASE}:code:diary-field"  # diary entry fields, profile values
CS_TREATMENT = f"{BASE}:code:treatment"  # lumbar.diary.model.Treatment values
CS_URGENCY = f"{BASE}:code:urgency"  # the four urgency levels of DESIGN.md
CS_RED_FLAG = f"{BASE}:code:red-flag-rule"  # rule ids of rules.yaml
CS_CONDITION = f"{BASE}:code:condition"  # condition ids of conditions.yaml
CS_FINDING = f"{BASE}:code:finding"  # finding ids of findings.yaml (profile facts)
CS_CARE = f"{BASE}:code:care"  # care item ids of care.yaml
CS_METHOD = f"{BASE}:code:method"
CS_CHOICE = f"{BASE}:code:answer"  # answers of choice questions (system + ":" + question id)

EXT_EPISODE_TRIGGER = f"{BASE}:extension:episode-trigger"
QUESTIONNAIRE_URL = f"{BASE}:questionnaire:check"
CHECK_RECORD_URL = f"{BASE}:questionnaire:check-record"


@dataclass(frozen=True)
class Code:
    """A coded concept: validated at construction, so a typo in a system is caught where it is written."""

    system: str
    code: str
    display: str | None = None

    def __post_init__(self) -> None:
        if ":" not in self.system or not self.code or self.code != self.code.strip():
            raise ValueError(f"not a valid code: {self.system}#{self.code!r}")

    def coding(self) -> dict[str, Any]:
        out: dict[str, Any] = {"system": self.system, "code": self.code}
        if self.display:
            out["display"] = self.display
        return out


def coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    return Code(system, code, display).coding()


def concept(system: str, code: str, display: str | None = None, text: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"coding": [coding(system, code, display)]}
    if text:
        out["text"] = text
    return out


# "Pain severity - 0-10 verbal numeric rating [Score] - Reported" [C] INTEROP.md 1b.
PAIN_SCORE = Code(LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
SURVEY = Code(OBSERVATION_CATEGORY, "survey", "Survey")
PROBLEM_LIST_ITEM = Code(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")

# Standard codes for lumbar's conditions, only those INTEROP.md marks [C] (cqframework/cds4cpm value set
# 2.16.840.1.113762.1.4.1021.95). The others (e.g. cauda equina 192970008, [U]) wait for a terminology
# server check; until then those conditions carry lumbar's code only.
CONDITION_CODES: dict[str, tuple[Code, ...]] = {
    "lumbar_radiculopathy": (Code(SNOMED, "128196005"), Code(ICD10CM, "M54.16")),
    "lumbar_spinal_stenosis": (Code(SNOMED, "18347007"), Code(ICD10CM, "M48.06")),
}

# Required bindings the fhir.resources models expose but do not enforce (INTEROP.md 2, "ENUM Validator").
# FHIR R4 value sets: observation-status, care-plan-activity-status, request-intent and the like.
_OBSERVATION_STATUS = frozenset(
    {"registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"}
)
VALUE_SETS: dict[tuple[str, str], frozenset[str]] = {
    ("Bundle", "type"): frozenset(
        {
            "document",
            "message",
            "transaction",
            "transaction-response",
            "batch",
            "batch-response",
            "history",
            "searchset",
            "collection",
        }
    ),
    ("Patient", "gender"): frozenset({"male", "female", "other", "unknown"}),
    ("Observation", "status"): _OBSERVATION_STATUS,
    ("RiskAssessment", "status"): _OBSERVATION_STATUS,
    ("QuestionnaireResponse", "status"): frozenset(
        {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
    ),
    ("CarePlan", "status"): frozenset(
        {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
    ),
    ("CarePlan", "intent"): frozenset({"proposal", "plan", "order", "option"}),
    ("CarePlan.activity.detail", "status"): frozenset(
        {
            "not-started",
            "scheduled",
            "in-progress",
            "on-hold",
            "completed",
            "cancelled",
            "stopped",
            "unknown",
            "entered-in-error",
        }
    ),
    ("CarePlan.activity.detail", "kind"): frozenset(
        {
            "Appointment",
            "CommunicationRequest",
            "DeviceRequest",
            "MedicationRequest",
            "NutritionOrder",
            "Task",
            "ServiceRequest",
            "VisionPrescription",
        }
    ),
    ("Questionnaire", "status"): frozenset({"draft", "active", "retired", "unknown"}),
    ("Questionnaire.item", "type"): frozenset(
        {
            "group",
            "display",
            "boolean",
            "decimal",
            "integer",
            "date",
            "dateTime",
            "time",
            "string",
            "text",
            "url",
            "choice",
            "open-choice",
            "attachment",
            "reference",
            "quantity",
        }
    ),
    ("Questionnaire.item.enableWhen", "operator"): frozenset({"exists", "=", "!=", ">", "<", ">=", "<="}),
    ("Questionnaire.item", "enableBehavior"): frozenset({"all", "any"}),
}

# Codings whose system is bound to a required value set: system -> allowed codes.
CODED_VALUE_SETS: dict[str, frozenset[str]] = {
    CONDITION_CLINICAL: frozenset({"active", "recurrence", "relapse", "inactive", "remission", "resolved"}),
    CONDITION_VERIFICATION: frozenset(
        {"unconfirmed", "provisional", "differential", "confirmed", "refuted", "entered-in-error"}
    ),
    OBSERVATION_CATEGORY: frozenset(
        {"social-history", "vital-signs", "imaging", "laboratory", "procedure", "survey", "exam", "therapy", "activity"}
    ),
    "http://terminology.hl7.org/CodeSystem/risk-probability": frozenset(
        {"negligible", "low", "moderate", "high", "certain"}
    ),
}
