"""`lumbar report` end to end on a SQLite diary in a tmp dir: PDF and HTML, sections, an empty diary, and
bad input (unknown section, unsupported suffix, unwritable path) failing with one line, exit 2, no file."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from lumbar.cli import main as lumbar
from lumbar.cli._store import open_diary
from lumbar.cli.report import SECTION_NAMES
from lumbar.knowledge import KnowledgeBase
from lumbar.report.doctor import SECTION_TITLES, SECTIONS
from lumbar.store.repository import DiaryRepository
from test_report import bench_report

NOTE_WORDS = "Woke at 3am with the pain"  # a note in the demo diary: it belongs in the report, never in a log


@pytest.fixture
def empty_diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LUMBAR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LUMBAR_DATABASE_URL", raising=False)
    return tmp_path


@pytest.fixture
def diary(empty_diary: Path) -> Path:
    demo = bench_report().demo_diary(120)
    db = open_diary()
    try:
        with db.transaction() as session:
            repo = DiaryRepository(session)
            repo.save_profile(demo.profile)
            for episode in sorted(demo.episodes, key=lambda e: e.ended_at is None):
                repo.save_episode(episode)
            for entry in demo.entries:
                repo.save_entry(entry)
    finally:
        db.dispose()
    return empty_diary


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "data")


def test_html_report_of_the_diary(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = diary / "report.html"
    assert lumbar(["report", "--out", str(out), "--include", "summary,own_words"]) == 0
    html = out.read_text(encoding="utf-8")
    assert SECTION_TITLES["summary"] in html and "own words" in html
    assert SECTION_TITLES["severity"] not in html
    assert NOTE_WORDS in html
    assert _leftovers(diary) == ["report.html"]
    captured = capsys.readouterr()
    assert "Report written to" in captured.err and NOTE_WORDS not in captured.err + captured.out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_pdf_report_for_one_episode_and_a_period(diary: Path) -> None:
    out = diary / "report.pdf"
    code = lumbar(["report", "--out", str(out), "--from", "2025-11-01", "--to", "2025-12-31", "--episode", "ep000"])
    assert code == 0
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert all(title in text for title in SECTION_TITLES.values())
    assert "entries, 1 episode." in " ".join(text.split())  # pdftotext breaks lines


def test_an_empty_diary_gives_a_report_that_says_so(empty_diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = empty_diary / "empty.html"
    assert lumbar(["report", "--out", str(out)]) == 0
    assert "nothing to report yet" in out.read_text(encoding="utf-8")
    assert "nothing for this period" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--include", "summary,bogus"], "unknown section 'bogus'; choose from: summary"),
        (["--from", "2026-13-01"], "--from must be a date"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "is after --to"),
        (["--episode", "nope"], "no episode with id 'nope'"),
    ],
)
def test_bad_input_fails_with_one_line_and_writes_nothing(
    diary: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    capsys.readouterr()
    assert lumbar(["report", "--out", str(diary / "r.pdf"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("lumbar report: ")
    assert _leftovers(diary) == []


@pytest.mark.parametrize("name", ["r.docx", "r", "missing-folder/r.pdf", "a-file/r.pdf", "."])
def test_an_unsupported_or_unwritable_output_fails_clearly(
    empty_diary: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (empty_diary / "a-file").write_text("not a folder", encoding="utf-8")
    capsys.readouterr()
    assert lumbar(["report", "--out", str(empty_diary / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lumbar report: ") and err.count("\n") == 1
    assert _leftovers(empty_diary) == ["a-file"]


def test_a_failed_write_leaves_no_partial_file(
    diary: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import lumbar.store.backup as backup

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup.os, "fsync", broken_fsync)
    out = diary / "report.html"
    assert lumbar(["report", "--out", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _leftovers(diary) == []


def test_an_existing_report_survives_a_failed_rewrite(diary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lumbar.store.backup as backup

    out = diary / "report.html"
    out.write_text("the earlier report", encoding="utf-8")
    monkeypatch.setattr(backup.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    assert lumbar(["report", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "the earlier report"
    assert _leftovers(diary) == ["report.html"]


def test_symptom_text_never_reaches_the_logs(diary: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        assert lumbar(["report", "--out", str(diary / "r.html")]) == 0
    assert NOTE_WORDS in (diary / "r.html").read_text(encoding="utf-8")
    assert NOTE_WORDS not in caplog.text


def test_the_help_names_every_section() -> None:
    assert SECTION_NAMES == ", ".join(SECTIONS)


SAID_NO = ("bladder_dysfunction", "chest_pain", "fever")


def _days_around_now() -> set[str]:
    """How the report writes today's date (local time), before and after: the check is saved just now."""
    return {f"{t.day} {t:%b %Y}" for t in (datetime.now().astimezone(), datetime.now().astimezone())}


def _check_saved_with_answers(folder: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    answers = folder / "answers.json"
    given: dict[str, object] = dict.fromkeys(SAID_NO, False) | {"leg_weakness": None, "age": 40}
    answers.write_text(json.dumps(given), encoding="utf-8")
    days = _days_around_now()
    assert lumbar(["check", "--answers", str(answers), "--save"]) == 0
    capsys.readouterr()
    return days | _days_around_now()


def test_a_saved_checks_no_answers_show_as_no_in_the_html(
    empty_diary: Path, capsys: pytest.CaptureFixture[str], kb: KnowledgeBase
) -> None:
    days = _check_saved_with_answers(empty_diary, capsys)
    out = empty_diary / "report.html"
    assert lumbar(["report", "--out", str(out), "--include", "red_flags"]) == 0
    html = out.read_text(encoding="utf-8")
    found = re.findall(r'<tr><td>([^<]+)</td><td class="answer answer-[a-z-]+">([a-z ]+)</td>\s*<td>([^<]*)</td>', html)
    rows = {label.replace("&#39;", "'"): (said, when) for label, said, when in found}
    for finding in SAID_NO:
        said, when = rows[kb.findings[finding].label]
        assert said == "no" and when in {f"{day} (check)" for day in days}, (finding, said, when)
    assert rows[kb.findings["leg_weakness"].label][0] == "not sure"
    assert rows[kb.findings["saddle_numbness"].label] == ("not asked", "")  # never asked: not a "no"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_a_saved_checks_no_answers_show_as_no_in_the_pdf(
    empty_diary: Path, capsys: pytest.CaptureFixture[str], kb: KnowledgeBase
) -> None:
    days = _check_saved_with_answers(empty_diary, capsys)
    out = empty_diary / "report.pdf"
    assert lumbar(["report", "--out", str(out), "--include", "red_flags"]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True).stdout
    lines = text.splitlines()
    for finding in ("chest_pain", "fever"):  # short labels: label, answer and day stay on one line
        label = kb.findings[finding].label
        words = next(line for line in lines if label in line).split(label, 1)[1].split()
        assert words[0] == "no" and " ".join(words[1:3]) in {d.rsplit(" ", 1)[0] for d in days}, words
    label = kb.findings["breathlessness"].label
    words = next(line for line in lines if label in line).split(label, 1)[1].split()
    assert words[:2] == ["not", "asked"], words
