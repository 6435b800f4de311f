"""The loader fails loudly on a knowledge base whose statements cannot be traced.

Each test copies the packaged data files into a temporary folder, makes one change, and loads the copy.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from lumbar.knowledge import KnowledgeError, load_kb

Edit = Callable[[Any], Any]


def _copy_with(tmp_path: Path, file: str, edit: Edit) -> Path:
    """A copy of the data folder in which `edit` has rewritten one YAML file (it returns the new data)."""
    folder = tmp_path / "data"
    shutil.copytree(Path(str(resources.files("lumbar.knowledge") / "data")), folder)
    path = folder / f"{file}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(edit(data), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def _rules(data: Any) -> dict[str, Any]:
    return data if isinstance(data, dict) else {"rules": [], "weak_flag_escalations": []}


def _a_rule(when: Any, rule_id: str = "rf_test_rule") -> dict[str, Any]:
    return {
        "id": rule_id,
        "label": "Test rule",
        "urgency": "urgent",
        "when": when,
        "reason": "A test reason.",
        "action": "A test action.",
        "sources": ["nice_ng59"],
        "cases": [{"name": "fires", "present": ["fever"], "fires": True}, {"name": "quiet", "fires": False}],
    }


def test_packaged_knowledge_base_loads() -> None:
    kb = load_kb()
    assert kb.findings and kb.sources and kb.care and kb.factors
    assert kb.version.startswith("1.")


def test_unchanged_copy_loads_with_the_same_version(tmp_path: Path) -> None:
    folder = _copy_with(tmp_path, "sources", lambda d: d)
    # Re-dumping YAML changes the bytes, so only the schema part of the version is comparable.
    copy, packaged = load_kb(folder), load_kb()
    assert copy.version.split(".")[0] == packaged.version.split(".")[0]
    assert copy.care == packaged.care and copy.findings == packaged.findings


def test_version_changes_when_the_data_changes(tmp_path: Path) -> None:
    def relabel(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        items[0]["label"] = items[0]["label"] + " (edited)"
        return items

    a = load_kb(_copy_with(tmp_path / "a", "findings", lambda d: d))
    b = load_kb(_copy_with(tmp_path / "b", "findings", relabel))
    assert a.version != b.version


def test_dangling_source_id_fails(tmp_path: Path) -> None:
    def cite_nothing(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        items[0]["sources"] = ["no_such_source"]
        return items

    with pytest.raises(KnowledgeError, match=r"unknown source 'no_such_source'"):
        load_kb(_copy_with(tmp_path, "findings", cite_nothing))


def test_dangling_source_in_care_item_fails(tmp_path: Path) -> None:
    def cite_nothing(data: dict[str, Any]) -> dict[str, Any]:
        data["items"][0]["sources"].append("made_up_2024")
        return data

    with pytest.raises(KnowledgeError, match=r"care \w+: unknown source 'made_up_2024'"):
        load_kb(_copy_with(tmp_path, "care", cite_nothing))


@pytest.mark.parametrize("empty", [[], None])
def test_finding_without_sources_fails(tmp_path: Path, empty: list[str] | None) -> None:
    def unsourced(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        items[0]["sources"] = empty
        return items

    with pytest.raises(KnowledgeError, match="does not validate"):
        load_kb(_copy_with(tmp_path, "findings", unsourced))


def test_finding_with_sources_key_removed_fails(tmp_path: Path) -> None:
    def unsourced(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        del items[0]["sources"]
        return items

    with pytest.raises(KnowledgeError, match="sources"):
        load_kb(_copy_with(tmp_path, "findings", unsourced))


def test_seed_conflict_without_sources_fails(tmp_path: Path) -> None:
    def unsourced(data: dict[str, Any]) -> dict[str, Any]:
        data["seed_conflicts"][0]["sources"] = []
        return data

    with pytest.raises(KnowledgeError, match="does not validate"):
        load_kb(_copy_with(tmp_path, "care", unsourced))


@pytest.mark.parametrize(
    "when",
    [
        "no_such_finding",
        {"all": ["fever", "no_such_finding"]},
        {"any": [{"all": ["fever", {"value": "age", "gte": 50}]}, "no_such_finding"]},
        {"at_least": 2, "of": ["fever", "night_pain", "no_such_finding"]},
    ],
)
def test_dangling_finding_in_a_rule_fails(tmp_path: Path, when: Any) -> None:
    def add_rule(data: Any) -> dict[str, Any]:
        rules = _rules(data)
        rules["rules"] = [*rules.get("rules", []), _a_rule(when)]
        return rules

    with pytest.raises(KnowledgeError, match=r"rule rf_test_rule: unknown finding 'no_such_finding'"):
        load_kb(_copy_with(tmp_path, "rules", add_rule))


def test_valid_added_rule_loads(tmp_path: Path) -> None:
    """The control for the test above: the same rule with a real finding loads."""

    def add_rule(data: Any) -> dict[str, Any]:
        rules = _rules(data)
        rules["rules"] = [*rules.get("rules", []), _a_rule({"all": ["fever", {"value": "age", "gte": 50}]})]
        return rules

    kb = load_kb(_copy_with(tmp_path, "rules", add_rule))
    assert any(r.id == "rf_test_rule" for r in kb.rules)


def test_dangling_finding_in_medication_caution_fails(tmp_path: Path) -> None:
    def bad_caution(data: dict[str, Any]) -> dict[str, Any]:
        data["medication_cautions"][0]["when"] = {"any": ["kidney_disease", "no_such_finding"]}
        return data

    with pytest.raises(KnowledgeError, match=r"medication caution \w+: unknown finding 'no_such_finding'"):
        load_kb(_copy_with(tmp_path, "care", bad_caution))


def test_factor_with_unknown_finding_or_care_item_fails(tmp_path: Path) -> None:
    def bad_factor(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        items[0]["suggested_by"].append("no_such_finding")
        items[0]["prevention"].append("no_such_care")
        return items

    with pytest.raises(KnowledgeError) as info:
        load_kb(_copy_with(tmp_path, "factors", bad_factor))
    assert "unknown finding 'no_such_finding'" in str(info.value)
    assert "unknown care item 'no_such_care'" in str(info.value)


def test_seed_conflict_must_name_a_seed(tmp_path: Path) -> None:
    def not_a_seed(data: dict[str, Any]) -> dict[str, Any]:
        data["seed_conflicts"][0]["seed"] = "nice_ng59"
        return data

    with pytest.raises(KnowledgeError, match="is not a seed source"):
        load_kb(_copy_with(tmp_path, "care", not_a_seed))


@pytest.mark.parametrize(("file", "key"), [("findings", None), ("sources", None), ("factors", None), ("care", "items")])
def test_duplicate_id_fails(tmp_path: Path, file: str, key: str | None) -> None:
    def duplicate(data: Any) -> Any:
        items = data[key] if key else data
        items.append(dict(items[0]))
        return data

    with pytest.raises(KnowledgeError, match=rf"{file}\.yaml: duplicate id"):
        load_kb(_copy_with(tmp_path, file, duplicate))


def test_duplicate_rule_id_fails(tmp_path: Path) -> None:
    def add_twice(data: Any) -> dict[str, Any]:
        rules = _rules(data)
        rules["rules"] = [*rules.get("rules", []), _a_rule("fever"), _a_rule("fever")]
        return rules

    with pytest.raises(KnowledgeError, match="rule rf_test_rule: duplicate id"):
        load_kb(_copy_with(tmp_path, "rules", add_twice))


def test_care_item_with_unknown_evidence_grade_fails(tmp_path: Path) -> None:
    def bad_grade(data: dict[str, Any]) -> dict[str, Any]:
        data["items"][0]["evidence_grade"] = "pretty_good"
        return data

    with pytest.raises(KnowledgeError, match="evidence_grade"):
        load_kb(_copy_with(tmp_path, "care", bad_grade))


def test_missing_file_fails(tmp_path: Path) -> None:
    folder = _copy_with(tmp_path, "sources", lambda d: d)
    (folder / "care.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"care\.yaml: cannot read"):
        load_kb(folder)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: c.update(finding="no_such_finding"), "unknown finding 'no_such_finding'"),
        (lambda c: c["place"].append("no_such_class"), "unknown word class 'no_such_class'"),
        (lambda c: c["change"].append("saddle_area"), "word class 'saddle_area' is a place, not a change"),
        (lambda c: c.setdefault("unless", []).append("weakness"), "word class 'weakness' is a change, not a context"),
    ],
)
def test_combination_with_unknown_or_misplaced_parts_fails(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    def bad(data: dict[str, Any]) -> dict[str, Any]:
        edit(data["combinations"][0])
        return data

    with pytest.raises(KnowledgeError, match=re.escape(message)):
        load_kb(_copy_with(tmp_path, "combinations", bad))


def test_combination_naming_a_pair_twice_fails(tmp_path: Path) -> None:
    def twice(data: dict[str, Any]) -> dict[str, Any]:
        data["combinations"].append({**data["combinations"][0], "finding": "leg_numbness"})
        return data

    with pytest.raises(KnowledgeError, match="already names 'saddle_numbness'"):
        load_kb(_copy_with(tmp_path, "combinations", twice))


def test_one_pair_may_name_two_findings_when_their_contexts_keep_them_apart(tmp_path: Path) -> None:
    def apart(data: dict[str, Any]) -> dict[str, Any]:
        first = data["combinations"][0]
        first["unless"] = ["walking"]
        data["combinations"].append({**first, "finding": "leg_numbness", "unless": [], "only_with": ["walking"]})
        return data

    kb = load_kb(_copy_with(tmp_path, "combinations", apart))
    assert [c.finding for c in kb.combinations][-1] == "leg_numbness"
