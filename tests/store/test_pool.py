"""Pooled connections (`make_engine`): reused instead of opened per transaction, shared safely between
threads, handed back with no transaction or lock left open, and closed by `dispose`."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from backends import Backend
from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import NullPool

from lumbar.diary_service import list_episodes, log_entry
from lumbar.store.database import POOL_SIZE, Database, open_database
from lumbar.store.repository import DiaryRepository

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def _count_connects(db: Database) -> list[int]:
    opened = [0]

    def count(*_args: Any) -> None:
        opened[0] += 1

    event.listen(db.engine, "connect", count)
    return opened


def test_transactions_one_after_another_reuse_one_connection(db: Database) -> None:
    opened = _count_connects(db)
    for i in range(20):
        with db.transaction() as s:
            log_entry(session=s, now=NOW, at=NOW - timedelta(minutes=i), pain=i % 11)
        with db.reading() as s:
            list_episodes(session=s)
    assert opened[0] <= 1  # open_database's own connection (the schema check) is usually the one reused


def _settings_of_each_connection(db: Database) -> Iterator[tuple[int, int, str]]:
    with db.engine.connect() as conn:
        yield (
            conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one(),
            conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one(),
            conn.exec_driver_sql("PRAGMA journal_mode").scalar_one(),
        )


def test_threads_reading_and_writing_at_once_lose_nothing(db: Database, backend: Backend) -> None:
    threads, per_thread = 2 * POOL_SIZE, 6  # more threads than pooled connections: the overflow is used too
    start = threading.Barrier(threads)
    errors: list[BaseException] = []
    seen: list[tuple[int, int, str]] = []

    def work(k: int) -> None:
        try:
            start.wait(10)
            for i in range(per_thread):
                with db.transaction() as s:
                    log_entry(session=s, now=NOW, at=NOW - timedelta(minutes=k * per_thread + i), pain=i)
                with db.reading() as s:
                    assert sum(e.entries for e in list_episodes(session=s)) >= i + 1
                if backend.name == "sqlite":
                    seen.extend(_settings_of_each_connection(db))
        except BaseException as exc:  # reported below, in the test's own thread
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert not errors, errors[0]
    with db.reading() as s:
        (summary,) = list_episodes(session=s)  # every writer joined the one open episode
    assert summary.entries == threads * per_thread
    # Every connection, however often reused and whichever thread opened it, kept its settings.
    assert set(seen) <= {(1, 30_000, "wal")}


def test_a_failed_transaction_leaves_no_lock_on_its_pooled_connection(db: Database, backend: Backend) -> None:
    with pytest.raises(RuntimeError), db.transaction() as s:
        repo = DiaryRepository(s)
        repo.lock()  # the writer lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock)
        log_entry(session=s, now=NOW, pain=3)
        raise RuntimeError("something went wrong mid-write")
    # The connection is back in the pool, idle. A writer through another engine does not wait for it.
    other = open_database(backend.settings())
    done = threading.Event()

    def write() -> None:
        with other.transaction() as s:
            DiaryRepository(s).lock()
            log_entry(session=s, now=NOW, pain=5)
        done.set()

    writer = threading.Thread(target=write)
    try:
        writer.start()
        writer.join(10)  # the lock waits are 30 s: a lock left held would still be waiting here
        assert done.is_set()
    finally:
        writer.join(60)
        other.dispose()
    with db.reading() as s:
        assert [e.pain for e in DiaryRepository(s).entries()] == [5]


def _open_connections(backend: Backend) -> int:
    """PostgreSQL sessions on the test's database, seen from a connection of its own."""
    engine = create_engine(backend.url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            count: int = conn.execute(text(sql)).scalar_one()
            return count
    finally:
        engine.dispose()


def test_dispose_closes_every_pooled_connection(backend: Backend) -> None:
    db = open_database(backend.settings())
    wal = Path(str(db.engine.url.database) + "-wal")
    barrier = threading.Barrier(3)

    def read() -> None:
        with db.reading() as s:
            DiaryRepository(s).count_entries()
            barrier.wait(10)  # three connections in use at once, then all three back in the pool

    workers = [threading.Thread(target=read) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(10)
    assert db.engine.pool.checkedin() == 3  # type: ignore[attr-defined]
    if backend.name == "sqlite":
        assert wal.exists()
        db.dispose()
        assert not wal.exists()  # SQLite removes the WAL file when its last connection closes
    else:
        assert _open_connections(backend) == 3
        db.dispose()
        assert _open_connections(backend) == 0
