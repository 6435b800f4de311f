"""The accuracy targets of issues 2 and 3, on our own suites, end to end through the free-text reader.

Deterministic figures (no timing): the vignette suite through reader + triage, and the annotated
extraction corpus through the reader. Independent held-out cases are run separately with
`lumbar check --batch`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lumbar.evaluation.extraction import load_corpus, score_extraction
from lumbar.evaluation.vignettes import VignetteReport, evaluate_vignettes, load_vignettes
from lumbar.intake.reader import read
from lumbar.knowledge import KnowledgeBase

TESTS = Path(__file__).parent


@pytest.fixture(scope="module")
def vignette_report(kb: KnowledgeBase, now: datetime) -> VignetteReport:
    vignettes = load_vignettes(sorted((TESTS / "vignettes").glob("*.yaml")), kb=kb)
    assert len(vignettes) >= 100
    red = sum(1 for v in vignettes if v.gold.value != "self_care")
    assert red / len(vignettes) >= 0.30, "at least 30% of vignettes carry red flags"
    return evaluate_vignettes(vignettes, kb=kb, now=now)


@pytest.mark.parametrize(
    ("figure", "target"),
    [("emergency_recall", 1.0), ("safe_rate", 0.98), ("in_accept", 0.90), ("top3_condition", 0.90),
     ("factor_recall", 0.85)],
)  # fmt: skip
def test_vignette_target(vignette_report: VignetteReport, figure: str, target: float) -> None:
    misses = [c.vignette.id for c in vignette_report.cases if not c.in_accept]
    assert vignette_report.figures[figure] >= target, f"{figure}={vignette_report.figures[figure]:.3f}; {misses}"


def test_extraction_targets(kb: KnowledgeBase) -> None:
    snippets = load_corpus(sorted((TESTS / "extraction").glob("*.yaml")), kb=kb)
    assert len(snippets) >= 300
    report = score_extraction(snippets, lambda text: read(text, kb=kb), kb=kb)
    assert report.red_flag_correct / report.red_flag_expected >= 0.98
    assert report.overall.f1 >= 0.93
    assert not report.wrong_status, report.wrong_status
