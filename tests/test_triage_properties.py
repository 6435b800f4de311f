"""Safety invariants of triage, as Hypothesis properties (STYLE.md habit 9)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from lumbar.intake.model import Findings, Observation, Profile, Status, Values
from lumbar.knowledge import default_kb
from lumbar.triage import assess

KB = default_kb()
NOW = datetime(2026, 11, 21, tzinfo=UTC)
FINDING_IDS = sorted(KB.findings)
RED_FLAG_IDS = sorted(f for f, spec in KB.findings.items() if spec.red_flag)

values = st.builds(
    Values,
    age=st.none() | st.integers(0, 120),
    sex=st.none() | st.sampled_from(["female", "male"]),
    pain_score=st.none() | st.integers(0, 10),
    temperature_c=st.none() | st.floats(30.0, 45.0),
    duration_days=st.none() | st.floats(0, 5000),
    pregnancy_weeks=st.none() | st.integers(0, 45),
)
findings = st.builds(
    lambda obs, vals: Findings.of([Observation(f, s) for f, s in obs.items()], vals),
    st.dictionaries(st.sampled_from(FINDING_IDS), st.sampled_from(list(Status)), max_size=25),
    values,
)
profiles = st.none() | st.builds(
    Profile,
    age=st.none() | st.integers(0, 120),
    facts=st.frozensets(
        st.sampled_from(
            [
                "osteoporosis",
                "steroid_use",
                "cancer_history",
                "anticoagulant_use",
                "kidney_disease",
                "stomach_ulcer",
                "pregnancy",
                "diabetes",
            ]
        )
    ),
)


@settings(max_examples=200, deadline=None)
@given(findings, st.sampled_from(RED_FLAG_IDS), profiles)
def test_adding_a_red_flag_never_lowers_urgency(base: Findings, flag: str, profile: Profile | None) -> None:
    before = assess(base, profile=profile, now=NOW, kb=KB).urgency
    after = assess(base.with_observation(Observation(flag, Status.PRESENT)), profile=profile, now=NOW, kb=KB).urgency
    assert after.rank >= before.rank


@settings(max_examples=200, deadline=None)
@given(findings, st.sampled_from(RED_FLAG_IDS))
def test_removing_a_red_flag_never_raises_urgency(base: Findings, flag: str) -> None:
    before = assess(base, now=NOW, kb=KB).urgency
    for replacement in (None, Status.ABSENT, Status.UNCERTAIN):
        changed = base.without(flag) if replacement is None else base.with_observation(Observation(flag, replacement))
        assert assess(changed, now=NOW, kb=KB).urgency.rank <= before.rank


@settings(max_examples=200, deadline=None)
@given(findings, profiles)
def test_assess_returns_and_probabilities_are_sane(f: Findings, profile: Profile | None) -> None:
    a = assess(f, profile=profile, now=NOW, kb=KB)
    probabilities = [c.probability for c in a.conditions]
    assert all(math.isfinite(p) and 0.0 <= p <= 1.0 for p in probabilities)
    assert sum(probabilities) <= 1.0 + 1e-9
    # Flagged conditions first: those of the most urgent flag first, then the most likely among equals.
    level = {r.id: r.urgency.rank for r in a.red_flags}
    flagged = [(max(level[r] for r in c.flagged_by), c.probability) for c in a.conditions if c.flagged_by]
    rest = [c.probability for c in a.conditions if not c.flagged_by]
    assert [c.flagged_by != () for c in a.conditions] == sorted(
        (c.flagged_by != () for c in a.conditions), reverse=True
    )
    assert flagged == sorted(flagged, reverse=True) and rest == sorted(rest, reverse=True)
    assert a.knowledge_version == KB.version
    # Every fired non-weak rule at the final level is named as a reason.
    assert a.urgency_reasons or a.urgency.value == "self_care"


@settings(max_examples=100, deadline=None)
@given(findings)
def test_unanswered_never_lists_a_settled_question(f: Findings) -> None:
    a = assess(f, now=NOW, kb=KB)
    for q in a.unanswered:
        assert f.status(q.finding) in (None, Status.UNCERTAIN)
