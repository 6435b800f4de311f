"""Diary service functions on every backend: logging with re-triage, episodes, profile, import, backup."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from backends import Backend
from diaries import big_diary, snapshot

from lumbar import diary_service as ds
from lumbar.diary.model import DiaryError, Treatment
from lumbar.knowledge import KnowledgeBase
from lumbar.knowledge.models import Urgency
from lumbar.store.database import Database
from lumbar.store.exchange import dump_json
from lumbar.store.repository import DiaryRepository

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
FEVER = "back pain since yesterday and a fever of 39.5"


def test_first_entry_opens_an_episode_and_later_ones_join_it(db: Database) -> None:
    with db.transaction() as s:
        first = ds.log_entry(session=s, now=NOW, at=NOW - timedelta(hours=5), pain=6, tried=["heat"], helped=["heat"])
    with db.transaction() as s:
        second = ds.log_entry(session=s, now=NOW, pain=4, tried=["walking"])
    assert first.opened_episode and not second.opened_episode
    assert second.episode.id == first.episode.id
    assert first.assessment is None and first.entry.urgency is None  # no notes, no re-triage
    with db.transaction() as s:
        stored = ds.history(session=s, now=NOW)
    assert [(e.pain, e.tried) for e in stored] == [
        (6, frozenset({Treatment.HEAT})),
        (4, frozenset({Treatment.WALKING})),
    ]


def test_helped_counts_as_tried(db: Database) -> None:
    with db.transaction() as s:
        logged = ds.log_entry(session=s, now=NOW, pain=3, helped=["ice"])
    assert logged.entry.tried == logged.entry.helped == frozenset({Treatment.ICE})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"pain": 11}, "pain must be a whole number from 0 to 10"),
        ({"pain": -1}, "pain must be a whole number from 0 to 10"),
        ({"interference_sleep": 12}, "sleep must be a whole number from 0 to 10"),
        ({"at": NOW + timedelta(minutes=1)}, "time is in the future"),
        ({"tried": ["yoga"]}, "unknown treatment 'yoga'; choose from: heat, ice"),
        ({"water_litres": 40.0}, "water must be between 0 and 20 litres"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_written(db: Database, fields: dict[str, object], message: str) -> None:
    with pytest.raises(DiaryError, match=message), db.transaction() as s:
        ds.log_entry(session=s, now=NOW, **fields)  # type: ignore[arg-type]
    with db.transaction() as s:
        assert DiaryRepository(s).count_entries() == 0
        assert DiaryRepository(s).count_episodes() == 0


def test_notes_are_retriaged_and_a_new_red_flag_is_returned_once(db: Database, kb: KnowledgeBase) -> None:
    with db.transaction() as s:
        first = ds.log_entry(session=s, now=NOW, kb=kb, pain=7, notes=FEVER)
    assert first.assessment is not None
    fired = {r.id for r in first.assessment.red_flags}
    assert fired, "the fever should fire a red-flag rule"
    assert first.entry.urgency == first.assessment.urgency
    assert first.entry.urgency is not Urgency.SELF_CARE
    assert {r.id for r in first.new_red_flags} == fired
    assert any("39.5" in " ".join(r.evidence) for r in first.new_red_flags)  # the words that raised it
    with db.transaction() as s:
        again = ds.log_entry(session=s, now=NOW, kb=kb, pain=7, notes=FEVER)
        (stored, _) = ds.history(session=s, now=NOW)
    assert again.new_red_flags == ()  # already seen in this episode
    assert stored.urgency == first.entry.urgency and set(stored.red_flags) == fired


def test_blank_notes_are_not_retriaged(db: Database) -> None:
    with db.transaction() as s:
        logged = ds.log_entry(session=s, now=NOW, pain=2, notes="   ")
    assert logged.entry.notes is None and logged.assessment is None


def test_a_backdated_entry_joins_the_episode_it_falls_in(db: Database) -> None:
    with db.transaction() as s:
        old = ds.start_episode(session=s, now=NOW, at=NOW - timedelta(days=30), trigger="gardening")
        ds.end_episode(session=s, now=NOW, at=NOW - timedelta(days=20))
        current = ds.log_entry(session=s, now=NOW, pain=5).episode
        backdated = ds.log_entry(session=s, now=NOW, at=NOW - timedelta(days=25), pain=8)
        earlier = ds.log_entry(session=s, now=NOW, at=NOW - timedelta(days=2), pain=6)
    assert backdated.episode.id == old.id
    assert earlier.episode.id == current.id and earlier.episode.started_at == NOW - timedelta(days=2)


def test_episodes_start_end_and_list(db: Database) -> None:
    with db.transaction() as s:
        ep = ds.start_episode(session=s, now=NOW, at=NOW - timedelta(days=3), trigger="  lifting  ")
        ds.log_entry(session=s, now=NOW, at=NOW - timedelta(days=2), pain=8)
        ds.log_entry(session=s, now=NOW, at=NOW - timedelta(days=1), pain=3)
    assert ep.trigger == "lifting"
    with pytest.raises(DiaryError, match="still open"), db.transaction() as s:
        ds.start_episode(session=s, now=NOW)
    with pytest.raises(DiaryError, match="after that end time"), db.transaction() as s:
        ds.end_episode(session=s, now=NOW, at=NOW - timedelta(days=2, hours=1))
    with db.transaction() as s:
        ended = ds.end_episode(session=s, now=NOW)
        (summary,) = ds.list_episodes(session=s)
    assert ended.ended_at == NOW
    assert (summary.entries, summary.last_pain, summary.worst_pain) == (2, 3, 8)
    with pytest.raises(DiaryError, match="no episode is open"), db.transaction() as s:
        ds.end_episode(session=s, now=NOW)


def test_history_by_episode_and_days(db: Database) -> None:
    with db.transaction() as s:
        a = ds.log_entry(session=s, now=NOW, at=NOW - timedelta(days=10), pain=1)
        ds.end_episode(session=s, now=NOW, at=NOW - timedelta(days=9))
        ds.log_entry(session=s, now=NOW, at=NOW - timedelta(days=1), pain=2)
    with db.transaction() as s:
        assert [e.pain for e in ds.history(session=s, now=NOW, days=3)] == [2]
        prefix = a.episode.id[:6]
        only = ds.history(session=s, now=NOW, episode_id=ds.resolve_episode(prefix, session=s).id)
        assert [e.pain for e in only] == [1]
        with pytest.raises(DiaryError, match="no episode"):
            ds.resolve_episode("zzzz", session=s)
        with pytest.raises(DiaryError, match="positive"):
            ds.history(session=s, now=NOW, days=0)


def test_profile_set_get_and_used_in_retriage(db: Database, kb: KnowledgeBase) -> None:
    with db.transaction() as s:
        assert ds.get_profile(session=s) is None
        ds.set_profile(session=s, kb=kb, age=70, sex="female", add_facts=["osteoporosis", "steroid_use"])
        p = ds.set_profile(session=s, kb=kb, remove_facts=["steroid_use"])
    assert (p.age, p.sex, p.facts) == (70, "female", frozenset({"osteoporosis"}))
    with (
        pytest.raises(DiaryError, match=r"unknown fact .bad_back.; choose from: .*osteoporosis"),
        db.transaction() as s,
    ):
        ds.set_profile(session=s, kb=kb, add_facts=["bad_back"])
    with pytest.raises(DiaryError, match="age must be between 0 and 120"), db.transaction() as s:
        ds.set_profile(session=s, kb=kb, age=130)
    with db.transaction() as s:
        assert ds.get_profile(session=s) == p


def test_export_import_round_trip_and_idempotence(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        ds.log_entry(session=s, now=NOW, at=NOW - timedelta(days=1), pain=6, tried=["nsaid"], notes=None)
        ds.log_entry(session=s, now=NOW, pain=4, location="left side")
        before = snapshot(DiaryRepository(s))
        for fmt in ("json", "csv"):
            (tmp_path / f"d.{fmt}").write_text(ds.export_diary(session=s, format=fmt, now=NOW), encoding="utf-8")
    for fmt in ("json", "csv"):
        with db.transaction() as s:
            DiaryRepository(s).clear()
        with db.transaction() as s:
            report = ds.import_diary(tmp_path / f"d.{fmt}", session=s)
        assert report.entries["added"] == 2 and report.episodes["added"] == 1
        with db.transaction() as s:
            again = ds.import_diary(tmp_path / f"d.{fmt}", session=s)
            assert snapshot(DiaryRepository(s)) == before
        assert again.entries == {"added": 0, "updated": 0, "unchanged": 2}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not text", "not UTF-8"),
        (b'{"format": "lumbar-diary", "version": 1, "entries": [', "not valid JSON"),
        (b'{"something": "else"}', "not a lumbar diary export"),
        (b"a,b\n1,2\n", "not a lumbar diary CSV"),
        (
            b'{"format": "lumbar-diary", "version": 1, "episodes": [], "entries": [{"id": "x", "episode_id": "nope",'
            b' "at": "2026-01-01T00:00:00+00:00"}]}',
            "episode 'nope', which is neither in the file nor in the diary",
        ),
    ],
)
def test_corrupt_imports_write_nothing(db: Database, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(DiaryError, match=message), db.transaction() as s:
        ds.import_diary(path, session=s)
    with db.transaction() as s:
        assert DiaryRepository(s).count_entries() == 0


def test_an_import_with_one_bad_entry_writes_none_of_it(db: Database, tmp_path: Path) -> None:
    data = big_diary(300)
    document = json.loads(dump_json(data, exported_at=NOW))
    document["entries"][250]["pain"] = 11
    document["entries"][260]["tried"] = ["yoga"]
    path = tmp_path / "almost.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DiaryError, match=r"entry 251: pain must be .*entry 261: unknown treatment 'yoga'"):
        with db.transaction() as s:
            ds.import_diary(path, session=s)
    with db.transaction() as s:
        assert DiaryRepository(s).count_entries() == 0 and DiaryRepository(s).count_episodes() == 0


def test_import_refuses_a_second_open_episode(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        ds.log_entry(session=s, now=NOW, pain=5)
        exported = ds.export_diary(session=s, format="json", now=NOW)
        DiaryRepository(s).clear()
        ds.log_entry(session=s, now=NOW, pain=2)
    path = tmp_path / "other.json"
    path.write_text(exported, encoding="utf-8")
    with pytest.raises(DiaryError, match="the file has an open episode, and so does the diary"), db.transaction() as s:
        ds.import_diary(path, session=s)


def test_backup(db: Database, backend: Backend, tmp_path: Path) -> None:
    with db.transaction() as s:
        ds.log_entry(session=s, now=NOW, pain=5, notes=None)
        ds.log_entry(session=s, now=NOW, pain=6)
    with db.transaction() as s:
        report = ds.backup(tmp_path / "out" / "copy", session=s, now=NOW)
    assert (report.entries, report.episodes) == (2, 1)
    if backend.name == "sqlite":
        assert report.kind == "sqlite-file"
        with sqlite3.connect(report.path) as copy:
            assert copy.execute("SELECT count(*) FROM entries").fetchone() == (2,)
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    else:
        assert report.kind == "json"
        assert len(json.loads(report.path.read_text(encoding="utf-8"))["entries"]) == 2


def test_symptom_text_never_reaches_the_logs(db: Database, kb: KnowledgeBase, caplog: pytest.LogCaptureFixture) -> None:
    words = "zebra-striped numbness after the fall"
    # Even with SQL logging turned on (someone debugging), the notes must not appear.
    with caplog.at_level(logging.INFO, logger="sqlalchemy.engine"), db.transaction() as s:
        ds.log_entry(session=s, now=NOW, kb=kb, pain=5, notes=words)
        ds.export_diary(session=s, format="json", now=NOW)
    assert any("INSERT INTO entries" in r.getMessage() for r in caplog.records)  # the SQL was logged
    assert all("zebra" not in r.getMessage() for r in caplog.records)
