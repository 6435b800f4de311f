"""The doctor's report model (pure): sections, period, the red-flag screen read honestly from what the diary
keeps, urgency over time, safety facts, own words. The generated diary is bench/report.py's `demo_diary`."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from lumbar.diary.model import AssessmentRecord, Entry, Episode, Treatment
from lumbar.intake.model import Profile
from lumbar.knowledge import KnowledgeBase
from lumbar.knowledge.models import Urgency
from lumbar.report.doctor import (
    MAX_NOTE_CHARS,
    MAX_OWN_WORDS,
    SECTIONS,
    ReportError,
    ReportModel,
    Screen,
    build_report,
    parse_sections,
)

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)


def bench_report() -> ModuleType:
    """bench/report.py, which holds the generated demo diary (shared with the bench and the docs)."""
    name = "lumbar_bench_report"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "report.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def demo_model(kb: KnowledgeBase, days: int = 120, **kwargs: object) -> ReportModel:
    demo = bench_report().demo_diary(days)
    return build_report(
        episodes=demo.episodes, entries=demo.entries, profile=demo.profile, now=demo.now, kb=kb, **kwargs
    )


def one_episode(assessments: tuple[AssessmentRecord, ...] = ()) -> Episode:
    return Episode("ep", T0, trigger="lifting a sofa", assessments=assessments)


def entry(i: int, **fields: object) -> Entry:
    return Entry(f"e{i:03d}", "ep", T0 + timedelta(hours=6 * i), **fields)  # type: ignore[arg-type]


def answer(model: ReportModel, finding_label: str) -> tuple[str, datetime | None]:
    row = next(r for r in model.screen if r.label == finding_label)
    return row.answer, row.at


# --- sections ---------------------------------------------------------------------------------------


def test_sections_parse_in_report_order_whatever_the_order_asked() -> None:
    assert parse_sections(None) == SECTIONS
    assert parse_sections("charts, Summary,own-words") == ("summary", "own_words", "charts")


@pytest.mark.parametrize("raw", ["summary,bogus", "", " , ", "red flags"])
def test_an_unknown_or_empty_section_list_names_the_valid_ones(raw: str) -> None:
    with pytest.raises(ReportError) as err:
        parse_sections(raw)
    for section in SECTIONS:
        assert section in str(err.value)


def test_the_model_keeps_only_the_sections_asked(kb: KnowledgeBase) -> None:
    model = demo_model(kb, sections=("severity", "safety"))
    assert [s for s, _title in model.titles] == ["severity", "safety"]


# --- empty and period ---------------------------------------------------------------------------------


def test_an_empty_diary_is_a_report_that_says_so(kb: KnowledgeBase, now: datetime) -> None:
    model = build_report(episodes=[], entries=[], profile=None, now=now, kb=kb)
    assert model.empty
    assert model.latest_pain is None and not model.raised and not model.own_words
    assert all(row.answer == "not asked" for row in model.screen)


def test_the_period_and_the_clock_bound_what_is_reported(kb: KnowledgeBase) -> None:
    demo = bench_report().demo_diary(200)
    start, end = date(2026, 1, 1), date(2026, 2, 28)
    model = build_report(
        episodes=demo.episodes,
        entries=demo.entries,
        profile=demo.profile,
        now=demo.now,
        kb=kb,
        start=start,
        end=end,
    )
    assert model.entries
    assert all(start <= e.at.date() <= end for e in model.entries)
    inside = [e for e in demo.entries if start <= e.at.date() <= end]
    assert len(model.entries) == len(inside)
    early = build_report(episodes=demo.episodes, entries=demo.entries, profile=None, now=T0, kb=kb)
    assert all(e.at <= T0 for e in early.entries)


def test_a_period_that_ends_before_it_starts_is_refused(kb: KnowledgeBase, now: datetime) -> None:
    with pytest.raises(ReportError):
        build_report(
            episodes=[],
            entries=[],
            profile=None,
            now=now,
            kb=kb,
            start=date(2026, 2, 1),
            end=date(2026, 1, 1),
        )


def test_one_episode_only(kb: KnowledgeBase) -> None:
    demo = bench_report().demo_diary(200)
    chosen = demo.episodes[1].id
    model = build_report(
        episodes=demo.episodes, entries=demo.entries, profile=None, now=demo.now, kb=kb, episode_id=chosen
    )
    assert [e.id for e in model.episodes] == [chosen]
    assert model.entries and {e.episode_id for e in model.entries} == {chosen}


# --- the red-flag screen -----------------------------------------------------------------------------


def test_a_flag_that_needs_one_finding_answers_yes_with_its_date(kb: KnowledgeBase) -> None:
    flagged = entry(3, pain=7, notes="woke at night", urgency=Urgency.ROUTINE, red_flags=("rf_night_pain",))
    model = build_report(
        episodes=[one_episode()],
        entries=[entry(1, pain=5), flagged],
        profile=None,
        now=T0 + timedelta(days=2),
        kb=kb,
    )
    label = kb.findings["night_pain"].label
    assert answer(model, label) == ("yes", flagged.at)
    assert [f.id for f in model.raised] == ["rf_night_pain"]


def test_a_flag_any_of_several_findings_could_set_is_not_a_yes_to_each(kb: KnowledgeBase) -> None:
    check = AssessmentRecord(T0 + timedelta(hours=1), Urgency.EMERGENCY, ("rf_cauda_equina",), "test")
    model = build_report(episodes=[one_episode((check,))], entries=[], profile=None, now=T0 + timedelta(days=1), kb=kb)
    rule = next(r for r in kb.rules if r.id == "rf_cauda_equina")
    assert model.raised[0].urgency is rule.urgency
    answers = {r.label: r.answer for r in model.screen}
    assert answers[kb.findings["bladder_dysfunction"].label] == "one of a flag"
    assert "yes" not in {answers[kb.findings[f].label] for f in ("bladder_dysfunction", "saddle_numbness")}


def test_silence_is_not_asked_and_a_recorded_no_is_no(kb: KnowledgeBase) -> None:
    label = kb.findings["fever"].label
    quiet = build_report(
        episodes=[one_episode()], entries=[entry(1, pain=4)], profile=None, now=T0 + timedelta(days=1), kb=kb
    )
    assert answer(quiet, label) == ("not asked", None)
    said_no = Screen(T0 + timedelta(hours=2), "check", absent=frozenset({"fever"}))
    model = build_report(
        episodes=[one_episode()],
        entries=[],
        profile=None,
        now=T0 + timedelta(days=1),
        kb=kb,
        screens=[said_no],
    )
    assert answer(model, label) == ("no", said_no.at)


def test_a_saved_checks_answers_show_yes_no_and_not_sure_with_their_dates(kb: KnowledgeBase) -> None:
    at = T0 + timedelta(hours=3)
    answers = (("bladder_dysfunction", "absent"), ("fever", "uncertain"), ("night_pain", "present"))
    check = AssessmentRecord(at, Urgency.ROUTINE, ("rf_night_pain",), "test", answers=answers)
    model = build_report(episodes=[one_episode((check,))], entries=[], profile=None, now=T0 + timedelta(days=1), kb=kb)
    assert answer(model, kb.findings["bladder_dysfunction"].label) == ("no", at)
    assert answer(model, kb.findings["fever"].label) == ("not sure", at)
    assert answer(model, kb.findings["night_pain"].label) == ("yes", at)
    assert answer(model, kb.findings["saddle_numbness"].label) == ("not asked", None)  # unanswered stays so


def test_an_answer_settles_what_a_flag_left_open_and_a_needed_finding_stays_yes(kb: KnowledgeBase) -> None:
    """rf_cauda_equina fires on any of several findings: the ones answered "no" show "no", the rest stay
    "one of a flag"; a finding a fired flag cannot do without stays "yes" whatever the answer."""
    answers = (("bladder_dysfunction", "present"), ("saddle_numbness", "absent"), ("night_pain", "absent"))
    check = AssessmentRecord(T0, Urgency.EMERGENCY, ("rf_cauda_equina", "rf_night_pain"), "t", answers=answers)
    model = build_report(episodes=[one_episode((check,))], entries=[], profile=None, now=T0 + timedelta(days=1), kb=kb)
    said = {r.label: r.answer for r in model.screen}
    assert said[kb.findings["bladder_dysfunction"].label] == "yes"
    assert said[kb.findings["saddle_numbness"].label] == "no"
    assert said[kb.findings["bowel_dysfunction"].label] == "one of a flag"
    assert said[kb.findings["night_pain"].label] == "yes"


def test_a_later_no_does_not_hide_an_earlier_yes(kb: KnowledgeBase) -> None:
    first = AssessmentRecord(T0, Urgency.URGENT, (), "t", answers=(("fever", "present"),))
    later = AssessmentRecord(T0 + timedelta(days=1), Urgency.SELF_CARE, (), "t", answers=(("fever", "absent"),))
    model = build_report(
        episodes=[one_episode((first, later))], entries=[], profile=None, now=T0 + timedelta(days=2), kb=kb
    )
    assert answer(model, kb.findings["fever"].label) == ("yes", T0)
    only_later = build_report(
        episodes=[one_episode((later,))], entries=[], profile=None, now=T0 + timedelta(days=2), kb=kb
    )
    assert answer(only_later, kb.findings["fever"].label) == ("no", later.at)


def test_a_standing_fact_in_the_profile_answers_its_question(kb: KnowledgeBase, now: datetime) -> None:
    model = build_report(episodes=[], entries=[], profile=Profile(facts=frozenset({"cancer_history"})), now=now, kb=kb)
    assert answer(model, kb.findings["cancer_history"].label)[0] == "yes"
    assert next(r for r in model.screen if r.answer == "yes").source == "profile"


def test_a_rule_the_knowledge_base_no_longer_has_is_still_listed(kb: KnowledgeBase) -> None:
    old = entry(1, pain=6, notes="x", urgency=Urgency.URGENT, red_flags=("rf_retired_rule",))
    model = build_report(episodes=[one_episode()], entries=[old], profile=None, now=T0 + timedelta(days=1), kb=kb)
    assert [(f.id, f.urgency) for f in model.raised] == [("rf_retired_rule", None)]


# --- urgency, safety, own words ----------------------------------------------------------------------


def test_urgency_over_time_merges_runs_of_the_same_level(kb: KnowledgeBase) -> None:
    levels = [Urgency.SELF_CARE, Urgency.SELF_CARE, Urgency.ROUTINE, Urgency.SELF_CARE]
    entries = [entry(i, pain=5, notes="n", urgency=u) for i, u in enumerate(levels)]
    model = build_report(episodes=[one_episode()], entries=entries, profile=None, now=T0 + timedelta(days=3), kb=kb)
    assert [(r.level, r.records) for r in model.urgency_runs] == [
        (Urgency.SELF_CARE, 2),
        (Urgency.ROUTINE, 1),
        (Urgency.SELF_CARE, 1),
    ]
    assert dict(model.urgency_counts) == {Urgency.SELF_CARE: 3, Urgency.ROUTINE: 1}


def test_a_caution_applies_from_the_profile_and_counts_the_medicine_taken(kb: KnowledgeBase) -> None:
    entries = [entry(i, pain=5, tried=frozenset({Treatment.NSAID})) for i in range(3)]
    profile = Profile(age=60, facts=frozenset({"stomach_ulcer"}))
    model = build_report(episodes=[one_episode()], entries=entries, profile=profile, now=T0 + timedelta(days=2), kb=kb)
    nsaid = [c for c in model.cautions if c.medication_class == "nsaid"]
    assert nsaid and all(c.logged == 3 and c.sources for c in nsaid)
    assert [m.treatment for m in model.medicines] == [Treatment.NSAID]
    assert ("stomach_ulcer", kb.findings["stomach_ulcer"].label) in model.facts
    cited = {s for s, _ in model.sources}
    assert {s for c in nsaid for s in c.sources} <= cited


def test_no_profile_no_cautions(kb: KnowledgeBase) -> None:
    entries = [entry(1, pain=5, tried=frozenset({Treatment.NSAID}))]
    model = build_report(episodes=[one_episode()], entries=entries, profile=None, now=T0 + timedelta(days=1), kb=kb)
    assert model.cautions == () and model.facts == ()


def test_own_words_are_the_most_recent_first_bounded_and_cut(kb: KnowledgeBase) -> None:
    long = "word " * 100
    entries = [entry(i, notes=f"note {i}" if i < 11 else long) for i in range(12)]
    model = build_report(episodes=[one_episode()], entries=entries, profile=None, now=T0 + timedelta(days=4), kb=kb)
    assert len(model.own_words) == MAX_OWN_WORDS and model.notes_total == 12
    assert model.own_words[0].truncated and len(model.own_words[0].text) <= MAX_NOTE_CHARS
    assert [w.text for w in model.own_words[1:3]] == ["note 10", "note 9"]


def test_every_cited_source_resolves_and_the_seed_that_asks_is_cited(kb: KnowledgeBase) -> None:
    model = demo_model(kb)
    ids = [s for s, _ in model.sources]
    assert "seed_001" in ids
    assert all(s in kb.sources for s in ids) and len(ids) == len(set(ids))
