"""Read-only transactions (Database.reading): they see committed data, never wait for a writer, and
cannot leave a change behind."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from lumbar.diary_service import log_entry
from lumbar.store.database import Database
from lumbar.store.repository import DiaryRepository

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def test_a_reader_does_not_wait_for_a_writer(db: Database) -> None:
    with db.transaction() as s:
        log_entry(session=s, now=NOW, at=NOW - timedelta(hours=1), pain=4)
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with db.transaction() as s:
            repo = DiaryRepository(s)
            repo.lock()
            log_entry(session=s, now=NOW, pain=7)
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(10)
        started = time.monotonic()
        with db.reading() as s:
            pains = [e.pain for e in DiaryRepository(s).entries()]
        waited = time.monotonic() - started
    finally:
        release.set()
        thread.join(10)
    assert pains == [4]  # the uncommitted entry is not seen
    assert waited < 5  # a writer holding the lock for up to 10 s did not hold this read up
    with db.reading() as s:
        assert [e.pain for e in DiaryRepository(s).entries()] == [4, 7]


def test_nothing_written_in_a_reading_transaction_stays(db: Database) -> None:
    with db.reading() as s:
        log_entry(session=s, now=NOW, pain=2)
    with db.reading() as s:
        assert DiaryRepository(s).count_entries() == 0
