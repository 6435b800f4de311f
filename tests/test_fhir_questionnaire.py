"""`lumbar questionnaire --fhir` is an R4B Questionnaire that says what the questionnaire data says."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from lumbar.cli import main
from lumbar.interop.fhir_check import check_questionnaire
from lumbar.interop.fhir_questionnaire import build_questionnaire
from lumbar.knowledge import KnowledgeBase
from lumbar.knowledge.models import AllOf, AnyOf


def _items(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["linkId"]: i for group in document["item"] for i in group["item"]}


def test_cli_prints_an_r4b_questionnaire(kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "--fhir"]) == 0
    document = json.loads(capsys.readouterr().out)
    parsed = Questionnaire.model_validate(document)
    assert parsed.status == "active" and parsed.version == kb.version
    assert check_questionnaire(document) == []
    items = _items(document)
    assert list(items) == [q.id for s in ("red_flag_screen", "about_you", "follow_up", "pattern", "triggers")
                           for q in kb.questions if q.section == s]  # fmt: skip
    kinds = {"boolean": "boolean", "integer": "integer", "number": "decimal", "choice": "choice"}
    for q in kb.questions:
        assert items[q.id]["type"] == kinds[q.type]
        assert items[q.id]["text"] == q.text
        if q.type == "choice":
            assert [o["valueCoding"]["code"] for o in items[q.id]["answerOption"]] == q.choices


def test_the_pain_score_carries_its_loinc_code(kb: KnowledgeBase) -> None:
    items = _items(build_questionnaire(kb))
    pain = [q.id for q in kb.questions if q.value == "pain_score"]
    assert pain, "the questionnaire asks for a pain score"
    for qid in pain:
        assert {"system": "http://loinc.org", "code": "72514-3"}.items() <= items[qid]["code"][0].items()


def test_enable_when_follows_ask_if(kb: KnowledgeBase) -> None:
    items = _items(build_questionnaire(kb))
    setters = {q.finding: q.id for q in kb.questions if q.finding}
    for q in kb.questions:
        item = items[q.id]
        if q.ask_if is None:
            assert "enableWhen" not in item
            continue
        if isinstance(q.ask_if, AnyOf | AllOf) and all(isinstance(x, str) for x in getattr(q.ask_if, "any", None) or
                                                        getattr(q.ask_if, "all", [])):  # fmt: skip
            names = getattr(q.ask_if, "any", None) or getattr(q.ask_if, "all", [])
            assert {w["question"] for w in item["enableWhen"]} == {setters[n] for n in names}
            assert all(w["operator"] == "=" and w["answerBoolean"] is True for w in item["enableWhen"])
        for when in item.get("enableWhen", []):
            assert when["question"] in items
        if len(item.get("enableWhen", [])) > 1:
            assert item["enableBehavior"] == ("any" if isinstance(q.ask_if, AnyOf) else "all")


def test_value_tests_become_comparisons(kb: KnowledgeBase) -> None:
    items = _items(build_questionnaire(kb))
    compared = [w for i in items.values() for w in i.get("enableWhen", []) if w["operator"] != "="]
    assert compared, "some ask_if compares a value (age)"
    assert all(w["operator"] in (">=", "<=", ">", "<") and ("answerInteger" in w or "answerDecimal" in w)
               for w in compared)  # fmt: skip


def test_the_checker_catches_a_bad_operator_and_a_missing_question(kb: KnowledgeBase) -> None:
    document = copy.deepcopy(build_questionnaire(kb))
    item = next(i for i in _items(document).values() if "enableWhen" in i)
    item["enableWhen"][0]["operator"] = "~"
    item["enableWhen"].append({"question": "no_such_question", "operator": "exists", "answerBoolean": True})
    problems = " | ".join(check_questionnaire(document))
    assert "operator '~'" in problems and "no_such_question" in problems
