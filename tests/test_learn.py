"""`lumbar learn`: every topic renders, every statement shows its sources, --json is the whole KB."""

from __future__ import annotations

import json

import pytest

from lumbar.knowledge import KnowledgeBase
from lumbar.knowledge.learn import UnknownTopicError, kb_as_dict, render_topic, short_citation, topics
from lumbar.knowledge.models import CareKind, MedicationCaution

REQUIRED_TOPICS = (
    "red-flags",
    "conditions",
    "factors",
    "self-care",
    "medicines",
    "prevention",
    "not-recommended",
    "seed-corrections",
    "sources",
)
CARE_PAGES = {
    "self-care": CareKind.SELF_CARE,
    "clinician": CareKind.CLINICIAN,
    "prevention": CareKind.PREVENTION,
    "not-recommended": CareKind.NOT_RECOMMENDED,
}


def flat(text: str) -> str:
    """Rendering wraps lines; compare on collapsed whitespace."""
    return " ".join(text.split())


def cites(kb: KnowledgeBase, ids: list[str]) -> list[str]:
    return [short_citation(kb.sources[s]) for s in ids]


def _synthetic_kb() -> KnowledgeBase:
    """A tiny knowledge base, so condition and factor pages are tested whatever the data files hold."""
    src = {"id": "paper_x", "kind": "paper", "title": "T", "citation": "Smith AB et al. J 2011;1:2", "doi": "10.1/x"}
    finding = {
        "id": "walk_pain",
        "label": "Pain on walking",
        "kind": "symptom",
        "question": "?",
        "sources": ["paper_x"],
    }
    calm = {"id": "calm", "label": "Calm at rest", "kind": "symptom", "question": "?", "sources": ["paper_x"]}
    lrs = [
        {"finding": "walk_pain", "lr_present": 3.5, "estimate": False, "sources": ["paper_x"]},
        {"value_test": {"value": "age", "gte": 65}, "lr_present": 2.5, "estimate": True, "sources": ["paper_x"]},
        {"finding": "calm", "lr_present": 0.4, "estimate": True, "sources": ["paper_x"]},
    ]
    condition = {
        "id": "cond_a",
        "label": "Condition A",
        "summary": "A summary of A.",
        "prior": 0.05,
        "prior_estimate": True,
        "likelihood_ratios": lrs,
        "sources": ["paper_x"],
    }
    care = {
        "id": "walk_more",
        "kind": "prevention",
        "label": "Walk more",
        "advice": "Walk a little more each day.",
        "evidence_grade": "low",
        "sources": ["paper_x"],
    }
    factor = {
        "id": "factor_a",
        "label": "Factor A",
        "summary": "A factor summary.",
        "suggested_by": ["walk_pain"],
        "prevention": ["walk_more"],
        "sources": ["paper_x"],
    }
    rule = {
        "id": "rf_a",
        "label": "Rule A",
        "urgency": "urgent",
        "when": "walk_pain",
        "reason": "Because.",
        "action": "Act.",
        "suggests": ["cond_a"],
        "sources": ["paper_x"],
        "cases": [{"name": "fires", "present": ["walk_pain"], "fires": True}, {"name": "quiet", "fires": False}],
    }
    return KnowledgeBase.model_validate(
        {
            "version": "test",
            "sources": {"paper_x": src},
            "findings": {"walk_pain": finding, "calm": calm},
            "rules": [rule],
            "weak_flag_escalations": [],
            "conditions": {"cond_a": condition},
            "factors": {"factor_a": factor},
            "care": {"walk_more": care},
            "medication_cautions": [],
            "seed_conflicts": [],
            "questions": [],
        }
    )


# --- topics --------------------------------------------------------------------------------------------


def test_topics_cover_every_section_condition_and_factor(kb: KnowledgeBase) -> None:
    ids = [t for t, _ in topics(kb)]
    assert len(ids) == len(set(ids)), "topic ids must be unique"
    missing = [t for t in REQUIRED_TOPICS if t not in ids]
    missing += [f"conditions/{c}" for c in kb.conditions if f"conditions/{c}" not in ids]
    missing += [f"factors/{f}" for f in kb.factors if f"factors/{f}" not in ids]
    assert not missing, f"topics missing: {missing}"
    assert all(title.strip() for _, title in topics(kb))


