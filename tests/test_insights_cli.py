"""`lumbar insights` end to end on a SQLite diary in a tmp dir: text, JSON, the safety net and --plot."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lumbar.cli import insights
from lumbar.cli import main as lumbar


def run_insights(*argv: str) -> int:
    # Parsed on its own so the test does not depend on the command being registered yet.
    parser = argparse.ArgumentParser(prog="lumbar")
    insights.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["insights", *argv])
    code: int = args.run(args)
    return code


@pytest.fixture
def diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four days of pain 7 with heat: the 72-hour safety net is due."""
    monkeypatch.setenv("LUMBAR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LUMBAR_DATABASE_URL", raising=False)
    now = datetime.now(UTC)
    for hours in (96, 84, 72, 60, 48, 36, 24, 12, 1):
        at = (now - timedelta(hours=hours)).isoformat(timespec="minutes")
        assert lumbar(["log", "7", "--at", at, "--tried", "heat", "--sitting", "7"]) == 0
    return tmp_path


def test_text_shows_insights_and_the_safety_net(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run_insights() == 0
    out = capsys.readouterr().out
    assert "9 entries, 9 with a pain score" in out
    assert "long sitting: not enough data yet" in out
    assert "ROUTINE" in out and "Not improving after 48-72 hours" in out


def test_json_carries_the_safety_net(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run_insights("--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["entries"] == 9
    assert out["safety_net"][0]["urgency"] == "routine"
    assert "rf_no_improvement" in [r["id"] for r in out["safety_net"][0]["red_flags"]]


def test_plot_writes_the_chart(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = diary / "episodes.svg"
    assert run_insights("--plot", str(target), "--chart", "episodes") == 0
    assert target.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "Chart written to" in capsys.readouterr().err


def test_bad_plot_name_and_unknown_episode_fail_clearly(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run_insights("--plot", str(diary / "chart.pdf")) == 2
    assert "must end in .png or .svg" in capsys.readouterr().err
    assert run_insights("--episode", "nope") == 2
    assert "no episode with id 'nope'" in capsys.readouterr().err
