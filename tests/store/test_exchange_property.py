"""Export then import is the identity, for generated diaries, in both formats, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from diaries import diaries, same, snapshot, store
from hypothesis import HealthCheck, given, settings

from lumbar.diary_service import export_diary, import_diary
from lumbar.store.database import Database
from lumbar.store.exchange import DiaryData, dump_csv, dump_json, parse_diary
from lumbar.store.repository import DiaryRepository

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


@settings(max_examples=100, deadline=None)
@given(diaries())
def test_the_formats_alone_round_trip(data: DiaryData) -> None:
    assert same(parse_diary(dump_json(data, exported_at=NOW).encode()), data)
    assert same(parse_diary(dump_csv(data).encode()), data)


@pytest.mark.parametrize("fmt", ["json", "csv"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=diaries())
def test_export_then_import_is_the_identity(db: Database, tmp_path: Path, fmt: str, data: DiaryData) -> None:
    with db.transaction() as s:  # each example starts from an empty diary
        DiaryRepository(s).clear()
        store(data, DiaryRepository(s))
    with db.transaction() as s:
        stored = snapshot(DiaryRepository(s))
        exported = export_diary(session=s, format=fmt, now=NOW)  # type: ignore[arg-type]
        DiaryRepository(s).clear()
    path = tmp_path / f"diary.{fmt}"
    path.write_text(exported, encoding="utf-8", newline="")
    with db.transaction() as s:
        import_diary(path, session=s)
    with db.transaction() as s:
        back = snapshot(DiaryRepository(s))
        assert export_diary(session=s, format=fmt, now=NOW) == exported
    assert same(stored, data)
    assert same(back, data)
