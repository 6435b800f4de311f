"""`check_bundle` catches what fhir.resources lets through: each test breaks one thing in a valid Bundle.
And an export whose Bundle has a problem is refused, nothing written."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lumbar.cli import main
from lumbar.diary.model import AssessmentRecord, Episode
from lumbar.interop import fhir_export
from lumbar.interop.fhir_check import check_bundle, validate_r4b
from lumbar.knowledge import default_kb
from lumbar.knowledge.models import Urgency
from lumbar.store.exchange import DiaryData, ExchangeError
from store.diaries import big_diary

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
KB = default_kb()
Bundle = dict[str, Any]


def _valid() -> Bundle:
    diary = big_diary(4)
    check = AssessmentRecord(at=diary.episodes[0].started_at, urgency=Urgency.ROUTINE, red_flags=("rf_fever",))
    episode = Episode(
        id=diary.episodes[0].id, started_at=diary.episodes[0].started_at, ended_at=None, assessments=(check,)
    )
    bundle: Bundle = json.loads(
        fhir_export.export_bundle(DiaryData(None, (episode,), diary.entries), kb=KB, exported_at=NOW)
    )
    return bundle


VALID = _valid()


def _first(bundle: Bundle, kind: str) -> dict[str, Any]:
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind)


def test_the_valid_bundle_has_every_kind_and_no_problem() -> None:
    kinds = {e["resource"]["resourceType"] for e in VALID["entry"]}
    assert kinds == {"Patient", "Observation", "Condition", "QuestionnaireResponse", "RiskAssessment", "CarePlan"}
    assert validate_r4b(VALID) == [] and check_bundle(VALID) == []


def _set(kind: str, key: str, value: Any) -> Callable[[Bundle], None]:
    return lambda b: _first(b, kind).__setitem__(key, value)


def _drop(kind: str, key: str) -> Callable[[Bundle], None]:
    return lambda b: _first(b, kind).pop(key)


def _clinical(b: Bundle) -> None:
    _first(b, "Condition")["clinicalStatus"]["coding"][0]["code"] = "better"


def _activity(b: Bundle) -> None:
    _first(b, "CarePlan")["activity"][0]["detail"]["status"] = "done"


def _dangling(b: Bundle) -> None:
    _first(b, "RiskAssessment")["basis"][0]["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000"


def _subject_not_patient(b: Bundle) -> None:
    _first(b, "Observation")["subject"] = {"reference": b["entry"][-1]["fullUrl"]}  # a CarePlan


def _duplicate_url(b: Bundle) -> None:
    b["entry"][2]["fullUrl"] = b["entry"][1]["fullUrl"]


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (_set("Observation", "status", "bogus-status"), ["Observation", "status 'bogus-status'", "value set"]),
        (_set("RiskAssessment", "status", "done"), ["RiskAssessment", "status 'done'"]),
        (_set("QuestionnaireResponse", "status", "finished"), ["QuestionnaireResponse", "status 'finished'"]),
        (_set("CarePlan", "intent", "wish"), ["CarePlan", "intent 'wish'"]),
        (_set("CarePlan", "status", "ongoing"), ["CarePlan", "status 'ongoing'"]),
        (_activity, ["activity.detail.status 'done'"]),
        (_clinical, ["Condition", "clinicalStatus code 'better'"]),
        (lambda b: b.__setitem__("type", "pile"), ["Bundle", "type 'pile'"]),
        (_dangling, ["RiskAssessment", "reference urn:uuid:00000000", "basis", "not in the Bundle"]),
        (_drop("Observation", "subject"), ["Observation", "no subject"]),
        (_drop("RiskAssessment", "subject"), ["RiskAssessment", "no subject"]),
        (_drop("QuestionnaireResponse", "subject"), ["QuestionnaireResponse", "no subject"]),
        (_drop("CarePlan", "subject"), ["CarePlan", "no subject"]),
        (_drop("Condition", "subject"), ["Condition", "no subject"]),
        (_subject_not_patient, ["Observation", "is a CarePlan, not a Patient"]),
        (_duplicate_url, ["appears twice"]),
        (_set("Observation", "dataAbsentReason", {"text": "asked, no answer"}), ["obs-6"]),
    ],
)
def test_a_broken_bundle_is_caught(mutate: Callable[[Bundle], None], words: list[str]) -> None:
    bundle = copy.deepcopy(VALID)
    mutate(bundle)
    problems = check_bundle(bundle)
    assert problems, "the checker missed it"
    text = " | ".join(problems)
    for word in words:
        assert word in text, text


def test_fhir_resources_alone_lets_these_through() -> None:
    """Why the checker exists (INTEROP.md 1e): the models accept a bogus status and a dangling reference."""
    bundle = copy.deepcopy(VALID)
    _first(bundle, "Observation")["status"] = "bogus-status"
    _dangling(bundle)
    assert validate_r4b(bundle) == []
    assert len(check_bundle(bundle)) == 2


def test_an_abated_episode_cannot_be_active() -> None:
    bundle = copy.deepcopy(VALID)
    _first(bundle, "Condition")["abatementDateTime"] = "2026-01-01T00:00:00+00:00"
    assert any("con-4" in p for p in check_bundle(bundle))


def test_export_refuses_a_bundle_with_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = fhir_export.build_bundle

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        bundle = real(*args, **kwargs)
        _first(bundle, "Observation")["status"] = "bogus-status"
        return bundle

    monkeypatch.setattr(fhir_export, "build_bundle", broken)
    with pytest.raises(ExchangeError, match="bogus-status"):
        fhir_export.export_bundle(big_diary(2), kb=KB, exported_at=NOW)

    monkeypatch.setenv("LUMBAR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LUMBAR_DATABASE_URL", raising=False)
    assert main(["log", "5"]) == 0
    capsys.readouterr()
    out = tmp_path / "out" / "diary.json"
    out.parent.mkdir()
    assert main(["export", "--format", "fhir", "--out", str(out)]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "failed its checks" in err and "bogus-status" in err, err
    assert list(out.parent.iterdir()) == []  # no file, no temporary left behind
