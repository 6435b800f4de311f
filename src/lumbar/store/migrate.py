"""Alembic migrations, applied automatically on start and independent of the current directory.

The fast path reads the stored revision with one query and returns when it is already `HEAD`, so a
command like `lumbar log 5` does not pay for loading Alembic. Otherwise the upgrade runs inside one
transaction holding the writer lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so two
processes starting on a new database at once do not both create the tables.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

__all__ = ["HEAD", "MIGRATIONS", "alembic_config", "current_revision", "downgrade", "ensure_schema", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0003"  # the newest revision in migrations/versions (a test checks they agree)
_PG_MIGRATION_LOCK = 0x6C756D60


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            return current_revision(connection) == HEAD
    except DBAPIError:
        return False


def alembic_config(connection: Connection):  # type: ignore[no-untyped-def]  # alembic.config.Config
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _run(engine: Engine, action: str, revision: str) -> None:
    from alembic import command

    with engine.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        config = alembic_config(connection)
        if action == "upgrade":
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the newest schema (a no-op costing one query when it already is)."""
    if not _at_head(engine):
        upgrade(engine)
