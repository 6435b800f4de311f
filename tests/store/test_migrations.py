"""Migrations: from an empty database, and from the previous revision with rows kept."""

from __future__ import annotations

from datetime import UTC, datetime

from backends import Backend
from sqlalchemy import Connection, inspect, text

from lumbar.store.database import make_engine
from lumbar.store.migrate import HEAD, MIGRATIONS, current_revision, downgrade, ensure_schema, upgrade
from lumbar.store.repository import DiaryRepository
from lumbar.store.tables import Base


def _index_names(c: Connection, table: str) -> set[str]:
    # Straight from the catalogue: reflection skips the expression index (ux_episodes_one_open).
    if c.dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"
    else:
        sql = "SELECT indexname FROM pg_indexes WHERE tablename = :t"
    return set(c.execute(text(sql), {"t": table}).scalars())


def test_head_constant_is_the_newest_revision() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [HEAD]
    assert [r.revision for r in script.walk_revisions()] == ["0002", "0001"]


def test_upgrade_from_empty_matches_the_mappings(backend: Backend) -> None:
    engine = make_engine(backend.url)
    try:
        with engine.connect() as c:
            assert current_revision(c) is None
        ensure_schema(engine)
        ensure_schema(engine)  # a second start is a no-op
        with engine.connect() as c:
            assert current_revision(c) == HEAD
            inspector = inspect(c)
            for table in Base.metadata.sorted_tables:
                columns = {col["name"] for col in inspector.get_columns(table.name)}
                assert columns == set(table.columns.keys()), table.name
                assert {i.name for i in table.indexes} <= _index_names(c, table.name), table.name
    finally:
        engine.dispose()


def test_upgrade_from_the_previous_revision_keeps_rows(backend: Backend) -> None:
    engine = make_engine(backend.url)
    try:
        upgrade(engine, "head")
        downgrade(engine, "0001")
        with engine.connect() as c:
            assert current_revision(c) == "0001"
            assert not inspect(c).has_table("backups")
        # Rows written by a version of lumbar at revision 0001 (its schema, so plain SQL).
        with engine.begin() as c:
            c.execute(
                text("INSERT INTO episodes (id, started_at) VALUES ('e1', :t)"),
                {"t": datetime(2026, 1, 2, 9, tzinfo=UTC) if backend.name == "postgresql" else "2026-01-02 09:00:00"},
            )
            c.execute(
                text(
                    "INSERT INTO entries (id, episode_id, at, pain, tried, helped, red_flags, notes) "
                    "VALUES ('n1', 'e1', :t, 6, '[\"heat\"]', '[]', '[]', 'stiff')"
                ),
                {"t": datetime(2026, 1, 2, 10, tzinfo=UTC) if backend.name == "postgresql" else "2026-01-02 10:00:00"},
            )
        ensure_schema(engine)
        with engine.connect() as c:
            assert current_revision(c) == HEAD
            assert inspect(c).has_table("backups")
            assert "ix_entries_at" in _index_names(c, "entries")
        from sqlalchemy.orm import Session

        with Session(engine) as s, s.begin():
            (entry,) = DiaryRepository(s).entries()
            assert (entry.id, entry.pain, entry.notes, entry.at) == (
                "n1",
                6,
                "stiff",
                datetime(2026, 1, 2, 10, tzinfo=UTC),
            )
            assert {t.value for t in entry.tried} == {"heat"}
    finally:
        engine.dispose()


def test_downgrade_to_nothing_and_back(backend: Backend) -> None:
    engine = make_engine(backend.url)
    try:
        upgrade(engine)
        downgrade(engine, "base")
        with engine.connect() as c:
            assert not inspect(c).has_table("entries")
        upgrade(engine)
        with engine.connect() as c:
            assert current_revision(c) == HEAD
    finally:
        engine.dispose()
