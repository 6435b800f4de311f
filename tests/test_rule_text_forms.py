"""Red-flag rules in people's own words: present fires; negated, hypothetical, historical and
other-person forms do not (read by the free-text reader, then assess())."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml

from lumbar.intake.reader import read
from lumbar.knowledge import KnowledgeBase, default_kb
from lumbar.triage import assess

FORMS = ("present", "negated", "hypothetical", "historical", "other")
DATA = yaml.safe_load((Path(__file__).parent / "rule_cases" / "text_forms.yaml").read_text(encoding="utf-8"))
CASES = [(item["rule"], form, text) for item in DATA for form in FORMS for text in item.get(form, [])]


def test_every_rule_named_in_the_file_exists() -> None:
    ids = {r.id for r in default_kb().rules}
    assert {item["rule"] for item in DATA} <= ids


def test_every_non_weak_rule_has_text_forms() -> None:
    covered = {item["rule"] for item in DATA}
    wanted = {r.id for r in default_kb().rules if not r.weak and r.id not in _VALUE_OR_COMBINATION_ONLY}
    assert wanted <= covered


# Rules that fire only from combinations already covered by their parts' text forms.
_VALUE_OR_COMBINATION_ONLY = {
    "rf_infection_neuro",
    "rf_obstructed_infected_kidney",
    "rf_haematuria",
    "rf_structural_deformity",
}


@pytest.mark.parametrize(("rule", "form", "text"), CASES, ids=[f"{r}-{f}-{i}" for i, (r, f, _) in enumerate(CASES)])
def test_text_form(rule: str, form: str, text: str, kb: KnowledgeBase, now: datetime) -> None:
    reading = read(text, kb=kb)
    fired = {r.id: r for r in assess(reading.findings, now=now, kb=kb).red_flags}
    if form == "present":
        assert rule in fired, f"{rule} should fire; read {sorted(reading.findings.present())}"
        assert fired[rule].evidence, "a fired red flag shows the words that triggered it"
    else:
        assert rule not in fired, f"{rule} fired on a {form} form via {fired[rule].evidence if rule in fired else ''}"
