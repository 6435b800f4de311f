"""Diary storage: SQLAlchemy tables, the repository, Alembic migrations, exchange formats, backups.

SQLite (WAL) in the user's data directory by default; PostgreSQL when `LUMBAR_DATABASE_URL` says so.
"""

from lumbar.store.database import Database, make_engine, open_database
from lumbar.store.repository import DiaryRepository

__all__ = ["Database", "DiaryRepository", "make_engine", "open_database"]