def test_index_lists_every_topic_and_the_version(kb: KnowledgeBase) -> None:
    index = render_topic(kb, None)
    for topic, title in topics(kb):
        assert topic in index and title in index
    assert kb.version in index


@pytest.mark.parametrize("spelling", ["self_care", "SELF-CARE", "  self-care "])
def test_topic_spellings_are_forgiving(kb: KnowledgeBase, spelling: str) -> None:
    assert render_topic(kb, spelling) == render_topic(kb, "self-care")


def test_bare_condition_and_factor_ids_resolve() -> None:
    kb = _synthetic_kb()
    assert render_topic(kb, "cond_a") == render_topic(kb, "conditions/cond_a")
    assert render_topic(kb, "factor_a") == render_topic(kb, "factors/factor_a")


@pytest.mark.parametrize("bad", ["nonsense", "conditions/nope", "", "factors/"])
def test_unknown_topic_raises_and_lists_valid_topics(kb: KnowledgeBase, bad: str) -> None:
    with pytest.raises(UnknownTopicError) as info:
        render_topic(kb, bad)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert all(t in message for t in REQUIRED_TOPICS)


def test_every_topic_renders_with_a_heading_and_no_printing(
    kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    for topic, title in topics(kb):
        text = render_topic(kb, topic)
        assert text.startswith(title), topic
        assert text.endswith("\n") and len(text.splitlines()) > 3, topic
    assert capsys.readouterr() == ("", "")


# --- statements carry their sources ---------------------------------------------------------------------


@pytest.mark.parametrize("topic", sorted(CARE_PAGES))
def test_care_pages_show_every_item_with_grade_sources_and_seed_note(kb: KnowledgeBase, topic: str) -> None:
    page = flat(render_topic(kb, topic))
    items = [i for i in kb.care.values() if i.kind is CARE_PAGES[topic]]
    assert items, f"no {topic} items in the knowledge base"
    for item in items:
        assert flat(item.label) in page and flat(item.advice) in page, item.id
        grade = item.evidence_grade.replace("_", " ")
        assert f"{flat(item.label)} [evidence: {grade}" in page, item.id
        for citation in cites(kb, item.sources):
            assert citation in page, f"{item.id}: {citation} not shown"
        if item.seed_conflict:
            assert flat(item.seed_conflict) in page, item.id


def test_evidence_grades_are_in_words(kb: KnowledgeBase) -> None:
    page = flat(render_topic(kb, "not-recommended"))
    assert "[evidence: not supported by evidence]" in page
    assert "not_supported" not in page


def test_medicines_page_shows_medicines_and_every_caution(kb: KnowledgeBase) -> None:
    page = flat(render_topic(kb, "medicines"))
    for item in kb.care.values():
        if item.kind is CareKind.MEDICATION:
            assert flat(item.advice) in page
    assert kb.medication_cautions, "the knowledge base should hold medicine cautions"
    for mc in kb.medication_cautions:
        assert flat(mc.advice) in page, mc.id
        assert f"{mc.severity} when you report" in page
        for citation in cites(kb, mc.sources):
            assert citation in page


def test_red_flags_page_lists_every_rule_most_urgent_first(kb: KnowledgeBase) -> None:
    page = flat(render_topic(kb, "red-flags"))
    for rule in kb.rules:
        assert flat(rule.reason) in page and flat(rule.action) in page, rule.id
    positions = [page.index(flat(r.reason)) for r in sorted(kb.rules, key=lambda r: -r.urgency.rank)]
    first_emergency = min(page.index(flat(r.reason)) for r in kb.rules if r.urgency.value == "emergency")
    assert positions[0] == first_emergency


def test_seed_corrections_show_claim_correction_and_sources(kb: KnowledgeBase) -> None:
    page = flat(render_topic(kb, "seed-corrections"))
    assert kb.seed_conflicts
    for sc in kb.seed_conflicts:
        assert flat(sc.claim) in page and flat(sc.correction) in page, sc.id
        assert f"{short_citation(kb.sources[sc.seed])} says" in page


def test_sources_page_lists_every_source_with_its_locator(kb: KnowledgeBase) -> None:
    page = flat(render_topic(kb, "sources"))
    for s in kb.sources.values():
        assert f"[{s.id}]" in page
        locator = s.doi or s.url or s.file
        if locator:
            assert locator in page, s.id


def test_condition_page_shows_likelihood_ratios_rules_and_disclaimer() -> None:
    kb = _synthetic_kb()
    page = flat(render_topic(kb, "conditions/cond_a"))
    more, less = page.split("Makes it more likely:")[1].split("Makes it less likely:")
    assert "Pain on walking (likelihood ratio 3.5; Smith 2011)" in more
    assert "age >= 65 (likelihood ratio 2.5, estimate; Smith 2011)" in more
    assert "Calm at rest" in less and "Calm at rest" not in more
    assert "Rule A [urgent]" in page
    assert "5.0% (our estimate)" in page
    assert "not a diagnosis" in page


def test_every_real_condition_page_names_its_suggesting_rules(kb: KnowledgeBase) -> None:
    for c in kb.conditions.values():
        page = flat(render_topic(kb, f"conditions/{c.id}"))
        assert flat(c.summary) in page
        for r in kb.rules:
            if c.id in r.suggests:
                assert r.label in page, (c.id, r.id)


def test_factor_page_shows_findings_and_prevention() -> None:
    kb = _synthetic_kb()
    page = flat(render_topic(kb, "factors/factor_a"))
    assert "Pain on walking" in page
    assert "Walk more [evidence: low]" in page and "Walk a little more each day." in page


def test_every_real_factor_page_shows_its_prevention(kb: KnowledgeBase) -> None:
    for f in kb.factors.values():
        page = flat(render_topic(kb, f"factors/{f.id}"))
        assert f.prevention, f"{f.id} has no prevention advice"
        for care_id in f.prevention:
            assert flat(kb.care[care_id].label) in page, (f.id, care_id)


@pytest.mark.parametrize(
    ("source_id", "expected"),
    [
        ("dahm_2010", "Dahm 2010"),
        ("menezes_costa_2012", "Menezes Costa 2012"),
        ("van_der_gaag_2020", "van der Gaag 2020"),
        ("deyo_weinstein_2001", "Deyo 2001"),
        ("nice_ng59", "NICE guideline NG59 (2016)"),
        ("seed_001", "Seed 001"),
        ("lumbar_estimate", "lumbar team estimate"),
    ],
)
def test_short_citation(kb: KnowledgeBase, source_id: str, expected: str) -> None:
    assert short_citation(kb.sources[source_id]) == expected


def test_short_citations_are_short(kb: KnowledgeBase) -> None:
    long = {s.id: short_citation(s) for s in kb.sources.values() if len(short_citation(s)) > 60}
    assert not long


# --- JSON -----------------------------------------------------------------------------------------------


def test_kb_as_dict_is_json_and_round_trips(kb: KnowledgeBase) -> None:
    data = kb_as_dict(kb)
    assert data["version"] == kb.version
    text = json.dumps(data)
    assert KnowledgeBase.model_validate(json.loads(text)) == kb
    assert set(data) >= {"sources", "findings", "rules", "conditions", "factors", "care", "seed_conflicts"}


def test_nested_caution_conditions_keep_their_brackets() -> None:
    kb = _synthetic_kb().model_copy(
        update={
            "medication_cautions": [
                MedicationCaution.model_validate(
                    {
                        "id": "nsaid_nested",
                        "medication_class": "nsaid",
                        "when": {"all": ["walk_pain", {"any": ["calm", {"value": "age", "gte": 65}]}]},
                        "severity": "caution",
                        "advice": "Nested advice.",
                        "sources": ["paper_x"],
                    }
                )
            ]
        }
    )
    page = flat(render_topic(kb, "medicines"))
    assert "caution when you report pain on walking and (Calm at rest or age >= 65)" in page
