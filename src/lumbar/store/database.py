"""Engines and sessions for the diary: SQLite (WAL, busy timeout, IMMEDIATE transactions) or PostgreSQL.

`open_database(settings)` creates the engine and brings the schema to the latest migration before
returning (migrations run automatically on start; see `migrate.py`).

Connections are pooled (see `make_engine`), so the web app does not open a connection and run the
SQLite PRAGMAs for every request; `Database.dispose()` closes them, and every CLI command calls it before
it returns, so no connection outlives a command.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, QueuePool

from lumbar.settings import Settings

__all__ = ["Database", "make_engine", "open_database"]

# How long a writer waits for another writer before giving up (a long import holds the lock).
SQLITE_BUSY_TIMEOUT_MS = 30_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the sqlite3 module, so BEGIN is ours (see _sqlite_begin) and DDL
    # in a migration is transactional.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed transaction
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


# Connections kept open for reuse: more than the web app usually has in use at once (the diary page reads
# two at a time). A burst beyond this opens extra connections, closed when they are returned: no request
# ever waits for a free one (max_overflow=-1), as with no pool at all. A CLI command uses one. (40 instead
# of 8 changed nothing in bench/web.py at 50 connections: opening one costs about 0.3 ms.)
POOL_SIZE = 8

READ_ONLY: Final = "lumbar_read_only"  # an execution option: this transaction only reads


def _sqlite_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock at BEGIN, waiting up to busy_timeout for it, so two writers queue
    # instead of one failing when a read turns into a write. A read-only transaction (Database.reading)
    # begins DEFERRED: in WAL mode readers never wait for the writer or for each other.
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """hide_parameters: bound values (entry notes are symptom text) never appear in SQL logs or in
    error messages, whoever turns logging on.

    Pooled (QueuePool, last returned first out, so the warm connections are the ones reused): the PRAGMAs
    run once per connection, not once per transaction. SQLite connections move between the web app's
    threads, so check_same_thread is off; that is safe because the pool hands a connection to one thread
    at a time. A connection goes back to the pool rolled back (SQLAlchemy's reset on return), so no
    transaction or lock is carried over. PostgreSQL connections are pinged before reuse, so a server
    restart costs one reconnect, not a failed request."""
    parsed = make_url(url)
    pooled: dict[str, Any] = {"poolclass": QueuePool, "pool_size": POOL_SIZE, "max_overflow": -1, "pool_use_lifo": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, hide_parameters=True, connect_args={"check_same_thread": False}, **pooled)
        else:  # no file (lumbar never uses one): as before, unpooled
            engine = create_engine(parsed, poolclass=NullPool, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        parsed, hide_parameters=True, pool_pre_ping=True, connect_args={"connect_timeout": 10}, **pooled
    )


@dataclass(frozen=True)
class Database:
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One session in one transaction: committed on success, rolled back on any exception."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads (a consistent snapshot; never takes SQLite's write lock, so many
        pages can be read at once). Writing in it is a mistake: it is rolled back at the end."""
        with self.sessions() as session:
            session.connection(execution_options={READ_ONLY: True})
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        """Close the pooled connections (on SQLite the last close also checkpoints and removes the WAL
        file). Call it when no transaction is open (a CLI command at its end, the web app at shutdown):
        a connection in use at that moment goes back to the old pool and is closed only when that pool is
        garbage-collected. The Database stays usable: it opens new connections if asked."""
        self.engine.dispose()


def open_database(settings: Settings, *, migrate: bool = True) -> Database:
    engine = make_engine(settings.database_url)
    if migrate:
        from lumbar.store.migrate import ensure_schema

        ensure_schema(engine)
    return Database(engine, sessionmaker(engine, expire_on_commit=False))
