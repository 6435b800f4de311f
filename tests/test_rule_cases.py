"""Each red-flag rule's named cases (kept beside the rule in rules.yaml), run through the evaluator
and through assess(), in the style of CertLogic's per-rule test files."""

from __future__ import annotations

from datetime import datetime

import pytest

from lumbar.intake.expr import evaluate
from lumbar.intake.model import Findings, Observation, Status, Values
from lumbar.knowledge import KnowledgeBase, default_kb
from lumbar.knowledge.models import RedFlagRule, RuleCase
from lumbar.triage import assess

_KB = default_kb()
CASES = [(rule, case) for rule in _KB.rules for case in rule.cases]


def _findings(case: RuleCase) -> Findings:
    obs = [Observation(f, Status.PRESENT) for f in case.present]
    obs += [Observation(f, Status.ABSENT) for f in case.absent]
    return Findings.of(
        obs,
        Values(**{k: (int(v) if k in ("age", "pain_score", "pregnancy_weeks") else v) for k, v in case.values.items()}),
    )


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r.id}: {c.name}" for r, c in CASES])
def test_rule_case(rule: RedFlagRule, case: RuleCase, kb: KnowledgeBase, now: datetime) -> None:
    findings = _findings(case)
    holds, support = evaluate(rule.when, findings)
    assert holds is case.fires
    fired = {r.id for r in assess(findings, now=now, kb=kb).red_flags}
    assert (rule.id in fired) is case.fires
    if case.fires:
        assert support, "a fired rule names what fired it"


@pytest.mark.parametrize("rule", _KB.rules, ids=[r.id for r in _KB.rules])
def test_every_rule_has_firing_and_non_firing_cases(rule: RedFlagRule) -> None:
    assert any(c.fires for c in rule.cases)
    assert any(not c.fires for c in rule.cases)


@pytest.mark.parametrize("rule", _KB.rules, ids=[r.id for r in _KB.rules])
def test_negating_every_finding_never_fires(rule: RedFlagRule) -> None:
    """The negated form: every finding the rule reads stated as absent, no values: never fires."""
    from lumbar.knowledge.loader import expr_findings

    absent = Findings.of([Observation(f, Status.ABSENT) for f in set(expr_findings(rule.when))])
    assert evaluate(rule.when, absent) == (False, ())
    uncertain = Findings.of([Observation(f, Status.UNCERTAIN) for f in set(expr_findings(rule.when))])
    assert evaluate(rule.when, uncertain) == (False, ())
