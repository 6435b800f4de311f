"""The diary commands end to end through `lumbar.cli.main`, on a SQLite diary in a temporary folder.
Bad input: one line naming the problem, exit code 2, nothing written, never a traceback."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lumbar.cli import main
from lumbar.cli.progress import progress_bar


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LUMBAR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LUMBAR_DATABASE_URL", raising=False)
    return tmp_path


def _count(home: Path, table: str = "entries") -> int:
    path = home / "lumbar.db"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as c:
        return int(c.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608  # our own names


def _one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    return err


def test_quick_log_then_history_and_episodes(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "6", "--tried", "heat", "--tried", "nsaid", "--helped", "heat", "--water", "1.5"]) == 0
    assert "Logged pain 6/10" in capsys.readouterr().out
    assert main(["log", "4", "--at", "yesterday 21:30", "--spasm", "--sleep", "7", "--sitting", "9"]) == 0
    capsys.readouterr()
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "pain  4" in lines[0] and "spasm" in lines[0] and "sleep 7" in lines[0]
    assert "pain  6" in lines[1] and "tried: heat, nsaid (helped: heat)" in lines[1]
    assert main(["episodes"]) == 0
    assert "2 entries" in capsys.readouterr().out
    assert _count(home) == 2


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["log", "11"], ["pain", "0 to 10", "11"]),
        (["log", "-1"], ["pain", "0 to 10", "-1"]),
        (["log", "abc"], ["pain", "'abc'"]),
        (["log", "6.5"], ["pain", "whole number"]),
        (["log", "5", "--at", "2999-01-01 10:00"], ["time is in the future"]),
        (["log", "5", "--at", "last tuesday"], ["'last tuesday' is not a time"]),
        (["log", "5", "--tried", "yoga"], ["unknown treatment 'yoga'", "heat, ice"]),
        (["log", "5", "--helped", "acupuncture"], ["unknown treatment 'acupuncture'"]),
        (["log", "5", "--water", "lots"], ["water (litres) must be a number"]),
        (["log", "5", "--activity", "12"], ["activity", "0 to 10"]),
        (["log"], ["give a pain score"]),  # no terminal to ask in
        (["history", "--days", "x"], ["days must be a number"]),
        (["history", "--episode", "nosuch"], ["no episode with id 'nosuch'"]),
        (["episodes", "--end"], ["no episode is open"]),
        (["episodes", "--trigger", "x"], ["--trigger goes with --start"]),
        (["profile", "--fact", "bad_back"], ["unknown fact 'bad_back'", "osteoporosis"]),
        (["profile", "--age", "200"], ["age must be between 0 and 120"]),
        (["import", "/nonexistent/diary.json"], ["cannot read"]),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str], words: list[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(argv) == 2
    _one_line_error(capsys, *words)
    assert _count(home) == 0


def test_a_red_flag_in_the_notes_shows_the_urgency_first(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "7", "--note", "back pain and a fever of 39.5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split(":")[0] in {"ROUTINE", "URGENT", "EMERGENCY"}  # urgency first
    assert any("39.5" in line for line in out[:4])  # then the words that raised it
    assert main(["log", "7", "--note", "still a fever of 39.5"]) == 0
    assert capsys.readouterr().out.startswith("Logged")  # not new any more: no banner


def test_interactive_log_asks_and_skips(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: Iterator[str] = iter(
        ["eleven", "8", "", "5", "", "y", "", "", "heat, walking", "walking", "2", "", "", "", ""]
    )
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["log"]) == 0
    out = capsys.readouterr().out
    assert "pain must be a whole number from 0 to 10, not 'eleven'" in out  # asked again
    with sqlite3.connect(home / "lumbar.db") as c:
        row = c.execute(
            "SELECT pain, interference_activity, interference_sleep, spasm, tried, helped, water_litres FROM entries"
        ).fetchone()
    assert row == (8, None, 5, 1, '["heat", "walking"]', '["walking"]', 2.0)


def test_interactive_log_stopped_by_end_of_input_stores_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def eof(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", eof)
    assert main(["log"]) == 2
    _one_line_error(capsys, "nothing was stored")
    assert _count(home) == 0


def test_profile_episodes_export_import_backup(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "--age", "58", "--sex", "female", "--fact", "osteoporosis"]) == 0
    assert main(["episodes", "--start", "--trigger", "moving house", "--at", "yesterday 08:00"]) == 0
    assert main(["log", "5", "--tried", "ice"]) == 0
    capsys.readouterr()
    assert main(["profile"]) == 0
    assert "facts: osteoporosis" in capsys.readouterr().out
    assert main(["export", "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert csv_text.startswith("record,id,") and "moving house" in csv_text
    out = home / "diary.json"
    assert main(["export", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["profile"]["facts"] == ["osteoporosis"] and len(document["entries"]) == 1
    assert main(["import", str(out)]) == 0
    assert "entries 1 unchanged" in capsys.readouterr().out
    assert main(["episodes", "--end"]) == 0
    assert main(["backup"]) == 0
    (copy,) = (home / "backups").glob("lumbar-*.db")
    with sqlite3.connect(copy) as c:
        assert c.execute("SELECT count(*) FROM entries").fetchone() == (1,)


def test_a_corrupt_import_writes_nothing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "3"]) == 0
    out = home / "diary.json"
    assert main(["export", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    document["entries"].append({**document["entries"][0], "id": "another", "pain": "a lot"})
    out.write_text(json.dumps(document), encoding="utf-8")
    assert main(["episodes", "--end"]) == 0
    capsys.readouterr()
    before = _count(home)
    assert main(["import", str(out)]) == 2
    _one_line_error(capsys, "diary.json cannot be imported", "pain must be a whole number")
    out.write_text(out.read_text(encoding="utf-8")[:-40], encoding="utf-8")  # cut short
    assert main(["import", str(out)]) == 2
    _one_line_error(capsys, "not valid JSON")
    assert _count(home) == before


def test_an_unreachable_database_is_one_line_exit_1(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LUMBAR_DATABASE_URL", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert main(["log", "5"]) == 1
    err = _one_line_error(capsys, "cannot use the diary database")
    assert "secret" not in err


def test_a_bad_database_url_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LUMBAR_DATABASE_URL", "mysql://root:pw@localhost/x")
    assert main(["history"]) == 2
    err = _one_line_error(capsys, "LUMBAR_DATABASE_URL must start with sqlite:/// or postgresql://")
    assert "pw" not in err


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress_bar("importing", stream=io.StringIO()) is None
    stream = Tty()
    draw = progress_bar("importing", stream=stream)
    assert draw is not None
    draw(500, 2000)
    draw(2000, 2000)
    assert "500/2000" in stream.getvalue() and stream.getvalue().endswith("2000/2000\n")
    small = Tty()
    draw_small = progress_bar("importing", stream=small)
    assert draw_small is not None
    draw_small(10, 10)
    assert small.getvalue() == ""


def test_history_times_are_shown_in_local_time(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "2", "--at", "2026-01-05T10:00:00+00:00"]) == 0
    capsys.readouterr()
    assert main(["history"]) == 0
    shown = capsys.readouterr().out.split("  ")[0]
    expected = datetime.fromisoformat("2026-01-05T10:00:00+00:00").astimezone()
    assert shown == f"{expected:%Y-%m-%d %H:%M}"


def test_logging_calls_out_no_improvement_after_72_hours(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 003's 48-72 hour rule, over time: the same pain four days on, with self-care, is called out."""
    now = datetime.now().astimezone()
    for days_ago in (4, 3):
        at = (now - timedelta(days=days_ago)).isoformat(timespec="minutes")
        assert main(["log", "7", "--tried", "heat", "--at", at]) == 0
    capsys.readouterr()
    assert main(["log", "7", "--tried", "heat"]) == 0
    out = capsys.readouterr().out
    assert "This episode: ROUTINE" in out
    assert "Not improving after 48-72 hours" in out


def test_no_call_out_before_72_hours(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now().astimezone()
    assert main(["log", "7", "--tried", "heat", "--at", (now - timedelta(days=1)).isoformat(timespec="minutes")]) == 0
    assert main(["log", "7", "--tried", "heat"]) == 0
    assert "This episode" not in capsys.readouterr().out


def test_check_save_attaches_the_assessment_to_the_open_episode(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "5"]) == 0
    capsys.readouterr()
    text = "Back spasm and now I can't feel myself pee"
    assert main(["check", "--text", text, "--json", "--save"]) == 0
    assert json.loads(capsys.readouterr().out)["urgency"] == "emergency"
    with sqlite3.connect(home / "lumbar.db") as db:
        rows = db.execute("select urgency, answers from assessments").fetchall()
    assert [r[0] for r in rows] == ["emergency"]
    assert json.loads(rows[0][1])["bladder_dysfunction"] == "present"  # the answer the text gave is kept
