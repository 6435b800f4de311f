"""Backups: SQLite's online backup API (a consistent copy while others write); PostgreSQL: a JSON export."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.orm import Session

__all__ = ["sqlite_backup", "write_atomically"]


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def sqlite_backup(session: Session, dest: Path) -> None:
    """Copy the database's committed state to `dest` page by page (sqlite3.Connection.backup), atomically.

    The copy is read through a connection of its own: the session's connection holds the write lock
    (transactions begin IMMEDIATE), and WAL lets a second reader take a consistent snapshot meanwhile.
    """
    database = session.get_bind().engine.url.database
    if session.get_bind().dialect.name != "sqlite" or not database or database == ":memory:":
        raise TypeError("sqlite_backup needs a SQLite database file")
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(f"file:{Path(database).resolve()}?mode=ro", uri=True)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
