"""Two processes logging at once lose nothing; an import killed with SIGKILL leaves the diary as it was,
and can be run again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from backends import Backend
from diaries import big_diary
from sqlalchemy import text

from lumbar.diary_service import import_diary
from lumbar.store.database import Database
from lumbar.store.exchange import dump_json
from lumbar.store.repository import DiaryRepository

WORKER = Path(__file__).with_name("worker.py")
PER_PROCESS = 40


def _env(backend: Backend) -> dict[str, str]:
    return {**os.environ, **backend.env}


def test_two_processes_logging_at_once_lose_nothing(db: Database, backend: Backend, tmp_path: Path) -> None:
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "log", str(PER_PROCESS), str(go)],
            env=_env(backend),
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    go.touch()  # both start logging together
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-2000:]
    with db.transaction() as s:
        repo = DiaryRepository(s)
        assert repo.count_entries() == 2 * PER_PROCESS
        (episode,) = repo.episodes()  # both joined one episode: the lock held
        assert len({e.episode_id for e in repo.entries()}) == 1 and episode.ended_at is None


def _import_ids(db: Database) -> int:
    with db.transaction() as s:
        return s.execute(text("SELECT count(*) FROM entries WHERE id LIKE 'big-%'")).scalar_one()


def test_an_import_killed_midway_leaves_nothing_and_can_be_rerun(
    db: Database, backend: Backend, tmp_path: Path
) -> None:
    count = 3000
    path = tmp_path / "big.json"
    path.write_text(dump_json(big_diary(count), exported_at=datetime.now(UTC)), encoding="utf-8")
    with db.transaction() as s:  # a diary that already holds an entry of its own
        DiaryRepository(s).save_episode(big_diary(1, prefix="mine").episodes[0])
        DiaryRepository(s).save_entry(big_diary(1, prefix="mine").entries[0])

    worker = subprocess.Popen(
        [sys.executable, str(WORKER), "import", str(path), "0.05"],
        env=_env(backend),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert worker.stdout is not None
        first = worker.stdout.readline()
        assert first.startswith("writing 200/3000"), first + (worker.stderr.read()[-2000:] if worker.stderr else "")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.communicate()
    assert worker.returncode == -signal.SIGKILL

    assert _import_ids(db) in (0, count)  # all or nothing; never part
    if backend.name == "sqlite":
        with db.transaction() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    with db.transaction() as s:
        report = import_diary(path, session=s)
    assert report.entries["added"] + report.entries["unchanged"] == count
    assert _import_ids(db) == count
    with db.transaction() as s:
        assert DiaryRepository(s).count_entries() == count + 1
