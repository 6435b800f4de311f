"""The extraction scorer, tested with a fake reader so it stands apart from the real one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from lumbar.evaluation.extraction import (
    CorpusError,
    Miss,
    Snippet,
    format_report,
    load_corpus,
    score_extraction,
)
from lumbar.intake.model import Findings, Observation, Status, Values
from lumbar.intake.reading import Reading
from lumbar.knowledge.models import Finding, FindingKind, KnowledgeBase

P, A, U = Status.PRESENT, Status.ABSENT, Status.UNCERTAIN


def _finding(fid: str, red_flag: bool) -> Finding:
    return Finding(id=fid, label=fid, kind=FindingKind.SYMPTOM, question="?", red_flag=red_flag, sources=["s"])


KB = KnowledgeBase(
    version="test",
    sources={},
    findings={
        "saddle_numbness": _finding("saddle_numbness", True),
        "fever": _finding("fever", True),
        "sciatica": _finding("sciatica", False),
        "stiffness": _finding("stiffness", False),
    },
    rules=[],
    weak_flag_escalations=[],
    conditions={},
    factors={},
    care={},
    medication_cautions=[],
    seed_conflicts=[],
    questions=[],
)


def snippet(sid: str, findings: Mapping[str, Status], **values: int | float | str) -> Snippet:
    return Snippet(sid, f"text of {sid}", findings, values, "patient")


def reader(
    answers: Mapping[str, Mapping[str, Status]], values: Mapping[str, Values] | None = None
) -> Callable[[str], Reading]:
    """A fake read_fn: the findings it returns for each snippet, keyed by snippet id."""

    def read(text: str) -> Reading:
        sid = text.removeprefix("text of ")
        obs = [Observation(fid, status, origin="text") for fid, status in answers.get(sid, {}).items()]
        found = Findings.of(obs, (values or {}).get(sid))
        return Reading(text=text, findings=found, understood=bool(obs))

    return read


def test_a_perfect_reader_scores_one_everywhere() -> None:
    corpus = [
        snippet("E1", {"saddle_numbness": A, "sciatica": P}),
        snippet("E2", {"fever": U}),
        snippet("E3", {}),
    ]
    report = score_extraction(corpus, reader({s.id: s.findings for s in corpus}), kb=KB)
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    assert report.red_flag_recall == 1.0
    assert report.red_flag_expected == 1  # the uncertain fever is not a present/absent red flag
    assert report.misses == () and report.wrong_status == ()
    assert report.snippets == 3


def test_wrong_status_counts_as_a_false_positive_and_a_false_negative() -> None:
    corpus = [snippet("E1", {"saddle_numbness": A, "sciatica": P})]
    report = score_extraction(corpus, reader({"E1": {"saddle_numbness": P, "sciatica": P}}), kb=KB)
    scores = {s.finding: s for s in report.per_finding}
    sn = scores["saddle_numbness"]
    assert (sn.tp, sn.fp, sn.fn) == (0, 1, 1)
    assert (sn.precision, sn.recall, sn.f1) == (0.0, 0.0, 0.0)
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 1, 1)
    assert report.precision == pytest.approx(0.5) and report.recall == pytest.approx(0.5)
    assert report.wrong_status == (Miss("E1", "saddle_numbness", A, P),)
    assert report.red_flag_recall == 0.0


def test_wrong_status_is_only_present_against_absent_on_red_flags() -> None:
    corpus = [
        snippet("E1", {"fever": P}),  # read as absent: wrong status
        snippet("E2", {"fever": U}),  # read as present: an error, but not present-vs-absent
        snippet("E3", {"saddle_numbness": P}),  # missed: an error, but not a wrong status
        snippet("E4", {"sciatica": P}),  # read as absent: not a red flag
        snippet("E5", {"fever": A}),  # read as uncertain: not a wrong status
    ]
    read = reader({"E1": {"fever": A}, "E2": {"fever": P}, "E4": {"sciatica": A}, "E5": {"fever": U}})
    report = score_extraction(corpus, read, kb=KB)
    assert [(m.snippet, m.finding) for m in report.wrong_status] == [("E1", "fever")]
    assert len(report.misses) == 5
    # present/absent red-flag annotations: E1 fever, E3 saddle_numbness, E5 fever; none right
    assert (report.red_flag_correct, report.red_flag_expected) == (0, 3)


def test_unannotated_predictions_are_false_positives_and_missing_ones_false_negatives() -> None:
    corpus = [snippet("E1", {"sciatica": P}), snippet("E2", {})]
    read = reader({"E1": {"sciatica": P, "stiffness": P}, "E2": {"fever": A}})
    report = score_extraction(corpus, read, kb=KB)
    scores = {s.finding: s for s in report.per_finding}
    assert (scores["stiffness"].tp, scores["stiffness"].fp, scores["stiffness"].fn) == (0, 1, 0)
    assert scores["stiffness"].recall is None  # never expected: recall undefined, not 0 or 1
    assert scores["fever"].fp == 1
    assert report.wrong_status == ()  # an unannotated red flag is an error, but not a wrong status
    assert report.precision == pytest.approx(1 / 3) and report.recall == 1.0

    missed = score_extraction(corpus, reader({}), kb=KB)
    assert missed.recall == 0.0 and missed.precision is None
    assert missed.misses == (Miss("E1", "sciatica", P, None),)


def test_red_flag_recall_mixes_hits_and_misses() -> None:
    corpus = [
        snippet("E1", {"saddle_numbness": P}),
        snippet("E2", {"saddle_numbness": A}),
        snippet("E3", {"fever": P}),
        snippet("E4", {"fever": A, "sciatica": P}),
    ]
    read = reader({"E1": {"saddle_numbness": P}, "E2": {"saddle_numbness": A}, "E3": {"fever": P}})
    report = score_extraction(corpus, read, kb=KB)
    assert report.red_flag_recall == pytest.approx(3 / 4)
    assert report.wrong_status == ()


def test_value_accuracy_per_kind() -> None:
    corpus = [
        snippet("E1", {}, pain_score=7, side="left"),
        snippet("E2", {}, temperature_c=38.3, duration_days=21),
        snippet("E3", {}, age=38, sex="female"),
    ]
    values = {
        "E1": Values(pain_score=7, side="right", course="worse"),
        "E2": Values(temperature_c=38.33, duration_days=21.0),
        "E3": Values(age=83),
    }
    report = score_extraction(corpus, reader({}, values), kb=KB)
    scores = {v.value: v for v in report.values}
    assert (scores["pain_score"].correct, scores["pain_score"].expected) == (1, 1)
    assert scores["side"].accuracy == 0.0
    assert scores["temperature_c"].accuracy == 1.0  # read to more decimals than annotated
    assert scores["duration_days"].accuracy == 1.0
    assert scores["age"].accuracy == 0.0 and scores["sex"].accuracy == 0.0
    assert scores["course"].spurious == 1 and scores["course"].accuracy is None
    assert {(m.snippet, m.value) for m in report.value_misses} == {
        ("E1", "side"),
        ("E1", "course"),
        ("E3", "age"),
        ("E3", "sex"),
    }


def test_format_report_shows_the_table_the_figures_and_the_misses() -> None:
    corpus = [snippet("E7", {"saddle_numbness": P, "sciatica": P}, pain_score=6)]
    report = score_extraction(corpus, reader({"E7": {"saddle_numbness": A, "sciatica": P}}), kb=KB)
    text = format_report(report)
    assert "saddle_numbness" in text and "sciatica" in text
    assert "red-flag wrong-status errors: 1" in text
    assert "E7  saddle_numbness: expected present, got absent" in text
    assert "E7  pain_score: expected 6, got None" in text
    assert "F1 0.50" in text


# --- loading ------------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_load_corpus_reads_snippets_and_values(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
- id: E0001
  text: "pain 7/10 down my left leg, no fever"
  findings: {sciatica: present, fever: absent}
  values: {pain_score: 7, side: left}
  style: patient
- id: E0002
  text: "off topic"
  findings: {}
  style: clinical
""",
    )
    corpus = load_corpus([path], kb=KB)
    assert [s.id for s in corpus] == ["E0001", "E0002"]
    assert corpus[0].findings == {"sciatica": P, "fever": A}
    assert corpus[0].values == {"pain_score": 7, "side": "left"}
    assert corpus[1].values == {} and corpus[1].style == "clinical"
    assert corpus[0].file == "a.yaml"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('- {id: E9, text: "x", findings: {sadle_numbness: present}, style: patient}', "sadle_numbness"),
        ('- {id: E9, text: "x", findings: {fever: yes}, style: patient}', "unknown status"),
        ('- {id: E9, text: "x", findings: {fever: maybe}, style: patient}', "unknown status"),
        ('- {id: E9, text: "x", findings: {}, style: doctor}', "style"),
        ('- {id: E9, text: "x", findings: {}, values: {pain_score: 11}, style: patient}', "pain score"),
        ('- {id: E9, text: "x", findings: {}, values: {side: up}, style: patient}', "side"),
        ('- {id: E9, text: "x", findings: {}, values: {mood: 3}, style: patient}', "mood"),
        ('- {id: E9, text: "x", findings: {}, values: {age: "40"}, style: patient}', "age"),
        ('- {id: E9, text: "x", finding: {}, style: patient}', "finding"),
        (
            '- {id: E9, text: "x", findings: {}, style: patient}\n- {id: E9, text: "y", findings: {}, style: patient}',
            "duplicate",
        ),
    ],
)
def test_load_corpus_names_the_file_and_snippet_of_a_bad_entry(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, "bad.yaml", body)
    with pytest.raises(CorpusError, match=message) as info:
        load_corpus([path], kb=KB)
    assert "bad.yaml" in str(info.value) and "E9" in str(info.value)


def test_load_corpus_rejects_a_duplicate_id_across_files(tmp_path: Path) -> None:
    one = write(tmp_path, "one.yaml", '- {id: E1, text: "x", findings: {}, style: patient}')
    two = write(tmp_path, "two.yaml", '- {id: E1, text: "y", findings: {}, style: patient}')
    with pytest.raises(CorpusError, match=r"two\.yaml: E1: duplicate id \(also in one\.yaml\)"):
        load_corpus([one, two], kb=KB)


def test_load_corpus_rejects_a_file_that_is_not_a_list(tmp_path: Path) -> None:
    path = write(tmp_path, "map.yaml", "id: E1\n")
    with pytest.raises(CorpusError, match=r"map\.yaml: expected a list"):
        load_corpus([path], kb=KB)
