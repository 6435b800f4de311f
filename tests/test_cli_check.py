"""`lumbar check` from the outside: the JSON contract, answers, batch, and every kind of bad input.

Bad input always gets a clear message naming the problem, never a traceback; in a batch, an error
object for that line and the rest processed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lumbar.cli import main

CONTRACT = {"urgency", "red_flags", "conditions", "factors", "plan", "safety_net", "unanswered", "knowledge_version"}


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "lumbar", *args], input=stdin, capture_output=True, timeout=120, check=False
    )


def test_json_contract_from_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"bladder_dysfunction": True, "age": 51}), encoding="utf-8")
    assert main(["check", "--answers", str(answers), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert CONTRACT <= out.keys()
    assert out["urgency"] == "emergency"
    flag = next(f for f in out["red_flags"] if f["id"] == "rf_cauda_equina")
    assert flag["evidence"] and flag["sources"]
    assert all(0 <= c["probability"] <= 1 for c in out["conditions"])


def test_answers_with_unknown_ids_and_wrong_types_name_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"nonsense": True, "fever": "maybe", "age": "old", "pain_score": 11}))
    assert main(["check", "--answers", str(answers)]) == 2
    err = capsys.readouterr().err
    for word in ("nonsense", "fever", "age", "pain_score"):
        assert word in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"{not json", "not valid JSON"), (b"\xff\xfe\x00bad", "not UTF-8"), (b"[1, 2]", "JSON object")],
)
def test_unusable_answers_files(
    tmp_path: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.json"
    answers.write_bytes(content)
    assert main(["check", "--answers", str(answers)]) == 2
    assert message in capsys.readouterr().err


def test_missing_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--answers", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_bad_age_is_a_clear_usage_error() -> None:
    result = run_cli("check", "--text", "back pain", "--age", "two hundred")
    assert result.returncode == 2
    assert b"age must be a whole number" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "text", ["", "   ", "\U0001f600\U0001f62d", "\x00\x01\x02", "Me duele mucho la espalda desde ayer"]
)
def test_text_not_understood_says_so_and_gives_the_questions(text: str) -> None:
    result = run_cli("check", "--text", "-", "--json", stdin=text.encode())  # stdin: argv cannot carry NUL
    assert result.returncode == 1
    out = json.loads(result.stdout)
    assert out["understood"] is False and out["urgency"] is None
    assert out["error"] and any(q["id"] == "bladder_dysfunction" for q in out["questions"])
    assert b"Traceback" not in result.stderr


def test_a_one_megabyte_text_is_bounded_and_answered() -> None:
    text = ("My lower back went into spasm lifting a box. " * 25_000)[:1_000_000]
    result = run_cli("check", "--text", "-", "--json", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["urgency"] in {"self_care", "routine", "urgent", "emergency"}
    assert out["problems"], "the person is told only part of the text was read"


def test_batch_processes_good_lines_and_reports_bad_ones() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Pulled my back lifting, 5/10, no numbness, peeing normally.", "age": 40}),
        "{this is not json",
        b"\xff\xfe not utf-8".decode("latin-1"),  # placeholder, replaced by raw bytes below
        json.dumps({"id": "d", "text": 42}),
        json.dumps({"id": "e", "text": "I can't feel myself pee and my back is agony", "sex": "female"}),
        json.dumps({"id": "f", "text": "back pain", "age": "forty"}),
        "",
        json.dumps(["not", "an", "object"]),
    ]
    raw = "\n".join(lines).encode("utf-8").replace(b"\xc3\xbf\xc3\xbe", b"\xff\xfe") + b"\n"
    result = run_cli("check", "--batch", "-", stdin=raw)
    assert result.returncode == 0
    outs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(outs) == 7  # the blank line gives nothing
    by_line = {o.get("line"): o for o in outs if "error" in o}
    assert "invalid JSON" in by_line[2]["error"]
    assert "UTF-8" in by_line[3]["error"]
    assert '"text" must be a string' in by_line[4]["error"]
    assert '"age"' in by_line[6]["error"]
    assert "JSON object" in by_line[8]["error"]
    good = {o["id"]: o for o in outs if "urgency" in o}
    assert CONTRACT <= good["a"].keys()
    assert good["e"]["urgency"] == "emergency"
    assert b"Traceback" not in result.stderr


def test_batch_file_not_found(tmp_path: Path) -> None:
    result = run_cli("check", "--batch", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2
    assert b"not found" in result.stderr


def test_questionnaire_json_lists_red_flag_screen_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["questions"][0]["section"] == "red_flag_screen"
    assert len({q["id"] for q in data["questions"]}) == len(data["questions"])


def test_learn_unknown_topic_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["learn", "no-such-topic"]) == 2
    assert "no-such-topic" in capsys.readouterr().err


FALL = "Slipped on ice and landed on my bottom, now my lower back hurts when I sit"


def _diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LUMBAR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LUMBAR_DATABASE_URL", raising=False)
    return tmp_path


def test_check_uses_the_stored_profile_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _diary(tmp_path, monkeypatch)
    assert main(["check", "--text", FALL, "--json"]) == 0
    alone = capsys.readouterr()
    assert json.loads(alone.out)["urgency"] == "self_care"
    assert "profile" not in alone.err
    assert not list(tmp_path.iterdir())  # no diary: none is created by a check

    assert main(["profile", "--age", "80", "--fact", "osteoporosis"]) == 0
    capsys.readouterr()
    assert main(["check", "--text", FALL, "--json"]) == 0
    told = capsys.readouterr()
    out = json.loads(told.out)  # stdout is still only the JSON contract
    assert out["urgency"] == "urgent"
    assert "rf_fragility_fracture" in {f["id"] for f in out["red_flags"]}
    assert "using your profile: age 80, osteoporosis" in told.err

    assert main(["check", "--text", FALL, "--json", "--no-profile"]) == 0
    assert json.loads(capsys.readouterr().out)["urgency"] == "self_care"
    # The person's own --age wins over the profile's.
    assert main(["check", "--text", FALL, "--json", "--age", "30"]) == 0
    assert "rf_age_over_50" not in {f["id"] for f in json.loads(capsys.readouterr().out)["red_flags"]}


def test_a_batch_never_reads_the_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _diary(tmp_path, monkeypatch)
    assert main(["profile", "--age", "80", "--fact", "osteoporosis"]) == 0
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": "a", "text": FALL}) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--batch", str(lines)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["urgency"] == "self_care"
    assert "profile" not in captured.err


def test_an_unreadable_diary_does_not_stop_a_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LUMBAR_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert main(["check", "--text", "numb between my legs and I can't pee", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["urgency"] == "emergency"
    assert "your profile was not used: the diary could not be read" in captured.err
    assert "Traceback" not in captured.err


def test_evaluate_names_a_bad_corpus_file_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "bad.yaml"
    corpus.write_text('- id: X1\n  text: "back pain"\n  findings: {no_such_finding: present}\n  style: patient\n')
    assert main(["evaluate", "--extraction", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml: X1: unknown finding id 'no_such_finding'" in err
