"""`lumbar import` of a FHIR Bundle that is not lumbar's own R4 export: one clear line naming the problem,
exit 2, nothing written."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lumbar.cli import main
from lumbar.interop.fhir_export import export_bundle
from lumbar.interop.fhir_import import parse_bundle
from lumbar.knowledge import default_kb
from lumbar.store.exchange import ExchangeError
from store.diaries import big_diary

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
VALID: dict[str, Any] = json.loads(export_bundle(big_diary(3), kb=default_kb(), exported_at=NOW))
Bundle = dict[str, Any]


def _first(b: Bundle, kind: str) -> dict[str, Any]:
    return next(e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == kind)


def _medication(b: Bundle) -> None:
    patient = b["entry"][0]["fullUrl"]
    b["entry"].append(
        {
            "fullUrl": "urn:uuid:6f1d3c55-0000-4000-8000-000000000001",
            "resource": {
                "resourceType": "MedicationRequest",
                "status": "active",
                "intent": "order",
                "medicationCodeableConcept": {"text": "ibuprofen"},
                "subject": {"reference": patient},
            },
        }
    )


def _r5_field(b: Bundle) -> None:  # Observation.triggeredBy is new in R5
    _first(b, "Observation")["triggeredBy"] = [{"observation": {"reference": "Observation/x"}, "type": "reflex"}]


def _stu3_shape(b: Bundle) -> None:  # STU3: Condition.clinicalStatus was a code, R4 a CodeableConcept
    _first(b, "Condition")["clinicalStatus"] = "active"


def _declared(b: Bundle) -> None:
    b["meta"] = {"profile": ["http://hl7.org/fhir/5.0/StructureDefinition/Bundle"]}


def _fhir_version(b: Bundle) -> None:
    _first(b, "Patient")["meta"] = {"fhirVersion": "3.0.2"}


def _foreign_observation(b: Bundle) -> None:
    _first(b, "Observation")["identifier"] = [{"system": "http://clinic.example/obs", "value": "7"}]


def _two_patients(b: Bundle) -> None:
    other = copy.deepcopy(b["entry"][0])
    other["fullUrl"] = "urn:uuid:6f1d3c55-0000-4000-8000-000000000002"
    other["resource"]["id"] = "6f1d3c55-0000-4000-8000-000000000002"
    b["entry"].append(other)


CASES: list[tuple[Callable[[Bundle], None], list[str]]] = [
    (_medication, ["resources lumbar does not import", "MedicationRequest (entry"]),
    (_r5_field, ["Observation", "triggeredBy", "not a FHIR R4 element"]),
    (_stu3_shape, ["Condition", "clinicalStatus", "not the FHIR R4 shape"]),
    (_declared, ["declares FHIR version 5.0", "FHIR R4"]),
    (_fhir_version, ["declares FHIR version 3.0.2"]),
    (lambda b: b.__setitem__("type", "transaction"), ["Bundle type 'transaction'", "collection"]),
    (lambda b: _first(b, "Observation").__setitem__("status", "bogus"), ["status 'bogus'", "value set"]),
    (_foreign_observation, ["Observation", "not a lumbar diary entry"]),
    (_two_patients, ["2 Patients", "one person"]),
]


@pytest.mark.parametrize(("mutate", "words"), CASES)
def test_parse_names_the_problem(mutate: Callable[[Bundle], None], words: list[str]) -> None:
    bundle = copy.deepcopy(VALID)
    mutate(bundle)
    with pytest.raises(ExchangeError) as caught:
        parse_bundle(json.dumps(bundle).encode())
    for word in words:
        assert word in str(caught.value), str(caught.value)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b'{"resourceType": "Patient", "gender": "female"}', ["a FHIR Patient, not a Bundle"]),
        (
            b'{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Nope"}}]',
            ["not valid JSON"],
        ),
        (
            b'{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Nope"}}]}',
            ["does not import", "Nope (entry 1)"],
        ),
    ],
)
def test_odd_documents(raw: bytes, words: list[str]) -> None:
    with pytest.raises(ExchangeError) as caught:
        parse_bundle(raw)
    for word in words:
        assert word in str(caught.value)


def _entries(home: Path) -> int:
    path = home / "lumbar.db"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as c:
        return int(c.execute("SELECT count(*) FROM entries").fetchone()[0])


@pytest.mark.parametrize(("mutate", "words"), CASES[:4])
def test_cli_import_refuses_with_one_line_and_writes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    mutate: Callable[[Bundle], None],
    words: list[str],
) -> None:
    monkeypatch.setenv("LUMBAR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LUMBAR_DATABASE_URL", raising=False)
    assert main(["log", "4"]) == 0
    capsys.readouterr()
    bundle = copy.deepcopy(VALID)
    mutate(bundle)
    path = tmp_path / "in.fhir.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    assert main(["import", str(path)]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Traceback" not in err and "in.fhir.json cannot be imported" in err, err
    for word in words:
        assert word in err, err
    assert _entries(tmp_path) == 1  # only the entry logged above
