"""Migrations: from an empty database, and from the previous revision with rows kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

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
    assert [r.revision for r in script.walk_revisions()] == ["0003", "0002", "0001"]


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


def _at(backend: Backend, hour: int) -> datetime | str:
    """A time as a row written with plain SQL holds it (SQLite keeps naive UTC text)."""
    return datetime(2026, 1, 2, hour, tzinfo=UTC) if backend.name == "postgresql" else f"2026-01-02 {hour:02d}:00:00"


def test_upgrade_from_revision_0001_keeps_rows(backend: Backend) -> None:
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


def test_upgrade_from_the_previous_revision_keeps_rows(backend: Backend) -> None:
    """0002 -> head: a check saved before answers were kept reads back with none; new ones keep theirs."""
    engine = make_engine(backend.url)
    try:
        upgrade(engine, "head")
        downgrade(engine, "0002")
        with engine.connect() as c:
            assert current_revision(c) == "0002"
            assert "answers" not in {col["name"] for col in inspect(c).get_columns("assessments")}
        with engine.begin() as c:  # rows as lumbar at revision 0002 wrote them
            c.execute(text("INSERT INTO episodes (id, started_at) VALUES ('e1', :t)"), {"t": _at(backend, 9)})
            c.execute(
                text(
                    "INSERT INTO assessments (episode_id, seq, at, urgency, red_flags, knowledge_version, reasons) "
                    "VALUES ('e1', 0, :t, 'urgent', '[\"rf_fever\"]', '1.0', '[\"a fever\"]')"
                ),
                {"t": _at(backend, 10)},
            )
            c.execute(
                text(
                    "INSERT INTO entries (id, episode_id, at, pain, tried, helped, red_flags) "
                    "VALUES ('n1', 'e1', :t, 6, '[]', '[]', '[]')"
                ),
                {"t": _at(backend, 11)},
            )
        ensure_schema(engine)
        with engine.connect() as c:
            assert current_revision(c) == HEAD
            assert "answers" in {col["name"] for col in inspect(c).get_columns("assessments")}
        from sqlalchemy.orm import Session

        answers = (("bladder_dysfunction", "absent"), ("fever", "present"), ("saddle_numbness", "uncertain"))
        with Session(engine) as s, s.begin():
            repo = DiaryRepository(s)
            (episode,) = repo.episodes()
            (old,) = episode.assessments
            assert (old.at, old.urgency.value, old.red_flags, old.reasons, old.answers) == (
                datetime(2026, 1, 2, 10, tzinfo=UTC),
                "urgent",
                ("rf_fever",),
                ("a fever",),
                (),
            )
            assert [e.id for e in repo.entries()] == ["n1"]
            repo.add_assessment("e1", replace(old, at=old.at + timedelta(hours=3), answers=answers))
        with Session(engine) as s, s.begin():
            (episode,) = DiaryRepository(s).episodes()
            assert [a.answers for a in episode.assessments] == [(), answers]
        downgrade(engine, "0002")  # and back down: the column goes, the rows stay
        with engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM assessments")).scalar() == 2
            assert "answers" not in {col["name"] for col in inspect(c).get_columns("assessments")}
            assert "ix_assessments_episode_id" in _index_names(c, "assessments")
            assert [fk["referred_table"] for fk in inspect(c).get_foreign_keys("assessments")] == ["episodes"]
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
