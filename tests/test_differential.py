"""The differential: priors x likelihood ratios, normalised, explained.

Three layers: a tiny knowledge base built here whose posteriors are computed by hand; clinical
presentations written from the guidelines (BASS 2018, NICE CG75/NG118/NG111/NG156/NG128/NG240, ESC 2014,
Suri 2010, ASAS 2009) run against the packaged conditions; and a Hypothesis property that any findings
give finite probabilities in [0, 1] that sum to at most 1.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumbar.intake.model import Findings, Observation, Status, Values
from lumbar.knowledge.loader import load_kb
from lumbar.knowledge.models import (
    Condition,
    Finding,
    FindingKind,
    KnowledgeBase,
    LikelihoodRatio,
    Source,
    SourceKind,
    ValueTest,
)
from lumbar.triage.differential import RankedCondition, rank_conditions

P, A, U = Status.PRESENT, Status.ABSENT, Status.UNCERTAIN

DESIGN_CONDITIONS = {
    "muscle_spasm_strain",
    "lumbar_radiculopathy",
    "lumbar_spinal_stenosis",
    "degenerative_spine",
    "axial_spondyloarthritis",
    "scoliosis",
    "vertebral_fracture",
    "spinal_malignancy",
    "spinal_infection",
    "cauda_equina_syndrome",
    "kidney_stone",
    "kidney_infection",
    "abdominal_aortic_aneurysm",
    "aortic_dissection",
    "stroke",
    "meningitis",
    "non_spinal_other",
}


@cache
def packaged_kb() -> KnowledgeBase:
    """The packaged sources, findings and conditions, loaded without the other data files.

    The differential reads only these three; copying them alone keeps these tests about the differential
    and independent of work in progress on rules, care or the questionnaire.
    """
    data = Path(str(resources.files("lumbar.knowledge") / "data"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("sources", "findings", "conditions"):
            shutil.copy(data / f"{name}.yaml", folder / f"{name}.yaml")
        (folder / "rules.yaml").write_text("rules: []\nweak_flag_escalations: []\n", encoding="utf-8")
        (folder / "care.yaml").write_text("items: []\n", encoding="utf-8")
        (folder / "combinations.yaml").write_text("word_classes: []\ncombinations: []\n", encoding="utf-8")
        for name in ("factors", "questionnaire"):
            (folder / f"{name}.yaml").write_text("[]\n", encoding="utf-8")
        return load_kb(folder)


def findings(
    present: tuple[str, ...] = (),
    absent: tuple[str, ...] = (),
    uncertain: tuple[str, ...] = (),
    *,
    age: int | None = None,
    duration_days: float | None = None,
    pregnancy_weeks: int | None = None,
) -> Findings:
    observations = [Observation(f, P, evidence=f"said: {f}") for f in present]
    observations += [Observation(f, A, evidence=f"no {f}") for f in absent]
    observations += [Observation(f, U) for f in uncertain]
    values = Values(age=age, duration_days=duration_days, pregnancy_weeks=pregnancy_weeks)
    return Findings.of(observations, values)


def by_id(ranked: tuple[RankedCondition, ...]) -> dict[str, RankedCondition]:
    return {r.id: r for r in ranked}


# --- a tiny knowledge base, computed by hand ----------------------------------------------------


def tiny_kb(conditions: list[Condition], finding_ids: tuple[str, ...] = ("fx", "fy")) -> KnowledgeBase:
    source = Source(id="test_source", kind=SourceKind.ESTIMATE, title="t", citation="t")
    found = {
        f: Finding(id=f, label=f"Finding {f}", kind=FindingKind.SYMPTOM, question="?", sources=["test_source"])
        for f in finding_ids
    }
    return KnowledgeBase(
        version="test",
        sources={"test_source": source},
        findings=found,
        rules=[],
        weak_flag_escalations=[],
        conditions={c.id: c for c in conditions},
        factors={},
        care={},
        medication_cautions=[],
        seed_conflicts=[],
        questions=[],
    )


def lr(finding: str | None = None, present: float = 1.0, absent: float = 1.0, **test: float) -> LikelihoodRatio:
    value_test = ValueTest(value="age", **test) if test else None
    return LikelihoodRatio(
        finding=finding,
        value_test=value_test,
        lr_present=present,
        lr_absent=absent,
        estimate=True,
        sources=["test_source"],
    )


def condition(cid: str, prior: float, ratios: list[LikelihoodRatio]) -> Condition:
    return Condition(
        id=cid,
        label=f"Condition {cid}",
        summary="s",
        prior=prior,
        prior_estimate=True,
        likelihood_ratios=ratios,
        sources=["test_source"],
    )


# alpha: prior 0.2; fx present 2, absent 0.5.  beta: prior 0.05; fx present 6; age >= 65 3, else 0.5.
TINY = tiny_kb(
    [
        condition("alpha", 0.2, [lr("fx", 2.0, 0.5)]),
        condition("beta", 0.05, [lr("fx", 6.0), lr(present=3.0, absent=0.5, gte=65)]),
    ]
)


def test_hand_computed_posterior_with_present_finding_and_value_test_holding() -> None:
    # alpha 0.2 x 2 = 0.4; beta 0.05 x 6 x 3 = 0.9; total 1.3.
    ranked = rank_conditions(findings(present=("fx",), age=70), kb=TINY)
    assert [r.id for r in ranked] == ["beta", "alpha"]
    assert ranked[0].probability == pytest.approx(0.9 / 1.3)
    assert ranked[1].probability == pytest.approx(0.4 / 1.3)


def test_hand_computed_posterior_with_absent_finding_and_value_test_failing() -> None:
    # alpha 0.2 x 0.5 = 0.1; beta 0.05 x 1 (no lr_absent for fx) x 0.5 (age known, under 65) = 0.025.
    ranked = rank_conditions(findings(absent=("fx",), age=50), kb=TINY)
    assert by_id(ranked)["alpha"].probability == pytest.approx(0.1 / 0.125)
    assert by_id(ranked)["beta"].probability == pytest.approx(0.025 / 0.125)


def test_uncertain_and_unreported_apply_nothing() -> None:
    # Only the priors: 0.2 and 0.05 normalised.
    for unknown in (findings(uncertain=("fx",)), findings()):
        ranked = rank_conditions(unknown, kb=TINY)
        assert by_id(ranked)["alpha"].probability == pytest.approx(0.8)
        assert by_id(ranked)["beta"].probability == pytest.approx(0.2)
        assert all(r.why == () for r in ranked)


def test_why_lists_the_ratios_applied_strongest_first_with_the_persons_words() -> None:
    ranked = by_id(rank_conditions(findings(present=("fx",), age=70), kb=TINY))
    why = ranked["beta"].why
    assert [(i.finding, i.ratio) for i in why] == [("fx", 6.0), ("age", 3.0)]
    assert why[0].evidence == "said: fx"
    assert why[0].label == "Finding fx"
    assert why[1].label == "age 65 or more"
    assert why[1].evidence == "age 70"


def test_why_names_an_absent_finding_and_a_failed_value_test() -> None:
    ranked = by_id(rank_conditions(findings(absent=("fx",), age=50), kb=TINY))
    (absent_x,) = ranked["alpha"].why
    assert (absent_x.label, absent_x.ratio, absent_x.evidence) == ("No finding fx", 0.5, "no fx")
    # beta's fx has lr_absent 1.0: it did not move beta, so it is not listed.
    assert [(i.finding, i.label, i.ratio) for i in ranked["beta"].why] == [("age", "age under 65", 0.5)]


def test_ties_are_broken_by_id() -> None:
    kb = tiny_kb([condition("zeta", 0.1, []), condition("eta", 0.1, []), condition("theta", 0.1, [])])
    ranked = rank_conditions(findings(), kb=kb)
    assert [r.id for r in ranked] == ["eta", "theta", "zeta"]
    assert all(r.probability == pytest.approx(1 / 3) for r in ranked)


def test_extreme_products_neither_overflow_nor_underflow() -> None:
    # 400 findings at LR 20 (20**400 is about 1e520, beyond a float) against 400 at LR 0.01.
    ids = tuple(f"f{i}" for i in range(400))
    kb = tiny_kb(
        [
            condition("huge", 0.01, [lr(f, 20.0) for f in ids]),
            condition("tiny", 0.9, [lr(f, 0.01) for f in ids]),
            condition("plain", 0.09, []),
        ],
        finding_ids=ids,
    )
    ranked = rank_conditions(findings(present=ids), kb=kb)
    assert [r.id for r in ranked] == ["huge", "plain", "tiny"]
    assert ranked[0].probability == pytest.approx(1.0)
    assert all(math.isfinite(r.probability) and 0.0 <= r.probability <= 1.0 for r in ranked)
    assert math.fsum(r.probability for r in ranked) <= 1.0 + 1e-9


def test_no_conditions_gives_an_empty_ranking() -> None:
    assert rank_conditions(findings(present=("fx",)), kb=tiny_kb([])) == ()


# --- the packaged conditions ---------------------------------------------------------------------


def test_packaged_conditions_cover_the_design_vocabulary() -> None:
    assert set(packaged_kb().conditions) == DESIGN_CONDITIONS


def test_published_figures_cite_a_paper_and_ratios_stay_plausible() -> None:
    kb = packaged_kb()
    for c in kb.conditions.values():
        if not c.prior_estimate:
            assert all(kb.sources[s].kind is not SourceKind.ESTIMATE for s in c.sources), c.id
        for ratio in c.likelihood_ratios:
            where = f"{c.id}/{ratio.key}"
            assert 0.1 <= ratio.lr_present <= 20.0, where
            assert 0.1 <= ratio.lr_absent <= 1.0, where  # an absent hallmark never argues for a condition
            if not ratio.estimate:
                assert any(kb.sources[s].kind is SourceKind.PAPER for s in ratio.sources), where
                assert "lumbar_estimate" not in ratio.sources, where


def test_with_nothing_reported_the_ranking_is_the_priors() -> None:
    kb = packaged_kb()
    ranked = rank_conditions(Findings(), kb=kb)
    total = math.fsum(c.prior for c in kb.conditions.values())
    assert ranked[0].id == "muscle_spasm_strain"
    for r in ranked:
        assert r.probability == pytest.approx(kb.conditions[r.id].prior / total)


# Clinical presentations written from the guidelines' descriptions. `top` is the rank the condition must
# reach: mimics with their hallmark findings must come first; serious spinal causes, which share
# findings with common back pain, must be in the top 3.
PRESENTATIONS = [
    pytest.param(
        "muscle_spasm_strain",
        1,
        findings(
            present=("trigger_lifting", "muscle_spasm", "worse_with_movement"),
            absent=("sciatica", "leg_numbness", "bladder_dysfunction", "fever"),
            age=34,
            duration_days=1,
        ),
        id="acute-strain-after-lifting",
    ),
    pytest.param(
        "muscle_spasm_strain",
        1,
        findings(present=("trigger_sport", "stiffness", "improving"), age=45, duration_days=4),
        id="golf-twist-improving",
    ),
    pytest.param(
        "lumbar_radiculopathy",
        1,
        findings(present=("sciatica", "leg_numbness", "cough_sneeze_worse"), age=41, duration_days=10),
        id="sciatica-cks",
    ),
    pytest.param(
        "lumbar_spinal_stenosis",
        1,
        findings(present=("leg_pain_walking", "relief_sitting_bending"), age=72, duration_days=240),
        id="neurogenic-claudication-suri",
    ),
    pytest.param(
        "cauda_equina_syndrome",
        3,
        findings(
            present=("bladder_dysfunction", "saddle_numbness", "bilateral_leg_symptoms"),
            absent=("fever",),
            age=44,
            duration_days=3,
        ),
        id="suspected-ces-bass",
    ),
    pytest.param(
        "cauda_equina_syndrome",
        1,
        findings(
            present=("bowel_dysfunction", "saddle_numbness", "bilateral_leg_symptoms", "bilateral_leg_weakness"),
            age=38,
            duration_days=2,
        ),
        id="ces-with-bilateral-weakness",
    ),
    pytest.param(
        "vertebral_fracture",
        1,
        findings(present=("osteoporosis", "steroid_use", "minor_trauma", "sudden_severe_pain"), age=78),
        id="osteoporotic-fracture-cks",
    ),
    pytest.param(
        "vertebral_fracture",
        3,
        findings(present=("major_trauma",), age=30, duration_days=0),
        id="road-accident",
    ),
    pytest.param(
        "spinal_malignancy",
        1,
        findings(
            present=("cancer_history", "thoracic_pain", "night_pain", "weight_loss", "worsening"),
            absent=("improving",),
            age=63,
            duration_days=42,
        ),
        id="metastasis-nice-cg75",
    ),
    pytest.param(
        "spinal_infection",
        1,
        findings(present=("iv_drug_use", "fever", "worsening", "unwell"), age=36, duration_days=7),
        id="epidural-abscess-ivdu",
    ),
    pytest.param(
        "spinal_infection",
        3,
        findings(present=("spinal_procedure", "fever"), age=58, duration_days=10),
        id="discitis-after-injection",
    ),
    pytest.param(
        "kidney_stone",
        1,
        findings(
            present=("sudden_severe_pain", "colicky_pain", "flank_pain", "nausea_vomiting", "haematuria"),
            absent=("worse_with_movement",),
            age=38,
        ),
        id="renal-colic-ng118",
    ),
    pytest.param(
        "kidney_infection",
        1,
        findings(present=("fever", "flank_pain", "urinary_symptoms", "unwell"), age=27, duration_days=2),
        id="pyelonephritis-ng111",
    ),
    pytest.param(
        "abdominal_aortic_aneurysm",
        1,
        findings(
            present=("sudden_severe_pain", "abdominal_pain", "pulsating_abdomen", "clammy_pale", "vascular_risk"),
            age=71,
        ),
        id="leaking-aaa-ng156",
    ),
    pytest.param(
        "aortic_dissection",
        1,
        findings(
            present=("sudden_severe_pain", "tearing_pain", "chest_pain", "thoracic_pain", "vascular_risk"),
            age=64,
        ),
        id="dissection-esc",
    ),
    pytest.param(
        "stroke",
        1,
        findings(present=("face_droop", "one_sided_weakness", "speech_difficulty"), age=70),
        id="stroke-fast-ng128",
    ),
    pytest.param(
        "meningitis",
        1,
        findings(present=("fever", "neck_stiffness", "headache", "photophobia", "rash_non_blanching"), age=19),
        id="meningitis-ng240",
    ),
    pytest.param(
        "non_spinal_other",
        1,
        findings(present=("upper_abdominal_pain", "nausea_vomiting", "jaundice"), age=52),
        id="biliary-pain-with-jaundice",
    ),
    pytest.param(
        "non_spinal_other",
        1,
        findings(present=("pregnancy", "rhythmic_pain", "pelvic_pain"), age=29, pregnancy_weeks=32),
        id="preterm-labour-ng25",
    ),
    pytest.param(
        "axial_spondyloarthritis",
        1,
        findings(
            present=("insidious_onset", "morning_stiffness", "better_with_exercise", "worse_with_rest"),
            age=27,
            duration_days=240,
        ),
        id="inflammatory-back-pain-asas",
    ),
    pytest.param(
        "degenerative_spine",
        1,
        findings(present=("spinal_arthritis", "stiffness", "recurrent_episodes"), age=61, duration_days=365),
        id="spinal-arthritis-recurrent",
    ),
    pytest.param(
        "scoliosis",
        3,
        findings(present=("scoliosis_known", "muscle_spasm"), age=17, duration_days=3),
        id="known-scoliosis",
    ),
]


@pytest.mark.parametrize(("expected", "top", "presentation"), PRESENTATIONS)
def test_clinical_presentation_ranks_the_expected_condition(expected: str, top: int, presentation: Findings) -> None:
    ranked = rank_conditions(presentation, kb=packaged_kb())
    ids = [r.id for r in ranked]
    assert expected in ids[:top], f"{expected} ranked {ids.index(expected) + 1}: {ids[:4]}"
    winner = by_id(ranked)[expected]
    moved_by = {i.finding for i in winner.why}
    assert moved_by & set(presentation.present()), "the ranking must be explained by the reported findings"


def test_a_hallmark_moves_its_condition_above_its_prior() -> None:
    kb = packaged_kb()
    baseline = by_id(rank_conditions(Findings(), kb=kb))
    for cid, finding in [
        ("kidney_stone", "colicky_pain"),
        ("stroke", "face_droop"),
        ("abdominal_aortic_aneurysm", "pulsating_abdomen"),
        ("lumbar_radiculopathy", "sciatica"),
        ("spinal_malignancy", "cancer_history"),
    ]:
        after = by_id(rank_conditions(findings(present=(finding,)), kb=kb))
        assert after[cid].probability > baseline[cid].probability, (cid, finding)
        assert after["muscle_spasm_strain"].probability <= baseline["muscle_spasm_strain"].probability


def test_absent_neurogenic_claudication_argues_against_stenosis() -> None:
    kb = packaged_kb()
    older = findings(age=70)
    without = findings(absent=("leg_pain_walking",), age=70)
    stenosis = by_id(rank_conditions(older, kb=kb))["lumbar_spinal_stenosis"].probability
    stenosis_without = by_id(rank_conditions(without, kb=kb))["lumbar_spinal_stenosis"].probability
    assert stenosis_without < stenosis


# --- property: any findings give a proper distribution ------------------------------------------

_STATUSES = st.sampled_from([P, A, U])


@st.composite
def any_findings(draw: st.DrawFn) -> Findings:
    kb = packaged_kb()
    ids = draw(st.lists(st.sampled_from([*sorted(kb.findings), "not_a_known_finding"]), unique=True))
    observations = [Observation(f, draw(_STATUSES), evidence=draw(st.none() | st.text(max_size=20))) for f in ids]
    values = Values(
        age=draw(st.none() | st.integers(0, 120)),
        pain_score=draw(st.none() | st.integers(0, 10)),
        temperature_c=draw(st.none() | st.floats(30.0, 45.0)),
        duration_days=draw(st.none() | st.floats(min_value=0.0) | st.just(math.inf) | st.just(math.nan)),
        pregnancy_weeks=draw(st.none() | st.integers(0, 45)),
    )
    return Findings.of(observations, values)


@settings(max_examples=300, deadline=None)
@given(any_findings())
def test_any_findings_give_finite_probabilities_that_sum_to_at_most_one(reported: Findings) -> None:
    kb = packaged_kb()
    ranked = rank_conditions(reported, kb=kb)
    assert {r.id for r in ranked} == set(kb.conditions)
    probabilities = [r.probability for r in ranked]
    assert all(math.isfinite(p) and 0.0 <= p <= 1.0 for p in probabilities)
    assert math.fsum(probabilities) <= 1.0 + 1e-9
    assert probabilities == sorted(probabilities, reverse=True)
    for r in ranked:
        assert all(i.ratio != 1.0 and math.isfinite(i.ratio) for i in r.why)
        strengths = [abs(math.log(i.ratio)) for i in r.why]
        assert strengths == sorted(strengths, reverse=True)
